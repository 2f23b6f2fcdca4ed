package fundamentos.pca;

import fundamentos.linalg.NativeBlas;
import fundamentos.linalg.RowSource;

/**
 * The data matrix PCA decomposes, A = D^(1/2) (X - 1 m^T) S^-1 / sqrt(W - 1), streamed in blocks of
 * rows from a {@link RowSource} and never stored whole (unless a full SVD asks for it).
 *
 * <p>Here m is the weighted mean of each column, S the diagonal of column scales (1 for the
 * course's covariance PCA, the weighted standard deviation for correlation PCA; 1 for a constant
 * column so that it stays 0 instead of dividing by zero), D the diagonal of instance weights and W
 * their sum. Then A^T A is the weighted covariance (or correlation) matrix C of Eq. 5.3 with the
 * usual W - 1 denominator (n - 1 with unit weights, as Weka and scikit-learn use), so the
 * eigenvalues of C are the squared singular values of A and its right singular vectors are the
 * principal axes.
 */
public final class DataMatrix {

  /** About 8 MB of doubles per block: large enough for BLAS to run at full speed. */
  private static final int BLOCK_DOUBLES = 1 << 20;

  private final RowSource source;
  private final int n;
  private final int d;
  private final double[] rowFactor;
  private final double[] mean;
  private final double[] scale;
  private final double[] columnVariance;
  private final double weightSum;
  private final int blockRows;

  /**
   * Computes the weighted column statistics (two passes, so the variances do not suffer from the
   * cancellation of the one-pass formula).
   *
   * @param source the raw rows
   * @param weights one non-negative weight per row, or null for unit weights
   * @param standardise whether to divide columns by their standard deviation (correlation PCA)
   */
  public DataMatrix(RowSource source, double[] weights, boolean standardise) {
    this.source = source;
    this.n = source.rows();
    this.d = source.columns();
    if (weights != null && weights.length != n) {
      throw new IllegalArgumentException(weights.length + " weights for " + n + " rows");
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double w = weights == null ? 1.0 : weights[i];
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("Row " + (i + 1) + " has weight " + w
            + "; weights must be finite and non-negative");
      }
      total += w;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("The rows' weights sum to " + total
          + ": PCA needs at least one row with positive weight");
    }
    this.weightSum = total;
    this.blockRows = Math.max(1, Math.min(Math.max(1, n), BLOCK_DOUBLES / Math.max(1, d)));

    // pass 1: weighted means
    mean = new double[d];
    double[] block = new double[blockRows * d];
    for (int from = 0; from < n; from += blockRows) {
      int to = Math.min(n, from + blockRows);
      source.copyRows(from, to, block);
      for (int i = from; i < to; i++) {
        double w = weights == null ? 1.0 : weights[i];
        int offset = (i - from) * d;
        for (int j = 0; j < d; j++) {
          mean[j] += w * block[offset + j];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= total;
    }
    // pass 2: weighted variances about the means
    double denominator = total > 1 ? total - 1 : total;
    columnVariance = new double[d];
    for (int from = 0; from < n; from += blockRows) {
      int to = Math.min(n, from + blockRows);
      source.copyRows(from, to, block);
      for (int i = from; i < to; i++) {
        double w = weights == null ? 1.0 : weights[i];
        int offset = (i - from) * d;
        for (int j = 0; j < d; j++) {
          double deviation = block[offset + j] - mean[j];
          columnVariance[j] += w * deviation * deviation;
        }
      }
    }
    scale = new double[d];
    for (int j = 0; j < d; j++) {
      columnVariance[j] /= denominator;
      double deviation = Math.sqrt(columnVariance[j]);
      // rounding noise of a constant column (relative to its values) counts as constant
      boolean constant = deviation == 0 || deviation <= 1e-12 * Math.abs(mean[j]);
      if (constant) {
        columnVariance[j] = 0;
      }
      scale[j] = standardise && !constant ? deviation : 1.0;
      if (standardise && !constant) {
        columnVariance[j] = 1.0;
      }
    }
    rowFactor = new double[n];
    for (int i = 0; i < n; i++) {
      rowFactor[i] = Math.sqrt((weights == null ? 1.0 : weights[i]) / denominator);
    }
  }

  /** Number of rows n. */
  public int rows() {
    return n;
  }

  /** Number of columns d. */
  public int columns() {
    return d;
  }

  /** Weighted column means m. */
  public double[] mean() {
    return mean.clone();
  }

  /** Column scales S (1 unless standardising). */
  public double[] scale() {
    return scale.clone();
  }

  /** The diagonal of C: each column's variance after scaling. */
  public double[] columnVariance() {
    return columnVariance.clone();
  }

  /** trace(C), the total variance: the sum of all eigenvalues. */
  public double totalVariance() {
    double sum = 0;
    for (double v : columnVariance) {
      sum += v;
    }
    return sum;
  }

  /** The sum of the instance weights W. */
  public double weightSum() {
    return weightSum;
  }

  /** Rows per block when streaming. */
  int blockRows() {
    return blockRows;
  }

  /** Fills {@code block} with rows from..to of A (centred, scaled, weighted). */
  void copyBlock(int from, int to, double[] block) {
    source.copyRows(from, to, block);
    for (int i = from; i < to; i++) {
      int offset = (i - from) * d;
      double factor = rowFactor[i];
      for (int j = 0; j < d; j++) {
        block[offset + j] = factor * (block[offset + j] - mean[j]) / scale[j];
      }
    }
  }

  /** C = A^T A, d x d row-major, upper triangle only (one BLAS syrk per block). */
  public double[] gramUpper() {
    double[] gram = new double[Math.multiplyExact(d, d)];
    double[] block = new double[blockRows * d];
    for (int from = 0; from < n; from += blockRows) {
      int to = Math.min(n, from + blockRows);
      copyBlock(from, to, block);
      NativeBlas.addGramUpper(block, to - from, d, gram);
    }
    return gram;
  }

  /** A M for a row-major d x l matrix M: the n x l row-major product. */
  public double[] times(double[] m, int l) {
    double[] product = new double[Math.multiplyExact(n, l)];
    double[] block = new double[blockRows * d];
    double[] part = new double[blockRows * l];
    for (int from = 0; from < n; from += blockRows) {
      int to = Math.min(n, from + blockRows);
      copyBlock(from, to, block);
      NativeBlas.gemm(false, false, to - from, l, d, 1.0, block, m, 0.0, part);
      System.arraycopy(part, 0, product, from * l, (to - from) * l);
    }
    return product;
  }

  /** A^T Y for a row-major n x l matrix Y: the d x l row-major product. */
  public double[] transposeTimes(double[] y, int l) {
    double[] product = new double[Math.multiplyExact(d, l)];
    double[] block = new double[blockRows * d];
    double[] part = new double[blockRows * l];
    for (int from = 0; from < n; from += blockRows) {
      int to = Math.min(n, from + blockRows);
      copyBlock(from, to, block);
      System.arraycopy(y, from * l, part, 0, (to - from) * l);
      NativeBlas.gemm(true, false, d, l, to - from, 1.0, block, part, 1.0, product);
    }
    return product;
  }

  /** A itself, n x d row-major (only for solvers that need the whole matrix). */
  public double[] dense() {
    double[] all = new double[Math.multiplyExact(n, d)];
    double[] block = new double[blockRows * d];
    for (int from = 0; from < n; from += blockRows) {
      int to = Math.min(n, from + blockRows);
      copyBlock(from, to, block);
      System.arraycopy(block, 0, all, from * d, (to - from) * d);
    }
    return all;
  }
}
