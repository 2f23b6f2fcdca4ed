package fundamentos.weka;

import fundamentos.neighbours.ExternalDistance;
import fundamentos.neighbours.KnnGraph;
import fundamentos.neighbours.KnnGraphSearch;
import fundamentos.neighbours.NeighbourSearch;
import fundamentos.progress.Cancellation;
import java.util.Arrays;
import java.util.function.IntFunction;
import weka.core.DenseInstance;
import weka.core.DistanceFunction;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Brute-force search with any Weka {@link DistanceFunction} (its exact semantics for nominal
 * attributes and missing values): the fallback when no index applies. Queries are instances' value
 * arrays ({@link Instance#toDoubleArray()}) of the given header: range queries (DBSCAN), k-nearest
 * queries and the k-neighbour graph of the instances (UMAP). O(n) distance calls per query, on one
 * thread, as Weka's distance functions do not promise to be thread-safe.
 */
public final class DistanceFunctionSearch implements KnnGraphSearch, java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final Instances points;
  private final DistanceFunction distance;

  /** @param points the instances to search (their distance function is set up on them or a superset) */
  public DistanceFunctionSearch(Instances points, DistanceFunction distance) {
    this.points = points;
    this.distance = distance;
  }

  /**
   * The distance function as the engine's {@link ExternalDistance}: brute force over these
   * instances, or over some of them (copied into a set of their own, so that a model keeps only
   * those).
   */
  public static ExternalDistance external(Instances points, DistanceFunction distance) {
    return new ExternalDistance() {
      @Override
      public NeighbourSearch overAll() {
        return new DistanceFunctionSearch(points, distance);
      }

      @Override
      public NeighbourSearch overRows(int[] rows) {
        Instances subset = new Instances(points, rows.length);
        for (int row : rows) {
          subset.add(points.instance(row));
        }
        return new DistanceFunctionSearch(subset, distance);
      }
    };
  }

  @Override
  public int size() {
    return points.numInstances();
  }

  @Override
  public void within(double[] query, double radius, NeighbourVisitor visitor) {
    Instance q = instance(query);
    for (int i = 0; i < points.numInstances(); i++) {
      double d = distance.distance(q, points.instance(i));
      if (d <= radius) {
        visitor.visit(i, d);
      }
    }
  }

  /** Instances of the searched header as query rows (their value arrays). */
  public static double[][] queries(Instances data) {
    double[][] rows = new double[data.numInstances()][];
    for (int q = 0; q < rows.length; q++) {
      rows[q] = data.instance(q).toDoubleArray();
    }
    return rows;
  }

  /** A query's values as an instance of the searched header. */
  private Instance instance(double[] values) {
    Instance q = new DenseInstance(1.0, values);
    q.setDataset(points);
    return q;
  }

  /** The k nearest neighbours of every indexed point, itself first (on one thread). */
  @Override
  public KnnGraph graph(int k, int threads) {
    return nearest(points.numInstances(), points::instance, k, true);
  }

  /** The k nearest indexed points of each query, nearest first (on one thread). */
  @Override
  public KnnGraph kNearest(double[][] queries, int k, int threads) {
    return nearest(queries.length, q -> instance(queries[q]), Math.min(k, size()), false);
  }

  private KnnGraph nearest(int m, IntFunction<Instance> queries, int k, boolean self) {
    int n = points.numInstances();
    int[][] idx = new int[m][k];
    double[][] dist = new double[m][k];
    double[] d = new double[n];
    Integer[] order = new Integer[n];
    for (int q = 0; q < m; q++) {
      // n Weka distance calls per query: a brute-force search of a large set takes minutes
      Cancellation.check();
      Instance query = queries.apply(q);
      for (int j = 0; j < n; j++) {
        // the point itself sorts first, even among duplicates
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
