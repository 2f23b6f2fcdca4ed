package fundamentos.manifold;

import fundamentos.neighbours.KnnGraph;
import fundamentos.neighbours.LpPoints;
import fundamentos.neighbours.VectorIndex;
import fundamentos.parallel.Blocks;
import fundamentos.progress.Cancellation;

/**
 * The input similarities of Barnes-Hut t-SNE (van der Maaten 2014, "Accelerating t-SNE using
 * tree-based algorithms", Sect. 3): each point's Gaussian conditional affinities p_j|i = exp(-beta_i
 * ||x_i - x_j||^2) / sum_k exp(-beta_i ||x_i - x_k||^2) restricted to its u = min(n - 1,
 * floor(3 perplexity) + 1) nearest neighbours N_i (0 outside them), beta_i found by binary search
 * so that the entropy of p_.|i is log(perplexity); then the symmetric joint p_ij = (p_j|i + p_i|j) /
 * 2n, a sparse matrix of at most 2un entries that sums to 1.
 *
 * <p>The neighbours come from the package's one neighbour search, {@link VectorIndex} (exact below
 * its threshold of 4,096 points, NN-descent above, as umap-learn's and UMAP's), in single precision.
 * The matrix is kept row by row (compressed sparse rows, columns ascending in each row).
 */
public final class SparseAffinities {

  /** The binary search stops when the entropy is within this many nats of log(perplexity). */
  static final double ENTROPY_TOLERANCE = 1e-5;
  /** Steps of the binary search at most (scikit-learn's 100). */
  static final int SEARCH_STEPS = 100;

  private final int[] rowStart;
  private final int[] columns;
  private final double[] values;

  SparseAffinities(int[] rowStart, int[] columns, double[] values) {
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
  }

  /** Neighbours per point for a perplexity: min(n - 1, floor(3 perplexity) + 1) (scikit-learn's). */
  public static int neighbours(double perplexity, int n) {
    return (int) Math.min(n - 1, Math.floor(3 * perplexity) + 1);
  }

  /**
   * The affinities of the rows (at least two, finite, scaled so that floats hold them).
   *
   * @param perplexity at most (n - 1) / 3 for the entropy to be reachable
   * @param seed the NN-descent seed (above the exact threshold)
   */
  public static SparseAffinities of(double[][] x, double perplexity, long seed, int threads) {
    int n = x.length;
    int u = neighbours(perplexity, n);
    // u + 1: each row of the graph starts with the point itself
    KnnGraph graph = VectorIndex.build(LpPoints.of(x, 2), u + 1, VectorIndex.DEFAULT_EXACT_BELOW,
        seed, threads).trainingGraph();
    Cancellation.check();
    return of(graph, perplexity, threads);
  }

  /** The affinities on a k-neighbour graph whose rows start with the point itself. */
  static SparseAffinities of(KnnGraph graph, double perplexity, int threads) {
    int n = graph.size();
    int u = graph.k() - 1;
    double[][] conditional = new double[n][u];
    double logPerplexity = Math.log(perplexity);
    Blocks.run(n, 256, threads, (b, from, to) -> {
      double[] squared = new double[u];
      for (int i = from; i < to; i++) {
        double[] d = graph.distances(i);
        for (int s = 0; s < u; s++) {
          squared[s] = d[s + 1] * d[s + 1];
        }
        calibrate(squared, logPerplexity, conditional[i]);
      }
    });
    return symmetrise(graph, conditional);
  }

  /**
   * One point's conditional affinities over its neighbours: the binary search of beta (the
   * Gaussian's precision 1 / 2 sigma^2) for which the entropy H = -sum p log p reaches the target.
   * The squared distances are taken relative to the smallest (the factor exp(beta d_min) cancels in
   * the normalisation), so the sum is at least 1 and never underflows.
   *
   * @param squared the squared distances to the neighbours
   * @param p receives p_j|i, summing to 1
   * @return beta_i
   */
  static double calibrate(double[] squared, double logPerplexity, double[] p) {
    int u = squared.length;
    double smallest = Double.POSITIVE_INFINITY;
    for (double v : squared) {
      smallest = Math.min(smallest, v);
    }
    double beta = 1;
    double low = 0;
    double high = Double.POSITIVE_INFINITY;
    double sum = 0;
    for (int step = 0; step < SEARCH_STEPS; step++) {
      sum = 0;
      double weighted = 0;
      for (int s = 0; s < u; s++) {
        double shifted = squared[s] - smallest;
        p[s] = Math.exp(-beta * shifted);
        sum += p[s];
        weighted += p[s] * shifted;
      }
      // H = log(sum) + beta E[d] with p = exp(-beta d) / sum (in nats)
      double entropy = Math.log(sum) + beta * weighted / sum;
      double gap = entropy - logPerplexity;
      if (Math.abs(gap) <= ENTROPY_TOLERANCE) {
        break;
      }
      if (gap > 0) { // too flat: sharpen
        low = beta;
        beta = Double.isInfinite(high) ? beta * 2 : (beta + high) / 2;
      } else {
        high = beta;
        beta = (beta + low) / 2;
      }
    }
    for (int s = 0; s < u; s++) {
      p[s] /= sum;
    }
    return beta;
  }

