package fundamentos.umap;

import fundamentos.neighbours.KnnGraph;
import java.io.Serializable;

/**
 * UMAP's first step, umap-learn's {@code nearest_neighbors}: the input space as UMAP sees it,
 * reduced to the k nearest training points of every training point (for the fit) and of every new
 * point (for {@link FittedUmap#transform}). Distances are the input metric's own: the fuzzy set
 * (Eqs. 5.12-5.14) reads rho and sigma from them.
 *
 * <p>{@link IndexedNeighbours} searches points of an L_p space (or their cosine embedding); a
 * caller with a metric that cannot be indexed (Weka's distance functions with nominal attributes,
 * say) brings its own brute-force search.
 *
 * @param <Q> how a batch of new points is given to {@link #neighboursOf}
 */
public interface NeighbourSpace<Q> extends Serializable {

  /** The number of training points. */
  int size();

  /**
   * The k nearest training points of every training point, the point itself first; kept by the
   * space for later {@link #neighboursOf} queries.
   *
   * @param seed seed of an approximate search's random choices
   */
  KnnGraph trainingGraph(int k, long seed, int threads);

  /** The k nearest training points of each new point, nearest first (after {@link #trainingGraph}). */
  KnnGraph neighboursOf(Q queries, int k, int threads);

  /** How the training graph was found, for the printed model ("exact neighbours", ...). */
  String method();
}
