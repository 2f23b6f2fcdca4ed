package fundamentos.pca;

import fundamentos.linalg.NativeMatrix;
import fundamentos.linalg.RowSource;

/**
 * The data matrix PCA decomposes, A = D^(1/2) (X - 1 m^T) S^-1 / sqrt(W - 1), streamed in blocks of
 * rows from a {@link RowSource}: the covariance solver never stores it whole; the randomized and
 * full SVD solvers copy it once into native memory ({@link #materialise}).
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
  /** Null until known: computed by the pass that first needs or can cheaply provide it. */
  private double[] columnVariance;
  private final double weightSum;
  private final double denominator;
  private final int blockRows;

  /**
   * Computes the weighted column means (one pass) and, when standardising, the standard deviations
   * (a second pass about the means, free of the cancellation of the one-pass formula). Without
   * standardisation the variances come for free later: from the diagonal of the covariance matrix,
   * or while the matrix is copied ({@link #materialise}).
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
    this.denominator = total > 1 ? total - 1 : total;
    this.blockRows = Math.max(1, Math.min(Math.max(1, n), BLOCK_DOUBLES / Math.max(1, d)));
    rowFactor = new double[n];
    for (int i = 0; i < n; i++) {
      rowFactor[i] = Math.sqrt((weights == null ? 1.0 : weights[i]) / denominator);
    }

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
    scale = new double[d];
    java.util.Arrays.fill(scale, 1.0);
    if (standardise) {
      // variances of the unscaled columns, then each non-constant column scaled to variance 1
      double[] variance = varianceAboutMean();
      for (int j = 0; j < d; j++) {
        if (variance[j] > 0) {
          scale[j] = Math.sqrt(variance[j]);
          variance[j] = 1.0;
        }
      }
      columnVariance = variance;
    }
  }

  /** One pass: the weighted variance of each (scaled) column about its mean. */
  private double[] varianceAboutMean() {
    double[] variance = new double[d];
    double[] block = new double[blockRows * d];
    for (int from = 0; from < n; from += blockRows) {
      int to = Math.min(n, from + blockRows);
      copyBlock(from, to, block);
      accumulateSquares(block, to - from, variance);
    }
    return cleaned(variance);
  }

  /** Adds the column sums of squares of a block of A (whose rows already carry the weights). */
  private void accumulateSquares(double[] block, int count, double[] squares) {
    for (int r = 0; r < count; r++) {
      int offset = r * d;
      for (int j = 0; j < d; j++) {
        squares[j] += block[offset + j] * block[offset + j];
      }
    }
  }

  /**
   * Zeroes the variance of columns that are constant up to rounding: a deviation negligible
   * against the column's magnitude (1e-12 relative) is the noise of x - mean(x), not signal.
   */
  private double[] cleaned(double[] variance) {
    for (int j = 0; j < d; j++) {
      double deviation = Math.sqrt(variance[j] * scale[j] * scale[j]);
      if (deviation == 0 || deviation <= 1e-12 * Math.abs(mean[j])) {
        variance[j] = 0;
      }
    }
    return variance;
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

  /**
   * The diagonal of C: each column's variance after scaling (0 for a constant column). Costs a pass
   * over the data unless the covariance matrix or the materialised matrix was computed first.
   */
  public double[] columnVariance() {
    if (columnVariance == null) {
      columnVariance = varianceAboutMean();
    }
    return columnVariance.clone();
  }

  /** trace(C), the total variance: the sum of all eigenvalues. */
  public double totalVariance() {
    double sum = 0;
    for (double v : columnVariance()) {
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

  /**
   * C = A^T A, d x d row-major, upper triangle only (one BLAS syrk per block of rows); its diagonal
   * gives the column variances.
   */
  public double[] gramUpper() {
    double[] block = new double[blockRows * d];
    try (NativeMatrix gram = new NativeMatrix(d, d);
        NativeMatrix nativeBlock = new NativeMatrix(blockRows, d)) {
      for (int from = 0; from < n; from += blockRows) {
        int to = Math.min(n, from + blockRows);
        copyBlock(from, to, block);
        nativeBlock.setRows(0, block, to - from);
        gram.addGramUpper(nativeBlock, to - from);
      }
      double[] upper = gram.toArray();
      if (columnVariance == null) {
        double[] variance = new double[d];
        for (int j = 0; j < d; j++) {
          variance[j] = upper[j * d + j];
        }
        columnVariance = cleaned(variance);
      }
      return upper;
    }
  }

  /**
   * A itself, copied once into native memory (n x d doubles off the Java heap) for the solvers
   * that multiply it many times or decompose it whole; close it when done.
   */
  public NativeMatrix materialise() {
    NativeMatrix all = new NativeMatrix(n, d);
    double[] block = new double[blockRows * d];
    double[] squares = columnVariance == null ? new double[d] : null;
    for (int from = 0; from < n; from += blockRows) {
      int to = Math.min(n, from + blockRows);
      copyBlock(from, to, block);
      all.setRows(from, block, to - from);
      if (squares != null) {
        accumulateSquares(block, to - from, squares);
      }
    }
    if (squares != null) {
      columnVariance = cleaned(squares);
    }
    return all;
  }
}
