package fundamentos.neighbours;

/**
 * Range queries over a fixed set of points, the only primitive DBSCAN needs (Ester et al. 1996):
 * the eps-neighbourhood N_eps(p) = { q : d(p, q) <= eps }.
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

  /** Receives the points a range query finds. */
  @FunctionalInterface
  interface NeighbourVisitor {
    void visit(int index, double distance);
  }
}
