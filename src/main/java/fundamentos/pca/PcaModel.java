package fundamentos.pca;

import fundamentos.linalg.NativeBlas;
import fundamentos.linalg.RowSource;
import java.io.Serializable;

/**
 * Fitted principal components: the training mean and scales, the k kept axes W (k x d), and the
 * eigenvalues. Projects rows on the axes (scores y = W (x - m) / s, Eq. 5.9), reconstructs them
 * (x_hat = m + s * sum_i y_i W_i, Eq. 5.10) and measures the reconstruction error
 * ||(x - x_hat) / s||^2, whose weighted sum over the training rows divided by W - 1 equals the sum of
 * the discarded eigenvalues (Eq. 5.11).
 */
public final class PcaModel implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] mean;
  private final double[] scale;
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
    this.mean = data.mean();
    this.scale = data.scale();
    this.d = data.columns();
    this.k = keep;
    this.axes = new double[k * d];
    for (int i = 0; i < k; i++) {
      System.arraycopy(spectrum.axes()[i], 0, axes, i * d, d);
    }
    this.eigenvalues = spectrum.eigenvalues().clone();
    this.totalVariance = data.totalVariance();
    this.whiten = whiten;
    this.solver = spectrum.solver();
    this.trainingRows = data.rows();
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

  /** Every eigenvalue the solver computed, decreasing (at least the k kept). */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** trace(C), the sum of all d eigenvalues. */
  public double totalVariance() {
    return totalVariance;
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
    return Math.max(0, totalVariance - kept);
  }

  /** The training mean of each column. */
  public double[] mean() {
    return mean.clone();
  }

  /** The scale each centred column is divided by (1 for covariance PCA and constant columns). */
  public double[] scale() {
    return scale.clone();
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

  /** Centres and scales b raw rows in place (a method of its own so that the JIT compiles it early). */
  private void centre(double[] block, int b) {
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
    int blockRows = Math.max(1, Math.min(Math.max(1, n), (1 << 20) / Math.max(d, 1)));
    double[] block = new double[blockRows * d];
    double[] scores = new double[blockRows * k];
    double[] rebuilt = output == Output.RECONSTRUCTION || withError ? new double[blockRows * d]
        : null;
    for (int from = 0; from < n; from += blockRows) {
      int to = Math.min(n, from + blockRows);
      int b = to - from;
      rows.copyRows(from, to, block);
      centre(block, b);
      // Y = Xc W^T (Eq. 5.9 for every row of the block at once)
      NativeBlas.gemm(false, true, b, k, d, 1.0, block, axes, 0.0, scores);
      if (rebuilt != null) {
        // Xc_hat = Y W (Eq. 5.10)
        NativeBlas.gemm(false, false, b, d, k, 1.0, scores, axes, 0.0, rebuilt);
      }
      for (int r = 0; r < b; r++) {
        double[] out = result[from + r];
        if (output == Output.SCORES) {
          for (int i = 0; i < k; i++) {
            double y = scores[r * k + i];
            out[i] = whiten ? (eigenvalues[i] > 0 ? y / Math.sqrt(eigenvalues[i]) : 0.0) : y;
          }
        } else {
          for (int j = 0; j < d; j++) {
            out[j] = mean[j] + scale[j] * rebuilt[r * d + j];
          }
        }
        if (withError) {
          double error = 0;
          for (int j = 0; j < d; j++) {
            double residual = block[r * d + j] - rebuilt[r * d + j];
            error += residual * residual;
          }
          out[width - 1] = error;
        }
      }
    }
    return result;
  }
}
