package fundamentos.umap;

import fundamentos.neighbours.KnnGraph;
import fundamentos.neighbours.LpPoints;
import fundamentos.neighbours.MetricSpace;
import fundamentos.neighbours.VectorIndex;

/**
 * Neighbours of points in an L_p space or in the cosine embedding of a {@link MetricSpace}, found
 * by a {@link VectorIndex}: exact below a number of points, NN-descent from there on (umap-learn
 * switches at 4,096), with the search graph kept for new points. The graph and the neighbours of
 * new points are the index's {@link fundamentos.neighbours.KnnGraphSearch} queries. Queries are
 * rows in the same coordinates as the training points.
 */
public final class IndexedNeighbours implements NeighbourSpace<float[][]> {

  private static final long serialVersionUID = 1L;

  private final LpPoints points;
  private final MetricSpace space;
  private final int exactBelow;
  /** Where the exact training graph comes from instead of this machine's search, or null. */
  private final transient TrainingGraphSource source;
  private VectorIndex index;

  /**
   * The exact k-neighbour graph of the training points found elsewhere (the Spark UMAP job's
   * blocks of rows against blocks, {@link fundamentos.neighbours.BlockKnn}): it must be
   * {@link fundamentos.neighbours.ExactKnn#ofPoints}'s graph.
   */
  @FunctionalInterface
  public interface TrainingGraphSource {
    KnnGraph exactGraph(LpPoints points, int k);
  }

  /**
   * @param points the training points in the space's index coordinates ({@link MetricSpace#embed})
   * @param exactBelow exact search below this many points, NN-descent from there on
   */
  public IndexedNeighbours(LpPoints points, MetricSpace space, int exactBelow) {
    this(points, space, exactBelow, null);
  }

  /**
   * @param source where the exact training graph is computed (whatever the number of points), or
   *     null to search here
   */
  public IndexedNeighbours(LpPoints points, MetricSpace space, int exactBelow,
      TrainingGraphSource source) {
    if (exactBelow < 0) {
      throw new IllegalArgumentException("exactBelow must be >= 0, not " + exactBelow);
    }
    this.points = points;
    this.space = space;
    this.exactBelow = exactBelow;
    this.source = source;
  }

  @Override
  public KnnGraph trainingGraph(int k, long seed, int threads) {
    index = source == null ? VectorIndex.build(points, k, exactBelow, seed, threads)
        : VectorIndex.exact(points, source.exactGraph(points, k));
    return inSpace(index.graph(k, threads));
  }

  @Override
  public KnnGraph neighboursOf(float[][] queries, int k, int threads) {
    if (index == null) {
      throw new IllegalStateException("No training graph yet: call trainingGraph first");
    }
    double[][] rows = new double[queries.length][];
    for (int q = 0; q < rows.length; q++) {
      rows[q] = LpPoints.toDouble(queries[q]);
    }
    return inSpace(index.kNearest(rows, k, threads));
  }

  @Override
  public String method() {
    return index == null || index.isExact() ? "exact neighbours"
        : "NN-descent neighbours (" + index.rounds() + " rounds)";
  }

  @Override
  public int size() {
    return points.size();
  }

  /** The index's distances as the metric's own (the cosine index works on chord lengths). */
  private KnnGraph inSpace(KnnGraph graph) {
    if (space.kind() != MetricSpace.Kind.COSINE) {
      return graph;
    }
    int[][] idx = new int[graph.size()][];
    double[][] dist = new double[graph.size()][];
    for (int i = 0; i < graph.size(); i++) {
      idx[i] = graph.indices(i);
      dist[i] = graph.distances(i).clone();
      for (int s = 0; s < dist[i].length; s++) {
        dist[i][s] = space.fromEmbedded(dist[i][s]);
      }
    }
    return new KnnGraph(idx, dist);
  }
}
