package fundamentos.neighbours;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * A random-projection tree (Dasgupta and Freund 2008, as pynndescent builds it): each node splits
 * its points by the hyperplane halfway between two of them drawn at random, until leaves hold at
 * most {@code leafSize} points. Points in one leaf are likely neighbours, which gives NN-descent its
 * starting graph and a query its first candidates.
 *
 * <p>A hyperplane is kept as its two pivot points, not as a d-dimensional normal, so a tree costs
 * a few ints per node: the side of x is the sign of x.(a - b) - (|a|^2 - |b|^2) / 2.
 */
final class RandomProjectionTree implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Relative margin below which a point is treated as on the hyperplane. */
  private static final float ON_PLANE = 1e-6f;

  private int nodes;
  private int[] pivotA = new int[16];
  private int[] pivotB = new int[16];
  /** Child on the a side; -1 for a leaf. */
  private int[] childA = new int[16];
  private int[] childB = new int[16];
  private int[] start = new int[16];
  private int[] end = new int[16];
  /** The points, leaf by leaf: leaf node x holds order[start[x]..end[x]). */
  private final int[] order;

  RandomProjectionTree(LpPoints points, float[] squaredNorms, int leafSize, SplittableRandom random) {
    int n = points.size();
    order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int root = newNode(0, n);
    int[] stack = new int[64];
    int top = 0;
    stack[top++] = root;
    while (top > 0) {
      int node = stack[--top];
      if (end[node] - start[node] <= leafSize) {
        continue;
      }
      int mid = split(node, points, squaredNorms, random);
      int a = newNode(start[node], mid);
      int b = newNode(mid, end[node]);
      childA[node] = a;
      childB[node] = b;
      if (top + 2 > stack.length) {
        stack = java.util.Arrays.copyOf(stack, stack.length * 2);
      }
      stack[top++] = a;
      stack[top++] = b;
    }
  }

  private int newNode(int from, int to) {
    if (nodes == start.length) {
      int size = nodes * 2;
      pivotA = java.util.Arrays.copyOf(pivotA, size);
      pivotB = java.util.Arrays.copyOf(pivotB, size);
      childA = java.util.Arrays.copyOf(childA, size);
      childB = java.util.Arrays.copyOf(childB, size);
      start = java.util.Arrays.copyOf(start, size);
      end = java.util.Arrays.copyOf(end, size);
    }
    childA[nodes] = -1;
    childB[nodes] = -1;
    start[nodes] = from;
    end[nodes] = to;
    return nodes++;
  }

  /** Partitions the node's points in place; returns the index where the b side begins. */
  private int split(int node, LpPoints points, float[] squaredNorms, SplittableRandom random) {
    int from = start[node];
    int to = end[node];
    int size = to - from;
    int a = order[from + random.nextInt(size)];
    int b = order[from + random.nextInt(size - 1)];
    if (b == a) {
      b = order[to - 1];
    }
    pivotA[node] = a;
    pivotB[node] = b;
    // the hyperplane's normal a - b and offset, computed once for the node: one dot per point
    float[] xa = points.row(a);
    float[] xb = points.row(b);
    float[] normal = new float[xa.length];
    for (int j = 0; j < normal.length; j++) {
      normal[j] = xa[j] - xb[j];
    }
    float half = (squaredNorms[a] - squaredNorms[b]) / 2;
    float scale = Math.max(Math.abs(squaredNorms[a]) + Math.abs(squaredNorms[b]), 1e-30f);
    // sides: +1 a side, -1 b side, 0 undecided
    byte[] side = new byte[size];
    int countA = 0;
    float[] scratch = new float[normal.length];
    for (int s = 0; s < size; s++) {
      float m = LpPoints.dot(points.row(order[from + s]), normal, scratch) - half;
      if (m > ON_PLANE * scale) {
        side[s] = 1;
      } else if (m < -ON_PLANE * scale) {
        side[s] = -1;
      } else {
        side[s] = (byte) (random.nextBoolean() ? 1 : -1);
      }
      if (side[s] > 0) {
        countA++;
      }
    }
    if (countA == 0 || countA == size) {
      // every point on one side (duplicates): split at random in halves (pynndescent 0.5.8 would
      // split the same points again, with new coin flips for those on the plane)
      shuffle(from, to, random);
      pivotA[node] = -1;
      return from + size / 2;
    }
    int[] tmp = new int[size];
    int lo = 0;
    int hi = size - 1;
    for (int s = 0; s < size; s++) {
      if (side[s] > 0) {
        tmp[lo++] = order[from + s];
      } else {
        tmp[hi--] = order[from + s];
      }
    }
    System.arraycopy(tmp, 0, order, from, size);
    return from + lo;
  }

  private void shuffle(int from, int to, SplittableRandom random) {
    for (int i = to - 1; i > from; i--) {
      int j = from + random.nextInt(i - from + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private static float margin(float[] x, float[] a, float[] b, float half) {
    return LpPoints.dot(x, a) - LpPoints.dot(x, b) - half;
  }

  /** For every point, the leaf node that holds it. */
  int[] leafOfEachPoint() {
    int[] leaf = new int[order.length];
    for (int node = 0; node < nodes; node++) {
      if (childA[node] < 0) {
        for (int s = start[node]; s < end[node]; s++) {
          leaf[order[s]] = node;
        }
      }
    }
    return leaf;
  }

  /** The leaf a query falls in (on-plane and randomly split nodes send it to the a side). */
  int leafOf(float[] query, LpPoints points, float[] squaredNorms) {
    int node = 0;
    while (childA[node] >= 0) {
      int a = pivotA[node];
      if (a < 0) {
        node = childA[node];
        continue;
      }
      int b = pivotB[node];
      float half = (squaredNorms[a] - squaredNorms[b]) / 2;
      node = margin(query, points.row(a), points.row(b), half) >= 0 ? childA[node] : childB[node];
    }
    return node;
  }

  /** Nodes in the tree; node 0 is the root. */
  int nodeCount() {
    return nodes;
  }

  /** The child on the a side of a node, -1 for a leaf. */
  int childA(int node) {
    return childA[node];
  }

  /** The child on the b side of a node, -1 for a leaf. */
  int childB(int node) {
    return childB[node];
  }

  /** The point on the a side of a node's hyperplane, -1 if it was split at random in halves. */
  int pivotA(int node) {
    return pivotA[node];
  }

  /** The point on the b side of a node's hyperplane. */
  int pivotB(int node) {
    return pivotB[node];
  }

  /** First position of a node's points (in {@link #pointAt}); any node, not only leaves. */
  int leafStart(int leaf) {
    return start[leaf];
  }

  int leafEnd(int leaf) {
    return end[leaf];
  }

  int pointAt(int position) {
    return order[position];
  }
}
