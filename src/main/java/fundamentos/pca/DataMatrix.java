package fundamentos.pca;

import fundamentos.linalg.NativeMatrix;
import fundamentos.linalg.RowSource;
import fundamentos.progress.Cancellation;

/**
 * The data matrix PCA decomposes, A = D^(1/2) (X - 1 m^T) S^-1 / sqrt(W - 1), read in blocks of
 * rows from a {@link RowSource}: the covariance solver streams it once and never stores it whole;
 * the randomized and full SVD solvers copy it once into native memory ({@link #materialise}).
 *
 * <p>Here m is the weighted mean of each column, S the diagonal of column scales (1 for the
 * course's covariance PCA, the weighted standard deviation for correlation PCA; 1 for a constant
 * column so that it stays 0 instead of dividing by zero), D the diagonal of instance weights and W
 * their sum. Then A^T A is the weighted covariance (or correlation) matrix C of Eq. 5.3 with the
 * usual W - 1 denominator (n - 1 with unit weights, as Weka and scikit-learn use), so the
 * eigenvalues of C are the squared singular values of A and its right singular vectors are the
 * principal axes.
 *
 * <p>The statistics are computed by whichever pass first needs them: {@link #gramUpper} gets the
 * means, variances and C in a single pass (the shifted-data algorithm), {@link #materialise} makes a
 * pass for the means (and one for the deviations when standardising) before copying.
 */
public final class DataMatrix {

  /** About 8 MB of doubles per block: large enough for BLAS to run at full speed. */
  private static final int BLOCK_DOUBLES = 1 << 20;

  private final RowSource source;
  private final int n;
  private final int d;
  private final boolean standardise;
  private final double[] weights;
  private final double[] rowFactor;
  private final double[] shift;
  private final double weightSum;
  private final double denominator;
  private final int blockRows;
  /** Null until computed. */
  private double[] mean;
  private double[] scale;
  private double[] columnVariance;

