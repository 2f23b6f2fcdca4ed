package fundamentos.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** DBSCAN on the k-d tree against a brute-force DBSCAN written from the definitions. */
class DbscanTest {

  /** Gaussian blobs plus uniform background noise. */
  static double[][] blobs(int n, int d, int centres, long seed) {
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
    List<List<Integer>> neighbourhoods = new ArrayList<>();
    int[] expected = reference(x, space, eps, minPts, neighbourhoods);
    double[][] embedded = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      embedded[i] = space.embed(x[i]);
    }
    NeighbourSearch tree = index.apply(embedded, space.metric());
    DbscanResult result = new Dbscan(eps, minPts).cluster(embedded, tree, null,
        space.embeddedRadius(eps) * (1 + 1e-12));
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
    // a border point joins a cluster of one of its core neighbours
    for (int i = 0; i < x.length; i++) {
      if (expected[i] == -2) {
        boolean adjacent = false;
        for (int j : neighbourhoods.get(i)) {
          adjacent |= expected[j] >= 0 && mapping.get(expected[j]) == result.labels()[i];
        }
        assertTrue(adjacent, "border point " + i + " joined a cluster it does not touch");
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
    NearestCoreRule rule = NearestCoreRule.over(x, result,
        core -> new KdTree(core, space.metric()), 0.5);
    for (int i = 0; i < x.length; i++) {
      if (result.core()[i]) {
        assertEquals(result.labels()[i], rule.label(x[i]));
        double[] shifted = {x[i][0] + 0.1, x[i][1]};
        assertTrue(rule.label(shifted) >= 0);
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
  }
}
