package fundamentos.neighbours;

/**
 * A k-d tree (Bentley 1975) over points in R^d for range queries under an L_p metric: each node
 * splits its points at the median of its widest dimension and keeps its bounding box, so a query
 * skips every subtree whose box lies farther than the radius. O(n log n) to build, O(n) memory;
 * a range query costs about O(log n + number of points found) in low dimension.
 */
public final class KdTree implements SpatialIndex, java.io.Serializable {

  private static final long serialVersionUID = 2L;
  private static final int LEAF_SIZE = 16;

  private final MinkowskiMetric metric;
  /** order[i] is the original index of the i-th point in tree order. */
  private final int[] order;
  private final int dimension;
  /**
   * The points' coordinates in tree order, row after row: a leaf's points are contiguous in
   * memory, which makes range queries scan memory linearly. The tree is built on this array
   * directly (rows swapped in place by the median selection), so no row is copied twice.
   */
  private final double[] coordinates;
  // node arrays: children, point range [start, end), bounding box (node x's box is
  // boxLow/boxHigh[x * dimension .. (x + 1) * dimension))
  private int[] left;
  private int[] right;
  private int[] start;
  private int[] end;
  private double[] boxLow;
  private double[] boxHigh;
  private int nodes;

  /**
   * @param points the rows to index (copied: later changes do not reach the tree)
   */
  public KdTree(double[][] points, MinkowskiMetric metric) {
    this.metric = metric;
    int n = points.length;
    dimension = n == 0 ? 0 : points[0].length;
    int d = dimension;
    order = new int[n];
    coordinates = new double[n * d];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      System.arraycopy(points[i], 0, coordinates, i * d, d);
    }
    // a median split leaves at least LEAF_SIZE / 2 points per leaf: fewer than 4n / LEAF_SIZE
    // nodes; grown if duplicates make leaves smaller
    int capacity = Math.max(1, 4 * (n / LEAF_SIZE + 1));
    left = new int[capacity];
    right = new int[capacity];
    start = new int[capacity];
    end = new int[capacity];
    boxLow = new double[capacity * d];
    boxHigh = new double[capacity * d];
    if (n > 0) {
      build(0, n);
    }
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
    int d = dimension;
    int box = node * d;
    System.arraycopy(coordinates, from * d, boxLow, box, d);
    System.arraycopy(coordinates, from * d, boxHigh, box, d);
    for (int i = from + 1; i < to; i++) {
      for (int j = 0, x = i * d; j < d; j++, x++) {
        double v = coordinates[x];
        if (v < boxLow[box + j]) {
          boxLow[box + j] = v;
        } else if (v > boxHigh[box + j]) {
          boxHigh[box + j] = v;
        }
      }
    }
    start[node] = from;
    end[node] = to;
    left[node] = -1;
    right[node] = -1;
    if (to - from <= LEAF_SIZE) {
      return node;
    }
    int widest = 0;
    for (int j = 1; j < d; j++) {
      if (boxHigh[box + j] - boxLow[box + j] > boxHigh[box + widest] - boxLow[box + widest]) {
        widest = j;
      }
    }
    if (boxHigh[box + widest] == boxLow[box + widest]) {
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
    boxLow = java.util.Arrays.copyOf(boxLow, capacity * dimension);
    boxHigh = java.util.Arrays.copyOf(boxHigh, capacity * dimension);
  }

  /** The median split ({@link Quickselect}) on rows from..to by dimension j, rows moving whole. */
  private void select(int from, int to, int k, int j) {
    Quickselect.select(new Quickselect.Rows() {
      @Override
      public double value(int i, int coordinate) {
        return coordinates[i * dimension + coordinate];
      }

      @Override
      public void swap(int a, int b) {
        int t = order[a];
        order[a] = order[b];
        order[b] = t;
        int d = dimension;
        for (int c = 0, x = a * d, y = b * d; c < d; c++, x++, y++) {
          double v = coordinates[x];
          coordinates[x] = coordinates[y];
          coordinates[y] = v;
        }
      }
    }, from, to, k, j);
  }

  /**
   * The k nearest indexed points to {@code query} (k-d tree search with a bounded max-heap,
   * pruning boxes farther than the current k-th distance): nearest first.
   */
  @Override
  public Nearest kNearest(double[] query, int k) {
    BoundedHeap best = new BoundedHeap(k);
    int[] stack = new int[64];
    int top = 0;
    if (nodes > 0) {
      stack[top++] = 0;
    }
    while (top > 0) {
      int node = stack[--top];
      // only a node farther than the k-th distance is skipped: one at that distance may hold a
      // point of lower index, which a tie keeps
      if (best.full() && metric.distanceToBox(query, boxLow, boxHigh, node * dimension) > best.worstKey()) {
        continue;
      }
      if (left[node] < 0) {
        for (int i = start[node]; i < end[node]; i++) {
          best.offer(order[i], metric.unreduce(metric.reduced(query, coordinates, i * dimension)));
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
    return Nearest.of(best);
  }

  @Override
  public void within(double[] query, double radius, NeighbourVisitor visitor) {
    Neighbourhood found = new Neighbourhood();
    positionsWithin(query, radius, found);
    for (int k = 0; k < found.size(); k++) {
      int position = found.get(k);
      visitor.visit(order[position],
          metric.unreduce(metric.reduced(query, coordinates, position * dimension)));
    }
  }

  @Override
  public void collect(double[] query, double radius, Neighbourhood out) {
    positionsWithin(query, radius, out);
    for (int k = 0; k < out.size(); k++) {
      out.set(k, order[out.get(k)]);
    }
  }

  /**
   * Replaces the contents of {@code out} with the tree positions of the points within
   * {@code radius}, comparing reduced distances (no roots).
   */
  private void positionsWithin(double[] query, double radius, Neighbourhood out) {
    out.clear();
    if (nodes == 0) {
      return;
    }
    double limit = metric.reduce(radius);
    if (dimension == 2 && metric.order() == 2) {
      positionsWithinPlane(query[0], query[1], limit, out);
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
          if (metric.reduced(query, coordinates, i * dimension) <= limit) {
            out.add(i);
          }
        }
      } else {
        stack = pushChildren(stack, top, node);
        top += 2;
      }
    }
  }

  /**
   * {@link #positionsWithin} for the commonest case, Euclidean distance in the plane (2-D
   * embeddings), with the two coordinates in registers.
   */
  private void positionsWithinPlane(double x, double y, double limit, Neighbourhood out) {
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
          if (dx * dx + dy * dy <= limit) {
            out.add(i);
          }
        }
      } else {
        stack = pushChildren(stack, top, node);
        top += 2;
      }
    }
  }

  /** Pushes the node's two children on the stack at {@code top}, growing it when full. */
  private int[] pushChildren(int[] stack, int top, int node) {
    int[] result = top + 2 > stack.length ? java.util.Arrays.copyOf(stack, stack.length * 2) : stack;
    result[top] = left[node];
    result[top + 1] = right[node];
    return result;
  }
}
