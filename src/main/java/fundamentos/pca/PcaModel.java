package fundamentos.pca;

import fundamentos.linalg.NativeBlas;
import fundamentos.linalg.NativeMatrix;
import fundamentos.linalg.RowSource;
import java.io.Serializable;

/**
 * Fitted principal components: the training mean and scales, the k kept axes W (k x d), and the
 * eigenvalues. Projects rows on the axes (scores y = W (x - m) / s, Eq. 5.9), reconstructs them
 * (x_hat = m + s * sum_i y_i W_i, Eq. 5.10) and measures the reconstruction error
 * ||(x - x_hat) / s||^2, whose weighted sum over the training rows divided by W - 1 equals the sum of
 * the discarded eigenvalues (Eq. 5.11).
 *
 * <p>The model works in the scaled units of its {@link DataMatrix} (extreme magnitudes brought
 * near 1 by powers of two): new rows are scaled the same way before they are projected, and what
 * is reported in input units is scaled back, so that scores, reconstructions and the ratios are
 * those of the data rescaled near 1, times the exact power of two. Eigenvalues and errors in
 * squared input units of data near 1e300 are beyond double range: they read as infinity (and
 * near 1e-300 as 0), while ratios and whitened scores stay exact.
 */
public final class PcaModel implements Serializable {

  private static final long serialVersionUID = 1L;

  /** In the scaled units (x_j 2^-columnExponent[j]). */
  private final double[] mean;
  private final double[] scale;
  /** Null in models saved before the scaling existed: all 0. */
  private final int[] columnExponent;
  /** Eigenvalues are those in input units divided by 2^varianceExponent. */
  private final int varianceExponent;
  private final int d;
  private final int k;
  /** Row-major k x d: row i is the i-th principal axis. */
  private final double[] axes;
  /** All eigenvalues the solver computed (at least k), decreasing. */
  private final double[] eigenvalues;
  private final double totalVariance;
  private final boolean whiten;
  private final PcaSolver solver;
  private final int trainingRows;

  PcaModel(DataMatrix data, Spectrum spectrum, int keep, boolean whiten) {
    this(data.scaledMean(), data.scaledScale(), data.columnExponents(), data.varianceExponent(),
        data.totalVariance(), data.rows(), spectrum, keep, whiten);
  }

  /**
   * A model of statistics gathered elsewhere (a covariance merged from parts, {@link
   * PrincipalComponentAnalysis#fit(CovarianceAccumulator)}): means and scales in input units, no
   * power-of-two scaling.
   */
  PcaModel(double[] mean, double[] scale, double totalVariance, long trainingRows,
      Spectrum spectrum, int keep, boolean whiten) {
    this(mean.clone(), scale.clone(), new int[mean.length], 0, totalVariance,
        (int) Math.min(Integer.MAX_VALUE, trainingRows), spectrum, keep, whiten);
  }

  private PcaModel(double[] mean, double[] scale, int[] columnExponent, int varianceExponent,
      double totalVariance, int trainingRows, Spectrum spectrum, int keep, boolean whiten) {
    this.mean = mean;
    this.scale = scale;
    this.columnExponent = columnExponent;
    this.varianceExponent = varianceExponent;
    this.d = mean.length;
    this.k = keep;
    this.axes = new double[k * d];
    for (int i = 0; i < k; i++) {
      System.arraycopy(spectrum.axes()[i], 0, axes, i * d, d);
    }
    this.eigenvalues = spectrum.eigenvalues().clone();
    this.totalVariance = totalVariance;
    this.whiten = whiten;
    this.solver = spectrum.solver();
    this.trainingRows = trainingRows;
  }

  /** Number of kept components k. */
  public int numComponents() {
    return k;
  }

  /** Number of input columns d. */
  public int numColumns() {
    return d;
  }

  /** The i-th principal axis (unit length, largest-magnitude loading positive). */
  public double[] axis(int i) {
    double[] axis = new double[d];
    System.arraycopy(axes, i * d, axis, 0, d);
    return axis;
  }

  /**
   * Every eigenvalue the solver computed, decreasing (at least the k kept), in squared input units
   * (infinite or 0 where those are beyond double range).
   */
  public double[] eigenvalues() {
    double[] result = eigenvalues.clone();
    for (int i = 0; i < result.length; i++) {
      result[i] = Math.scalb(result[i], varianceExponent);
    }
    return result;
  }

  /** trace(C), the sum of all d eigenvalues (in squared input units). */
  public double totalVariance() {
    return Math.scalb(totalVariance, varianceExponent);
  }

  /** Fraction of the total variance that component i explains. */
  public double explainedVarianceRatio(int i) {
    return totalVariance > 0 ? eigenvalues[i] / totalVariance : 0;
  }

  /** The sum of the eigenvalues of the discarded components: trace(C) minus the kept ones. */
  public double discardedVariance() {
    double kept = 0;
    for (int i = 0; i < k; i++) {
      kept += eigenvalues[i];
    }
    return Math.scalb(Math.max(0, totalVariance - kept), varianceExponent);
  }

  private int exponent(int j) {
    return columnExponent == null ? 0 : columnExponent[j];
  }

  /** The training mean of each column. */
  public double[] mean() {
    double[] result = new double[d];
    for (int j = 0; j < d; j++) {
      result[j] = Math.scalb(mean[j], exponent(j));
    }
    return result;
  }

