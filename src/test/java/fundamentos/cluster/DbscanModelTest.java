package fundamentos.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.neighbours.BruteForceSearch;
import fundamentos.neighbours.ExternalDistance;
import fundamentos.neighbours.IndexChoice;
import fundamentos.neighbours.KdTree;
import fundamentos.neighbours.MetricSpace;
import fundamentos.neighbours.MinkowskiMetric;
import fundamentos.neighbours.NeighbourSearch;
import org.junit.jupiter.api.Test;

/**
 * The DBSCAN engine in one call: the same clustering whatever index the choice falls on, an
 * external distance searched by brute force, unseen points labelled by the nearest core point,
 * eps at the knee when none is given, and the finding behind a refusal without clusters.
 */
class DbscanModelTest {

  private static final MinkowskiMetric EUCLIDEAN = new MinkowskiMetric(2);

  /** Brute force with the Euclidean distance, as an external distance would search. */
  private static ExternalDistance external(double[][] x) {
    return new ExternalDistance() {
      @Override
      public NeighbourSearch overAll() {
        return new BruteForceSearch(x, EUCLIDEAN::distance);
      }

      @Override
      public NeighbourSearch overRows(int[] rows) {
        double[][] subset = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
          subset[r] = x[rows[r]];
        }
        return new BruteForceSearch(subset, EUCLIDEAN::distance);
      }
    };
  }

  @Test
  void everyIndexAndAnExternalDistanceGiveTheDefinitionsClustering() {
    double[][] x = DbscanTest.blobs(400, 2, 3, 11);
    DbscanResult expected = new Dbscan(0.3, 5).cluster(x, new KdTree(x, EUCLIDEAN), null, 0.3);
    for (IndexChoice.Kind kind : IndexChoice.Kind.values()) {
      DbscanModel model = DbscanModel.fit(x, null, 0.3, 5, kind, MetricSpace.euclidean(), null);
      assertArrayEquals(expected.labels(), model.result().labels(), kind.toString());
      assertEquals(kind == IndexChoice.Kind.AUTO ? IndexChoice.Kind.GRID : kind, model.index());
    }
    DbscanModel outside = DbscanModel.fit(x, null, 0.3, 5, IndexChoice.Kind.AUTO, null,
        external(x));
    assertEquals(IndexChoice.Kind.BRUTE_FORCE, outside.index());
    assertArrayEquals(expected.labels(), outside.result().labels());
    // unseen points: the cluster of the nearest core point within eps, else noise
    NearestCoreRule rule = NearestCoreRule.overAllPoints(new KdTree(x, EUCLIDEAN), expected, 0.3);
    for (double[] q : DbscanTest.blobs(50, 2, 3, 12)) {
      assertEquals(rule.label(q), outside.label(q));
      assertEquals(rule.label(q) == DbscanResult.NOISE, outside.logDensities(q) == null);
    }
    assertTrue(Math.abs(1 - java.util.Arrays.stream(outside.priors()).sum()) < 1e-12);
    // each prior is the cluster's share of the clustered points; the counted shares are kept, and
    // a caller that changes the array it got does not change them
    int[] sizes = outside.result().clusterSizes();
    int clustered = java.util.Arrays.stream(sizes).sum();
    double[] priors = outside.priors();
    for (int c = 0; c < sizes.length; c++) {
      assertEquals(sizes[c] / (double) clustered, priors[c], 0);
    }
    priors[0] = 7;
    assertEquals(sizes[0] / (double) clustered, outside.priors()[0], 0);
  }

  @Test
  void epsilonZeroIsTheKneeOfTheKDistances() {
    double[][] x = DbscanTest.blobs(300, 2, 3, 13);
    DbscanModel model = DbscanModel.fit(x, null, 0, 4, IndexChoice.Kind.AUTO,
        MetricSpace.euclidean(), null);
    double[] kDistances = new double[x.length];
    KdTree tree = new KdTree(x, EUCLIDEAN);
    for (int i = 0; i < x.length; i++) {
      double[] nearest = tree.nearestDistances(x[i], 4);
      kDistances[i] = nearest[3];
    }
    assertEquals(KDistance.epsilonAtKnee(kDistances), model.epsilon(), 0.0);
    assertEquals(x.length, model.kneeSample());
    assertArrayEquals(kDistances, model.trainingKDistances(), 0.0);
  }

  @Test
  void allNoiseIsRefusedWithWhatToChange() {
    double[][] x = DbscanTest.blobs(200, 2, 2, 14);
    NoClusterFound tiny = assertThrows(NoClusterFound.class, () -> DbscanModel.fit(x, null,
        1e-9, 5, IndexChoice.Kind.KD_TREE, MetricSpace.euclidean(), null));
    assertEquals(200, tiny.finding().points());
    assertEquals(200, tiny.finding().totalWeight(), 0.0);
    assertTrue(tiny.finding().knee() > 1e-9);
    assertEquals(0, tiny.finding().kneeSample());
    double[] light = new double[x.length];
    java.util.Arrays.fill(light, 0.01);
    NoClusterFound heavy = assertThrows(NoClusterFound.class, () -> DbscanModel.fit(x, light,
        0.5, 5, IndexChoice.Kind.AUTO, MetricSpace.euclidean(), null));
    assertEquals(2, heavy.finding().totalWeight(), 1e-9);
    assertTrue(Double.isNaN(heavy.finding().knee()));
  }

  @Test
  void anIndexAskedForWithoutAMetricSpaceIsRefusedFirst() {
    double[][] x = DbscanTest.blobs(20, 2, 1, 15);
    assertThrows(IndexChoice.Refused.class, () -> DbscanModel.fit(x, null, 0.3, 3,
        IndexChoice.Kind.KD_TREE, null, external(x)));
  }

  @Test
  void aModelFromCorePointsLabelsUnseenPointsAsTheFittedOne() {
    // on a lattice (equal distances everywhere) with a grid and, in 4-D, a k-d tree
    java.util.Random random = new java.util.Random(5);
    for (int d : new int[] {2, 4}) {
      double[][] x = new double[1500][d];
      for (double[] row : x) {
        for (int j = 0; j < d; j++) {
          row[j] = random.nextInt(30) / 10.0;
        }
      }
      double eps = d == 2 ? 0.25 : 0.45;
      DbscanModel fitted = DbscanModel.fit(x, null, eps, 4, IndexChoice.Kind.AUTO,
          MetricSpace.euclidean(), null);
      int[] cores = NearestCoreRule.coreIndices(fitted.result());
      double[][] corePoints = new double[cores.length][];
      for (int c = 0; c < cores.length; c++) {
        corePoints[c] = x[cores[c]];
      }
      DbscanModel rebuilt = DbscanModel.ofCorePoints(fitted.result(), corePoints, eps, 4,
          fitted.index(), MetricSpace.euclidean());
      assertEquals(fitted.index(), rebuilt.index());
      assertArrayEquals(fitted.priors(), rebuilt.priors(), 0);
      int clustered = 0;
      for (int q = 0; q < 2000; q++) {
        double[] point = new double[d];
        for (int j = 0; j < d; j++) {
          point[j] = random.nextInt(60) / 10.0 - 1.5 - 0.05 * (q % 2);
        }
        assertEquals(fitted.label(point), rebuilt.label(point), "d = " + d + ", query " + q);
        assertArrayEquals(fitted.logDensities(point), rebuilt.logDensities(point), 0);
        clustered += fitted.label(point) >= 0 ? 1 : 0;
      }
      assertTrue(clustered > 50 && clustered < 1950, clustered + " of 2000 queries clustered");
    }
    assertThrows(IllegalArgumentException.class, () -> DbscanModel.ofCorePoints(
        new DbscanResult(new int[] {0, 0}, new boolean[] {true, true}, 1), new double[1][2], 1, 2,
        IndexChoice.Kind.GRID, MetricSpace.euclidean()));
  }
}
