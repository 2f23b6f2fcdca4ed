package fundamentos.cluster;

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

  /** Receives the points a range query finds. */
  @FunctionalInterface
  interface NeighbourVisitor {
    void visit(int index, double distance);
  }
}
