package fundamentos.neighbours;

import fundamentos.parallel.Blocks;

/**
 * The two queries every search structure answers over a fixed set of points, in the shape of
 * Smile's {@code smile.neighbor} ({@code RNNSearch} and {@code KNNSearch}): the points within a
 * radius, the eps-neighbourhood N_eps(p) = { q : d(p, q) <= eps } that DBSCAN is built on (Ester
 * et al. 1996), and the k nearest points, whose distances are the k-distances DBSCAN's eps is
 * chosen from and whose rows make UMAP's k-neighbour graph. A structure that cannot prune a
 * k-nearest query (a grid, brute force) answers it by a range query of infinite radius; the trees
 * ({@link SpatialIndex}) prune it; NN-descent's {@link VectorIndex} answers it approximately. The
 * searches over points they keep answer it for all of those points at once
 * ({@link KnnGraphSearch}).
 */
public interface NeighbourSearch {

  /** Number of indexed points. */
  int size();

  /**
   * Calls {@code visitor} with the index and distance of every indexed point within {@code radius}
   * of {@code query} (the query point itself included when it is indexed).
   */
  void within(double[] query, double radius, NeighbourVisitor visitor);

  /**
   * Replaces the contents of {@code out} with the indices of the indexed points within
   * {@code radius} of {@code query}, as {@link #within} would visit them.
   */
  default void collect(double[] query, double radius, Neighbourhood out) {
    out.clear();
    within(query, radius, (index, distance) -> out.add(index));
  }

  /**
   * The index of the accepted point nearest to {@code query} within {@code radius} (of equally near
   * ones the smallest index), or -1 when there is none. Indexes that can stop early (nearest cells
   * first) override this scan of the whole neighbourhood.
   */
  default int nearest(double[] query, double radius, java.util.function.IntPredicate accept) {
    double[] best = {Double.POSITIVE_INFINITY};
    int[] found = {-1};
    within(query, radius, (index, distance) -> {
      if (accept.test(index)
          && (distance < best[0] || distance == best[0] && (found[0] < 0 || index < found[0]))) {
        best[0] = distance;
        found[0] = index;
      }
    });
    return found[0];
  }

  /**
   * The k nearest indexed points to {@code query}: their indices and distances, nearest first, of
   * equally near points the lower index first (the query itself included when it is indexed; fewer
   * than k when fewer points are indexed). Here every point is visited once, into a bounded heap,
   * O(n log k); the trees ({@link SpatialIndex}) prune, an approximate index (NN-descent's
   * {@link VectorIndex}) answers approximately.
   */
  default Nearest kNearest(double[] query, int k) {
    BoundedHeap best = new BoundedHeap(k);
    within(query, Double.POSITIVE_INFINITY, best::offer);
    return Nearest.of(best);
  }

  /** The distances to the k nearest indexed points, nearest first ({@link #kNearest}). */
  default double[] nearestDistances(double[] query, int k) {
    return kNearest(query, k).distances();
  }

  /**
   * The k nearest indexed points of each query, as the rows of a graph ({@link #kNearest} for
   * each): here the queries are split into blocks answered on up to {@code threads} threads, the
   * structure being read-only; a search that is not thread-safe, or that compares a block of
   * queries with every point at once, overrides it.
   */
  default KnnGraph kNearest(double[][] queries, int k, int threads) {
    int[][] idx = new int[queries.length][];
    double[][] dist = new double[queries.length][];
    Blocks.run(queries.length, 64, threads, (b, from, to) -> {
      for (int q = from; q < to; q++) {
        Nearest found = kNearest(queries[q], k);
        idx[q] = found.indices();
        dist[q] = found.distances();
      }
    });
    return new KnnGraph(idx, dist);
  }

  /** The answer of a k-nearest query: indices and distances, nearest first. */
  record Nearest(int[] indices, double[] distances) {

    /** The pairs a bounded heap kept, nearest first (the heap is emptied). */
    static Nearest of(BoundedHeap heap) {
      int[] idx = new int[heap.size()];
      double[] dist = new double[heap.size()];
      heap.drain(idx, dist, 0);
      return new Nearest(idx, dist);
    }

    /** Row {@code row} of a graph. */
    static Nearest of(KnnGraph graph, int row) {
      return new Nearest(graph.indices(row), graph.distances(row));
    }
  }

  /** Receives the points a range query finds. */
  @FunctionalInterface
  interface NeighbourVisitor {
    void visit(int index, double distance);
  }
}
