package fundamentos.cluster;

/**
 * A k-d tree (Bentley 1975) over points in R^d for range queries under an L_p metric: each node
 * splits its points at the median of its widest dimension and keeps its bounding box, so a query
 * skips every subtree whose box lies farther than the radius. O(n log n) to build, O(n) memory;
 * a range query costs about O(log n + number of points found) in low dimension.
 */
public final class KdTree implements SpatialIndex, java.io.Serializable {

  private static final long serialVersionUID = 1L;
  private static final int LEAF_SIZE = 16;

  /** The rows while building; afterwards the coordinates live in {@link #coordinates}. */
  private transient double[][] points;
  private final MinkowskiMetric metric;
  private final int[] order;
  private final int dimension;
  /**
   * The points' coordinates in tree order, row after row: a leaf's points are contiguous in
   * memory, which makes range queries scan memory linearly (the rows as separate arrays were
   * scattered over the heap).
   */
  private double[] coordinates;
  // node arrays: children, point range [start, end), bounding box (node x's box is
  // boxLow/boxHigh[x * dimension .. (x + 1) * dimension))
  private int[] left;
  private int[] right;
  private int[] start;
  private int[] end;
  private double[][] low;
  private double[][] high;
  private double[] boxLow;
  private double[] boxHigh;
  private int nodes;

  /**
   * @param points the rows to index (not copied; must not change afterwards)
   */
  public KdTree(double[][] points, MinkowskiMetric metric) {
    this.points = points;
    this.metric = metric;
    int n = points.length;
    order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int capacity = Math.max(1, 2 * (n / LEAF_SIZE + 1) + 1);
    left = new int[capacity];
    right = new int[capacity];
    start = new int[capacity];
    end = new int[capacity];
    low = new double[capacity][];
    high = new double[capacity][];
    dimension = n == 0 ? 0 : points[0].length;
    if (n > 0) {
      build(0, n);
    }
    flatten();
    this.points = null;
  }

  /** Copies the coordinates and the boxes into flat arrays in tree order. */
  private void flatten() {
    int d = dimension;
    coordinates = new double[order.length * d];
    for (int i = 0; i < order.length; i++) {
      System.arraycopy(points[order[i]], 0, coordinates, i * d, d);
    }
    boxLow = new double[nodes * d];
    boxHigh = new double[nodes * d];
    for (int node = 0; node < nodes; node++) {
      System.arraycopy(low[node], 0, boxLow, node * d, d);
      System.arraycopy(high[node], 0, boxHigh, node * d, d);
    }
    low = null;
    high = null;
  }

  @Override
  public int size() {
    return order.length;
  }

  private int build(int from, int to) {
    int node = nodes++;
    if (node >= left.length) {
      grow();
    }
    int d = points[order[from]].length;
    double[] lo = points[order[from]].clone();
    double[] hi = lo.clone();
    for (int i = from + 1; i < to; i++) {
      double[] x = points[order[i]];
      for (int j = 0; j < d; j++) {
        lo[j] = Math.min(lo[j], x[j]);
        hi[j] = Math.max(hi[j], x[j]);
      }
    }
    low[node] = lo;
    high[node] = hi;
    start[node] = from;
    end[node] = to;
    left[node] = -1;
    right[node] = -1;
    if (to - from <= LEAF_SIZE) {
      return node;
    }
    int widest = 0;
    for (int j = 1; j < d; j++) {
      if (hi[j] - lo[j] > hi[widest] - lo[widest]) {
        widest = j;
      }
    }
    if (hi[widest] == lo[widest]) {
      return node; // all points equal: a leaf, however large
    }
    int middle = (from + to) >>> 1;
    select(from, to - 1, middle, widest);
    int l = build(from, middle);
    int r = build(middle, to);
    left[node] = l;
    right[node] = r;
    return node;
  }

  private void grow() {
    int capacity = left.length * 2;
    left = java.util.Arrays.copyOf(left, capacity);
    right = java.util.Arrays.copyOf(right, capacity);
    start = java.util.Arrays.copyOf(start, capacity);
    end = java.util.Arrays.copyOf(end, capacity);
    low = java.util.Arrays.copyOf(low, capacity);
    high = java.util.Arrays.copyOf(high, capacity);
  }