  /** The scale each centred column is divided by (1 for covariance PCA and constant columns). */
  public double[] scale() {
    double[] result = new double[d];
    for (int j = 0; j < d; j++) {
      result[j] = Math.scalb(scale[j], exponent(j) - varianceExponent / 2);
    }
    return result;
  }

  public boolean whitens() {
    return whiten;
  }

  /** The solver that computed the axes (never AUTO). */
  public PcaSolver solver() {
    return solver;
  }

  /** Number of training rows. */
  public int trainingRows() {
    return trainingRows;
  }

  private boolean scalesColumns() {
    if (columnExponent != null) {
      for (int e : columnExponent) {
        if (e != 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Writes the output rows from..from+b of a block from its centred rows, scores and rebuilt rows. */
  private void write(double[][] result, int from, int b, double[] block, double[] scores,
      double[] rebuilt, Output output, boolean withError, int width) {
    for (int r = 0; r < b; r++) {
      double[] out = result[from + r];
      if (output == Output.SCORES) {
        for (int i = 0; i < k; i++) {
          double y = scores[r * k + i];
          out[i] = whiten ? (eigenvalues[i] > 0 ? y / Math.sqrt(eigenvalues[i]) : 0.0)
              : Math.scalb(y, varianceExponent / 2);
        }
      } else {
        for (int j = 0; j < d; j++) {
          out[j] = Math.scalb(mean[j] + scale[j] * rebuilt[r * d + j], exponent(j));
        }
      }
      if (withError) {
        double error = 0;
        for (int j = 0; j < d; j++) {
          double residual = block[r * d + j] - rebuilt[r * d + j];
          error += residual * residual;
        }
        out[width - 1] = Math.scalb(error, varianceExponent);
      }
    }
  }

  /**
   * Centres and scales b raw rows in place, in the scaled units (a method of its own so that the
   * JIT compiles it early).
   */
  private void centre(double[] block, int b) {
    if (scalesColumns()) {
      for (int r = 0; r < b; r++) {
        int offset = r * d;
        for (int j = 0; j < d; j++) {
          block[offset + j] = Math.scalb(block[offset + j], -columnExponent[j]);
        }
      }
    }
    for (int r = 0; r < b; r++) {
      int offset = r * d;
      for (int j = 0; j < d; j++) {
        block[offset + j] = (block[offset + j] - mean[j]) / scale[j];
      }
    }
  }

  /** What {@link #transform} writes for each row. */
  public enum Output {
    /** The k scores y (whitened if the model whitens). */
    SCORES,
    /** The reconstruction x_hat in the original units of the d columns. */
    RECONSTRUCTION
  }

  /**
   * {@link #transform(RowSource, Output, boolean, int)} with this many OpenBLAS threads (0: one per
   * core), restored afterwards ({@link NativeBlas#withThreads}).
   */
  public double[][] transform(RowSource rows, Output output, boolean withError, int spareColumns,
      int threads) {
    return NativeBlas.withThreads(threads, () -> transform(rows, output, withError, spareColumns));
  }

  /**
   * Transforms rows with the training mean, scales and axes.
   *
   * @param rows raw rows with the training columns
   * @param output scores or reconstruction
   * @param withError whether to append each row's reconstruction error
   * @param spareColumns extra zero columns left at the end of each output row for the caller
   * @return one output row per input row
   */
  public double[][] transform(RowSource rows, Output output, boolean withError, int spareColumns) {
    if (rows.columns() != d) {
      throw new IllegalArgumentException("Rows have " + rows.columns() + " columns; the model was"
          + " fitted on " + d);
    }
    int n = rows.rows();
    int width = (output == Output.SCORES ? k : d) + (withError ? 1 : 0);
    double[][] result = new double[n][width + spareColumns];
    // blocks of about 1 MB, reused, and the axes, in native memory: BLAS reads them in place
    // (a Java array passed to BLAS is copied in and out on every call), and a fresh process touches
    // few new pages (doc/benchmarks.md, PCA: about 4 ms per MB on the benchmark machine)
    int blockRows = Math.max(1, Math.min(Math.max(1, n), (1 << 17) / Math.max(d, 1)));
    double[] block = new double[blockRows * d];
    double[] scores = new double[blockRows * k];
    boolean rebuild = output == Output.RECONSTRUCTION || withError;
    double[] rebuilt = rebuild ? new double[blockRows * d] : null;
    try (NativeMatrix nativeAxes = NativeMatrix.of(axes, k, d);
        NativeMatrix nativeBlock = new NativeMatrix(blockRows, d);
        NativeMatrix nativeScores = new NativeMatrix(blockRows, k);
        NativeMatrix nativeRebuilt = rebuild ? new NativeMatrix(blockRows, d) : null) {
      for (int from = 0; from < n; from += blockRows) {
        int to = Math.min(n, from + blockRows);
        int b = to - from;
        rows.copyRows(from, to, block);
        centre(block, b);
        nativeBlock.setRows(0, block, b);
        // Y = Xc W^T (Eq. 5.9 for every row of the block at once)
        nativeBlock.timesInto(b, nativeAxes, true, nativeScores);
        nativeScores.getRows(0, scores, b);
        if (rebuild) {
          // Xc_hat = Y W (Eq. 5.10)
          nativeScores.timesInto(b, nativeAxes, false, nativeRebuilt);
          nativeRebuilt.getRows(0, rebuilt, b);
        }
        write(result, from, b, block, scores, rebuilt, output, withError, width);
      }
    }
    return result;
  }
}
