package fundamentos.neighbours;

/**
 * A ball tree (Omohundro 1989; scikit-learn's {@code BallTree}) for range queries in many
 * dimensions, where a k-d tree's axis-aligned boxes stop pruning: every node is a ball (the mean
 * of its points and the largest distance from it), split at the median of the coordinate of
 * widest spread. A query at q with radius r skips a ball when d(q, centre) - ballRadius > r, which
 * the triangle inequality makes safe for every L_p metric (p >= 1). Building costs O(n log n)
 * distance evaluations, memory O(n).
 */
public final class BallTree implements SpatialIndex, java.io.Serializable {

  private static final long serialVersionUID = 1L;
  private static final int LEAF_SIZE = 24;

  private final double[][] points;
  private final MinkowskiMetric metric;
  /** The points' indices, node by node: node x holds order[start[x]..end[x]). */
  private final int[] order;
  private int nodes;
  private int[] start = new int[16];
  private int[] end = new int[16];
  private int[] left = new int[16];
  private int[] right = new int[16];
  private double[][] centre = new double[16][];
  private double[] radius = new double[16];

  public BallTree(double[][] points, MinkowskiMetric metric) {
    this.points = points;
    this.metric = metric;
    order = new int[points.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (points.length > 0) {
      build(0, points.length);
    }
  }

  /** Builds the node over order[from..to) and its subtree; returns the node's index. */
  private int build(int from, int to) {
    int node = nodes++;
    if (node == start.length) {
      int size = node * 2;
      start = java.util.Arrays.copyOf(start, size);
      end = java.util.Arrays.copyOf(end, size);
      left = java.util.Arrays.copyOf(left, size);
      right = java.util.Arrays.copyOf(right, size);
      centre = java.util.Arrays.copyOf(centre, size);
      radius = java.util.Arrays.copyOf(radius, size);
    }
    start[node] = from;
    end[node] = to;
    int d = points[order[from]].length;
    double[] mean = new double[d];
    for (int s = from; s < to; s++) {
      double[] p = points[order[s]];
      for (int j = 0; j < d; j++) {
        mean[j] += p[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= to - from;
    }
    double r = 0;
    for (int s = from; s < to; s++) {
      r = Math.max(r, metric.distance(mean, points[order[s]]));
    }
    centre[node] = mean;
    radius[node] = r;
    left[node] = -1;
    if (to - from > LEAF_SIZE && r > 0) {
      int split = widestCoordinate(from, to, d);
      int mid = (from + to) >>> 1;
      select(from, to - 1, mid, split);
      int a = build(from, mid);
      int b = build(mid, to);
      left[node] = a;
      right[node] = b;
    }
    return node;
  }

  private int widestCoordinate(int from, int to, int d) {
    int best = 0;
    double widest = -1;
    for (int j = 0; j < d; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int s = from; s < to; s++) {
        double v = points[order[s]][j];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (hi - lo > widest) {
        widest = hi - lo;
        best = j;
      }
    }
    return best;
  }

  /** The median split ({@link Quickselect}): order[k] gets the point of rank k by coordinate j. */
  private void select(int lo, int hi, int k, int j) {
    Quickselect.select(new Quickselect.Rows() {
      @Override
      public double value(int i, int coordinate) {
        return points[order[i]][coordinate];
      }

      @Override
      public void swap(int a, int b) {
        int t = order[a];
        order[a] = order[b];
        order[b] = t;
      }
    }, lo, hi, k, j);
  }

  @Override
  public int size() {
    return points.length;
  }

  /**
   * A lower bound on the distance from the query to any point of the node's ball: d(q, centre) -
   * radius by the triangle inequality, lowered by a relative 1e-10 for rounding. Both terms carry
   * rounding errors (the centre is a mean, not a data point), so without the slack a point at
   * exactly the query radius on the far side of the centre could be pruned: points {6, 9, 2} have
   * centre 17/3 and radius 11/3, and from q = -3 the computed bound 8.666666666666668 -
   * 3.666666666666667 exceeds 5 = d(q, 2).
   */
  private double lowerBound(double[] query, int node) {
    double toCentre = metric.distance(query, centre[node]);
    return toCentre - radius[node] - 1e-10 * (toCentre + radius[node]);
  }

  @Override
  public void within(double[] query, double r, NeighbourVisitor visitor) {
    if (points.length == 0) {
      return;
    }
    int[] stack = new int[64];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      int node = stack[--top];
      if (lowerBound(query, node) > r) {
        continue;
      }
      if (left[node] < 0) {
        for (int s = start[node]; s < end[node]; s++) {
          int i = order[s];
          double d = metric.distance(query, points[i]);
          if (d <= r) {
            visitor.visit(i, d);
          }
        }
        continue;
      }
      if (top + 2 > stack.length) {
        stack = java.util.Arrays.copyOf(stack, stack.length * 2);
      }
      stack[top++] = right[node];
      stack[top++] = left[node];
    }
  }

  @Override
  public Nearest kNearest(double[] query, int k) {
    BoundedHeap best = new BoundedHeap(k);
    int[] stack = new int[64];
    int top = 0;
    if (points.length > 0) {
      stack[top++] = 0;
    }
    while (top > 0) {
      int node = stack[--top];
      // only a node farther than the k-th distance is skipped: one at that distance may hold a
      // point of lower index, which a tie keeps
      if (best.full() && lowerBound(query, node) > best.worstKey()) {
        continue;
      }
      if (left[node] < 0) {
        for (int s = start[node]; s < end[node]; s++) {
          best.offer(order[s], metric.distance(query, points[order[s]]));
        }
        continue;
      }
      if (top + 2 > stack.length) {
        stack = java.util.Arrays.copyOf(stack, stack.length * 2);
      }
      // the nearer child is visited first (pushed last)
      double dl = lowerBound(query, left[node]);
      double dr = lowerBound(query, right[node]);
      stack[top++] = dl <= dr ? right[node] : left[node];
      stack[top++] = dl <= dr ? left[node] : right[node];
    }
    return Nearest.of(best);
  }
}
