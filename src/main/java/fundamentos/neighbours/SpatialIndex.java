package fundamentos.neighbours;

/** A tree over points that answers range queries and k-nearest-neighbour distance queries. */
public interface SpatialIndex extends NeighbourSearch {

  /** The distances to the k nearest indexed points, nearest first (the query itself included). */
  double[] nearestDistances(double[] query, int k);
}
