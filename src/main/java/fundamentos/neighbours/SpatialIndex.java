package fundamentos.neighbours;

/**
 * A tree over points that prunes both queries, the k nearest as well as the range: subtrees whose
 * box or ball lies farther than the current k-th distance are skipped (the default of
 * {@link NeighbourSearch} visits every point).
 */
public interface SpatialIndex extends NeighbourSearch {

  /** The k nearest indexed points, nearest first (the query itself included), by a pruned search. */
  @Override
  Nearest kNearest(double[] query, int k);
}
