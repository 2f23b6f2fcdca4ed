package fundamentos.neighbours;

import fundamentos.parallel.Blocks;
import java.io.Serializable;
import java.util.function.IntFunction;

/**
 * A k-nearest-neighbour index over points in an L_p space, built once on training data and kept
 * for the queries of later data. Below a size threshold it is exact (every query compared with every
 * point, as umap-learn does below 4,096 points); above it, the training graph comes from NN-descent
 * and queries search that graph (pynndescent's query: start from the query's leaf in a
 * random-projection tree, then move best-first through neighbours and reverse neighbours while
 * candidates are within (1 + epsilon) of the k-th best distance found).
 *
 * <p>As a {@link KnnGraphSearch} its k-nearest queries are those graph searches (approximate above
 * the threshold), its graph the one NN-descent built, and a range query compares with every
 * point ({@link ExactKnn}).
 */
public final class VectorIndex implements KnnGraphSearch, Serializable {

  private static final long serialVersionUID = 1L;

  /** umap-learn's threshold for exact neighbours. */
  public static final int DEFAULT_EXACT_BELOW = 4096;

  /** Slack of the graph search: larger finds more true neighbours at more distance computations. */
  private static final double SEARCH_EPSILON = 0.1;

  private final LpPoints points;
  private final boolean exact;
  private final RandomProjectionTree tree;
  private final TreeSpace treeSpace;
  /** Per point, neighbours and reverse neighbours, nearest first (at most 2 (k - 1)). */
  private final int[][] searchGraph;
  private final transient KnnGraph trainingGraph;
  private final int rounds;

  private VectorIndex(LpPoints points, KnnGraph graph, NearestNeighbourDescent.Result descent) {
    this.points = points;
    this.trainingGraph = graph;
    this.exact = descent == null;
    this.tree = exact ? null : descent.tree;
    this.treeSpace = exact ? null : descent.treeSpace;
    this.searchGraph = exact ? null : searchGraph(graph);
    this.rounds = exact ? 0 : descent.rounds;
  }

  /**
   * Builds the index and the k-neighbour graph of the points (each point first in its own row).
   *
   * @param k neighbours per point, the point itself included
   * @param exactBelow exact search when there are fewer points than this
   */
  public static VectorIndex build(LpPoints points, int k, int exactBelow, long seed, int threads) {
    if (points.size() < exactBelow) {
      return new VectorIndex(points, ExactKnn.ofPoints(points, k, threads), null);
    }
    NearestNeighbourDescent.Result result = new NearestNeighbourDescent(k, seed, threads)
        .build(points);
    return new VectorIndex(points, result.graph, result);
  }

  /**
   * An exact index over points whose k-neighbour graph was found elsewhere (the exact graph of
   * {@link ExactKnn#ofPoints}, computed in pieces by {@link BlockKnn} on many machines): queries
   * search exactly, as the index {@link #build} makes below its threshold.
   */
  public static VectorIndex exact(LpPoints points, KnnGraph graph) {
    if (graph.size() != points.size()) {
      throw new IllegalArgumentException("a graph of " + graph.size() + " rows for "
          + points.size() + " points");
    }
    return new VectorIndex(points, graph, null);
  }

  /** The k-neighbour graph of the training points (available after {@link #build} only). */
  public KnnGraph trainingGraph() {
    return trainingGraph;
  }

  public boolean isExact() {
    return exact;
  }

  /** NN-descent rounds run (0 for an exact index). */
  public int rounds() {
    return rounds;
  }

  public LpPoints points() {
    return points;
  }

  /** The tree a query starts from (null for an exact index). */
  RandomProjectionTree tree() {
    return tree;
  }

  /** The space the tree splits (null for an exact index). */
  TreeSpace treeSpace() {
    return treeSpace;
  }

  /** The points a graph search moves to from point i (null for an exact index). */
  int[] searchNeighbours(int i) {
    return searchGraph == null ? null : searchGraph[i];
  }

