package fundamentos.pca;

import fundamentos.linalg.NativeLapack;
import fundamentos.linalg.NativeMatrix;

/**
 * PCA by the singular value decomposition of the whole data matrix, A = U Sigma V^T: the principal
 * axes are the columns of V and the eigenvalues of C = A^T A are sigma_i^2. It never forms C, so
 * it keeps the accuracy of the small eigenvalues that squaring loses, and for n < d (e.g. a few
 * hundred face images of thousands of pixels) it works on the n x d matrix rather than a d x d one.
 * It needs A in memory.
 */
public final class FullSvdSolver {

  /**
   * @param a the materialised data matrix ({@link DataMatrix#materialise}); overwritten
   * @param components how many leading components to keep (1..min(n, d))
   */
  public Spectrum solve(NativeMatrix a, int components) {
    int n = a.rows();
    int d = a.cols();
    // the row-major n x d array is A^T in column-major order; A^T = V Sigma U^T, so the left
    // singular vectors of A^T are the right singular vectors of A (A is overwritten)
    NativeLapack.SingularVectors svd = NativeLapack.leftSingular(a, d, n);
    return Spectrum.ofSingularVectors(svd, components, PcaSolver.FULL_SVD);
  }
}
