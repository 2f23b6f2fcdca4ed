package fundamentos.deep;

import fundamentos.linalg.NativeBlas;

/**
 * The matrix products of the hand-written network layers on row-major float arrays (through
 * {@link NativeBlas#sgemm}): an affine map with a bias, the gradient of a weight matrix and its
 * bias, and a product added to an accumulator.
 */
final class LayerProducts {

  private LayerProducts() {
  }

  /** c = op(a) op(b); a is aRows x aColumns, b bRows x bColumns as stored (row-major). */
  static void multiply(float[] a, int aRows, int aColumns, boolean transA, float[] b, int bRows,
      int bColumns, boolean transB, float[] c) {
    int m = transA ? aColumns : aRows;
    int k = transA ? aRows : aColumns;
    int n = transB ? bRows : bColumns;
    NativeBlas.sgemm(transA, transB, m, n, k, a, b, c);
  }

  /** out = in W + b, in rows x inWidth, W inWidth x outWidth. */
  static void affine(float[] in, int rows, int inWidth, float[] w, int outWidth, float[] b,
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
  static void weightGradient(float[] in, int rows, int inWidth, float[] dOut, int outWidth,
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
  static void multiplyAdd(float[] dOut, int rows, int width, float[] w, int d, float[] acc) {
    float[] product = new float[rows * d];
    multiply(dOut, rows, width, false, w, d, width, true, product);
    for (int i = 0; i < acc.length; i++) {
      acc[i] += product[i];
    }
  }
}
