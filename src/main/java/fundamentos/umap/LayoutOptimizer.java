package fundamentos.umap;

import fundamentos.parallel.Blocks;
import fundamentos.progress.Cancellation;
import java.util.SplittableRandom;

/**
 * UMAP's layout: stochastic gradient descent on the fuzzy-set cross entropy between the graph's
 * memberships w_ij and the embedding's 1 / (1 + a d^(2b)) (course Eq. 5.15; McInnes et al. 2018,
 * Sect. 3.2), umap-learn's {@code optimize_layout_euclidean} step for step:
 *
 * <ul>
 *   <li>an edge is sampled once every max(w) / w_ij epochs; its attraction moves the head (and, when
 *   fitting, the tail) along the gradient -2ab d^(2(b-1)) / (1 + a d^(2b)) (y_i - y_j);</li>
 *   <li>each sample is followed by {@code negativeSampleRate} repulsions from uniformly drawn
 *   vertices, gradient 2 gamma b / ((0.001 + d^2)(1 + a d^(2b))) (y_i - y_j);</li>
 *   <li>every gradient coordinate is clipped to [-4, 4] and the learning rate falls linearly to 0.</li>
 * </ul>
 *
 * <p>Fitting ({@link #fit}) is organised by vertex so that it runs on several threads and gives the
 * same embedding with any number of them: vertices are visited in breadth-first order over the
 * graph, cut into fixed blocks of 2,048, one thread per block at a time. Inside a block it is
 * umap-learn's update: a sampled edge moves both of its ends, and every move is seen at once. An
 * edge to a vertex of another block moves only the vertex being visited (the other end moves when
 * its own row is visited) and sees the other end where it stood at the start of the epoch; the
 * breadth-first order keeps such edges few. Negative samples come from a random stream per (seed,
 * epoch, vertex) and see other blocks at the start of the epoch too. (Moving the visited end by
 * twice the step instead, to make up for the other direction, overshoots: on the digits it threw
 * small groups of points 30 units away; umap-learn's extents came back with the update above.)
 * Placing new points ({@link #optimize} with {@code moveOther} false) is umap-learn's loop.
 */
final class LayoutOptimizer {

  private final double a;
  private final double b;
  private final double gamma;
  private final double negativeSampleRate;

  LayoutOptimizer(MembershipCurve curve, double repulsionStrength, double negativeSampleRate) {
    this.a = curve.a();
    this.b = curve.b();
    this.gamma = repulsionStrength;
    this.negativeSampleRate = negativeSampleRate;
  }

