package fundamentos.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * The LAPACK routines the decompositions need, called through OpenBLAS's LAPACKE on plain arrays
 * (see {@link NativeBlas} for why not through ND4J). Each method checks LAPACK's {@code info} and
 * turns a failure into an {@link ArithmeticException} that names the routine.
 */
public final class NativeLapack {

  private NativeLapack() {
  }

  /** Eigenvalues in decreasing order and their unit eigenvectors. */
  public record Eigenpairs(double[] values, double[][] vectors) {
  }

  /**
   * The {@code top} largest eigenpairs of a symmetric n x n matrix (LAPACK dsyevr, the MRRR
   * algorithm: O(n^2 top) for the vectors once the matrix is tridiagonal).
   *
   * @param upper row-major matrix of which only the upper triangle is read; it is overwritten
   * @param top how many eigenpairs (1..n)
   */
  public static Eigenpairs symmetricEigen(double[] upper, int n, int top) {
    if (top < 1 || top > n) {
      throw new IllegalArgumentException("Asked for " + top + " eigenpairs of a " + n + " x " + n
          + " matrix");
    }
    int[] found = new int[1];
    // W has n entries whatever range is asked for (LAPACK: "W, dimension (N)"); dsyevr writes
    // past a shorter array into the Java heap
    double[] values = new double[n];
    double[] vectors = new double[n * top];
    int[] support = new int[2 * top];
    // the row-major upper triangle is the column-major lower one: LAPACK reads it in place, where
    // a row-major call has LAPACKE transpose the n x n matrix into a copy and back (in a fresh JVM
    // the copy's new memory alone costs more than 20 ms at n = 784: doc/benchmarks.md, PCA)
    int info = openblas.LAPACKE_dsyevr(openblas.LAPACK_COL_MAJOR, (byte) 'V', (byte) 'I', (byte) 'L',
        n, upper, n, 0.0, 0.0, n - top + 1, n, 0.0, found, values, vectors, n, support);
    check("dsyevr", info);
    // LAPACK returns ascending values; column j of the column-major n x top array is vector j
    double[] descending = new double[top];
    double[][] rows = new double[top][n];
    for (int j = 0; j < top; j++) {
      int source = top - 1 - j;
      descending[j] = values[source];
      System.arraycopy(vectors, source * n, rows[j], 0, n);
    }
    return new Eigenpairs(descending, rows);
  }

  /** Singular values in decreasing order and the matching left singular vectors. */
  public record SingularVectors(double[] values, double[][] vectors) {
  }

  /**
   * The thin SVD's singular values and left singular vectors of the m x n matrix whose
   * column-major storage is the native memory of {@code matrix} (a row-major n x m matrix is its
   * transpose); the matrix is overwritten.
   */
  public static SingularVectors leftSingular(NativeMatrix matrix, int m, int n) {
    if ((long) m * n != (long) matrix.rows() * matrix.cols()) {
      throw new IllegalArgumentException("A " + m + " x " + n + " matrix cannot be stored in "
          + matrix.rows() + " x " + matrix.cols());
    }
    int r = Math.min(m, n);
    try (NativeMatrix values = new NativeMatrix(1, r);
        NativeMatrix u = new NativeMatrix(r, m);
        NativeMatrix unusedV = new NativeMatrix(1, 1);
        NativeMatrix superb = new NativeMatrix(1, Math.max(1, r - 1))) {
      int info = openblas.LAPACKE_dgesvd(openblas.LAPACK_COL_MAJOR, (byte) 'S', (byte) 'N', m, n,
          matrix.pointer(), Math.max(1, m), values.pointer(), u.pointer(), Math.max(1, m),
          unusedV.pointer(), 1, superb.pointer());
      check("dgesvd", info);
      // column j of the column-major m x r U is row j of the same memory read as r x m row-major
      double[] flat = u.toArray();
      double[][] vectors = new double[r][m];
      for (int j = 0; j < r; j++) {
        System.arraycopy(flat, j * m, vectors[j], 0, m);
      }
      return new SingularVectors(values.toArray(), vectors);
    }
  }

  /**
   * Replaces the columns of a native row-major matrix (rows >= cols) by an orthonormal basis of
   * their span: the Q of its QR decomposition (LAPACK dgeqrf and dorgqr).
   */
  public static void orthonormaliseColumns(NativeMatrix matrix) {
    int rows = matrix.rows();
    int cols = matrix.cols();
    if (rows < cols) {
      throw new IllegalArgumentException("QR needs at least as many rows as columns: " + rows
          + " x " + cols);
    }
    try (NativeMatrix tau = new NativeMatrix(1, cols)) {
      check("dgeqrf", openblas.LAPACKE_dgeqrf(openblas.LAPACK_ROW_MAJOR, rows, cols,
          matrix.pointer(), cols, tau.pointer()));
      check("dorgqr", openblas.LAPACKE_dorgqr(openblas.LAPACK_ROW_MAJOR, rows, cols, cols,
          matrix.pointer(), cols, tau.pointer()));
    }
  }

  private static void check(String routine, int info) {
    if (info < 0) {
      throw new IllegalArgumentException("LAPACK " + routine + ": argument " + (-info)
          + " is invalid");
    }
    if (info > 0) {
      throw new ArithmeticException("LAPACK " + routine + " did not converge (info " + info
          + "); the matrix may contain NaN or infinite values");
    }
  }
}
