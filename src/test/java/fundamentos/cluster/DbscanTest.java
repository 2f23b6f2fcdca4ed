package fundamentos.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.neighbours.BallTree;
import fundamentos.neighbours.BruteForceSearch;
import fundamentos.neighbours.CellGrid;
import fundamentos.neighbours.KdTree;
import fundamentos.neighbours.MetricSpace;
import fundamentos.neighbours.MinkowskiMetric;
import fundamentos.neighbours.NeighbourSearch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DBSCAN on every index, and the grid DBSCAN, against a brute-force DBSCAN written from the
 * definitions.
 */
public class DbscanTest {

  /** Gaussian blobs plus uniform background noise. */
  public static double[][] blobs(int n, int d, int centres, long seed) {
    Random random = new Random(seed);
    double[][] centre = new double[centres][d];
    for (double[] c : centre) {
      for (int j = 0; j < d; j++) {
        c[j] = random.nextDouble() * 20 - 10;
      }
    }
    double[][] points = new double[n][d];
    for (int i = 0; i < n; i++) {
      if (i % 10 == 0) {
        for (int j = 0; j < d; j++) {
          points[i][j] = random.nextDouble() * 24 - 12;
        }
      } else {
        double[] c = centre[random.nextInt(centres)];
        for (int j = 0; j < d; j++) {
          points[i][j] = c[j] + random.nextGaussian();
        }
      }
    }
    return points;
  }

