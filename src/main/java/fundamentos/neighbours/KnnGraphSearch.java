package fundamentos.neighbours;

/**
 * A {@link NeighbourSearch} that answers the k-nearest query for all of its own points at once:
 * the k-neighbour graph of the indexed points, row i starting with point i itself (at distance 0,
 * even among duplicates, as umap-learn's graph does), then its k - 1 nearest other points, nearest
 * first, of equally near ones the lower index first. The graph UMAP is fitted on and
 * trustworthiness compares: exact by {@link ExactKnn} (and Weka's distance functions by brute
 * force), approximate by NN-descent's {@link VectorIndex}, as its k-nearest queries.
 */
public interface KnnGraphSearch extends NeighbourSearch {

  /**
   * The k-neighbour graph of the indexed points.
   *
   * @param k neighbours per point, the point itself included (1 &lt;= k &lt;= size)
   */
  KnnGraph graph(int k, int threads);
}
