package fundamentos.pca;

import fundamentos.linalg.NativeMatrix;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * The weighted count W, mean m and co-moment matrix M = sum_i w_i (x_i - m)(x_i - m)^T of rows of
 * d columns, built from parts that are merged pairwise (Chan, Golub and LeVeque 1979): for two
 * parts a and b with delta = m_b - m_a,
 *
 * <pre>
 *   W = W_a + W_b,   m = m_a + delta W_b / W,   M = M_a + M_b + delta delta^T W_a W_b / W.
 * </pre>
 *
 * The update never subtracts two large sums, so it stays exact to rounding wherever the data lie
 * (data far from 0 cancel nothing), and any split of the rows, merged in any order, gives the same
 * result to rounding: the partitions of a distributed data set are summed independently and merged
 * on the way to one machine. Rows are added in blocks: each block's own mean and co-moment (one BLAS
 * syrk of the centred block) form a part, merged into the running one. The covariance matrix is
 * M / (W - 1), as {@link DataMatrix#gramUpper} computes in one pass on one machine.
 *
 * <p>Nothing here knows of Weka or of any distributed engine: it is serializable with plain arrays
 * (a pending block is merged before it is written).
 */
public final class CovarianceAccumulator implements Serializable {

  private static final long serialVersionUID = 1L;

  /** About 1 MB of doubles per block (and at most 4096 rows): BLAS runs at full speed. */
  private static final int BLOCK_DOUBLES = 1 << 17;

  private final int d;
  private double weight;
  private long rows;
  private final double[] mean;
  /** d x d row-major, upper triangle (j <= k) only. */
  private final double[] comoment;

  /** Rows not yet merged, with their weights. */
  private transient double[] block;
  private transient double[] blockWeights;
  private transient int blockCount;

  /** An empty accumulator of rows with d columns. */
  public CovarianceAccumulator(int d) {
    if (d < 1) {
      throw new IllegalArgumentException("Rows need at least one column, not " + d);
    }
    this.d = d;
    this.mean = new double[d];
    this.comoment = new double[Math.multiplyExact(d, d)];
  }

  /** Adds one row with weight 1. */
  public CovarianceAccumulator add(double[] row) {
    return add(row, 1.0);
  }

  /**
   * Adds one row.
   *
   * @param row d finite values (copied)
   * @param w its weight, finite and non-negative
   */
  public CovarianceAccumulator add(double[] row, double w) {
    if (row.length != d) {
      throw new IllegalArgumentException("A row of " + row.length + " values; the accumulator has "
          + d + " columns");
    }
    if (!(w >= 0) || Double.isInfinite(w)) {
      throw new IllegalArgumentException("Weight " + w + "; weights must be finite and non-negative");
    }
    if (block == null) {
      int capacity = Math.max(1, Math.min(4096, BLOCK_DOUBLES / d));
      block = new double[capacity * d];
      blockWeights = new double[capacity];
    }
    System.arraycopy(row, 0, block, blockCount * d, d);
    blockWeights[blockCount++] = w;
    if (blockCount == blockWeights.length) {
      flush();
    }
    return this;
  }

  /** Merges the pending block into the running part: its mean, then its centred co-moment. */
  private void flush() {
    if (blockCount == 0) {
      return;
    }
    int b = blockCount;
    blockCount = 0;
    double w = 0;
    for (int i = 0; i < b; i++) {
      w += blockWeights[i];
    }
    if (w == 0) {
      rows += b;
      return;
    }
    double[] blockMean = new double[d];
    for (int i = 0; i < b; i++) {
      double wi = blockWeights[i];
      for (int j = 0; j < d; j++) {
        blockMean[j] += wi * block[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      blockMean[j] /= w;
    }
    // the block centred about its own mean (shifted by the first-pass mean: exact to rounding)
    double[] correction = new double[d];
    for (int i = 0; i < b; i++) {
      double wi = blockWeights[i];
      for (int j = 0; j < d; j++) {
        correction[j] += wi * (block[i * d + j] - blockMean[j]);
      }
    }
    for (int j = 0; j < d; j++) {
      blockMean[j] += correction[j] / w;
    }
    for (int i = 0; i < b; i++) {
      double root = Math.sqrt(blockWeights[i]);
      for (int j = 0; j < d; j++) {
        block[i * d + j] = root * (block[i * d + j] - blockMean[j]);
      }
    }
    double[] blockComoment;
    try (NativeMatrix rowsOfBlock = NativeMatrix.of(block, b, d);
        NativeMatrix gram = new NativeMatrix(d, d)) {
      gram.addGramUpper(rowsOfBlock, b);
      blockComoment = gram.toArray();
    }
    mergePart(w, b, blockMean, blockComoment);
  }

  /** Chan et al.'s pairwise update with a part of weight wb, mean mb and co-moment mb2. */
  private void mergePart(double wb, long rowsB, double[] mb, double[] mb2) {
    rows += rowsB;
    if (wb == 0) {
      return;
    }
    double wa = weight;
    double total = wa + wb;
    double[] delta = new double[d];
    for (int j = 0; j < d; j++) {
      delta[j] = mb[j] - mean[j];
    }
    double factor = wa * wb / total;
    for (int j = 0; j < d; j++) {
      int offset = j * d;
      for (int k = j; k < d; k++) {
        comoment[offset + k] += mb2[offset + k] + factor * delta[j] * delta[k];
      }
    }
    double share = wb / total;
    for (int j = 0; j < d; j++) {
      mean[j] += delta[j] * share;
    }
    weight = total;
  }

  /**
   * Adds every row of another accumulator (which is left unchanged apart from merging its own
   * pending rows).
   *
   * @return this
   */
  public CovarianceAccumulator merge(CovarianceAccumulator other) {
    if (other.d != d) {
      throw new IllegalArgumentException("Accumulators of " + d + " and " + other.d + " columns");
    }
    flush();
    other.flush();
    mergePart(other.weight, other.rows, other.mean, other.comoment);
    return this;
  }

  /** Number of columns d. */
  public int columns() {
    return d;
  }

  /** Number of rows added (weight 0 included). */
  public long rows() {
    flush();
    return rows;
  }

  /** The sum of the weights W. */
  public double weight() {
    flush();
    return weight;
  }

  /** The weighted mean of each column. */
  public double[] mean() {
    flush();
    return mean.clone();
  }

  /**
   * The covariance matrix M / (W - 1) (M / W when W is at most 1), d x d row-major, upper triangle
   * only (the lower is 0): the matrix {@link DataMatrix#gramUpper} gives for covariance PCA.
   */
  public double[] covarianceUpper() {
    flush();
    double denominator = weight > 1 ? weight - 1 : weight;
    double[] result = new double[comoment.length];
    if (denominator > 0) {
      for (int j = 0; j < d; j++) {
        for (int k = j; k < d; k++) {
          result[j * d + k] = comoment[j * d + k] / denominator;
        }
      }
    }
    return result;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    flush();
    out.defaultWriteObject();
  }
}