  /**
   * @param source the raw rows
   * @param weights one non-negative weight per row, or null for unit weights
   * @param standardise whether to divide columns by their standard deviation (correlation PCA)
   * @param approximateMean column values close to the means (e.g. the means a caller already
   *     computed), used as the shift of the one-pass covariance; null to shift by the first row
   */
  public DataMatrix(RowSource source, double[] weights, boolean standardise,
      double[] approximateMean) {
    this.source = source;
    this.n = source.rows();
    this.d = source.columns();
    this.standardise = standardise;
    if (weights != null && weights.length != n) {
      throw new IllegalArgumentException(weights.length + " weights for " + n + " rows");
    }
    if (approximateMean != null && approximateMean.length != d) {
      throw new IllegalArgumentException(approximateMean.length + " means for " + d + " columns");
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
    this.weights = weights;
    this.weightSum = total;
    this.denominator = total > 1 ? total - 1 : total;
    this.blockRows = Math.max(1, Math.min(Math.max(1, n), BLOCK_DOUBLES / Math.max(1, d)));
    rowFactor = new double[n];
    for (int i = 0; i < n; i++) {
      rowFactor[i] = Math.sqrt(weight(i) / denominator);
    }
    if (approximateMean != null) {
      shift = approximateMean.clone();
    } else {
      shift = new double[d];
      if (n > 0) {
        source.copyRows(0, 1, shift);
      }
    }
  }

  /** A data matrix without a mean hint. */
  public DataMatrix(RowSource source, double[] weights, boolean standardise) {
    this(source, weights, standardise, null);
  }

  private double weight(int i) {
    return weights == null ? 1.0 : weights[i];
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
    ensureMeanAndScale();
    return mean.clone();
  }

  /** Column scales S (1 unless standardising). */
  public double[] scale() {
    ensureMeanAndScale();
    return scale.clone();
  }

  /**
   * The diagonal of C: each column's variance after scaling (0 for a constant column). Costs
   * passes over the data unless the covariance matrix or the materialised matrix was computed
   * first.
   */
  public double[] columnVariance() {
    if (columnVariance == null) {
      ensureMeanAndScale();
      double[] squares = new double[d];
      double[] block = new double[blockRows * d];
      for (int from = 0; from < n; from += blockRows) {
        Cancellation.check();
        int to = Math.min(n, from + blockRows);
        copyBlock(from, to, block);
        accumulateSquares(block, to - from, squares);
      }
      columnVariance = cleaned(squares);
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

  /**
   * The means by one pass, and when standardising the deviations by a second pass about them (free
   * of the cancellation of the one-pass formula).
   */
  private void ensureMeanAndScale() {
    if (mean != null) {
      return;
    }
    double[] sum = new double[d];
    double[] block = new double[blockRows * d];
    for (int from = 0; from < n; from += blockRows) {
      Cancellation.check();
      int to = Math.min(n, from + blockRows);
      source.copyRows(from, to, block);
      for (int i = from; i < to; i++) {
        double w = weight(i);
        int offset = (i - from) * d;
        for (int j = 0; j < d; j++) {
          sum[j] += w * (block[offset + j] - shift[j]);
        }
      }
    }
    double[] m = new double[d];
    for (int j = 0; j < d; j++) {
      m[j] = shift[j] + sum[j] / weightSum;
    }
    mean = m;
    scale = new double[d];
    java.util.Arrays.fill(scale, 1.0);
    if (standardise) {
      double[] variance = new double[d];
      for (int from = 0; from < n; from += blockRows) {
        Cancellation.check();
        int to = Math.min(n, from + blockRows);
        copyBlock(from, to, block);
        accumulateSquares(block, to - from, variance);
      }
      setScales(cleaned(variance));
    }
  }

  /** Scales each non-constant column to unit variance, given the unscaled variances. */
  private void setScales(double[] variance) {
    for (int j = 0; j < d; j++) {
      if (variance[j] > 0) {
        scale[j] = Math.sqrt(variance[j]);
        variance[j] = 1.0;
      }
    }
    columnVariance = variance;
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
      double deviation = Math.sqrt(variance[j]) * scale[j];
      if (!(deviation > 1e-12 * Math.abs(mean[j]))) {
        variance[j] = 0;
      }
    }
    return variance;
  }

  /** Fills {@code block} with rows from..to of A (centred, scaled, weighted). */
  private void copyBlock(int from, int to, double[] block) {
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
   * C = A^T A, d x d row-major, upper triangle only, in one pass when the statistics are not known
   * yet: with the shifted rows y_i = x_i - s (s close to the mean), G = sum_i w_i y_i y_i^T / (W - 1)
   * by one BLAS syrk per block and t = sum_i w_i y_i, the mean is m = s + t / W and the covariance
   * C = G - t t^T / (W (W - 1)) (exact for any s, and free of cancellation when s is near m). For
   * correlation PCA, C_jk / (s_j s_k) with s_j = sqrt(C_jj).
   */
  public double[] gramUpper() {
    if (mean != null) {
      return gramOfKnownCentre();
    }
    double[] block = new double[blockRows * d];
    double[] sum = new double[d];
    double[] upper;
    try (NativeMatrix gram = new NativeMatrix(d, d);
        NativeMatrix nativeBlock = new NativeMatrix(blockRows, d)) {
      for (int from = 0; from < n; from += blockRows) {
        Cancellation.check();
        int to = Math.min(n, from + blockRows);
        source.copyRows(from, to, block);
        shiftBlock(from, to, block, sum);
        nativeBlock.setRows(0, block, to - from);
        gram.addGramUpper(nativeBlock, to - from);
      }
      upper = gram.toArray();
    }
    double[] m = new double[d];
    double[] delta = new double[d];
    for (int j = 0; j < d; j++) {
      delta[j] = sum[j] / weightSum;
      m[j] = shift[j] + delta[j];
    }
    double correction = weightSum / denominator;
    for (int j = 0; j < d; j++) {
      for (int k = j; k < d; k++) {
        upper[j * d + k] -= correction * delta[j] * delta[k];
      }
    }
    mean = m;
    scale = new double[d];
    java.util.Arrays.fill(scale, 1.0);
    double[] variance = new double[d];
    for (int j = 0; j < d; j++) {
      variance[j] = Math.max(0, upper[j * d + j]);
    }
    variance = cleaned(variance);
    if (standardise) {
      setScales(variance);
      for (int j = 0; j < d; j++) {
        for (int k = j; k < d; k++) {
          upper[j * d + k] /= scale[j] * scale[k];
        }
      }
    } else {
      columnVariance = variance;
    }
    // a constant column's rounding residue must not leave a tiny spurious eigenvalue
    for (int j = 0; j < d; j++) {
      if (columnVariance[j] == 0) {
        for (int k = 0; k < d; k++) {
          upper[Math.min(j, k) * d + Math.max(j, k)] = 0;
        }
      }
    }
    return upper;
  }

  /** Rows from..to of the block become sqrt(w_i / (W - 1)) (x_i - s); sum gains w_i (x_i - s). */
  private void shiftBlock(int from, int to, double[] block, double[] sum) {
    for (int i = from; i < to; i++) {
      int offset = (i - from) * d;
      double w = weight(i);
      double factor = rowFactor[i];
      for (int j = 0; j < d; j++) {
        double y = block[offset + j] - shift[j];
        sum[j] += w * y;
        block[offset + j] = factor * y;
      }
    }
  }

  /** C = A^T A from the centred, scaled rows when the statistics are already known. */
  private double[] gramOfKnownCentre() {
    double[] block = new double[blockRows * d];
    try (NativeMatrix gram = new NativeMatrix(d, d);
        NativeMatrix nativeBlock = new NativeMatrix(blockRows, d)) {
      for (int from = 0; from < n; from += blockRows) {
        Cancellation.check();
        int to = Math.min(n, from + blockRows);
        copyBlock(from, to, block);
        nativeBlock.setRows(0, block, to - from);
        gram.addGramUpper(nativeBlock, to - from);
      }
      return gram.toArray();
    }
  }

  /**
   * A itself, copied once into native memory (n x d doubles off the Java heap) for the solvers
   * that multiply it many times or decompose it whole; close it when done.
   */
  public NativeMatrix materialise() {
    ensureMeanAndScale();
    NativeMatrix all = new NativeMatrix(n, d);
    double[] block = new double[blockRows * d];
    double[] squares = columnVariance == null ? new double[d] : null;
    try {
      for (int from = 0; from < n; from += blockRows) {
        Cancellation.check();
        int to = Math.min(n, from + blockRows);
        copyBlock(from, to, block);
        all.setRows(from, block, to - from);
        if (squares != null) {
          accumulateSquares(block, to - from, squares);
        }
      }
    } catch (RuntimeException | Error e) {
      // interrupted (or failed) half way: the native copy is nobody's to free but ours
      all.close();
      throw e;
    }
    if (squares != null) {
      columnVariance = cleaned(squares);
    }
    return all;
  }
}
