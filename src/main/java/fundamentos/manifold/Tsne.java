package fundamentos.manifold;

import fundamentos.linalg.RowSource;
import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryEstimate;
import fundamentos.parallel.Blocks;
import fundamentos.pca.PcaModel;
import fundamentos.pca.PrincipalComponentAnalysis;
import fundamentos.progress.Cancellation;
import smile.manifold.TSNE;
import smile.math.MathEx;

/**
 * t-distributed stochastic neighbour embedding (van der Maaten and Hinton 2008; the course's Figure
 * 2.6), by one of two methods ({@link Method}): Smile's exact O(n^2) implementation, or the
 * package's own Barnes-Hut t-SNE (van der Maaten 2014; {@link SparseAffinities}, {@link SpaceTree},
 * {@link BarnesHutOptimizer}), O(u n) affinities from the 3 perplexity nearest neighbours and
 * O(n log n) forces per iteration, written because Smile's exact t-SNE took 510 s at 10,000 rows
 * (doc/TSNE.md).
 *
 * <p>The exact method is Smile's {@link smile.manifold.TSNE}: Gaussian affinities
 * calibrated to a perplexity (Eq. 1 and the binary search of Sect. 2), symmetrised
 * (p_ij = (p_j|i + p_i|j) / 2n, Sect. 3.1), Student-t affinities in the embedding (Eq. 4), and
 * gradient descent on KL(P || Q) (Eq. 5) with momentum 0.5 then 0.8, early exaggeration 12 for the
 * first 250 iterations, and per-coordinate gains (Jacobs 1988), as Smile does it.
 *
 * <p>What this class adds to Smile's:
 *
 * <ul>
 *   <li>an optional PCA pre-reduction through the package's own PCA (the usual practice: van der
 *   Maaten and Hinton reduce to 30 dimensions, scikit-learn's documentation recommends 50);</li>
 *   <li>the squared distances are computed here and handed to Smile as its n x n matrix, always:
 *   Smile reads any square input (n rows of n columns) as a distance matrix, so n points in n
 *   dimensions would otherwise be misread; they are computed on the data scaled by its largest
 *   magnitude, so squares never overflow (the calibrated affinities do not depend on the scale:
 *   each row's precision beta_i absorbs it);</li>
 *   <li>the seed: Smile draws the start (N(0, 1e-4) per coordinate) from {@code MathEx}'s
 *   random generator, which is one per thread ({@code ThreadLocal}); {@code MathEx.setSeed} on the
 *   calling thread right before the constructor makes the start, and so the whole embedding (the
 *   rest is deterministic), a function of the seed. No lock is needed: no other thread shares the
 *   generator;</li>
 *   <li>interruption: Smile's iterations run inside {@code TSNE.update(int)}, which nothing can
 *   stop from outside, so they run in chunks ({@link #chunk(int)}) with
 *   {@link Cancellation#check()} between them. Smile keeps the iteration count, so exaggeration
 *   and momentum switch at iteration 250 whatever the chunks, but each call of {@code update}
 *   starts with zero velocity: a chunk boundary restarts the momentum (at most every 50
 *   iterations). The affinity calibration inside Smile's constructor is one O(n^2) pass that
 *   cannot be stopped;</li>
 *   <li>small data: the perplexity is lowered to (n - 1) / 3 when it is larger (Smile's search of
 *   beta_i cannot reach an entropy above log2(n - 1) and would leave rows unnormalised); one point
 *   or identical points are embedded at the origin.</li>
 * </ul>
 */
public final class Tsne {

  /** How the embedding is computed. */
  public enum Method {
    /** Exact below {@link #AUTO_EXACT_BELOW} points or in more than 3 dimensions, else Barnes-Hut. */
    AUTO,
    /** Smile's exact t-SNE: n x n affinities, O(n^2) per iteration. */
    EXACT,
    /** The package's Barnes-Hut t-SNE: sparse affinities, a space-partitioning tree. */
    BARNES_HUT
  }

