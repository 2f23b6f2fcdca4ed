package fundamentos.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fundamentos.neighbours.BallTree;
import fundamentos.neighbours.BruteForceSearch;
import fundamentos.neighbours.CellGrid;
import fundamentos.neighbours.KdTree;
import fundamentos.neighbours.MinkowskiMetric;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * DBSCAN's definitions (Ester et al. 1996, Definitions 1-5; course Algorithms 4 and 5) on a hand
 * case, eps = 1 and minPts = 3, the same on the grid, the k-d tree, the ball tree and brute force.
 *
 * <pre>
 *   P9 (0,2)                             P5 (10,1)
 *                                        |
 *   P10      P0 -- P1 -- P2 -- P3        P4 (10,0) -- P6 (11,0)
 *   (-1.5,0) (0,0) (1,0) (2,0) (3,0)     |
 *                                        P7 (10,-1)          P8 (5,5)
 * </pre>
 *
 * P1 and P2 have exactly minPts = 3 points within eps (themselves included; neighbours at exactly
 * eps count), so they are core points; P0 and P3 have 2 and are border points of their cluster. P4
 * has 4 and is core; P5, P6 and P7 (2 each) are its border points. P8, P9 and P10 are alone
 * within eps: noise.
 */
class DbscanHandCaseTest {

  private static final double[][] POINTS = {
    {0, 0}, {1, 0}, {2, 0}, {3, 0}, // P0..P3
    {10, 0}, {10, 1}, {11, 0}, {10, -1}, // P4..P7
    {5, 5}, {0, 2}, {-1.5, 0}, // P8, P9, P10: noise
  };
  private static final double EPS = 1;

  private static Map<String, Function<Double, DbscanResult>> indexes() {
    MinkowskiMetric euclid = new MinkowskiMetric(2);
    Map<String, Function<Double, DbscanResult>> all = new LinkedHashMap<>();
    all.put("k-d tree", minPts -> new Dbscan(EPS, minPts).cluster(POINTS, new KdTree(POINTS, euclid), null, EPS));
    all.put("ball tree", minPts -> new Dbscan(EPS, minPts).cluster(POINTS, new BallTree(POINTS, euclid), null, EPS));
    all.put("brute force", minPts -> new Dbscan(EPS, minPts).cluster(POINTS,
        new BruteForceSearch(POINTS, euclid::distance), null, EPS));
    all.put("grid", minPts -> new GridDbscan(EPS, minPts).cluster(new CellGrid(POINTS, CellGrid.sideFor(EPS, 2)), null));
    return all;
  }

  @Test
  void corePointsHaveAtLeastMinPtsNeighboursThemselvesIncluded() {
    for (Map.Entry<String, Function<Double, DbscanResult>> index : indexes().entrySet()) {
      DbscanResult result = index.getValue().apply(3.0);
      String name = index.getKey();
      assertArrayEquals(new boolean[] {false, true, true, false, true, false, false, false, false, false, false},
          result.core(), name);
      assertEquals(2, result.numClusters(), name);
      int[] labels = result.labels();
      int left = labels[1];
      int right = labels[4];
      assertEquals(1 - left, right, name + ": two clusters numbered 0 and 1");
      assertArrayEquals(new int[] {left, left, left, left, right, right, right, right, -1, -1, -1}, labels, name);
      assertEquals(3, result.numCore(), name);
      assertEquals(5, result.numBorder(), name);
      assertEquals(3, result.numNoise(), name);
      assertArrayEquals(new int[] {4, 4}, result.clusterSizes(), name);
    }
  }

  /** One more point needed: P1 and P2 are no longer core, their chain dissolves into noise. */
  @Test
  void minPtsOneAboveTheirCountLeavesOnlyTheDenserCluster() {
    for (Map.Entry<String, Function<Double, DbscanResult>> index : indexes().entrySet()) {
      DbscanResult result = index.getValue().apply(4.0);
      assertArrayEquals(new int[] {-1, -1, -1, -1, 0, 0, 0, 0, -1, -1, -1}, result.labels(), index.getKey());
      assertEquals(1, result.numCore(), index.getKey());
    }
  }

  /** minPts 2: every point with one neighbour within eps is core; the isolated ones stay noise. */
  @Test
  void minPtsTwoLinksEveryPairWithinEps() {
    for (Map.Entry<String, Function<Double, DbscanResult>> index : indexes().entrySet()) {
      DbscanResult result = index.getValue().apply(2.0);
      int[] labels = result.labels();
      String name = index.getKey();
      assertEquals(2, result.numClusters(), name);
      for (int i : new int[] {0, 1, 2, 3}) {
        assertEquals(labels[1], labels[i], name + " point " + i);
      }
      for (int i : new int[] {5, 6, 7}) {
        assertEquals(labels[4], labels[i], name + " point " + i);
      }
      for (int i : new int[] {8, 9, 10}) {
        assertEquals(-1, labels[i], name + " point " + i);
      }
      assertEquals(8, result.numCore(), name);
    }
  }