  /**
   * The reference: all neighbourhoods by brute force, core points by their weight, clusters as
   * connected components of core points; returns the labels of core points (component ids), -1 for
   * noise and -2 for border points (which may join any adjacent cluster).
   */
  static int[] reference(double[][] x, MetricSpace space, double eps, double minPts,
      List<List<Integer>> neighbourhoods) {
    int n = x.length;
    boolean[] core = new boolean[n];
    for (int i = 0; i < n; i++) {
      List<Integer> near = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (space.distance(x[i], x[j]) <= eps) {
          near.add(j);
        }
      }
      neighbourhoods.add(near);
      core[i] = near.size() >= minPts;
    }
    int[] label = new int[n];
    java.util.Arrays.fill(label, -1);
    int component = 0;
    for (int i = 0; i < n; i++) {
      if (!core[i] || label[i] >= 0) {
        continue;
      }
      java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(i));
      label[i] = component;
      while (!queue.isEmpty()) {
        for (int j : neighbourhoods.get(queue.poll())) {
          if (core[j] && label[j] < 0) {
            label[j] = component;
            queue.add(j);
          }
        }
      }
      component++;
    }
    for (int i = 0; i < n; i++) {
      if (!core[i]) {
        for (int j : neighbourhoods.get(i)) {
          if (core[j]) {
            label[i] = -2;
          }
        }
      }
    }
    return label;
  }

  static void assertSameClustering(double[][] x, MetricSpace space, double eps, int minPts) {
    assertSameClustering(x, space, eps, minPts, KdTree::new);
  }

  static void assertSameClustering(double[][] x, MetricSpace space, double eps, int minPts,
      java.util.function.BiFunction<double[][], MinkowskiMetric, NeighbourSearch> index) {
    // the embedded radius a hair wider: a point at exactly eps must not fall out by rounding
    double radius = space.embeddedRadius(eps) * (1 + 1e-12);
    assertSameClustering(x, space, eps, minPts, embedded -> new Dbscan(radius, minPts)
        .cluster(embedded, index.apply(embedded, space.metric()), null, radius));
  }

  /** The grid DBSCAN (Euclidean distance in the embedded space) against the definitions. */
  static void assertGridSameClustering(double[][] x, MetricSpace space, double eps, int minPts) {
    double radius = space.embeddedRadius(eps) * (1 + 1e-12);
    assertSameClustering(x, space, eps, minPts, embedded -> new GridDbscan(radius, minPts)
        .cluster(new CellGrid(embedded, CellGrid.sideFor(radius, embedded[0].length)), null));
  }

  static void assertSameClustering(double[][] x, MetricSpace space, double eps, int minPts,
      java.util.function.Function<double[][], DbscanResult> clustering) {
    List<List<Integer>> neighbourhoods = new ArrayList<>();
    int[] expected = reference(x, space, eps, minPts, neighbourhoods);
    double[][] embedded = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      embedded[i] = space.embed(x[i]);
    }
    DbscanResult result = clustering.apply(embedded);
    Map<Integer, Integer> mapping = new HashMap<>();
    for (int i = 0; i < x.length; i++) {
      int actual = result.labels()[i];
      if (expected[i] == -1) {
        assertEquals(DbscanResult.NOISE, actual, "noise point " + i);
      } else if (expected[i] == -2) {
        assertTrue(actual >= 0 && !result.core()[i], "border point " + i);
      } else {
        assertTrue(result.core()[i], "core point " + i);
        Integer previous = mapping.putIfAbsent(expected[i], actual);
        assertEquals(previous == null ? actual : previous, actual, "cluster of core point " + i);
      }
    }
    assertEquals(mapping.size(), result.numClusters());
    assertEquals(mapping.size(), new java.util.HashSet<>(mapping.values()).size());
    // a border point joins the cluster of its nearest core point (unless two are equally near)
    for (int i = 0; i < x.length; i++) {
      if (expected[i] == -2) {
        double nearest = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        int cluster = -1;
        for (int j : neighbourhoods.get(i)) {
          double d = space.distance(x[i], x[j]);
          if (expected[j] >= 0 && d < nearest) {
            second = nearest;
            nearest = d;
            cluster = mapping.get(expected[j]);
          } else if (expected[j] >= 0 && d < second) {
            second = d;
          }
        }
        if (second > nearest * (1 + 1e-9)) {
          assertEquals(cluster, result.labels()[i], "border point " + i);
        }
      }
    }
  }

  @Test
  void kdTreeDbscanEqualsBruteForceForEveryMetric() {
    double[][] plane = blobs(1500, 2, 5, 1);
    double[][] ten = blobs(1200, 10, 4, 2);
    assertSameClustering(plane, MetricSpace.euclidean(), 0.4, 5);
    assertSameClustering(plane, MetricSpace.minkowski(1), 0.5, 5);
    assertSameClustering(plane, MetricSpace.minkowski(Double.POSITIVE_INFINITY), 0.3, 5);
    assertSameClustering(plane, MetricSpace.minkowski(3), 0.4, 4);
    assertSameClustering(ten, MetricSpace.euclidean(), 3.0, 8);
    assertSameClustering(ten, MetricSpace.minkowski(1), 8.0, 8);
    assertSameClustering(ten, MetricSpace.cosine(), 0.02, 6);
    assertSameClustering(ten, MetricSpace.bursting(), 2.0, 6);
  }

  @Test
  void ballTreeDbscanEqualsBruteForceForEveryMetric() {
    double[][] plane = blobs(1500, 2, 5, 1);
    double[][] forty = blobs(1000, 40, 4, 3);
    assertSameClustering(plane, MetricSpace.euclidean(), 0.4, 5, BallTree::new);
    assertSameClustering(plane, MetricSpace.minkowski(1), 0.5, 5, BallTree::new);
    assertSameClustering(plane, MetricSpace.minkowski(Double.POSITIVE_INFINITY), 0.3, 5,
        BallTree::new);
    assertSameClustering(forty, MetricSpace.euclidean(), 6.0, 8, BallTree::new);
    assertSameClustering(forty, MetricSpace.minkowski(3), 4.0, 8, BallTree::new);
    assertSameClustering(forty, MetricSpace.cosine(), 0.05, 6, BallTree::new);
    assertSameClustering(forty, MetricSpace.bursting(), 4.0, 6, BallTree::new);
  }

  @Test
  void gridDbscanEqualsBruteForceInOneToThreeDimensions() {
    double[][] line = blobs(1000, 1, 4, 11);
    double[][] plane = blobs(1500, 2, 5, 1);
    double[][] space = blobs(1200, 3, 4, 12);
    assertGridSameClustering(line, MetricSpace.euclidean(), 0.05, 5);
    assertGridSameClustering(plane, MetricSpace.euclidean(), 0.4, 5);
    assertGridSameClustering(plane, MetricSpace.euclidean(), 0.15, 3);
    assertGridSameClustering(plane, MetricSpace.bursting(), 0.3, 5);
    assertGridSameClustering(plane, MetricSpace.cosine(), 0.001, 5); // 3 embedded coordinates
    assertGridSameClustering(space, MetricSpace.euclidean(), 0.8, 6);
  }

  @Test
  void gridAndKdTreeGiveIdenticalLabels() {
    double[][] x = blobs(4000, 2, 6, 13);
    DbscanResult scan = new Dbscan(0.3, 6).cluster(x, new KdTree(x, new MinkowskiMetric(2)),
        null, 0.3);
    DbscanResult grid = new GridDbscan(0.3, 6).cluster(new CellGrid(x, CellGrid.sideFor(0.3, 2)),
        null);
    assertTrue(scan.numClusters() > 3, "the data should have several clusters");
    assertTrue(scan.numBorder() > 50, "the data should have border points");
    assertArrayEquals(scan.core(), grid.core());
    assertArrayEquals(scan.labels(), grid.labels());
    assertEquals(scan.numClusters(), grid.numClusters());
  }

  @Test
  void labelsDoNotDependOnTheDataOrder() {
    // border points included: a border point joins its nearest core point's cluster, not the
    // cluster a scan happens to reach first (random data: no two core points equally near)
    double[][] x = blobs(3000, 2, 6, 15);
    int[] permutation = new int[x.length];
    java.util.List<Integer> shuffled = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      shuffled.add(i);
    }
    java.util.Collections.shuffle(shuffled, new Random(3));
    double[][] y = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      permutation[i] = shuffled.get(i);
      y[i] = x[permutation[i]];
    }
    DbscanResult scan = new Dbscan(0.3, 6).cluster(x, new KdTree(x, new MinkowskiMetric(2)),
        null, 0.3);
    assertTrue(scan.numBorder() > 50, "the data should have border points");
    DbscanResult[] reordered = {
        new Dbscan(0.3, 6).cluster(y, new KdTree(y, new MinkowskiMetric(2)), null, 0.3),
        new GridDbscan(0.3, 6).cluster(new CellGrid(y, CellGrid.sideFor(0.3, 2)), null)};
    for (DbscanResult other : reordered) {
      assertEquals(scan.numClusters(), other.numClusters());
      Map<Integer, Integer> renumbering = new HashMap<>();
      for (int i = 0; i < y.length; i++) {
        int original = scan.labels()[permutation[i]];
        int label = other.labels()[i];
        assertEquals(original == DbscanResult.NOISE, label == DbscanResult.NOISE, "point " + i);
        if (original != DbscanResult.NOISE) {
          assertEquals(original, (int) renumbering.computeIfAbsent(label, l -> original),
              "point " + permutation[i] + " changed cluster with the data order");
        }
      }
    }
  }

  @Test
  void gridFindsExactlyTheBruteForceNeighbourhoods() {
    double[][] x = blobs(900, 2, 3, 14);
    for (int i = 0; i < 30; i++) {
      x[500 + i] = x[17 + i % 3].clone(); // duplicates: equally near points
    }
    MinkowskiMetric metric = new MinkowskiMetric(2);
    CellGrid grid = new CellGrid(x, CellGrid.sideFor(0.5, 2));
    BruteForceSearch brute = new BruteForceSearch(x, metric::distance);
    double[][] queries = {x[0], x[17], x[401], {-40, 3}, {100, 100}, {0.123, -7.5}};
    for (double[] q : queries) {
      for (double r : new double[] {0.0, 0.2, 0.5, 3.0, 60, 1e9, Double.POSITIVE_INFINITY}) {
        java.util.TreeMap<Integer, Double> a = new java.util.TreeMap<>();
        java.util.TreeMap<Integer, Double> b = new java.util.TreeMap<>();
        grid.within(q, r, a::put);
        brute.within(q, r, b::put);
        String where = "query " + java.util.Arrays.toString(q) + " radius " + r;
        assertEquals(b.keySet(), a.keySet(), where);
        // the nearest accepted point, the smallest index among equally near ones
        for (int skip : new int[] {1, 3, 7}) {
          assertEquals(brute.nearest(q, r, i -> i % skip != 1),
              grid.nearest(q, r, i -> i % skip != 1), where + " skip " + skip);
        }
      }
    }
  }

  @Test
  void gridWeightsDuplicatesAndWideSpreads() {
    double[][] x = {{0, 0}, {0.1, 0}, {5, 5}};
    CellGrid small = new CellGrid(x, CellGrid.sideFor(0.5, 2));
    assertEquals(0, new GridDbscan(0.5, 3).cluster(small, null).numClusters());
    DbscanResult weighted = new GridDbscan(0.5, 3).cluster(small, new double[] {2, 1, 1});
    assertEquals(1, weighted.numClusters());
    assertEquals(1, weighted.numNoise());
    double[][] same = new double[50][2];
    DbscanResult one = new GridDbscan(0.1, 5).cluster(new CellGrid(same, CellGrid.sideFor(0.1, 2)),
        null);
    assertEquals(1, one.numClusters());
    assertEquals(50, one.numCore());
    // more cells along the spread than a key can number: not gridded (the caller uses a tree)
    double[][] wide = {{0, 0}, {1e300, 1e300}};
    assertEquals(null, CellGrid.over(wide, 1e-300));
    assertThrows(IllegalArgumentException.class, () -> new CellGrid(wide, 1e-300));
    assertEquals(null, CellGrid.over(new double[][] {{0, Double.NaN}}, 1));
    assertThrows(IllegalArgumentException.class, () -> new GridDbscan(0.5, 3)
        .cluster(new CellGrid(x, 1.0), null)); // cells too wide for eps
  }

  @Test
  void ballTreeFindsExactlyTheBruteForceNeighbourhoods() {
    double[][] x = blobs(800, 50, 3, 7);
    MinkowskiMetric metric = new MinkowskiMetric(2);
    BallTree tree = new BallTree(x, metric);
    BruteForceSearch brute = new BruteForceSearch(x, metric::distance);
    for (int q = 0; q < x.length; q += 37) {
      for (double r : new double[] {0.0, 2.0, 5.0, 1e9}) {
        java.util.TreeMap<Integer, Double> a = new java.util.TreeMap<>();
        java.util.TreeMap<Integer, Double> b = new java.util.TreeMap<>();
        tree.within(x[q], r, a::put);
        brute.within(x[q], r, b::put);
        assertEquals(b, a, "query " + q + " radius " + r);
      }
    }
  }

  @Test
  void kNearestDistancesEqualBruteForce() {
    double[][] x = blobs(800, 3, 3, 4);
    MinkowskiMetric metric = new MinkowskiMetric(2);
    KdTree tree = new KdTree(x, metric);
    for (int i = 0; i < x.length; i += 41) {
      double[] all = new double[x.length];
      for (int j = 0; j < x.length; j++) {
        all[j] = metric.distance(x[i], x[j]);
      }
      java.util.Arrays.sort(all);
      assertArrayEquals(java.util.Arrays.copyOf(all, 7), tree.nearestDistances(x[i], 7), 1e-12);
    }
  }

  @Test
  void unseenPointsJoinTheClusterOfTheNearestCorePointWithinEps() {
    double[][] x = blobs(1000, 2, 4, 5);
    MetricSpace space = MetricSpace.euclidean();
    KdTree tree = new KdTree(x, space.metric());
    DbscanResult result = new Dbscan(0.5, 5).cluster(x, tree, null, 0.5);
    NearestCoreRule rule = NearestCoreRule.overAllPoints(tree, result, 0.5);
    int[] cores = NearestCoreRule.coreIndices(result);
    double[][] corePoints = new double[cores.length][];
    for (int c = 0; c < cores.length; c++) {
      corePoints[c] = x[cores[c]];
    }
    NearestCoreRule coreOnly = NearestCoreRule.overCorePoints(
        new KdTree(corePoints, space.metric()), result, 0.5);
    for (int i = 0; i < x.length; i++) {
      if (result.core()[i]) {
        assertEquals(result.labels()[i], rule.label(x[i]));
        double[] shifted = {x[i][0] + 0.1, x[i][1]};
        assertTrue(rule.label(shifted) >= 0);
        assertEquals(rule.label(shifted), coreOnly.label(shifted));
      } else {
        // a border or noise point of the training data is never its own nearest core point
        assertEquals(coreOnly.label(x[i]), rule.label(x[i]));
      }
    }
    assertEquals(DbscanResult.NOISE, rule.label(new double[] {100, 100}));
  }

  @Test
  void weightsCountTowardsMinPts() {
    double[][] x = {{0, 0}, {0.1, 0}, {5, 5}};
    KdTree tree = new KdTree(x, new MinkowskiMetric(2));
    DbscanResult unweighted = new Dbscan(0.5, 3).cluster(x, tree, null, 0.5);
    assertEquals(0, unweighted.numClusters());
    DbscanResult weighted = new Dbscan(0.5, 3).cluster(x, tree, new double[] {2, 1, 1}, 0.5);
    assertEquals(1, weighted.numClusters());
    assertEquals(1, weighted.numNoise());
  }

  @Test
  void duplicatesAndAllNoise() {
    double[][] same = new double[50][2];
    DbscanResult one = new Dbscan(0.1, 5).cluster(same, new KdTree(same, new MinkowskiMetric(2)),
        null, 0.1);
    assertEquals(1, one.numClusters());
    assertEquals(50, one.numCore());
    double[][] spread = new double[20][1];
    for (int i = 0; i < 20; i++) {
      spread[i][0] = i * 10;
    }
    DbscanResult none = new Dbscan(1, 2).cluster(spread,
        new KdTree(spread, new MinkowskiMetric(2)), null, 1);
    assertEquals(0, none.numClusters());
    assertEquals(20, none.numNoise());
  }

  @Test
  void badParametersAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Dbscan(0, 5));
    assertThrows(IllegalArgumentException.class, () -> new Dbscan(-1, 5));
    assertThrows(IllegalArgumentException.class, () -> new Dbscan(Double.NaN, 5));
    assertThrows(IllegalArgumentException.class, () -> new Dbscan(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new GridDbscan(0, 5));
    assertThrows(IllegalArgumentException.class, () -> new GridDbscan(1, 0.5));
  }


  @Test
  void parameterBoundaries() {
    assertThrows(IllegalArgumentException.class, () -> new Dbscan(Double.POSITIVE_INFINITY, 5));
    assertThrows(IllegalArgumentException.class, () -> new GridDbscan(Double.POSITIVE_INFINITY, 5));
    // minPts = 1 is allowed: every point is a core point, alone or not
    double[][] x = {{0}, {0.5}, {3}};
    DbscanResult alone = new Dbscan(1, 1).cluster(x, new KdTree(x, new MinkowskiMetric(2)), null, 1);
    assertArrayEquals(new int[] {0, 0, 1}, alone.labels());
    assertEquals(3, alone.numCore());
    DbscanResult grid = new GridDbscan(1, 1).cluster(new CellGrid(x, CellGrid.sideFor(1, 1)), null);
    assertArrayEquals(new int[] {0, 0, 1}, grid.labels());
  }

  /** No points: no clusters, whatever the grid's side (there is no cell to be too wide). */
  @Test
  void emptyDataHaveNoClusters() {
    double[][] none = new double[0][];
    DbscanResult grid = new GridDbscan(0.5, 3).cluster(new CellGrid(none, 10), null);
    assertEquals(0, grid.numClusters());
    assertEquals(0, grid.labels().length);
    DbscanResult scan = new Dbscan(0.5, 3).cluster(none, new KdTree(none, new MinkowskiMetric(2)),
        null, 0.5);
    assertEquals(0, scan.numClusters());
  }

  /**
   * The rule for unseen points on a hand case: core points 0 (cluster 0) and 3 (cluster 1) on a
   * line, eps 1 (their two neighbours each are 1.2 apart: border points); counts of core
   * neighbours per cluster, and the nearest core point's cluster.
   */
  @Test
  void nearestCoreRuleOnAHandCase() {
    double[][] x = {{0}, {-0.6}, {0.6}, {5}, {5.6}, {4.4}, {20}};
    DbscanResult result = new Dbscan(1, 3).cluster(x, new KdTree(x, new MinkowskiMetric(2)), null, 1);
    assertArrayEquals(new boolean[] {true, false, false, true, false, false, false}, result.core());
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, DbscanResult.NOISE}, result.labels());
    for (NeighbourSearch search : new NeighbourSearch[] {new KdTree(x, new MinkowskiMetric(2)),
        new BallTree(x, new MinkowskiMetric(2)), new CellGrid(x, 0.3),
        new BruteForceSearch(x, new MinkowskiMetric(2)::distance)}) {
      NearestCoreRule rule = NearestCoreRule.overAllPoints(search, result, 1);
      assertEquals(0, rule.label(new double[] {0.2})); // nearest core point: point 0
      assertEquals(1, rule.label(new double[] {4.2}));
      assertEquals(DbscanResult.NOISE, rule.label(new double[] {2.5}));
      assertArrayEquals(new int[] {1, 0}, rule.coreNeighbours(new double[] {0.9}, 2));
      assertArrayEquals(new int[] {0, 1}, rule.coreNeighbours(new double[] {5.5}, 2));
      assertArrayEquals(new int[] {0, 0}, rule.coreNeighbours(new double[] {20}, 2));
    }
    assertArrayEquals(new int[] {0, 3}, NearestCoreRule.coreIndices(result));
  }
}
