package fundamentos.pca;

/**
 * How the principal axes are computed. {@link #AUTO} chooses by shape the way scikit-learn does
 * (its 1.5 rules): the covariance eigendecomposition when d is small relative to n, a randomized
 * truncated SVD when few components of a large matrix are wanted, the full SVD otherwise.
 */
public enum PcaSolver {
  /** Choose by the shape of the data and the number of components wanted. */
  AUTO,
  /** Eigendecomposition of the d x d covariance matrix ({@link CovarianceEigenSolver}). */
  COVARIANCE,
  /** Randomized subspace iteration ({@link RandomizedSvdSolver}). */
  RANDOMIZED,
  /** SVD of the whole n x d data matrix ({@link FullSvdSolver}). */
  FULL_SVD;

  /** Largest d for which forming the d x d covariance matrix is preferred (as scikit-learn). */
  public static final int COVARIANCE_MAX_COLUMNS = 1000;

  /**
   * The solver AUTO stands for.
   *
   * @param n rows
   * @param d columns
   * @param components the number of components wanted, or -1 when it is decided by a variance
   *     fraction (and so the whole spectrum may be needed)
   */
  public static PcaSolver choose(int n, int d, int components) {
    if (d <= COVARIANCE_MAX_COLUMNS && n >= 10L * d) {
      return COVARIANCE;
    }
    if (components > 0 && Math.max(n, d) > 500 && components < 0.8 * Math.min(n, d)) {
      return RANDOMIZED;
    }
    return FULL_SVD;
  }
}