  @Override
  public int size() {
    return points.size();
  }

  /** Every point compared with the query (the index prunes only k-nearest queries). */
  @Override
  public void within(double[] query, double radius, NeighbourVisitor visitor) {
    new ExactKnn(points).within(query, radius, visitor);
  }

  @Override
  public Nearest kNearest(double[] query, int k) {
    return Nearest.of(kNearest(new double[][] {query}, k, 1), 0);
  }

  @Override
  public KnnGraph kNearest(double[][] queries, int k, int threads) {
    if (Math.min(k, points.size()) < 1) {
      return new ExactKnn(points).kNearest(queries, k, threads);
    }
    return query(queries.length, q -> LpPoints.toFloat(queries[q]), k, threads, null);
  }

  /**
   * The k-neighbour graph of the points: the one built (NN-descent's above the threshold), or for
   * an exact index any other k by exact search.
   *
   * @throws IllegalArgumentException for another k than NN-descent's, or after deserialisation
   *     (the built graph is not saved)
   */
  @Override
  public KnnGraph graph(int k, int threads) {
    if (trainingGraph != null && trainingGraph.k() == k) {
      return trainingGraph;
    }
    if (exact) {
      return ExactKnn.ofPoints(points, k, threads);
    }
    throw new IllegalArgumentException("NN-descent built a graph of k = "
        + (trainingGraph == null ? "(not saved)" : trainingGraph.k()) + " neighbours, not " + k
        + ": build the index with k = " + k);
  }

  /** The k nearest training points of each query, nearest first. */
  public KnnGraph query(float[][] queries, int k, int threads) {
    return query(queries, k, threads, null);
  }

  /**
   * {@link #query(float[][], int, int)}, writing for each query the distances it computed in
   * {@code work} (if not null; left as it is when the query is answered by exact comparison): those
   * of the graph search, and n more if it fell back to comparing with every point.
   */
  KnnGraph query(float[][] queries, int k, int threads, int[] work) {
    return query(queries.length, q -> queries[q], k, threads, work);
  }

  /** {@link #query(float[][], int, int, int[])} of m queries given row by row. */
  private KnnGraph query(int m, IntFunction<float[]> queries, int k, int threads, int[] work) {
    if (exact || points.size() <= k) {
      float[][] rows = new float[m][];
      for (int q = 0; q < m; q++) {
        rows[q] = queries.apply(q);
      }
      return ExactKnn.ofQueries(points, rows, Math.min(k, points.size()), threads);
    }
    int n = points.size();
    int[][] idx = new int[m][];
    double[][] dist = new double[m][];
    Blocks.run(m, 64, threads, (b, from, to) -> {
      int[] visited = new int[n];
      java.util.Arrays.fill(visited, -1);
      BoundedHeap result = new BoundedHeap(k);
      CandidateQueue queue = new CandidateQueue();
      float[] scratch = points.scratch();
      for (int q = from; q < to; q++) {
        float[] x = queries.apply(q);
        result.clear();
        queue.clear();
        int evaluations = search(x, q, visited, result, queue, scratch);
        if (!result.full()) {
          // the graph search ran out of candidates (a tiny or fragmented graph): compare with all
          result.clear();
          for (int j = 0; j < n; j++) {
            result.offer(j, points.reduced(x, points.row(j), scratch));
          }
          evaluations += n;
        }
        if (work != null) {
          work[q] = evaluations;
        }
        idx[q] = new int[k];
        dist[q] = new double[k];
        result.drainSorted(idx[q], dist[q], 0, points);
      }
    });
    return new KnnGraph(idx, dist);
  }

