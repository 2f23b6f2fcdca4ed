package fundamentos.manifold;

/**
 * The space-partitioning tree of Barnes-Hut t-SNE (van der Maaten 2014, Sect. 4, "Barnes-Hut
 * approximation"): a quadtree over 2-D embedded points (a binary tree in 1-D, an octree in 3-D).
 * The root cell is the points' bounding box; each cell that holds more than one distinct point is
 * cut at its centre into 2^d children. Every cell keeps the number of points under it, N_cell, and
 * their centre of mass y_cell.
 *
 * <p>{@link #repulsion} approximates, for one point y_i, the repulsive force and its share of the
 * normaliser Z: with w_ij = (1 + ||y_i - y_j||^2)^-1 (the unnormalised Student-t affinity, q_ij Z),
 *
 * <pre>
 *   F_rep,i Z = sum_{j != i} w_ij^2 (y_i - y_j),    Z_i = sum_{j != i} w_ij,
 * </pre>
 *
 * walking down from the root: a cell that satisfies the paper's condition r_cell / ||y_i - y_cell||
 * &lt; theta (r_cell the length of the cell's diagonal) counts as N_cell points at its centre of
 * mass, N_cell w^2 (y_i - y_cell) and N_cell w; other cells are opened; a leaf's points are summed
 * one by one. A cell that holds y_i itself is always opened, so that y_i never repels itself, and
 * theta = 0 gives the exact sums (the condition never holds).
 *
 * <p>The points are kept in one permutation: each cell covers a contiguous range of it. Nodes live
 * in flat arrays (no object per node); a tree is rebuilt at every iteration.
 */
public final class SpaceTree {

  /** Below this depth cells are cut no further (their points are summed one by one). */
  static final int MAX_DEPTH = 48;

  private final double[] y;
  private final int d;
  private final int fanout;
  /** The points in tree order, and each point's position in it. */
  private final int[] order;
  private final int[] position;

  private int nodes;
  private int[] from;
  private int[] to;
  /** Index of the first of a node's 2^d children, -1 for a leaf. */
  private int[] firstChild;
  /** Squared length of the cell's diagonal, r_cell^2. */
  private double[] diagonal2;
  /** Centre of mass, d per node. */
  private double[] mass;
  /** Scratch of the build: the cells' centres and half widths, d per node. */
  private double[] centre;
  private double[] half;

