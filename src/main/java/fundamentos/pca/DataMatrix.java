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
 * <p>Extreme magnitudes: squares of deviations near 1e300 overflow and those near 1e-300 underflow,
 * so a column whose finite values spread over a range outside [2^-LIMIT, 2^LIMIT) is first
 * multiplied by a power of two that brings its range into [1, 2) (exactly: powers of two scale
 * without rounding). For
 * covariance PCA every column gets the factor of the largest one, which keeps the geometry, and A
 * is then A / 2^h: {@link #varianceExponent} (2h) says by what power of two the variances, the
 * eigenvalues and C are smaller than in input units. For correlation PCA each column gets its own
 * factor, which the standardisation removes anyway (h = 0). {@link #mean} and {@link #scale} are in
 * input units; {@link #columnExponent} and the internal statistics let a model apply the same
 * scaling to new rows. Ordinary data (every exponent 0) is read as it is, bit for bit.
 *
 * <p>The statistics are computed by whichever pass first needs them: {@link #gramUpper} gets the
 * means, variances and C in a single pass (the shifted-data algorithm), {@link #materialise} makes a
 * pass for the means (and one for the deviations when standardising) before copying.
 */
public final class DataMatrix {

  /**
   * About 1 MB of doubles per block (167 rows of 784 columns): large enough for BLAS to run at full
   * speed, and small enough to be an ordinary young object of the JVM's heap. An 8 MB block was a
   * "humongous" object that G1 places in fresh regions, and touching fresh memory for the first time
   * cost more than the products on the benchmark machine (doc/benchmarks.md, PCA).
   */
  private static final int BLOCK_DOUBLES = 1 << 17;

  /** About 8 MB of rows (1337 rows of 784 columns) give the shift of the one-pass covariance. */
  private static final int SHIFT_DOUBLES = 1 << 20;

  /**
   * Magnitudes in [2^-200, 2^200) are used as they are: sums of n squares of them stay far from
   * overflow and underflow for any n a computer holds.
   */
  private static final int LIMIT = 200;

  private final RowSource raw;
  /** The raw source scaled by the column exponents; null until they are known. */
  private RowSource source;
  private final double[] approximateMean;
  private final int n;
  private final int d;
  private final boolean standardise;
  private final double[] weights;
  private final double[] rowFactor;
  private double[] shift;
  private final double weightSum;
  private final double denominator;
  private final int blockRows;
  /**
   * Column j is read as x_j 2^-columnExponent[j]. Null until known: {@link #gramUpper} finds them
   * in its own pass (ordinary data needs none), the other paths by a pass of their own first.
   */
  private int[] columnExponent;
  /** Variances are in units of 2^varianceExponent of the input's squared units. */
  private int varianceExponent;
  /** Null until computed; in the scaled units. */
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
    this.raw = source;
    this.approximateMean = approximateMean;
  }

  /** The column exponents by a pass over the data of their own, unless known. */
  private void ensureExponents() {
    if (columnExponent == null) {
      useExponents(exponents(raw, standardise));
    }
  }

  /** Reads column j as x_j 2^-e[j] from now on, with the shift in those units. */
  private void useExponents(int[] e) {
    columnExponent = e;
    varianceExponent = standardise || d == 0 ? 0 : 2 * e[0];
    source = scaled(raw, e);
    if (approximateMean != null) {
      shift = new double[d];
      for (int j = 0; j < d; j++) {
        shift[j] = Math.scalb(approximateMean[j], -e[j]);
      }
    } else {
      shift = firstBlockMean();
    }
  }

  /**
   * The power of two each column is divided by: 0 for ordinary spreads, else one more than the
   * exponent of half the column's finite range (of the largest such range for covariance PCA). The
   * range, not the largest value, decides: squares are only ever formed of deviations from the
   * shift, and a constant column of 1e300 next to ordinary ones must not push them into underflow.
   */
  private int[] exponents(RowSource raw, boolean perColumn) {
    double[] low = new double[d];
    double[] high = new double[d];
    java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
    double[] block = new double[blockRows * d];
    for (int from = 0; from < n; from += blockRows) {
      int to = Math.min(n, from + blockRows);
      raw.copyRows(from, to, block);
      widenRanges(block, to - from, low, high);
    }
    return exponents(low, high, perColumn);
  }

  /** Widens each column's range [low, high] to the finite values of a block of rows. */
  private void widenRanges(double[] block, int count, double[] low, double[] high) {
    for (int r = 0; r < count; r++) {
      int offset = r * d;
      for (int j = 0; j < d; j++) {
        double v = block[offset + j];
        if (Double.isFinite(v)) {
          low[j] = Math.min(low[j], v);
          high[j] = Math.max(high[j], v);
        }
      }
    }
  }

  /** The exponents of {@link #exponents(RowSource, boolean)} from the columns' finite ranges. */
  private int[] exponents(double[] low, double[] high, boolean perColumn) {
    double[] halfRange = new double[d];
    for (int j = 0; j < d; j++) {
      // halves first: the range of values near +-1.8e308 overflows
      halfRange[j] = high[j] >= low[j] ? high[j] / 2 - low[j] / 2 : 0;
    }
    if (!perColumn) {
      double overall = 0;
      for (double h : halfRange) {
        overall = Math.max(overall, h);
      }
      java.util.Arrays.fill(halfRange, overall);
    }
    int[] e = new int[d];
    for (int j = 0; j < d; j++) {
      double h = halfRange[j];
      if (h > 0 && (h < Math.scalb(1.0, -LIMIT) || h >= Math.scalb(1.0, LIMIT))) {
        e[j] = Math.getExponent(h) + 1;
      }
    }
    return e;
  }

  /** The source with column j multiplied by 2^-e[j] (the source itself when every e[j] is 0). */
  private static RowSource scaled(RowSource raw, int[] e) {
    boolean any = false;
    for (int exponent : e) {
      any |= exponent != 0;
    }
    if (!any) {
      return raw;
    }
    return new RowSource() {
      @Override
      public int rows() {
        return raw.rows();
      }

      @Override
      public int columns() {
        return raw.columns();
      }

      @Override
      public void copyRows(int from, int to, double[] target) {
        raw.copyRows(from, to, target);
        int columns = e.length;
        for (int i = 0; i < (to - from) * columns; i++) {
          target[i] = Math.scalb(target[i], -e[i % columns]);
        }
      }
    };
  }

  /**
   * The shift of the one-pass covariance without a hint: the weighted mean of the first block of
   * rows, a good estimate of the mean (the first row alone may be an outlier or carry weight 0, and
   * a shift far from the mean makes C = G - t t^T / ... cancel); the first row with a positive
   * weight when the first block's weights are all 0.
   */
  private double[] firstBlockMean() {
    double[] result = new double[d];
    if (n == 0 || d == 0) {
      return result;
    }
    int window = Math.min(n, Math.max(1, SHIFT_DOUBLES / d));
    double total = 0;
    for (int i = 0; i < window; i++) {
      total += weight(i);
    }
    if (total > 0) {
      double[] block = new double[Math.min(window, blockRows) * d];
      for (int from = 0; from < window; from += blockRows) {
        int to = Math.min(window, from + blockRows);
        source.copyRows(from, to, block);
        for (int i = from; i < to; i++) {
          double w = weight(i) / total;
          int offset = (i - from) * d;
          for (int j = 0; j < d; j++) {
            result[j] += w * block[offset + j];
          }
        }
      }
      return result;
    }
    int first = 0;
    while (weight(first) == 0) {
      first++; // exists: the weights sum to more than 0
    }
    source.copyRows(first, first + 1, result);
    return result;
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

  /** Weighted column means m, in input units. */
  public double[] mean() {
    ensureMeanAndScale();
    double[] m = new double[d];
    for (int j = 0; j < d; j++) {
      m[j] = Math.scalb(mean[j], columnExponent[j]);
    }
    return m;
  }

  /** Column scales S in input units (1 unless standardising). */
  public double[] scale() {
    ensureMeanAndScale();
    double[] s = new double[d];
    for (int j = 0; j < d; j++) {
      s[j] = Math.scalb(scale[j], columnExponent[j] - varianceExponent / 2);
    }
    return s;
  }

  /** The means in the scaled units the matrix is computed in. */
  double[] scaledMean() {
    ensureMeanAndScale();
    return mean.clone();
  }

  /** The column scales in the scaled units (1 for covariance PCA). */
  double[] scaledScale() {
    ensureMeanAndScale();
    return scale.clone();
  }

  /** Column j is computed on as x_j 2^-e_j (0 for ordinary magnitudes). */
  public int[] columnExponents() {
    ensureExponents();
    return columnExponent.clone();
  }

  /**
   * 2h: A is A_input / 2^h, so the variances, C's entries and its eigenvalues are those in input
   * units divided by 2^(2h) (0 for correlation PCA and ordinary magnitudes).
   */
  public int varianceExponent() {
    ensureExponents();
    return varianceExponent;
  }

  /**
   * The diagonal of C (in units of 2^{@link #varianceExponent}): each column's variance after scaling (0 for a constant column). Costs
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
    ensureExponents();
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
    standardisedScales(variance, scale);
    columnVariance = variance;
  }

  /** s_j = sqrt(variance_j) for each varying column, whose variance becomes 1. */
  private static void standardisedScales(double[] variance, double[] scale) {
    for (int j = 0; j < variance.length; j++) {
      if (variance[j] > 0) {
        scale[j] = Math.sqrt(variance[j]);
        variance[j] = 1.0;
      }
    }
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
    return cleaned(variance, mean, scale);
  }

  private static double[] cleaned(double[] variance, double[] mean, double[] scale) {
    for (int j = 0; j < variance.length; j++) {
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
    double[] sum = new double[d];
    double[] upper;
    if (columnExponent == null) {
      // ordinary data is read as it is: assume no scaling and check the ranges in the same pass,
      // which is then the only one; data of extreme magnitude is read again, scaled
      double[] low = new double[d];
      double[] high = new double[d];
      java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
      java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
      useExponents(new int[d]);
      upper = shiftedGram(sum, low, high);
      int[] e = exponents(low, high, standardise);
      if (java.util.Arrays.stream(e).anyMatch(x -> x != 0)) {
        useExponents(e);
        java.util.Arrays.fill(sum, 0);
        upper = shiftedGram(sum, null, null);
      }
    } else {
      upper = shiftedGram(sum, null, null);
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
    double[][] finished = finishCovariance(upper, d, m, standardise);
    scale = finished[0];
    columnVariance = finished[1];
    return upper;
  }

  /**
   * Turns the covariance C (upper triangle, overwritten) about the means m into what the solvers
   * decompose: a column constant up to rounding gets variance 0 and a zero row and column (its
   * rounding residue must not leave a tiny spurious eigenvalue); for correlation PCA each varying
   * column j is divided by s_j = sqrt(C_jj). Shared by the one-pass {@link #gramUpper} and a
   * covariance merged from parts ({@link PrincipalComponentAnalysis#fit(CovarianceAccumulator)}).
   *
   * @return the column scales s (1 for covariance PCA and constant columns) and the diagonal of
   *     the result (each column's variance, 1 for a varying standardised column)
   */
  static double[][] finishCovariance(double[] upper, int d, double[] mean, boolean standardise) {
    double[] scale = new double[d];
    java.util.Arrays.fill(scale, 1.0);
    double[] variance = new double[d];
    for (int j = 0; j < d; j++) {
      variance[j] = Math.max(0, upper[j * d + j]);
    }
    variance = cleaned(variance, mean, scale);
    if (standardise) {
      standardisedScales(variance, scale);
      for (int j = 0; j < d; j++) {
        for (int k = j; k < d; k++) {
          upper[j * d + k] /= scale[j] * scale[k];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      if (variance[j] == 0) {
        for (int k = 0; k < d; k++) {
          upper[Math.min(j, k) * d + Math.max(j, k)] = 0;
        }
      }
    }
    return new double[][] {scale, variance};
  }

  /**
   * G = sum_i w_i y_i y_i^T / (W - 1) for y_i = x_i - s (upper triangle), adding sum_i w_i y_i to
   * {@code sum}; with {@code low} and {@code high}, also the columns' finite ranges.
   */
  private double[] shiftedGram(double[] sum, double[] low, double[] high) {
    return gramOfBlocks((from, to, block) -> {
      source.copyRows(from, to, block);
      if (low != null) {
        widenRanges(block, to - from, low, high);
      }
      shiftBlock(from, to, block, sum);
    });
  }

  /** Fills a block with rows from..to of some matrix. */
  private interface BlockFill {
    void fill(int from, int to, double[] block);
  }

  /** B^T B (upper triangle) for the matrix B whose blocks of rows {@code fill} writes. */
  private double[] gramOfBlocks(BlockFill fill) {
    double[] block = new double[blockRows * d];
    try (NativeMatrix gram = new NativeMatrix(d, d);
        NativeMatrix nativeBlock = new NativeMatrix(blockRows, d)) {
      for (int from = 0; from < n; from += blockRows) {
        Cancellation.check();
        int to = Math.min(n, from + blockRows);
        fill.fill(from, to, block);
        nativeBlock.setRows(0, block, to - from);
        gram.addGramUpper(nativeBlock, to - from);
      }
      return gram.toArray();
    }
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
    return gramOfBlocks(this::copyBlock);
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
