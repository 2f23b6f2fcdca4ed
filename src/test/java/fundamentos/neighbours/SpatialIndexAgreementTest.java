package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * Every index (k-d tree, ball tree, cell grid, brute force) against range queries and k-nearest
 * distances computed here from the definition, on points of an integer lattice: many duplicates,
 * many points at exactly the query radius, and boxes and cell walls that pass exactly through
 * points, which is where a strict comparison written as a loose one (or the other way round)
 * shows. Distances on these inputs are exact in floating point (small sums of small dyadic
 * numbers), so "within r" is decided exactly: reduced(q, x) = sum |q_j - x_j|^p <= r^p.
 */
class SpatialIndexAgreementTest {

  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double[] ORDERS = {1, 2, 3, INF};

  /** sum |a_j - b_j|^p (the largest difference for p = infinity), exact on lattice values. */
  static double reduced(double[] a, double[] b, double p) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      double t = Math.abs(a[j] - b[j]);
      sum = p == INF ? Math.max(sum, t) : sum + (p == 1 ? t : p == 2 ? t * t : t * t * t);
    }
    return sum;
  }

  static double power(double r, double p) {
    return p == 1 || p == INF ? r : p == 2 ? r * r : r * r * r;
  }

  static double root(double reduced, double p) {
    return p == 1 || p == INF ? reduced : p == 2 ? Math.sqrt(reduced) : Math.cbrt(reduced);
  }

  /**
   * n points with integer coordinates, coordinate j in [0, spread * (1 + (j + shift) % 3)] times
   * scale (so the widest coordinate is not always the first).
   */
  static double[][] lattice(Random random, int n, int d, int spread, int shift, double scale) {
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextInt(spread * (1 + (j + shift) % 3) + 1) * scale;
      }
    }
    return x;
  }

  /** The data points, half-way points, and points off each corner of the data's box. */
  static List<double[]> queries(double[][] x, Random random, double scale) {
    List<double[]> queries = new ArrayList<>();
    int d = x[0].length;
    for (int i = 0; i < x.length; i += Math.max(1, x.length / 25)) {
      queries.add(x[i].clone());
      double[] half = x[i].clone();
      half[random.nextInt(d)] += 0.5 * scale;
      queries.add(half);
    }
    double[] low = new double[d];
    double[] high = new double[d];
    Arrays.fill(low, INF);
    Arrays.fill(high, -INF);
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        low[j] = Math.min(low[j], row[j]);
        high[j] = Math.max(high[j], row[j]);
      }
    }
    for (int corner = 0; corner < 4; corner++) {
      double[] q = new double[d];
      for (int j = 0; j < d; j++) {
        boolean up = ((corner >> (j % 2)) & 1) == 1;
        q[j] = up ? high[j] + (corner + 1) * scale : low[j] - corner * scale;
      }
      queries.add(q);
    }
    double[] beyond = high.clone();
    beyond[d - 1] += 0.5 * scale;
    queries.add(beyond);
    return queries;
  }

  /** The indices within r of q, with their distances, from the definition. */
  static TreeMap<Integer, Double> expectedWithin(double[][] x, double[] q, double r, double p) {
    TreeMap<Integer, Double> found = new TreeMap<>();
    for (int i = 0; i < x.length; i++) {
      double s = reduced(q, x[i], p);
      if (s <= power(r, p)) {
        found.put(i, root(s, p));
      }
    }
    return found;
  }

  /** The accepted point within r nearest to q, the smallest index among equally near ones. */
  static int expectedNearest(double[][] x, double[] q, double r, double p, IntPredicate accept) {
    int best = -1;
    for (int i = 0; i < x.length; i++) {
      double s = reduced(q, x[i], p);
      if (s <= power(r, p) && accept.test(i)
          && (best < 0 || s < reduced(q, x[best], p))) {
        best = i;
      }
    }
    return best;
  }

  private static final IntPredicate[] ACCEPT = {
      i -> true, i -> i % 2 == 0, i -> i % 3 == 1, i -> i > 5, i -> false};

  /** within, collect and nearest of one index on one query against the definition. */
  static void assertAgrees(NeighbourSearch search, double[][] x, double[] q, double r, double p,
      String what) {
    String where = what + " query " + Arrays.toString(q) + " radius " + r;
    TreeMap<Integer, Double> expected = expectedWithin(x, q, r, p);
    TreeMap<Integer, Double> visited = new TreeMap<>();
    int[] visits = {0};
    search.within(q, r, (index, distance) -> {
      visits[0]++;
      visited.put(index, distance);
    });
    assertEquals(expected.keySet(), visited.keySet(), where);
    assertEquals(expected.size(), visits[0], where + ": a point visited twice");
    for (int i : expected.keySet()) {
      assertEquals(expected.get(i), visited.get(i), 1e-12 * (1 + expected.get(i)), where);
    }
    Neighbourhood out = new Neighbourhood();
    out.add(-7); // collect replaces what was there
    search.collect(q, r, out);
    TreeSet<Integer> collected = new TreeSet<>();
    for (int k = 0; k < out.size(); k++) {
      collected.add(out.get(k));
    }
    assertEquals(expected.size(), out.size(), where);
    assertEquals(expected.keySet(), collected, where);
    for (int a = 0; a < ACCEPT.length; a++) {
      assertEquals(expectedNearest(x, q, r, p, ACCEPT[a]), search.nearest(q, r, ACCEPT[a]),
          where + " acceptance " + a);
    }
  }

  /** The k nearest distances of a tree against the sorted distances to every point. */
  static void assertNearestDistances(SpatialIndex tree, double[][] x, double[] q, double p,
      String what) {
    double[] all = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      all[i] = root(reduced(q, x[i], p), p);
    }
    Arrays.sort(all);
    for (int k : new int[] {1, 2, 3, 5, 9, 17, 30, x.length, x.length + 2}) {
      double[] expected = Arrays.copyOf(all, Math.min(k, x.length));
      assertArrayEquals(expected, tree.nearestDistances(q, k), 1e-12 * (1 + all[all.length - 1]),
          what + " k " + k + " query " + Arrays.toString(q));
    }
  }

  private static void checkEveryIndex(double[][] x, double scale, Random random, String what) {
    List<double[]> queries = queries(x, random, scale);
    double[] radii = {0, 0.5 * scale, scale, 1.5 * scale, 2 * scale, 3 * scale, 5 * scale, INF};
    for (double p : ORDERS) {
      MinkowskiMetric metric = new MinkowskiMetric(p);
      KdTree kd = new KdTree(x, metric);
      BallTree ball = new BallTree(x, metric);
      List<NeighbourSearch> searches = new ArrayList<>(List.of(kd, ball,
          new BruteForceSearch(x, metric::distance)));
      if (p == 2) {
        for (double side : new double[] {scale, 0.5 * scale, 2 * scale, 0.7 * scale}) {
          CellGrid grid = CellGrid.over(x, side);
          assertTrue(grid != null);
          assertEquals(x[0].length, grid.dimension());
          assertEquals(side, grid.side());
          searches.add(grid);
        }
      }
      for (NeighbourSearch search : searches) {
        assertEquals(x.length, search.size());
        String name = what + " p " + p + " " + search.getClass().getSimpleName();
        for (double[] q : queries) {
          for (double r : radii) {
            assertAgrees(search, x, q, r, p, name);
          }
        }
      }
      for (double[] q : queries) {
        assertNearestDistances(kd, x, q, p, what + " k-d tree p " + p);
        assertNearestDistances(ball, x, q, p, what + " ball tree p " + p);
      }
    }
  }

  @Test
  void latticePointsInOneToFiveDimensions() {
    Random random = new Random(2024);
    for (int d = 1; d <= 5; d++) {
      for (int n : new int[] {1, 2, 3, 17, 33, 70, 150}) {
        int spread = d == 1 ? 12 : d <= 3 ? 4 : 2;
        double[][] x = lattice(random, n, d, spread, n + d, 1);
        checkEveryIndex(x, 1, random, "d " + d + " n " + n);
      }
    }
  }

  /** Few occupied cells over a wide box: the grid's hashed cell table and its all-cells scan. */
  @Test
  void sparseLatticePoints() {
    Random random = new Random(99);
    for (int d = 1; d <= 3; d++) {
      for (int n : new int[] {5, 40, 120}) {
        double[][] x = lattice(random, n, d, d == 1 ? 40 : 8, n, 100);
        checkEveryIndex(x, 100, random, "sparse d " + d + " n " + n);
      }
    }
  }

  /** Equal points: a tree leaf however large, one cell, every distance tied. */
  @Test
  void allPointsEqual() {
    Random random = new Random(5);
    for (int d = 1; d <= 4; d++) {
      for (int n : new int[] {1, 20, 64, 65, 100}) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
          Arrays.fill(row, 3);
        }
        checkEveryIndex(x, 1, random, "equal d " + d + " n " + n);
      }
    }
  }

  /** Wide two-dimensional data: trees many levels deep (and the grid's interior cells). */
  @Test
  void manyPointsInThePlane() {
    Random random = new Random(17);
    double[][] x = lattice(random, 900, 2, 15, 0, 1);
    List<double[]> queries = queries(x, random, 1).subList(0, 20);
    for (double p : ORDERS) {
      MinkowskiMetric metric = new MinkowskiMetric(p);
      KdTree kd = new KdTree(x, metric);
      BallTree ball = new BallTree(x, metric);
      List<NeighbourSearch> searches = new ArrayList<>(List.of(kd, ball));
      if (p == 2) {
        searches.add(new CellGrid(x, 1));
        searches.add(new CellGrid(x, CellGrid.sideFor(2, 2)));
      }
      for (double[] q : queries) {
        for (double r : new double[] {0, 1, 2, 3.5, 5}) {
          for (NeighbourSearch search : searches) {
            assertAgrees(search, x, q, r, p, "plane p " + p + " " + search.getClass().getSimpleName());
          }
        }
        assertNearestDistances(kd, x, q, p, "plane k-d tree");
        assertNearestDistances(ball, x, q, p, "plane ball tree");
      }
    }
  }

  @Test
  void emptyIndexesFindNothing() {
    double[][] none = new double[0][];
    double[] q = {1, 2};
    MinkowskiMetric metric = new MinkowskiMetric(2);
    for (MinkowskiMetric m : new MinkowskiMetric[] {metric, new MinkowskiMetric(1)}) {
      for (SpatialIndex tree : new SpatialIndex[] {new KdTree(none, m), new BallTree(none, m)}) {
        assertEquals(0, tree.size());
        assertArrayEquals(new double[0], tree.nearestDistances(q, 3));
        tree.within(q, 10, (i, distance) -> {
          throw new AssertionError("found " + i);
        });
        Neighbourhood out = new Neighbourhood();
        out.add(4);
        tree.collect(q, 10, out);
        assertEquals(0, out.size());
        assertEquals(-1, tree.nearest(q, 10, i -> true));
      }
    }
    CellGrid grid = CellGrid.over(none, 1);
    assertEquals(0, grid.size());
    assertEquals(-1, grid.nearest(q, 10, i -> true));
    assertEquals(-1, new CellGrid(none, 0).nearest(q, 10, i -> true));
  }

  /** The gridding limits: which sides and spreads give a grid (over) and which do not. */
  @Test
  void gridsThatFitAndGridsThatDoNot() {
    double[][] x = {{0, 0}, {1, 2}};
    assertTrue(CellGrid.over(x, 1) != null);
    assertNull(CellGrid.over(x, 0));
    assertNull(CellGrid.over(x, -1));
    assertNull(CellGrid.over(x, INF));
    assertNull(CellGrid.over(x, Double.NaN));
    assertNull(CellGrid.over(new double[0][], 0));
    assertNull(CellGrid.over(new double[0][], INF));
    // a NaN after finite values still refuses the grid
    assertNull(CellGrid.over(new double[][] {{0, 0}, {1, Double.NaN}}, 1));
    assertNull(CellGrid.over(new double[][] {{Double.NaN, 0}, {1, 1}}, 1));
    assertNull(CellGrid.over(new double[][] {{0, 0}, {INF, 1}}, 1));
    // far from the origin: the bounds are the data's, not [0, data]
    assertTrue(CellGrid.over(new double[][] {{1e15}, {1e15 + 3}}, 1) != null);
    assertTrue(CellGrid.over(new double[][] {{-1e15}, {-1e15 - 3}}, 1) != null);
    assertTrue(CellGrid.over(new double[][] {{1e12}, {1e12 + 10}}, 1) != null);
    // cells along one dimension: at most Integer.MAX_VALUE - 1
    double max = Integer.MAX_VALUE;
    assertNull(CellGrid.over(new double[][] {{0}, {max - 1}}, 1)); // floor(range) + 1 = MAX_VALUE
    assertTrue(CellGrid.over(new double[][] {{0}, {max - 2}}, 1) != null);
    assertNull(CellGrid.over(new double[][] {{0}, {0x1p30}}, 0.25));
    assertNull(CellGrid.over(new double[][] {{0}, {0x1p40}}, 1));
    // cells in all: fewer than 2^62
    assertNull(CellGrid.over(new double[][] {{0, 0, 0}, {0x1p20 - 1, 0x1p21 - 1, 0x1p21 - 1}}, 1));
    assertTrue(CellGrid.over(new double[][] {{0, 0, 0}, {0x1p20 - 2, 0x1p21 - 1, 0x1p21 - 1}}, 1)
        != null);
    assertNull(CellGrid.over(new double[][] {{0, 0, 0}, {0x1p21, 0x1p21, 0x1p21}}, 1));
    // no points: the constructor makes an empty grid whatever the side
    assertEquals(0, new CellGrid(new double[0][], 0).size());
  }

  /**
   * A NaN coordinate refuses the grid wherever it is: in the first, a middle or the last row,
   * with finite values in that column before and after it, in any column (over says null, the
   * constructor throws), as its javadoc promises for non-finite coordinates.
   */
  @Test
  void aNaNCoordinateInAnyRowRefusesTheGrid() {
    for (int n = 1; n <= 4; n++) {
      for (int row = 0; row < n; row++) {
        for (int column = 0; column < 2; column++) {
          double[][] x = new double[n][];
          for (int i = 0; i < n; i++) {
            x[i] = new double[] {i, 3 - i};
          }
          x[row][column] = Double.NaN;
          String at = Arrays.deepToString(x);
          assertNull(CellGrid.over(x, 1), at);
          IllegalArgumentException refused =
              assertThrows(IllegalArgumentException.class, () -> new CellGrid(x, 1), at);
          assertTrue(refused.getMessage().contains("non-finite"), refused.getMessage());
        }
      }
    }
  }

  /** sideFor: eps / sqrt(d), a relative 1e-12 smaller, so that a cell's diagonal stays within eps. */
  @Test
  void cellSides() {
    for (int d = 1; d <= 6; d++) {
      double side = CellGrid.sideFor(2, d);
      assertTrue(side * Math.sqrt(d) < 2, "d " + d);
      assertEquals(2 / Math.sqrt(d), side, 1e-11);
    }
    assertEquals(0.5, CellGrid.sideFor(0.5, 0), 1e-12);
  }
}