  /**
   * Builds the tree of n points given row by row in {@code y} (n d values).
   *
   * @param d the embedding's dimension, 1 to 3
   */
  public SpaceTree(double[] y, int d) {
    if (d < 1 || d > 3) {
      throw new IllegalArgumentException("a space-partitioning tree of 1 to 3 dimensions, not " + d);
    }
    this.y = y;
    this.d = d;
    this.fanout = 1 << d;
    int n = y.length / d;
    order = new int[n];
    position = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int capacity = Math.max(16, 2 * n + 1);
    from = new int[capacity];
    to = new int[capacity];
    firstChild = new int[capacity];
    diagonal2 = new double[capacity];
    mass = new double[capacity * d];
    centre = new double[capacity * d];
    half = new double[capacity * d];
    if (n == 0) {
      return;
    }
    int root = newNode(0, n);
    for (int c = 0; c < d; c++) {
      double low = Double.POSITIVE_INFINITY;
      double high = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        low = Math.min(low, y[i * d + c]);
        high = Math.max(high, y[i * d + c]);
      }
      centre[root * d + c] = (low + high) / 2;
      // a little wider than the points, so that the largest lands inside the upper half
      half[root * d + c] = Math.max((high - low) / 2 * (1 + 1e-9), Double.MIN_NORMAL);
    }
    split(root, 0, new int[n], new int[fanout + 1]);
    for (int p = 0; p < n; p++) {
      position[order[p]] = p;
    }
    centre = null;
    half = null;
  }

  private int newNode(int start, int end) {
    if (nodes == from.length) {
      int capacity = 2 * from.length;
      from = java.util.Arrays.copyOf(from, capacity);
      to = java.util.Arrays.copyOf(to, capacity);
      firstChild = java.util.Arrays.copyOf(firstChild, capacity);
      diagonal2 = java.util.Arrays.copyOf(diagonal2, capacity);
      mass = java.util.Arrays.copyOf(mass, capacity * d);
      centre = java.util.Arrays.copyOf(centre, capacity * d);
      half = java.util.Arrays.copyOf(half, capacity * d);
    }
    int node = nodes++;
    from[node] = start;
    to[node] = end;
    firstChild[node] = -1;
    return node;
  }

  /** Fills the node's centre of mass and diagonal, and cuts it unless it is a leaf. */
  private void split(int node, int depth, int[] buffer, int[] count) {
    int start = from[node];
    int end = to[node];
    double r2 = 0;
    for (int c = 0; c < d; c++) {
      double width = 2 * half[node * d + c];
      r2 += width * width;
      double sum = 0;
      for (int p = start; p < end; p++) {
        sum += y[order[p] * d + c];
      }
      mass[node * d + c] = sum / (end - start);
    }
    diagonal2[node] = r2;
    if (end - start <= 1 || depth >= MAX_DEPTH || allEqual(start, end)) {
      return;
    }
    // counting sort of the range by quadrant: bit c set when coordinate c lies in the upper half
    java.util.Arrays.fill(count, 0);
    for (int p = start; p < end; p++) {
      count[quadrant(node, order[p]) + 1]++;
    }
    for (int q = 0; q < fanout; q++) {
      count[q + 1] += count[q];
    }
    for (int p = start; p < end; p++) {
      int i = order[p];
      buffer[count[quadrant(node, i)]++] = i;
    }
    System.arraycopy(buffer, 0, order, start, end - start);
    // after the sort count[q] is the end of quadrant q (relative to start)
    int first = nodes;
    int previous = 0;
    int[] ends = count.clone();
    for (int q = 0; q < fanout; q++) {
      int child = newNode(start + previous, start + ends[q]);
      for (int c = 0; c < d; c++) {
        double h = half[node * d + c] / 2;
        half[child * d + c] = h;
        centre[child * d + c] = centre[node * d + c] + (((q >> c) & 1) == 1 ? h : -h);
      }
      previous = ends[q];
    }
    firstChild[node] = first;
    for (int q = 0; q < fanout; q++) {
      int child = first + q;
      if (to[child] > from[child]) {
        split(child, depth + 1, buffer, count);
      }
    }
  }

  private int quadrant(int node, int i) {
    int q = 0;
    for (int c = 0; c < d; c++) {
      if (y[i * d + c] >= centre[node * d + c]) {
        q |= 1 << c;
      }
    }
    return q;
  }

  private boolean allEqual(int start, int end) {
    int first = order[start];
    for (int p = start + 1; p < end; p++) {
      for (int c = 0; c < d; c++) {
        if (y[order[p] * d + c] != y[first * d + c]) {
          return false;
        }
      }
    }
    return true;
  }

  /** Nodes in the tree. */
  int nodes() {
    return nodes;
  }

  /**
   * The repulsive sums of point i (see the class comment).
   *
   * @param theta the accuracy: 0 exact, larger faster and coarser (0.5 usual)
   * @param force receives sum w_ij^2 (y_i - y_j), d values
   * @param stack scratch of at least {@link #stackSize()} ints
   * @return Z_i = sum_{j != i} w_ij (approximated alike)
   */
  public double repulsion(int i, double theta, double[] force, int[] stack) {
    java.util.Arrays.fill(force, 0, d, 0);
    if (nodes == 0) {
      return 0;
    }
    double theta2 = theta * theta;
    int at = position[i];
    double z = 0;
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      int node = stack[--top];
      int start = from[node];
      int end = to[node];
      if (end == start) {
        continue;
      }
      int child = firstChild[node];
      boolean holdsI = at >= start && at < end;
      if (child < 0) {
        for (int p = start; p < end; p++) {
          int j = order[p];
          if (j != i) {
            z += add(i, y, j * d, 1, force);
          }
        }
        continue;
      }
      if (!holdsI) {
        double dist2 = 0;
        for (int c = 0; c < d; c++) {
          double diff = y[i * d + c] - mass[node * d + c];
          dist2 += diff * diff;
        }
        // r_cell / ||y_i - y_cell|| < theta, squared
        if (diagonal2[node] < theta2 * dist2) {
          z += add(i, mass, node * d, end - start, force);
          continue;
        }
      }
      for (int q = fanout - 1; q >= 0; q--) {
        stack[top++] = child + q;
      }
    }
    return z;
  }

  /** Adds count points at {@code at[offset..]}: count w^2 (y_i - y) to the force; returns count w. */
  private double add(int i, double[] at, int offset, int count, double[] force) {
    double dist2 = 0;
    for (int c = 0; c < d; c++) {
      double diff = y[i * d + c] - at[offset + c];
      dist2 += diff * diff;
    }
    double w = 1 / (1 + dist2);
    double ww = count * w * w;
    for (int c = 0; c < d; c++) {
      force[c] += ww * (y[i * d + c] - at[offset + c]);
    }
    return count * w;
  }

  /** Scratch ints {@link #repulsion} needs: 2^d - 1 per level, plus one. */
  public int stackSize() {
    return (fanout - 1) * (MAX_DEPTH + 2) + 2;
  }
}