  /**
   * minPts 4: C = (0,0) has itself and three points at distance 1, so it is core; B = (1,0) has C,
   * itself and X = (2,0), 3 < 4, so it is a border point; X, within eps of B only, is noise:
   * density-reachable only through core points (Definition 3).
   */
  @Test
  void aPointNearOnlyABorderPointIsNoise() {
    double[][] points = {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {2, 0}};
    MinkowskiMetric euclid = new MinkowskiMetric(2);
    DbscanResult[] results = {
      new Dbscan(EPS, 4).cluster(points, new KdTree(points, euclid), null, EPS),
      new Dbscan(EPS, 4).cluster(points, new BallTree(points, euclid), null, EPS),
      new Dbscan(EPS, 4).cluster(points, new BruteForceSearch(points, euclid::distance), null, EPS),
      new GridDbscan(EPS, 4).cluster(new CellGrid(points, CellGrid.sideFor(EPS, 2)), null),
    };
    for (DbscanResult result : results) {
      assertArrayEquals(new boolean[] {true, false, false, false, false}, result.core());
      assertArrayEquals(new int[] {0, 0, 0, 0, -1}, result.labels());
    }
  }

  /** Weights count towards minPts: P0 with weight 2 has weight 3 within eps and becomes core. */
  @Test
  void aWeightOfTwoCountsAsTwoPoints() {
    double[] weights = new double[POINTS.length];
    java.util.Arrays.fill(weights, 1);
    weights[0] = 2;
    DbscanResult kd = new Dbscan(EPS, 3).cluster(POINTS, new KdTree(POINTS, new MinkowskiMetric(2)), weights, EPS);
    DbscanResult grid = new GridDbscan(EPS, 3).cluster(new CellGrid(POINTS, CellGrid.sideFor(EPS, 2)), weights);
    for (DbscanResult result : new DbscanResult[] {kd, grid}) {
      assertEquals(true, result.core()[0]);
      assertEquals(false, result.core()[3]);
      assertEquals(4, result.numCore());
      assertEquals(result.labels()[1], result.labels()[0]);
    }
  }

  /**
   * A border point does not join two clusters (Definition 5: clusters grow from core points only),
   * here where it shares a grid cell with a core point of one cluster and lies within eps of a core
   * point of the other. On a line, eps = 1, minPts = 4: A = {-0.3, -0.2, -0.1, 0.4} and
   * B = {1.9, 2.3, 2.5, 2.7} are core points (4 or 5 points within eps each); P = 0.95 has only 0.4
   * (at 0.55), 1.9 (at 0.95) and itself within eps: a border point, of A by the nearest core point.
   * 0.4 and 1.9 are 1.5 apart and no other core pair of A and B is closer, so there are two
   * clusters. The point at -5 (noise) puts the grid's origin so that 0.4 and P share a cell (cells
   * of side just under 1 from -5) and 1.9 lies in the next one. Both data orders: the grid numbers
   * its cells by first appearance, so each order makes the other cell the first of the pair.
   */
  @Test
  void aBorderPointInACoreCellDoesNotJoinTwoClusters() {
    double[] a = {-0.3, -0.2, -0.1, 0.4};
    double[] b = {1.9, 2.3, 2.5, 2.7};
    double border = 0.95;
    double noise = -5;
    MinkowskiMetric euclid = new MinkowskiMetric(2);
    for (boolean reversed : new boolean[] {false, true}) {
      double[] values = new double[10];
      values[0] = noise;
      System.arraycopy(a, 0, values, 1, 4);
      values[5] = border;
      System.arraycopy(b, 0, values, 6, 4);
      double[][] x = new double[10][];
      for (int i = 0; i < 10; i++) {
        x[i] = new double[] {values[reversed ? 9 - i : i]};
      }
      Map<String, DbscanResult> results = new LinkedHashMap<>();
      results.put("k-d tree", new Dbscan(EPS, 4).cluster(x, new KdTree(x, euclid), null, EPS));
      results.put("ball tree", new Dbscan(EPS, 4).cluster(x, new BallTree(x, euclid), null, EPS));
      results.put("brute force",
          new Dbscan(EPS, 4).cluster(x, new BruteForceSearch(x, euclid::distance), null, EPS));
      results.put("grid", new GridDbscan(EPS, 4).cluster(new CellGrid(x, CellGrid.sideFor(EPS, 1)), null));
      for (Map.Entry<String, DbscanResult> entry : results.entrySet()) {
        String name = entry.getKey() + (reversed ? ", reversed order" : "");
        DbscanResult result = entry.getValue();
        int[] labels = new int[10];
        boolean[] core = new boolean[10];
        for (int i = 0; i < 10; i++) {
          labels[i] = result.labels()[reversed ? 9 - i : i];
          core[i] = result.core()[reversed ? 9 - i : i];
        }
        assertArrayEquals(new boolean[] {false, true, true, true, true, false, true, true, true, true},
            core, name);
        assertEquals(2, result.numClusters(), name);
        int left = labels[1];
        int right = labels[6];
        assertEquals(1 - left, right, name + ": A and B are two clusters");
        assertArrayEquals(new int[] {-1, left, left, left, left, left, right, right, right, right},
            labels, name);
      }
    }
  }
}
