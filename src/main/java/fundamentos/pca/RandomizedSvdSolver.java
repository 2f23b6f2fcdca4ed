package fundamentos.pca;

import fundamentos.linalg.NativeLapack;
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
   * @param components how many leading components (1..min(n, d))
   */
  public Spectrum solve(DataMatrix a, int components) {
    int n = a.rows();
    int d = a.columns();
    int l = Math.min(components + OVERSAMPLING, Math.min(n, d));
    Random random = new Random(seed);
    double[] omega = new double[d * l];
    for (int i = 0; i < omega.length; i++) {
      omega[i] = random.nextGaussian();
    }
    double[] q = a.times(omega, l);
    NativeLapack.orthonormaliseColumns(q, n, l);
    int iterations = powerIterations(components, n, d);
    for (int it = 0; it < iterations; it++) {
      double[] z = a.transposeTimes(q, l);
      NativeLapack.orthonormaliseColumns(z, d, l);
      q = a.times(z, l);
      NativeLapack.orthonormaliseColumns(q, n, l);
    }
    // Z = A^T Q = B^T; the left singular vectors of Z are the right singular vectors of B
    double[] z = a.transposeTimes(q, l);
    double[] columnMajor = new double[d * l];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < l; j++) {
        columnMajor[i + j * d] = z[i * l + j];
      }
    }
    NativeLapack.SingularVectors svd = NativeLapack.leftSingular(columnMajor, d, l);
    int k = Math.min(components, svd.values().length);
    double[] eigenvalues = new double[k];
    double[][] axes = new double[k][];
    for (int i = 0; i < k; i++) {
      eigenvalues[i] = svd.values()[i] * svd.values()[i];
      axes[i] = svd.vectors()[i];
    }
    return new Spectrum(eigenvalues, axes, PcaSolver.RANDOMIZED).withDeterministicSigns();
  }
}
