package fundamentos.weka;

import fundamentos.neighbours.KnnGraph;
import java.io.Serializable;
import java.util.Arrays;
import weka.core.DistanceFunction;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Exact k nearest neighbours with any Weka {@link DistanceFunction} (its own handling of nominal
 * attributes and missing values), by comparing each query with every point: O(n m) distance calls,
 * the fallback when a distance cannot be indexed. One thread, as Weka's distance functions do not
 * promise to be thread-safe.
 */
public final class DistanceFunctionKnn implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Instances points;
  private final DistanceFunction distance;

  /** @param distance set up on {@code points} (or a superset) */
  public DistanceFunctionKnn(Instances points, DistanceFunction distance) {
    this.points = points;
    this.distance = distance;
  }

  /** The k nearest neighbours of every point, itself first. */
  public KnnGraph ofPoints(int k) {
    return search(points, k, true);
  }

  /** The k nearest points of each query, nearest first. */
  public KnnGraph ofQueries(Instances queries, int k) {
    return search(queries, k, false);
  }

  private KnnGraph search(Instances queries, int k, boolean self) {
    int n = points.numInstances();
    int m = queries.numInstances();
    int[][] idx = new int[m][k];
    double[][] dist = new double[m][k];
    double[] d = new double[n];
    Integer[] order = new Integer[n];
    for (int q = 0; q < m; q++) {
      Instance query = queries.instance(q);
      for (int j = 0; j < n; j++) {
        d[j] = self && j == q ? -1 : distance.distance(query, points.instance(j));
        order[j] = j;
      }
      Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b])
          : Integer.compare(a, b));
      for (int s = 0; s < k; s++) {
        idx[q][s] = order[s];
        dist[q][s] = Math.max(0, d[order[s]]);
      }
    }
    return new KnnGraph(idx, dist);
  }
}
