package fundamentos.neighbours;

import fundamentos.parallel.Blocks;

/**
 * Exact k nearest neighbours by comparing every query with every point: O(n m d), the reference
 * the approximate search is measured against and the search umap-learn also uses below 4,096
 * points.
 */
public final class ExactKnn {

  private ExactKnn() {
  }

  /**
   * The k nearest neighbours of every indexed point, itself first (at distance 0, even when it has
   * duplicates), then k - 1 others nearest first; ties broken by the lower index.
   */
  public static KnnGraph ofPoints(LpPoints points, int k, int threads) {
    checkK(k, points.size());
    float[][] rows = new float[points.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = points.row(i);
    }
    return search(points, rows, k, true, threads);
  }

  /** The k nearest indexed points of every query, nearest first. */
  public static KnnGraph ofQueries(LpPoints points, float[][] queries, int k, int threads) {
    checkK(k, points.size());
    return search(points, queries, k, false, threads);
  }

  /**
   * Compares every query with every point. A block of queries is compared point by point, so each
   * point is read from memory once per block rather than once per query.
   *
   * @param self the queries are the points themselves: each row starts with its own index
   */
  private static KnnGraph search(LpPoints points, float[][] queries, int k, boolean self,
      int threads) {
    int m = queries.length;
    int first = self ? 1 : 0;
    int[][] idx = new int[m][];
    double[][] dist = new double[m][];
    Blocks.run(m, 64, threads, (b, from, to) -> {
      BoundedHeap[] heaps = new BoundedHeap[to - from];
      for (int r = 0; r < heaps.length; r++) {
        heaps[r] = new BoundedHeap(k - first);
      }
      float[] scratch = points.scratch();
      for (int j = 0; j < points.size(); j++) {
        float[] xj = points.row(j);
        for (int i = from; i < to; i++) {
          if (!self || j != i) {
            heaps[i - from].offer(j, points.reduced(queries[i], xj, scratch));
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
