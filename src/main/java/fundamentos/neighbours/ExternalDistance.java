package fundamentos.neighbours;

/**
 * A distance known only through the searches it provides, with no metric space a tree could prune
 * in (a Weka distance function with its own handling of nominal attributes and missing values):
 * brute force over all the points, or over some of them (a model that keeps its core points only).
 */
public interface ExternalDistance {

  /** Brute-force range and k-nearest queries over all the points. */
  NeighbourSearch overAll();

  /** The same over the given rows only, in their order (their positions are the search's indices). */
  NeighbourSearch overRows(int[] rows);
}
