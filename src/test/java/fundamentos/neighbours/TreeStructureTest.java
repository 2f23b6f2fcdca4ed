package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.cluster.DbscanTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shape the class comments promise, read from the trees' private arrays: a range query
 * answers correctly over any bounding boxes or balls, so a median split done wrong, a box or a
 * centre computed wrong, or a leaf left unsplit shows only here (as a slower search otherwise).
 *
 * <ul>
 *   <li>k-d tree (Bentley 1975): each node's box is the exact bounding box of its points; a node
 *   of more than LEAF_SIZE points that are not all equal is split at its middle position, along a
 *   dimension of widest extent, with no point of the left half above any point of the right half
 *   in that dimension (the median split); the others are leaves.</li>
 *   <li>ball tree (Omohundro 1989): each node's centre is the mean of its points and its radius
 *   the largest distance from it; a node of more than LEAF_SIZE points at positive radius is
 *   split the same way along a coordinate of widest spread.</li>
 * </ul>
 */
class TreeStructureTest {

  private static Object field(Object owner, String name) {
    try {
      java.lang.reflect.Field f = owner.getClass().getDeclaredField(name);
      f.setAccessible(true);
      return f.get(owner);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static int leafSize(Class<?> tree) {
    try {
      java.lang.reflect.Field f = tree.getDeclaredField("LEAF_SIZE");
      f.setAccessible(true);
      return f.getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Data sets: lattices with ties, Gaussian blobs, two big groups of duplicates, one point. */
  static List<double[][]> dataSets() {
    Random random = new Random(31);
    List<double[][]> sets = new ArrayList<>();
    for (int d = 1; d <= 5; d++) {
      // 24 and 48: nodes of exactly the ball tree's LEAF_SIZE (a leaf) and twice it
      for (int n : new int[] {1, 16, 17, 24, 25, 48, 50, 150, 700}) {
        sets.add(SpatialIndexAgreementTest.lattice(random, n, d, d == 1 ? 30 : 6, n + d, 1));
      }
    }
    // many small sets, with and without ties: the quickselect behind the median splits meets its
    // rare cases (a two-row range whose upper row is the one asked for, a pivot equal to the
    // rank sought) only on some orders
    for (int s = 0; s < 300; s++) {
      int n = 17 + random.nextInt(84);
      int d = 1 + random.nextInt(2);
      double[][] x = new double[n][d];
      for (double[] row : x) {
        for (int j = 0; j < d; j++) {
          row[j] = s % 2 == 0 ? random.nextInt(1 + n / 4) : random.nextGaussian();
        }
      }
      if (s % 3 == 0) {
        java.util.Arrays.sort(x, java.util.Comparator.comparingDouble(row -> row[0]));
      }
      sets.add(x);
    }
    sets.add(DbscanTest.blobs(1000, 3, 4, 8));
    sets.add(DbscanTest.blobs(600, 7, 3, 9));
    double[][] twoGroups = new double[90][];
    for (int i = 0; i < twoGroups.length; i++) {
      twoGroups[i] = i % 2 == 0 ? new double[] {1, 5} : new double[] {4, 5};
    }
    sets.add(twoGroups);
    double[][] same = new double[100][3];
    sets.add(same);
    return sets;
  }

  private static void assertPermutation(int[] order, int n) {
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      assertEquals(i, sorted[i], "order is a permutation");
    }
  }

  /** The dimensions of largest high - low among the given rows. */
  private static boolean[] widest(double[][] rows) {
    int d = rows[0].length;
    double[] extent = new double[d];
    double most = -1;
    for (int j = 0; j < d; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] row : rows) {
        lo = Math.min(lo, row[j]);
        hi = Math.max(hi, row[j]);
      }
      extent[j] = hi - lo;
      most = Math.max(most, extent[j]);
    }
    boolean[] widest = new boolean[d];
    for (int j = 0; j < d; j++) {
      widest[j] = extent[j] == most;
    }
    return widest;
  }

  /** Whether some widest dimension separates left from right (max of left <= min of right). */
  private static boolean splitAlongAWidestDimension(double[][] all, double[][] left,
      double[][] right) {
    boolean[] widest = widest(all);
    for (int j = 0; j < widest.length; j++) {
      if (!widest[j]) {
        continue;
      }
      double leftMax = Double.NEGATIVE_INFINITY;
      for (double[] row : left) {
        leftMax = Math.max(leftMax, row[j]);
      }
      double rightMin = Double.POSITIVE_INFINITY;
      for (double[] row : right) {
        rightMin = Math.min(rightMin, row[j]);
      }
      if (leftMax <= rightMin) {
        return true;
      }
    }
    return false;
  }

  private static boolean allEqual(double[][] rows) {
    for (double[] row : rows) {
      if (!Arrays.equals(row, rows[0])) {
        return false;
      }
    }
    return true;
  }

  @Test
  void kdTreeNodesAreMedianSplitsWithExactBoxes() {
    int leafSize = leafSize(KdTree.class);
    for (double[][] x : dataSets()) {
      int n = x.length;
      int d = x[0].length;
      KdTree tree = new KdTree(x, new MinkowskiMetric(2));
      int[] order = (int[]) field(tree, "order");
      double[] coordinates = (double[]) field(tree, "coordinates");
      int[] left = (int[]) field(tree, "left");
      int[] right = (int[]) field(tree, "right");
      int[] start = (int[]) field(tree, "start");
      int[] end = (int[]) field(tree, "end");
      double[] boxLow = (double[]) field(tree, "boxLow");
      double[] boxHigh = (double[]) field(tree, "boxHigh");
      int nodes = (int) field(tree, "nodes");
      assertPermutation(order, n);
      double[][] rows = new double[n][];
      for (int i = 0; i < n; i++) {
        rows[i] = Arrays.copyOfRange(coordinates, i * d, (i + 1) * d);
        assertArrayEquals(x[order[i]], rows[i], 0.0, "row " + i + " is point order[i]");
      }
      String what = "n " + n + " d " + d;
      assertEquals(0, start[0], what);
      assertEquals(n, end[0], what);
      int visited = 0;
      List<Integer> stack = new ArrayList<>(List.of(0));
      while (!stack.isEmpty()) {
        int node = stack.remove(stack.size() - 1);
        visited++;
        assertTrue(visited <= nodes, what + ": more nodes reachable than built");
        double[][] mine = Arrays.copyOfRange(rows, start[node], end[node]);
        for (int j = 0; j < d; j++) {
          double lo = Double.POSITIVE_INFINITY;
          double hi = Double.NEGATIVE_INFINITY;
          for (double[] row : mine) {
            lo = Math.min(lo, row[j]);
            hi = Math.max(hi, row[j]);
          }
          assertEquals(lo, boxLow[node * d + j], 0.0, what + " node " + node + " box low " + j);
          assertEquals(hi, boxHigh[node * d + j], 0.0, what + " node " + node + " box high " + j);
        }
        boolean splittable = mine.length > leafSize && !allEqual(mine);
        if (left[node] < 0) {
          assertEquals(-1, right[node]);
          assertTrue(!splittable, what + " node " + node + ": a leaf of " + mine.length
              + " points that are not all equal");
          continue;
        }
        assertTrue(splittable, what + " node " + node + " of " + mine.length + " points split");
        int middle = (start[node] + end[node]) >>> 1;
        assertTrue(left[node] > node && right[node] > node, what + ": children come after");
        assertEquals(start[node], start[left[node]], what);
        assertEquals(middle, end[left[node]], what);
        assertEquals(middle, start[right[node]], what);
        assertEquals(end[node], end[right[node]], what);
        assertTrue(splitAlongAWidestDimension(mine, Arrays.copyOfRange(rows, start[node], middle),
            Arrays.copyOfRange(rows, middle, end[node])), what + " node " + node + ": median split");
        stack.add(left[node]);
        stack.add(right[node]);
      }
      assertEquals(nodes, visited, what);
    }
  }

  @Test
  void ballTreeNodesAreMeanCentredBallsSplitAtTheMedian() {
    int leafSize = leafSize(BallTree.class);
    for (double[][] x : dataSets()) {
      int n = x.length;
      int d = x[0].length;
      for (MinkowskiMetric metric : new MinkowskiMetric[] {new MinkowskiMetric(2),
          new MinkowskiMetric(1)}) {
        BallTree tree = new BallTree(x, metric);
        int[] order = (int[]) field(tree, "order");
        int[] left = (int[]) field(tree, "left");
        int[] right = (int[]) field(tree, "right");
        int[] start = (int[]) field(tree, "start");
        int[] end = (int[]) field(tree, "end");
        double[][] centre = (double[][]) field(tree, "centre");
        double[] radius = (double[]) field(tree, "radius");
        int nodes = (int) field(tree, "nodes");
        assertPermutation(order, n);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
          rows[i] = x[order[i]];
        }
        String what = "n " + n + " d " + d + " p " + metric.order();
        assertEquals(0, start[0], what);
        assertEquals(n, end[0], what);
        int visited = 0;
        List<Integer> stack = new ArrayList<>(List.of(0));
        while (!stack.isEmpty()) {
          int node = stack.remove(stack.size() - 1);
          visited++;
          assertTrue(visited <= nodes, what + ": more nodes reachable than built");
          double[][] mine = Arrays.copyOfRange(rows, start[node], end[node]);
          double[] mean = new double[d];
          for (double[] row : mine) {
            for (int j = 0; j < d; j++) {
              mean[j] += row[j] / mine.length;
            }
          }
          double scale = 0;
          for (double[] row : mine) {
            scale = Math.max(scale, metric.distance(new double[d], row));
          }
          assertArrayEquals(mean, centre[node], 1e-12 * (1 + scale), what + " node " + node);
          double far = 0;
          for (double[] row : mine) {
            far = Math.max(far, metric.distance(centre[node], row));
          }
          assertEquals(far, radius[node], 0.0, what + " node " + node + " radius");
          boolean splittable = mine.length > leafSize && radius[node] > 0;
          if (left[node] < 0) {
            assertTrue(!splittable, what + " node " + node + ": a leaf of " + mine.length
                + " points at radius " + radius[node]);
            continue;
          }
          assertTrue(splittable, what + " node " + node + " of " + mine.length + " points split");
          int middle = (start[node] + end[node]) >>> 1;
          assertTrue(left[node] > node && right[node] > node, what + ": children come after");
          assertEquals(start[node], start[left[node]], what);
          assertEquals(middle, end[left[node]], what);
          assertEquals(middle, start[right[node]], what);
          assertEquals(end[node], end[right[node]], what);
          assertTrue(splitAlongAWidestDimension(mine, Arrays.copyOfRange(rows, start[node], middle),
              Arrays.copyOfRange(rows, middle, end[node])), what + " node " + node + ": median split");
          stack.add(left[node]);
          stack.add(right[node]);
        }
        assertEquals(nodes, visited, what);
      }
    }
  }
}
