package fundamentos.deep;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Matrix products of the hand-written layers: OpenBLAS's sgemm (the library and thread setting
 * ND4J itself uses, {@code openblas_nolapack}) called directly on native buffers kept between
 * calls, the operands copied in and the result copied out. Measured on the Transformer's shapes
 * ([1088 x 64] times [64 x 64]) this was three times faster than Nd4j.gemm, whose custom-op path
 * costs more than the product itself at these sizes.
 */
final class NativeGemm {

  private final Map<String, FloatPointer> buffers = new HashMap<>();

  private FloatPointer buffer(String name, long size) {
    FloatPointer pointer = buffers.get(name);
    if (pointer == null || pointer.capacity() < size) {
      if (pointer != null) {
        pointer.close();
      }
      pointer = new FloatPointer(size);
      buffers.put(name, pointer);
    }
    return pointer;
  }

  /** c = op(a) op(b); a is aRows x aColumns, b bRows x bColumns as stored (row-major). */
  void multiply(float[] a, int aRows, int aColumns, boolean transA, float[] b, int bRows,
      int bColumns, boolean transB, float[] c) {
    int m = transA ? aColumns : aRows;
    int k = transA ? aRows : aColumns;
    int n = transB ? bRows : bColumns;
    FloatPointer na = buffer("a", (long) aRows * aColumns);
    FloatPointer nb = buffer("b", (long) bRows * bColumns);
    FloatPointer nc = buffer("c", (long) m * n);
    na.position(0).put(a, 0, aRows * aColumns);
    nb.position(0).put(b, 0, bRows * bColumns);
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
        transB ? CblasTrans : CblasNoTrans, m, n, k, 1f, na, aColumns, nb, bColumns, 0f, nc, n);
    nc.position(0).get(c, 0, m * n);
  }

  /** out = in W + b, in rows x inWidth, W inWidth x outWidth. */
  void affine(float[] in, int rows, int inWidth, float[] w, int outWidth, float[] b,
      float[] out) {
    multiply(in, rows, inWidth, false, w, inWidth, outWidth, false, out);
    for (int r = 0; r < rows; r++) {
      int at = r * outWidth;
      for (int j = 0; j < outWidth; j++) {
        out[at + j] += b[j];
      }
    }
  }

  /** dW += in^T dOut, db += column sums of dOut. */
  void weightGradient(float[] in, int rows, int inWidth, float[] dOut, int outWidth,
      float[] dW, float[] db) {
    float[] product = new float[inWidth * outWidth];
    multiply(in, rows, inWidth, true, dOut, rows, outWidth, false, product);
    for (int i = 0; i < product.length; i++) {
      dW[i] += product[i];
    }
    for (int r = 0; r < rows; r++) {
      int at = r * outWidth;
      for (int j = 0; j < outWidth; j++) {
        db[j] += dOut[at + j];
      }
    }
  }

  /** acc += dOut W^T, W d x width. */
  void multiplyAdd(float[] dOut, int rows, int width, float[] w, int d, float[] acc) {
    float[] product = new float[rows * d];
    multiply(dOut, rows, width, false, w, d, width, true, product);
    for (int i = 0; i < acc.length; i++) {
      acc[i] += product[i];
    }
  }
}
