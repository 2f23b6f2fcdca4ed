package fundamentos.neighbours;

import fundamentos.parallel.Blocks;
import java.util.function.IntFunction;

/**
 * Exact k nearest neighbours by comparing every query with every point: O(n m d), the reference
 * the approximate search is measured against and the search umap-learn also uses below 4,096
 * points. As a {@link KnnGraphSearch} over its points it answers all the queries of the package;
 * a range query is a scan too.
 */
public final class ExactKnn implements KnnGraphSearch, java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final LpPoints points;

  public ExactKnn(LpPoints points) {
    this.points = points;
  }

  @Override
  public int size() {
    return points.size();
  }

  @Override
  public void within(double[] query, double radius, NeighbourVisitor visitor) {
    float[] x = LpPoints.toFloat(query);
    float[] scratch = points.scratch();
    for (int j = 0; j < points.size(); j++) {
      double d = points.unreduce(points.reduced(x, points.row(j), scratch));
      if (d <= radius) {
        visitor.visit(j, d);
      }
    }
  }

  @Override
  public Nearest kNearest(double[] query, int k) {
    return Nearest.of(kNearest(new double[][] {query}, k, 1), 0);
  }

  /** Each query compared with every point, a block of queries at a time ({@link #search}). */
  @Override
  public KnnGraph kNearest(double[][] queries, int k, int threads) {
    int kept = Math.min(k, points.size());
    if (kept < 1) {
      return new KnnGraph(new int[queries.length][0], new double[queries.length][0]);
    }
    return search(points, queries.length, q -> LpPoints.toFloat(queries[q]), kept, false, threads);
  }

  @Override
  public KnnGraph graph(int k, int threads) {
    return ofPoints(points, k, threads);
  }

  /**
   * The k nearest neighbours of every indexed point, itself first (at distance 0, even when it has
   * duplicates), then k - 1 others nearest first; ties broken by the lower index.
   */
  public static KnnGraph ofPoints(LpPoints points, int k, int threads) {
    checkK(k, points.size());
    return search(points, points.size(), points::row, k, true, threads);
  }

  /** The k nearest indexed points of every query, nearest first. */
  public static KnnGraph ofQueries(LpPoints points, float[][] queries, int k, int threads) {
    checkK(k, points.size());
    return search(points, queries.length, q -> queries[q], k, false, threads);
  }

  /**
   * Compares every query with every point. A block of queries is compared point by point, so each
   * point is read from memory once per block rather than once per query.
   *
   * @param query the m queries, row by row (read once per block)
   * @param self the queries are the points themselves: each row starts with its own index
   */
  private static KnnGraph search(LpPoints points, int m, IntFunction<float[]> query, int k,
      boolean self, int threads) {
    int first = self ? 1 : 0;
    int[][] idx = new int[m][];
    double[][] dist = new double[m][];
    Blocks.run(m, 64, threads, (b, from, to) -> {
      BoundedHeap[] heaps = new BoundedHeap[to - from];
      float[][] queries = new float[to - from][];
      for (int r = 0; r < heaps.length; r++) {
        heaps[r] = new BoundedHeap(k - first);
        queries[r] = query.apply(from + r);
      }
      float[] scratch = points.scratch();
      for (int j = 0; j < points.size(); j++) {
        float[] xj = points.row(j);
        for (int i = from; i < to; i++) {
          if (!self || j != i) {
            heaps[i - from].offer(j, points.reduced(queries[i - from], xj, scratch));
          }
        }
      }
      for (int i = from; i < to; i++) {
        idx[i] = new int[k];
        dist[i] = new double[k];
        idx[i][0] = i; // overwritten by the nearest point unless self
        heaps[i - from].drainSorted(idx[i], dist[i], first, points);
      }
    });
    return new KnnGraph(idx, dist);
  }

  private static void checkK(int k, int n) {
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k = " + k + " neighbours need at least " + k
          + " points, there are " + n);
    }
  }
}