  /** p_ij = (p_j|i + p_i|j) / 2n over the union of the neighbour lists, divided by its sum. */
  private static SparseAffinities symmetrise(KnnGraph graph, double[][] conditional) {
    int n = graph.size();
    int u = graph.k() - 1;
    // the transpose's entries: for each j, the rows i that have j among their neighbours
    int[] count = new int[n + 1];
    for (int i = 0; i < n; i++) {
      int[] idx = graph.indices(i);
      for (int s = 1; s <= u; s++) {
        count[idx[s] + 1]++;
      }
    }
    for (int j = 0; j < n; j++) {
      count[j + 1] += count[j];
    }
    int[] reverseRow = new int[n * u];
    double[] reverseValue = new double[n * u];
    int[] fill = count.clone();
    for (int i = 0; i < n; i++) {
      int[] idx = graph.indices(i);
      for (int s = 1; s <= u; s++) {
        int at = fill[idx[s]]++;
        reverseRow[at] = i; // ascending i within each j: i runs in order
        reverseValue[at] = conditional[i][s - 1];
      }
    }
    // row i of P + P^T: merge its own neighbours (sorted here) with the rows pointing at it
    int[] rowStart = new int[n + 1];
    int[][] rowColumns = new int[n][];
    double[][] rowValues = new double[n][];
    double total = 0;
    int[] order = new int[u];
    long[] keyed = new long[u];
    for (int i = 0; i < n; i++) {
      int[] idx = graph.indices(i);
      // the neighbours by index: (index, position) packed in a long sorts by index
      for (int s = 0; s < u; s++) {
        keyed[s] = ((long) idx[s + 1] << 32) | s;
      }
      java.util.Arrays.sort(keyed);
      for (int s = 0; s < u; s++) {
        order[s] = (int) keyed[s];
      }
      int[] cols = new int[u + count[i + 1] - count[i]];
      double[] vals = new double[cols.length];
      int a = 0;
      int b = count[i];
      int end = count[i + 1];
      int m = 0;
      while (a < u || b < end) {
        int ca = a < u ? idx[order[a] + 1] : Integer.MAX_VALUE;
        int cb = b < end ? reverseRow[b] : Integer.MAX_VALUE;
        int c = Math.min(ca, cb);
        double v = 0;
        if (ca == c) {
          v += conditional[i][order[a++]];
        }
        if (cb == c) {
          v += reverseValue[b++];
        }
        cols[m] = c;
        vals[m++] = v;
        total += v;
      }
      rowColumns[i] = java.util.Arrays.copyOf(cols, m);
      rowValues[i] = java.util.Arrays.copyOf(vals, m);
      rowStart[i + 1] = rowStart[i] + m;
    }
    int[] columns = new int[rowStart[n]];
    double[] values = new double[rowStart[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rowColumns[i], 0, columns, rowStart[i], rowColumns[i].length);
      for (int e = 0; e < rowValues[i].length; e++) {
        // the sum is 2n up to rounding: dividing by it makes P sum to 1
        values[rowStart[i] + e] = rowValues[i][e] / total;
      }
    }
    return new SparseAffinities(rowStart, columns, values);
  }

  public int size() {
    return rowStart.length - 1;
  }

  /** Stored entries (at most 2un). */
  public int entries() {
    return columns.length;
  }

  /** Where row i's entries start in {@link #column} and {@link #value}; row i ends at i + 1's. */
  public int rowStart(int i) {
    return rowStart[i];
  }

  public int column(int entry) {
    return columns[entry];
  }

  public double value(int entry) {
    return values[entry];
  }

  /** p_ij (0 when j is in neither neighbour list). */
  public double get(int i, int j) {
    int at = java.util.Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
    return at >= 0 ? values[at] : 0;
  }

  /** Bytes of the matrix for n points with u neighbours each: at most 2un ints and doubles. */
  static long bytes(long n, long u) {
    return 2 * n * u * (Integer.BYTES + Double.BYTES) + (n + 1) * Integer.BYTES;
  }
}
