package fundamentos.umap;

import java.util.Arrays;

/**
 * A weighted graph on n vertices in compressed sparse rows (columns sorted within a row), the form
 * of UMAP's fuzzy simplicial set: entry (i, j) is the membership strength of the edge i -> j.
 */
public final class SparseGraph {

  private final int n;
  private final int[] rowStart;
  private final int[] columns;
  private final double[] values;

  SparseGraph(int n, int[] rowStart, int[] columns, double[] values) {
    this.n = n;
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
  }

  /** A graph from rows of (column, value) pairs; columns need not be sorted but must not repeat. */
  static SparseGraph ofRows(int n, int[][] rowColumns, double[][] rowValues) {
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      start[i + 1] = start[i] + rowColumns[i].length;
    }
    int[] cols = new int[start[n]];
    double[] vals = new double[start[n]];
    for (int i = 0; i < n; i++) {
      int m = rowColumns[i].length;
      long[] packed = new long[m];
      for (int s = 0; s < m; s++) {
        packed[s] = ((long) rowColumns[i][s] << 32) | s;
      }
      Arrays.sort(packed);
      for (int s = 0; s < m; s++) {
        int src = (int) packed[s];
        cols[start[i] + s] = rowColumns[i][src];
        vals[start[i] + s] = rowValues[i][src];
      }
    }
    return new SparseGraph(n, start, cols, vals);
  }

  public int vertices() {
    return n;
  }

  /** Number of stored entries (each undirected edge of a symmetric graph counts twice). */
  public int entries() {
    return rowStart[n];
  }

  public int rowStart(int i) {
    return rowStart[i];
  }

  public int rowEnd(int i) {
    return rowStart[i + 1];
  }

  public int column(int entry) {
    return columns[entry];
  }

  public double value(int entry) {
    return values[entry];
  }

  /** The value of entry (i, j), 0 when absent. */
  public double get(int i, int j) {
    int s = Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
    return s >= 0 ? values[s] : 0;
  }

  public double maxValue() {
    double m = 0;
    for (int e = 0; e < entries(); e++) {
      m = Math.max(m, values[e]);
    }
    return m;
  }

  /** The transpose. */
  SparseGraph transpose() {
    int[] start = new int[n + 1];
    for (int e = 0; e < entries(); e++) {
      start[columns[e] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      start[i + 1] += start[i];
    }
    int[] fill = Arrays.copyOf(start, n);
    int[] cols = new int[entries()];
    double[] vals = new double[entries()];
    for (int i = 0; i < n; i++) {
      for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
        int pos = fill[columns[e]]++;
        cols[pos] = i;
        vals[pos] = values[e];
      }
    }
    return new SparseGraph(n, start, cols, vals);
  }

  /** How two values at the same position combine (absent entries count as 0). */
  @FunctionalInterface
  interface Combiner {
    double combine(double mine, double theirs);
  }

  /**
   * Entry-wise combination with another graph over the union of both patterns; entries that come
   * out 0 are dropped.
   */
  SparseGraph combine(SparseGraph other, Combiner f) {
    int[] start = new int[n + 1];
    int[] cols = new int[entries() + other.entries()];
    double[] vals = new double[cols.length];
    int out = 0;
    for (int i = 0; i < n; i++) {
      int x = rowStart[i];
      int xe = rowStart[i + 1];
      int y = other.rowStart[i];
      int ye = other.rowStart[i + 1];
      while (x < xe || y < ye) {
        int cx = x < xe ? columns[x] : Integer.MAX_VALUE;
        int cy = y < ye ? other.columns[y] : Integer.MAX_VALUE;
        int c = Math.min(cx, cy);
        double vx = cx == c ? values[x++] : 0;
        double vy = cy == c ? other.values[y++] : 0;
        double v = f.combine(vx, vy);
        if (v != 0) {
          cols[out] = c;
          vals[out++] = v;
        }
      }
      start[i + 1] = out;
    }
    return new SparseGraph(n, start, Arrays.copyOf(cols, out), Arrays.copyOf(vals, out));
  }

  /** A copy with every entry passed through f (entries that become 0 are dropped). */
  SparseGraph mapEntries(EntryMap f) {
    int[] start = new int[n + 1];
    int[] cols = new int[entries()];
    double[] vals = new double[entries()];
    int out = 0;
    for (int i = 0; i < n; i++) {
      for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
        double v = f.map(i, columns[e], values[e]);
        if (v != 0) {
          cols[out] = columns[e];
          vals[out++] = v;
        }
      }
      start[i + 1] = out;
    }
    return new SparseGraph(n, start, Arrays.copyOf(cols, out), Arrays.copyOf(vals, out));
  }

  /** A function of an entry's position and value. */
  @FunctionalInterface
  interface EntryMap {
    double map(int row, int column, double value);
  }

  /** Row sums (vertex degrees). */
  double[] rowSums() {
    double[] sums = new double[n];
    for (int i = 0; i < n; i++) {
      for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
        sums[i] += values[e];
      }
    }
    return sums;
  }

  /** Connected components (of the pattern seen as undirected), labelled 0.. by first vertex. */
  int[] components() {
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
        int a = find(parent, i);
        int b = find(parent, columns[e]);
        if (a != b) {
          parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
    int[] label = new int[n];
    int[] rootLabel = new int[n];
    Arrays.fill(rootLabel, -1);
    int next = 0;
    for (int i = 0; i < n; i++) {
      int r = find(parent, i);
      if (rootLabel[r] < 0) {
        rootLabel[r] = next++;
      }
      label[i] = rootLabel[r];
    }
    return label;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