  /**
   * Below this many points {@link Method#AUTO} keeps Smile's exact t-SNE (the figures and the
   * conformance references of small data stay what they were); from here on Barnes-Hut is faster.
   */
  public static final int AUTO_EXACT_BELOW = 1000;
  /** The largest embedding dimension Barnes-Hut takes (a tree cell has 2^d children). */
  public static final int BARNES_HUT_MAX_DIMENSIONS = 3;
  /** The usual Barnes-Hut accuracy (van der Maaten's and scikit-learn's default angle). */
  public static final double DEFAULT_THETA = 0.5;

  /** scikit-learn's default perplexity (van der Maaten and Hinton suggest 5 to 50). */
  public static final double DEFAULT_PERPLEXITY = 30;
  /** Smile's default learning rate (and scikit-learn's before "auto"). */
  public static final double DEFAULT_LEARNING_RATE = 200;
  /** Smile's and scikit-learn's default number of iterations. */
  public static final int DEFAULT_ITERATIONS = 1000;
  /** The usual PCA pre-reduction (scikit-learn's advice for dense data). */
  public static final int DEFAULT_PCA_COMPONENTS = 50;

  /** Iterations per chunk at most; fewer for large n so that a Stop lands within a second. */
  static final int MAX_CHUNK = 50;
  /**
   * One iteration costs a few n^2 c operations (Q, the gradient): 2e8 n^-2 iterations per chunk is
   * well under a second on one core for any n.
   */
  private static final double CHUNK_WORK = 2e8;

  private int dimensions = 2;
  private double perplexity = DEFAULT_PERPLEXITY;
  private double learningRate = DEFAULT_LEARNING_RATE;
  private int iterations = DEFAULT_ITERATIONS;
  private int pcaComponents = DEFAULT_PCA_COMPONENTS;
  private long seed = 1;
  private Method method = Method.AUTO;
  private double theta = DEFAULT_THETA;
  private int threads = Blocks.availableThreads();

  public Tsne method(Method value) {
    method = java.util.Objects.requireNonNull(value, "method");
    return this;
  }

