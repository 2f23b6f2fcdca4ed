package fundamentos.linalg;

import fundamentos.parallel.Blocks;
import java.util.function.Supplier;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Matrix products on row-major {@code double[]} arrays through OpenBLAS, the same native library
 * (bytedeco's build, shipped in the package's lib/) that ND4J's CPU backend calls. Calling it
 * directly avoids ND4J's start-up (about a second) and its per-op overhead for algorithms that are a
 * handful of large products, such as PCA.
 *
 * <p>OpenBLAS splits a product among threads and the order of the partial sums depends on the
 * thread count, so results agree across thread counts only to rounding (about 1e-13 relative).
 */
public final class NativeBlas {

  private NativeBlas() {
  }

  /**
   * C = alpha * op(A) op(B) + beta * C for row-major matrices, where op(A) is m x k and op(B) is
   * k x n.
   *
   * @param transposeA whether A is stored k x m (and used transposed)
   * @param transposeB whether B is stored n x k (and used transposed)
   */
  public static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha,
      double[] a, double[] b, double beta, double[] c) {
    if (m == 0 || n == 0) {
      return;
    }
    openblas.cblas_dgemm(openblas.CblasRowMajor, op(transposeA), op(transposeB), m, n, k, alpha,
        a, stride(transposeA, m, k), b, stride(transposeB, k, n), beta, c, stride(false, m, n));
  }

  /**
   * C = op(A) op(B) in single precision for row-major matrices (op(A) m x k, op(B) k x n), through
   * the OpenBLAS build ND4J itself calls ({@code openblas_nolapack}), so that ND4J's thread setting
   * (Nd4jRuntime, the networks' numThreads option) applies. For the hand-written network layers:
   * at their sizes (a few thousand rows by 64) a direct call was three times faster than Nd4j.gemm.
   */
  public static void sgemm(boolean transposeA, boolean transposeB, int m, int n, int k,
      float[] a, float[] b, float[] c) {
    if (m == 0 || n == 0) {
      return;
    }
    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, op(transposeA), op(transposeB),
        m, n, k, 1f, a, stride(transposeA, m, k), b, stride(transposeB, k, n), 0f, c,
        stride(false, m, n));
  }

  /**
   * CBLAS's operation code for a matrix used as stored or transposed (CBLAS_TRANSPOSE, the same
   * numbers in both of bytedeco's OpenBLAS bindings).
   */
  private static int op(boolean transpose) {
    return transpose ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
  }

  /**
   * The leading dimension CBLAS wants for a row-major operand whose op(X) is rows x columns: the
   * length of a stored row (X is stored columns x rows when transposed), at least 1 even for an
   * empty matrix.
   */
  private static int stride(boolean transposed, int rows, int columns) {
    return Math.max(1, transposed ? rows : columns);
  }

  /**
   * Runs {@code work} with OpenBLAS limited to {@code threads} threads (0 or less: every core) and
   * restores the previous setting afterwards, so that other schemes in the same JVM (ND4J shares
   * the library) keep theirs.
   */
  public static synchronized <T> T withThreads(int threads, Supplier<T> work) {
    int previous = openblas.blas_get_num_threads();
    openblas.blas_set_num_threads(threads > 0 ? threads : Blocks.availableThreads());
    try {
      return work.get();
    } finally {
      openblas.blas_set_num_threads(previous);
    }
  }
}