  /** epochs_per_sample: max(w) / w for every edge (umap-learn's make_epochs_per_sample). */
  static double[] epochsPerSample(double[] weights, double maxWeight) {
    double[] e = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      e[i] = weights[i] > 0 ? maxWeight / weights[i] : -1;
    }
    return e;
  }

  /**
   * Fits the layout of a symmetric graph in place.
   *
   * @param y row-major coordinates, n x dim, moved in place
   * @param graph the fuzzy graph (both directions of every edge stored)
   * @param epochsPerSample per stored entry of the graph, in its order
   */
  void fit(double[] y, int dim, SparseGraph graph, double[] epochsPerSample, int epochs,
      double initialAlpha, long seed, int threads) {
    int n = graph.vertices();
    int entries = graph.entries();
    double[] nextSample = epochsPerSample.clone();
    double[] perNegative = new double[entries];
    for (int e = 0; e < entries; e++) {
      perNegative[e] = epochsPerSample[e] / negativeSampleRate;
    }
    double[] nextNegative = perNegative.clone();
    // vertices in breadth-first order over the graph, cut into fixed blocks: most of a vertex's
    // neighbours share its block, where the update is umap-learn's
    int[] order = breadthFirstOrder(graph);
    int[] blockOf = new int[n];
    for (int pos = 0; pos < n; pos++) {
      blockOf[order[pos]] = pos / BLOCK;
    }
    double[] start = new double[y.length];
    double alpha = initialAlpha;
    for (int epoch = 0; epoch < epochs; epoch++) {
      Cancellation.check();
      System.arraycopy(y, 0, start, 0, y.length);
      final int current = epoch;
      final double step = alpha;
      Blocks.run(n, BLOCK, threads, (block, from, to) -> {
        double[] delta = new double[dim];
        for (int pos = from; pos < to; pos++) {
          int i = order[pos];
          long state = mix(seed, current, i);
          int ci = i * dim;
          for (int e = graph.rowStart(i); e < graph.rowEnd(i); e++) {
            if (epochsPerSample[e] <= 0 || nextSample[e] > current) {
              continue;
            }
            int j = graph.column(e);
            boolean sameBlock = blockOf[j] == block;
            double[] other = sameBlock ? y : start;
            int cj = j * dim;
            // in the same block other is y, so the neighbour moves too (umap-learn's move_other)
            attract(y, ci, other, cj, dim, delta, step, sameBlock);
            nextSample[e] += epochsPerSample[e];
            int negatives = (int) ((current - nextNegative[e]) / perNegative[e]);
            for (int p = 0; p < negatives; p++) {
              state += 0x9E3779B97F4A7C15L;
              int k = (int) (((finalise(state) >>> 32) * n) >>> 32);
              repel(y, ci, blockOf[k] == block ? y : start, k * dim, dim, delta, step, i != k);
            }
            nextNegative[e] += negatives * perNegative[e];
          }
        }
      });
      alpha = initialAlpha * (1.0 - (double) epoch / epochs);
    }
  }

  /** Vertices of the layout's fixed blocks. */
  private static final int BLOCK = 2048;

  /**
   * Breadth-first order of the vertices, component after component (package-private for the
   * tests).
   */
  static int[] breadthFirstOrder(SparseGraph graph) {
    int n = graph.vertices();
    int[] order = new int[n];
    boolean[] seen = new boolean[n];
    int tail = 0;
    for (int root = 0; root < n; root++) {
      if (seen[root]) {
        continue;
      }
      seen[root] = true;
      int head = tail;
      order[tail++] = root;
      while (head < tail) {
        int v = order[head++];
        for (int e = graph.rowStart(v); e < graph.rowEnd(v); e++) {
          int u = graph.column(e);
          if (!seen[u]) {
            seen[u] = true;
            order[tail++] = u;
          }
        }
      }
    }
    return order;
  }

  /**
   * One positive sample (an edge of the fuzzy simplicial set): pull the point at {@code ci} towards
   * the neighbour at {@code co} along the gradient of log Phi, Phi(d) = 1 / (1 + a d^(2b))
   * (McInnes et al. 2018, Eq. 8's attractive term), each coordinate's step clipped to +-4 as in
   * umap-learn; with {@code moveOther} the neighbour takes the opposite step.
   */
  private void attract(double[] y, int ci, double[] others, int co, int dim, double[] delta,
      double alpha, boolean moveOther) {
    double d2 = difference(y, ci, others, co, dim, delta);
    if (d2 > 0) {
      double powBMinus1 = Math.exp((b - 1) * Math.log(d2));
      double coefficient = -2 * a * b * powBMinus1 / (a * powBMinus1 * d2 + 1);
      for (int d = 0; d < dim; d++) {
        double g = clip(coefficient * delta[d]) * alpha;
        y[ci + d] += g;
        if (moveOther) {
          others[co + d] -= g;
        }
      }
    }
  }

  /** delta = y_i - y_o (the step's direction, kept in {@code delta}); returns ||delta||^2. */
  private static double difference(double[] y, int ci, double[] others, int co, int dim, double[] delta) {
    double squared = 0;
    for (int d = 0; d < dim; d++) {
      delta[d] = y[ci + d] - others[co + d];
      squared += delta[d] * delta[d];
    }
    return squared;
  }

  /** One negative sample: push the point at {@code ci} away from {@code co}. */
  private void repel(double[] y, int ci, double[] others, int co, int dim, double[] delta,
      double alpha, boolean distinct) {
    double r2 = difference(y, ci, others, co, dim, delta);
    if (r2 > 0) {
      double coefficient = 2 * gamma * b / ((0.001 + r2) * (a * Math.exp(b * Math.log(r2)) + 1));
      for (int d = 0; d < dim; d++) {
        y[ci + d] += clip(coefficient * delta[d]) * alpha;
      }
    } else if (distinct) {
      // coincident points: push apart by the clip bound, as umap-learn does
      for (int d = 0; d < dim; d++) {
        y[ci + d] += 4 * alpha;
      }
    }
  }

  /**
   * splitmix64's mixing of (seed, epoch, vertex): the start of a vertex's random stream. Each
   * negative sample advances the state by splitmix64's increment and draws vertex
   * ((finalise(state) >>> 32) * n) >>> 32 (package-private for the tests).
   */
  static long mix(long seed, long epoch, long vertex) {
    return finalise(finalise(seed * 0x9E3779B97F4A7C15L + epoch) + vertex);
  }

  /** splitmix64's output function (package-private for the tests). */
  static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Runs umap-learn's epochs over an edge list.
   *
   * @param headEmbedding row-major coordinates of the heads (moved)
   * @param tailEmbedding row-major coordinates of the tails; the same array when fitting
   * @param tailCount number of tail vertices, from which negative samples are drawn
   * @param moveOther whether attraction also moves the tail (fitting) or not (transforming)
   */
  void optimize(double[] headEmbedding, double[] tailEmbedding, int dim, int[] head, int[] tail,
      double[] epochsPerSample, int tailCount, int epochs, double initialAlpha, boolean moveOther,
      SplittableRandom random) {
    int edges = head.length;
    double[] nextSample = epochsPerSample.clone();
    double[] perNegative = new double[edges];
    for (int e = 0; e < edges; e++) {
      perNegative[e] = epochsPerSample[e] / negativeSampleRate;
    }
    double[] nextNegative = perNegative.clone();
    double alpha = initialAlpha;
    double[] delta = new double[dim];
    for (int epoch = 0; epoch < epochs; epoch++) {
      Cancellation.check();
      for (int e = 0; e < edges; e++) {
        if (epochsPerSample[e] <= 0 || nextSample[e] > epoch) {
          continue;
        }
        int j = head[e];
        int k = tail[e];
        int cj = j * dim;
        int ck = k * dim;
        attract(headEmbedding, cj, tailEmbedding, ck, dim, delta, alpha, moveOther);
        nextSample[e] += epochsPerSample[e];
        int negatives = (int) ((epoch - nextNegative[e]) / perNegative[e]);
        for (int p = 0; p < negatives; p++) {
          int other = random.nextInt(tailCount);
          repel(headEmbedding, cj, tailEmbedding, other * dim, dim, delta, alpha, j != other);
        }
        nextNegative[e] += negatives * perNegative[e];
      }
      alpha = initialAlpha * (1.0 - (double) epoch / epochs);
    }
  }

  private static double clip(double v) {
    return v > 4 ? 4 : (v < -4 ? -4 : v);
  }
}