  /**
   * Barnes-Hut's accuracy theta: a cell counts as one point when its diagonal is below theta times
   * its distance; 0 is exact (and slow), 0.5 usual, larger coarser and faster.
   */
  public Tsne theta(double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("theta is a finite number >= 0, not " + value);
    }
    theta = value;
    return this;
  }

  /** Threads of the Barnes-Hut method (the embedding does not depend on them). */
  public Tsne threads(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("t-SNE runs on at least 1 thread, not " + value);
    }
    threads = value;
    return this;
  }

  /** The method a fit of n points uses: {@link Method#AUTO} resolved. */
  public Method methodFor(long n) {
    if (method != Method.AUTO) {
      return method;
    }
    return n < AUTO_EXACT_BELOW || dimensions > BARNES_HUT_MAX_DIMENSIONS ? Method.EXACT
        : Method.BARNES_HUT;
  }

  public Tsne dimensions(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("t-SNE embeds in at least 1 dimension, not " + value);
    }
    dimensions = value;
    return this;
  }

  public Tsne perplexity(double value) {
    if (!(value >= 1) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("the perplexity is a finite number >= 1, not " + value);
    }
    perplexity = value;
    return this;
  }

  public Tsne learningRate(double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("the learning rate is a finite number > 0, not " + value);
    }
    learningRate = value;
    return this;
  }

  public Tsne iterations(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("t-SNE needs at least 1 iteration, not " + value);
    }
    iterations = value;
    return this;
  }

  /** Principal components to reduce to before t-SNE; 0 (or at least the columns) for none. */
  public Tsne pcaComponents(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("the PCA pre-reduction keeps >= 0 components, not "
          + value);
    }
    pcaComponents = value;
    return this;
  }

  public Tsne seed(long value) {
    seed = value;
    return this;
  }

  /** The perplexity used for n points: at most (n - 1) / 3, at least 1. */
  public static double perplexityFor(double perplexity, int n) {
    return Math.max(1, Math.min(perplexity, (n - 1) / 3.0));
  }

  /** Iterations per call of Smile's update for n points: 2e8 / n^2, between 1 and 50. */
  static int chunk(int n) {
    return (int) Math.max(1, Math.min(MAX_CHUNK, CHUNK_WORK / ((double) n * n)));
  }

  private boolean reduces(long d) {
    return pcaComponents > 0 && pcaComponents < d;
  }

  /**
   * What a fit of n rows of d columns allocates, before it does. Exact: the squared distances,
   * Smile's P and Q (three n x n double matrices, all alive while Smile's constructor runs), the
   * input rows (after PCA: n x min(d, components)) and Smile's coordinates, gains and two gradient
   * arrays (n x c each). Barnes-Hut: the rows twice (scaled, and in single precision for the
   * neighbour search), the u = 3 perplexity + 1 neighbours of each row (an index and a distance),
   * their conditional affinities, the symmetric P (at most 2un entries), the tree (at most 4n
   * nodes of 3 ints and 3c + 1 doubles) and five n x c arrays. Plus the PCA's own estimate when it
   * reduces.
   */
  public MemoryEstimate memory(long n, long d) {
    long columns = reduces(d) ? pcaComponents : d;
    long heap;
    if (methodFor(n) == Method.EXACT) {
      heap = MemoryBudget.plus(MemoryBudget.times(3, n, n, Double.BYTES),
          MemoryBudget.times(n, columns, Double.BYTES),
          MemoryBudget.times(4, n, dimensions, Double.BYTES));
    } else {
      long u = SparseAffinities.neighbours(perplexityFor(perplexity, (int) Math.min(n,
          Integer.MAX_VALUE)), (int) Math.min(n, Integer.MAX_VALUE)) + 1;
      heap = MemoryBudget.plus(MemoryBudget.times(2, n, columns, Double.BYTES),
          MemoryBudget.times(n, columns, Float.BYTES),
          MemoryBudget.times(n, u, Integer.BYTES + 2 * Double.BYTES),
          SparseAffinities.bytes(n, u),
          MemoryBudget.times(4, n, 3 * Integer.BYTES + (3 * dimensions + 1) * Double.BYTES),
          MemoryBudget.times(5, n, dimensions, Double.BYTES));
    }
    MemoryEstimate own = new MemoryEstimate(heap, 0);
    return reduces(d) ? own.plus(principalComponents().memory(n, d)) : own;
  }

  private PrincipalComponentAnalysis principalComponents() {
    return new PrincipalComponentAnalysis().standardise(false).varianceCovered(1)
        .maxComponents(pcaComponents).seed(seed);
  }

  /**
   * Embeds the rows.
   *
   * @param rows the points (numeric, finite), at least one row
   * @param weights instance weights for the PCA pre-reduction, or null (t-SNE itself has none)
   */
  public TsneEmbedding fit(RowSource rows, double[] weights) {
    int n = rows.rows();
    int d = rows.columns();
    if (n == 0 || d == 0) {
      throw new IllegalArgumentException("t-SNE needs at least one row and one column, not " + n
          + " x " + d);
    }
    double[][] x;
    double kept = 1;
    if (reduces(d) && n > 1) {
      PcaModel pca = principalComponents().fit(rows, weights);
      x = pca.transform(rows, PcaModel.Output.SCORES, false, 0);
      kept = pca.totalVariance() > 0 ? 1 - pca.discardedVariance() / pca.totalVariance() : 1;
    } else {
      x = copy(rows);
    }
    Cancellation.check();
    double used = perplexityFor(perplexity, n);
    int columns = x[0].length;
    double[][] coordinates;
    double kl;
    if (methodFor(n) == Method.BARNES_HUT) {
      if (dimensions > BARNES_HUT_MAX_DIMENSIONS) {
        throw new IllegalArgumentException("Barnes-Hut t-SNE embeds in at most "
            + BARNES_HUT_MAX_DIMENSIONS + " dimensions, not " + dimensions + ": choose the exact "
            + "method or fewer dimensions");
      }
      double[][] scaled = scaled(x);
      x = null;
      if (scaled == null || allEqual(scaled)) {
        return new TsneEmbedding(new double[n][dimensions], 0, used, columns, kept);
      }
      SparseAffinities p = SparseAffinities.of(scaled, used, seed, threads);
      scaled = null;
      BarnesHutOptimizer optimizer = new BarnesHutOptimizer(p, dimensions, theta, threads);
      double[] y = BarnesHutOptimizer.start(n, dimensions, seed);
      kl = optimizer.optimise(y, iterations, learningRate);
      coordinates = new double[n][];
      for (int i = 0; i < n; i++) {
        coordinates[i] = java.util.Arrays.copyOfRange(y, i * dimensions, (i + 1) * dimensions);
      }
    } else {
      double[][] distances = squaredDistances(x);
      x = null; // no longer needed: let it go before Smile allocates P and Q
      if (distances == null) {
        return new TsneEmbedding(new double[n][dimensions], 0, used, columns, kept);
      }
      TSNE tsne;
      // Smile's start comes from the calling thread's own generator (see the class comment)
      MathEx.setSeed(seed);
      tsne = new TSNE(distances, dimensions, used, learningRate, 0);
      distances = null;
      int step = chunk(n);
      for (int done = 0; done < iterations; done += step) {
        Cancellation.check();
        tsne.update(Math.min(step, iterations - done));
      }
      coordinates = tsne.coordinates;
      kl = tsne.cost();
    }
    for (double[] point : coordinates) {
      for (double v : point) {
        if (!Double.isFinite(v)) {
          throw new ArithmeticException("t-SNE diverged (a coordinate became " + v + ") at "
              + "learning rate " + learningRate + ": lower it");
        }
      }
    }
    return new TsneEmbedding(coordinates, kl, used, columns, kept);
  }

  private static double[][] copy(RowSource rows) {
    int n = rows.rows();
    int d = rows.columns();
    double[] flat = new double[d];
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      rows.copyRows(i, i + 1, flat);
      x[i] = flat.clone();
    }
    return x;
  }

  /**
   * The rows divided by their largest magnitude (so that no square overflows and floats hold
   * them), or null when every value is 0. The calibrated affinities do not depend on the scale.
   */
  static double[][] scaled(double[][] x) {
    double largest = 0;
    for (double[] row : x) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("t-SNE needs finite values, not " + v);
        }
        largest = Math.max(largest, Math.abs(v));
      }
    }
    if (largest == 0) {
      return null;
    }
    double scale = 1 / largest;
    double[][] s = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      s[i] = new double[x[i].length];
      for (int c = 0; c < x[i].length; c++) {
        s[i][c] = x[i][c] * scale;
      }
    }
    return s;
  }

  private static boolean allEqual(double[][] x) {
    for (double[] row : x) {
      if (!java.util.Arrays.equals(row, x[0])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Squared Euclidean distances of the rows scaled by their largest magnitude ({@link #scaled}),
   * or null when every distance is 0 (one point, or all points equal).
   */
  static double[][] squaredDistances(double[][] x) {
    double[][] s = scaled(x);
    if (s == null) {
      return null;
    }
    int n = s.length;
    double[][] d = new double[n][n];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      Cancellation.check();
      double[] a = s[i];
      for (int j = 0; j < i; j++) {
        double[] b = s[j];
        double sum = 0;
        for (int c = 0; c < a.length; c++) {
          double diff = a[c] - b[c];
          sum += diff * diff;
        }
        d[i][j] = sum;
        d[j][i] = sum;
        any |= sum > 0;
      }
    }
    return any ? d : null;
  }
}
