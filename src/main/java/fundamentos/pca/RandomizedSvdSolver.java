package fundamentos.pca;

import fundamentos.linalg.NativeLapack;
import fundamentos.linalg.NativeMatrix;
import fundamentos.progress.Cancellation;
import java.util.Random;

/**
 * Truncated PCA by randomized subspace iteration (Halko, Martinsson and Tropp 2011, Algorithm 4.4
 * with the oversampling of Section 4.2): project A on l = k + p random Gaussian directions, sharpen
 * the captured range with q power iterations (re-orthonormalised by QR each time, which keeps the
 * small singular values from drowning in rounding), then take the exact SVD of the small l x d
 * matrix B = Q^T A. Cost O(n d l (2q + 2)) in products that stream A in blocks, memory O((n + d) l):
 * the choice when few components of a large matrix are wanted.
 */
public final class RandomizedSvdSolver {

  /** Extra random directions beyond the k wanted (Halko et al. recommend 5 to 10). */
  public static final int OVERSAMPLING = 10;

  private final long seed;
  private final int powerIterations;

  /**
   * @param seed seed of the Gaussian test matrix
   * @param powerIterations q, or a negative number for scikit-learn's choice (7 when k is under a
   *     tenth of min(n, d), else 4)
   */
  public RandomizedSvdSolver(long seed, int powerIterations) {
    this.seed = seed;
    this.powerIterations = powerIterations;
  }

  /** The number of power iterations used for k components of an n x d matrix. */
  public int powerIterations(int k, int n, int d) {
    if (powerIterations >= 0) {
      return powerIterations;
    }
    return k < 0.1 * Math.min(n, d) ? 7 : 4;
  }

  /**
   * @param matrix the materialised data matrix ({@link DataMatrix#materialise}), not modified
   * @param components how many leading components (1..min(n, d))
   */
  public Spectrum solve(NativeMatrix matrix, int components) {
    int n = matrix.rows();
    int d = matrix.cols();
    int l = Math.min(components + OVERSAMPLING, Math.min(n, d));
    NativeLapack.SingularVectors svd;
    Random random = new Random(seed);
    double[] gaussian = new double[d * l];
    for (int i = 0; i < gaussian.length; i++) {
      gaussian[i] = random.nextGaussian();
    }
    int iterations = powerIterations(components, n, d);
    double[] z;
    try (NativeMatrix omega = NativeMatrix.of(gaussian, d, l)) {
      NativeMatrix q = matrix.times(omega);
      NativeLapack.orthonormaliseColumns(q);
      for (int it = 0; it < iterations; it++) {
        if (Cancellation.requested()) {
          // q is not in a try-with-resources (it is replaced each pass): free it before leaving
          q.close();
          Cancellation.check();
        }
        try (NativeMatrix back = matrix.transposeTimes(q)) {
          q.close();
          NativeLapack.orthonormaliseColumns(back);
          q = matrix.times(back);
        }
        NativeLapack.orthonormaliseColumns(q);
      }
      // Z = A^T Q = B^T; the left singular vectors of Z are the right singular vectors of B
      try (NativeMatrix product = matrix.transposeTimes(q)) {
        z = product.toArray();
      } finally {
        q.close();
      }
    }
    // the row-major d x l Z, rewritten column-major for LAPACK
    try (NativeMatrix columnMajor = new NativeMatrix(l, d)) {
      double[] transposed = new double[d * l];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < l; j++) {
          transposed[i + j * d] = z[i * l + j];
        }
      }
      columnMajor.setRows(0, transposed, l);
      svd = NativeLapack.leftSingular(columnMajor, d, l);
    }
    return Spectrum.ofSingularVectors(svd, components, PcaSolver.RANDOMIZED);
  }
}