  /** Quickselect (Hoare) on order[from..to] so that order[k] holds the k-th smallest in dimension j. */
  private void select(int from, int to, int k, int j) {
    while (to > from) {
      double pivot = points[order[(from + to) >>> 1]][j];
      int i = from;
      int m = to;
      while (i <= m) {
        while (points[order[i]][j] < pivot) {
          i++;
        }
        while (points[order[m]][j] > pivot) {
          m--;
        }
        if (i <= m) {
          int t = order[i];
          order[i] = order[m];
          order[m] = t;
          i++;
          m--;
        }
      }
      if (k <= m) {
        to = m;
      } else if (k >= i) {
        from = i;
      } else {
        return;
      }
    }
  }

  /**
   * The k nearest indexed points to {@code query} (k-d tree search with a bounded max-heap,
   * pruning boxes farther than the current k-th distance): their distances, increasing.
   */
  @Override
  public double[] nearestDistances(double[] query, int k) {
    NearestDistances best = new NearestDistances(k);
    int[] stack = new int[64];
    int top = 0;
    if (nodes > 0) {
      stack[top++] = 0;
    }
    while (top > 0) {
      int node = stack[--top];
      if (best.full() && metric.distanceToBox(query, boxLow, boxHigh, node * dimension) >= best.worst()) {
        continue;
      }
      if (left[node] < 0) {
        for (int i = start[node]; i < end[node]; i++) {
          best.offer(metric.unreduce(metric.reduced(query, coordinates, i * dimension)));
        }
      } else {
        if (top + 2 > stack.length) {
          stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        }
        // visit the nearer child first (pushed last)
        double dl = metric.distanceToBox(query, boxLow, boxHigh, left[node] * dimension);
        double dr = metric.distanceToBox(query, boxLow, boxHigh, right[node] * dimension);
        stack[top++] = dl <= dr ? right[node] : left[node];
        stack[top++] = dl <= dr ? left[node] : right[node];
      }
    }
    return best.sorted();
  }

  @Override
  public void within(double[] query, double radius, NeighbourVisitor visitor) {
    if (nodes == 0) {
      return;
    }
    // compare reduced distances (no square roots); the root is taken only for the points found
    double limit = metric.reduce(radius);
    if (dimension == 2 && metric.order() == 2) {
      withinPlane(query[0], query[1], limit, visitor);
      return;
    }
    int[] stack = new int[64];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      int node = stack[--top];
      if (metric.reducedToBox(query, boxLow, boxHigh, node * dimension) > limit) {
        continue;
      }
      if (left[node] < 0) {
        for (int i = start[node]; i < end[node]; i++) {
          double reduced = metric.reduced(query, coordinates, i * dimension);
          if (reduced <= limit) {
            visitor.visit(order[i], metric.unreduce(reduced));
          }
        }
      } else {
        if (top + 2 > stack.length) {
          stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        }
        stack[top++] = left[node];
        stack[top++] = right[node];
      }
    }
  }

  /**
   * {@link #within} for the commonest case, Euclidean distance in the plane (2-D embeddings), with
   * the two coordinates in registers.
   */
  private void withinPlane(double x, double y, double limit, NeighbourVisitor visitor) {
    int[] stack = new int[64];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      int node = stack[--top];
      int b = 2 * node;
      double gx = x < boxLow[b] ? boxLow[b] - x : x > boxHigh[b] ? x - boxHigh[b] : 0;
      double gy = y < boxLow[b + 1] ? boxLow[b + 1] - y : y > boxHigh[b + 1] ? y - boxHigh[b + 1] : 0;
      if (gx * gx + gy * gy > limit) {
        continue;
      }
      if (left[node] < 0) {
        for (int i = start[node], e = end[node]; i < e; i++) {
          double dx = coordinates[2 * i] - x;
          double dy = coordinates[2 * i + 1] - y;
          double reduced = dx * dx + dy * dy;
          if (reduced <= limit) {
            visitor.visit(order[i], Math.sqrt(reduced));
          }
        }
      } else {
        if (top + 2 > stack.length) {
          stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        }
        stack[top++] = left[node];
        stack[top++] = right[node];
      }
    }
  }
}
