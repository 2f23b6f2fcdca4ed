package fundamentos.pca;

import fundamentos.linalg.NativeLapack;

/**
 * The leading part of the eigendecomposition of the covariance matrix C that a solver computed:
 * eigenvalues in decreasing order and the matching unit eigenvectors (principal axes, Eq. 5.5), one
 * per row.
 *
 * @param eigenvalues lambda_1 >= lambda_2 >= ... (negative rounding noise clipped to 0)
 * @param axes axes[i] is the unit eigenvector of eigenvalues[i], of length d
 * @param solver the solver that produced it
 */
public record Spectrum(double[] eigenvalues, double[][] axes, PcaSolver solver) {

  /**
   * The spectrum from an SVD of the (centred, scaled) data matrix A: A = U Sigma V^T gives
   * A^T A = V Sigma^2 V^T, so the eigenvalues are the squared singular values and the axes the right
   * singular vectors, in the same decreasing order (Eq. 5.5 through the SVD).
   *
   * @param svd the singular values and right singular vectors of A, largest first
   * @param components how many leading ones to keep (fewer if the SVD has fewer)
   */
  static Spectrum ofSingularVectors(NativeLapack.SingularVectors svd, int components,
      PcaSolver solver) {
    int k = Math.min(components, svd.values().length);
    double[] eigenvalues = new double[k];
    double[][] axes = new double[k][];
    for (int i = 0; i < k; i++) {
      eigenvalues[i] = svd.values()[i] * svd.values()[i];
      axes[i] = svd.vectors()[i];
    }
    return new Spectrum(eigenvalues, axes, solver).withDeterministicSigns();
  }

  /**
   * Makes the signs deterministic: each axis is flipped so that its largest-magnitude loading is
   * positive (scikit-learn's convention). Eigenvectors are defined only up to sign, and without this
   * the sign would depend on the solver, the BLAS thread count and the random start.
   */
  Spectrum withDeterministicSigns() {
    for (double[] axis : axes) {
      int largest = 0;
      for (int j = 1; j < axis.length; j++) {
        if (Math.abs(axis[j]) > Math.abs(axis[largest])) {
          largest = j;
        }
      }
      if (axis.length > 0 && axis[largest] < 0) {
        for (int j = 0; j < axis.length; j++) {
          axis[j] = -axis[j];
        }
      }
    }
    for (int i = 0; i < eigenvalues.length; i++) {
      eigenvalues[i] = Math.max(0.0, eigenvalues[i]);
    }
    return this;
  }
}
