package fundamentos.pca;

import fundamentos.linalg.NativeLapack;

/**
 * The course's PCA as written (Algorithm 6): form the d x d covariance matrix C = A^T A (one BLAS
 * syrk per block of rows, O(n d^2)) and take its leading eigenpairs (LAPACK dsyevr, O(d^3)). The
 * fastest exact solver when d is small relative to n; its cost and memory do not grow with n
 * beyond the one pass over the data.
 */
public final class CovarianceEigenSolver {

  /**
   * @param gramUpper C = A^T A ({@link DataMatrix#gramUpper}), d x d, upper triangle; overwritten
   * @param components how many leading eigenpairs (1..d)
   */
  public Spectrum solve(double[] gramUpper, int d, int components) {
    NativeLapack.Eigenpairs pairs = NativeLapack.symmetricEigen(gramUpper, d, components);
    return new Spectrum(pairs.values(), pairs.vectors(), PcaSolver.COVARIANCE)
        .withDeterministicSigns();
  }
}