  /**
   * Best-first search from the query's leaf; returns the number of distances computed. Candidates
   * at equal distance are expanded in the queue's (unspecified, deterministic) tie order.
   */
  private int search(float[] x, int stamp, int[] visited, BoundedHeap result,
      CandidateQueue queue, float[] scratch) {
    int leaf = tree.leafOf(treeSpace.project(x), treeSpace.points(), treeSpace.squaredNorms());
    int evaluations = 0;
    for (int s = tree.leafStart(leaf); s < tree.leafEnd(leaf); s++) {
      int j = tree.pointAt(s);
      visited[j] = stamp;
      float d = points.reduced(x, points.row(j), scratch);
      evaluations++;
      result.offer(j, d);
      queue.push(j, d);
    }
    while (queue.size() > 0) {
      int c = queue.peekIndex();
      float dc = queue.peekKey();
      if (result.full()
          && points.unreduce(dc) > (1 + SEARCH_EPSILON) * points.unreduce(result.worstKey())) {
        break;
      }
      queue.pop();
      for (int u : searchGraph[c]) {
        if (visited[u] == stamp) {
          continue;
        }
        visited[u] = stamp;
        float d = points.reduced(x, points.row(u), scratch);
        evaluations++;
        if (!result.full()
            || points.unreduce(d) < (1 + SEARCH_EPSILON) * points.unreduce(result.worstKey())) {
          queue.push(u, d);
          result.offer(u, d);
        }
      }
    }
    return evaluations;
  }

  private static int[][] searchGraph(KnnGraph graph) {
    int n = graph.size();
    int k = graph.k();
    int cap = 2 * (k - 1);
    int[] degree = new int[n];
    for (int i = 0; i < n; i++) {
      for (int s = 1; s < k; s++) {
        degree[graph.indices(i)[s]]++;
      }
    }
    int[][] reverse = new int[n][];
    double[][] reverseDist = new double[n][];
    for (int i = 0; i < n; i++) {
      reverse[i] = new int[degree[i]];
      reverseDist[i] = new double[degree[i]];
      degree[i] = 0;
    }
    for (int i = 0; i < n; i++) {
      for (int s = 1; s < k; s++) {
        int j = graph.indices(i)[s];
        reverse[j][degree[j]] = i;
        reverseDist[j][degree[j]++] = graph.distances(i)[s];
      }
    }
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) {
      int m = (k - 1) + reverse[i].length;
      long[] order = new long[m];
      int[] cand = new int[m];
      double[] cd = new double[m];
      int c = 0;
      for (int s = 1; s < k; s++) {
        cand[c] = graph.indices(i)[s];
        cd[c++] = graph.distances(i)[s];
      }
      for (int r = 0; r < reverse[i].length; r++) {
        cand[c] = reverse[i][r];
        cd[c++] = reverseDist[i][r];
      }
      Integer[] perm = new Integer[m];
      for (int s = 0; s < m; s++) {
        perm[s] = s;
      }
      java.util.Arrays.sort(perm, (a, b2) -> cd[a] != cd[b2] ? Double.compare(cd[a], cd[b2])
          : Integer.compare(cand[a], cand[b2]));
      int[] kept = new int[Math.min(cap, m)];
      int size = 0;
      for (int s = 0; s < m && size < kept.length; s++) {
        int j = cand[perm[s]];
        boolean dup = false;
        for (int t = 0; t < size; t++) {
          if (kept[t] == j) {
            dup = true;
            break;
          }
        }
        if (!dup) {
          kept[size++] = j;
        }
      }
      out[i] = java.util.Arrays.copyOf(kept, size);
    }
    return out;
  }

  /**
   * Min-heap of (reduced distance, point) candidates still to expand, a {@link PairHeap} of negated
   * distances: keys come out in non-decreasing order; ties between equal keys are broken arbitrarily but
   * deterministically (which of two equally distant candidates the search expands first is left
   * open, as in pynndescent's heap).
   */
  static final class CandidateQueue extends PairHeap {

    CandidateQueue() {
      super(Integer.MAX_VALUE, false);
    }

    int peekIndex() {
      return topIndex();
    }

    float peekKey() {
      return (float) -topKey();
    }

    void push(int j, float d) {
      add(j, -(double) d);
    }
  }
}
