package fundamentos.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.neighbours.KdTree;
import fundamentos.neighbours.MinkowskiMetric;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smile.clustering.PartitionClustering;

/**
 * DBSCAN's core points, noise points and clusters against Smile's DBSCAN
 * ({@code smile.clustering.DBSCAN}, its own k-d tree and expansion) on blobs with background noise
 * whose border points touch one cluster only (checked here), so that the clustering is unique.
 *
 * <p>Smile's range search leaves the query point out of its own neighbourhood, ours (Ester et al.,
 * scikit-learn) counts it: Smile's minPts m is our m + 1. Smile keeps its core flags private; the
 * test reads them by reflection (Smile is on the class path, not a module).
 */
class DbscanSmileTest {

  @Test
  void coreNoiseAndClustersAgreeWithSmile() throws Exception {
    int checked = 0;
    for (int d : new int[] {2, 3, 5}) {
      for (long seed = 1; seed <= 3; seed++) {
        double[][] x = DbscanTest.blobs(600, d, 4, seed);
        double eps = d == 2 ? 0.6 : d == 3 ? 0.9 : 1.5;
        int minPts = 5;
        DbscanResult ours = new Dbscan(eps, minPts).cluster(x,
            new KdTree(x, new MinkowskiMetric(2)), null, eps);
        smile.clustering.DBSCAN<double[]> theirs = smile.clustering.DBSCAN.fit(x, minPts - 1, eps);
        String where = "d = " + d + ", seed " + seed;
        if (!borderPointsTouchOneCluster(x, ours, eps)) {
          continue; // a border tie: either cluster is right, no unique answer to compare
        }
        assertArrayEquals(ours.core(), smileCore(theirs), where + ": core points");
        Map<Integer, Integer> toSmile = new HashMap<>();
        for (int i = 0; i < x.length; i++) {
          boolean noise = ours.labels()[i] == DbscanResult.NOISE;
          assertEquals(noise, theirs.y[i] == PartitionClustering.OUTLIER, where + ": point " + i);
          if (!noise) {
            // the same partition: one Smile label per cluster of ours, and no two clusters share one
            Integer before = toSmile.putIfAbsent(ours.labels()[i], theirs.y[i]);
            assertEquals(before == null ? theirs.y[i] : before, theirs.y[i], where + ": point " + i);
          }
        }
        assertEquals(ours.numClusters(), theirs.k, where);
        assertEquals(ours.numClusters(), toSmile.values().stream().distinct().count(), where);
        assertTrue(ours.numNoise() > 0 && ours.numBorder() > 0, where + ": a case with both");
        checked++;
      }
    }
    assertTrue(checked >= 6, "cases without border ties: " + checked);
  }

  private static boolean[] smileCore(smile.clustering.DBSCAN<double[]> model) throws Exception {
    Field core = smile.clustering.DBSCAN.class.getDeclaredField("core");
    core.setAccessible(true);
    return (boolean[]) core.get(model);
  }

  /** Whether every border point has core points of one cluster only within eps (brute force). */
  private static boolean borderPointsTouchOneCluster(double[][] x, DbscanResult result, double eps) {
    for (int i = 0; i < x.length; i++) {
      if (result.core()[i] || result.labels()[i] == DbscanResult.NOISE) {
        continue;
      }
      int cluster = -1;
      for (int j = 0; j < x.length; j++) {
        if (result.core()[j] && distance(x[i], x[j]) <= eps) {
          if (cluster >= 0 && result.labels()[j] != cluster) {
            return false;
          }
          cluster = result.labels()[j];
        }
      }
    }
    return true;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int c = 0; c < a.length; c++) {
      s += (a[c] - b[c]) * (a[c] - b[c]);
    }
    return Math.sqrt(s);
  }
}
