package fundamentos.neighbours;

/**
 * The two queries every search structure answers over a fixed set of points, in the shape of
 * Smile's {@code smile.neighbor} ({@code RNNSearch} and {@code KNNSearch}): the points within a
 * radius, the eps-neighbourhood N_eps(p) = { q : d(p, q) <= eps } that DBSCAN is built on (Ester
 * et al. 1996), and the distances to the k nearest points, the k-distances DBSCAN's eps is chosen
 * from. A structure that cannot prune a k-nearest query (a grid, brute force) answers it by a
 * range query of infinite radius; the trees ({@link SpatialIndex}) prune it.
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
   * The distances to the k nearest indexed points, nearest first (the query itself included when
   * it is indexed; fewer than k when fewer points are indexed): here every point is visited once,
   * into a bounded heap, O(n log k).
   */
  default double[] nearestDistances(double[] query, int k) {
    BoundedHeap best = new BoundedHeap(k);
    within(query, Double.POSITIVE_INFINITY, best::offer);
    return best.sortedKeys();
  }

  /** Receives the points a range query finds. */
  @FunctionalInterface
  interface NeighbourVisitor {
    void visit(int index, double distance);
  }
}
