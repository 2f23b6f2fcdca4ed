package fundamentos.linear;

import fundamentos.linalg.NativeBlas;
import fundamentos.linalg.NativeMatrix;
import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryEstimate;
import fundamentos.optim.Lbfgs;
import fundamentos.training.ValidationSplit;
import java.util.Arrays;
import java.util.List;

/**
 * Full-batch training of a {@link SoftmaxModel} by L-BFGS ({@link Lbfgs}, on Smile's
 * {@code BFGS.minimize}), on plain Java arrays: this class is the softmax objective, Lbfgs the loop.
 *
 * <p>It minimises the same loss as {@link SoftmaxTrainer}, exactly rather than in estimates:
 * L(theta) = -(1 / W) sum_i c_i log p(y_i | x_i) + (lambda / 2) ||W||^2 with W = sum_i c_i, the
 * bias row unpenalised, and gradient [X 1]^T C (P - Y) / W + lambda [W; 0] (the course's Eqs. 2.81
 * and 2.83). Instance weights are copies exactly as there: a row of weight c counts as c rows of
 * weight 1, and a row of weight 0 as no row (it is skipped).
 *
 * <p>Why a second solver: on a few hundred rows the mini-batch path spends its time in thousands of
 * small ND4J calls (each costs microseconds of overhead whatever its size) and in epochs the
 * convergence test needs on nearly separable data; one L-BFGS iteration is two passes over the data
 * in plain Java (about 2 n (d + 1) k multiply-adds), and the loss is convex and smooth, so a
 * quasi-Newton method reaches the optimum in tens to hundreds of iterations. On large data (above
 * {@link #SMALL}) a pass in Java loops would cost about a second at 60,000 x 784 x 10, so there the
 * two products of a pass run in native BLAS ({@link NativeObjective}); a pass then costs about as
 * much as reading the rows from memory, and L-BFGS's iterates, free of the mini-batch steps' noise,
 * classify better than constant-step SGD at the same loss.
 */
public final class SoftmaxLbfgs {

  /**
   * The largest n (d + 1) k that {@link #isSmall} accepts: 2^22, about 4.2 million multiply-adds per
   * pass over the data, a few milliseconds in Java, so even 1000 iterations stay within seconds.
   * Every example data set of Weka is below it (soybean, the largest product among them, is about
   * 1.3 million: 683 rows, 19 classes); 10,000 Fashion-MNIST images (10,000 x 785 x 10 = 78.5
   * million) are far above, where the passes run in native BLAS instead ({@link NativeObjective}).
   */
  public static final long SMALL = 1L << 22;

  /**
   * Iterations without a lower held-out loss before early stopping ends a fit ({@link HeldOut}) when
   * the caller has no patience of its own. On Fashion-MNIST the held-out loss reaches its lowest
   * value after 20 to 50 iterations and climbs from there (doc/SoftmaxRegression.md), with single
   * iterations up or down on the way (a line search's short step): 10 rides over those at the cost
   * of 10 passes.
   */
  public static final int PATIENCE = 10;

  /** L-BFGS corrections kept (Smile's "m"; 3 to 7 is Nocedal's advice, 5 the common choice). */
  public static final int CORRECTIONS = 5;

  private SoftmaxLbfgs() {
  }

  /** Whether data of n rows, d encoded columns and k classes is small enough for full-batch L-BFGS. */
  public static boolean isSmall(long n, long d, long k) {
    long work = MemoryBudget.times(n, MemoryBudget.plus(d, 1), k);
    return work <= SMALL;
  }

  /**
   * What training allocates on the heap besides the encoded rows the caller already holds: the
   * parameters, gradient, cached point and gradient and the line search's point (5 vectors of p =
   * (d + 1) k doubles), Smile's L-BFGS state (2 m + 3 vectors of p) and one row's logits; nothing
   * off the heap. The rows themselves (n d doubles) are counted too, since the caller encodes them
   * for this.
   */
  public static MemoryEstimate memory(long n, long d, long k) {
    return memory(n, d, k, CORRECTIONS);
  }

  /** {@link #memory(long, long, long)} with m correction pairs kept. */
  public static MemoryEstimate memory(long n, long d, long k, int corrections) {
    long p = MemoryBudget.times(MemoryBudget.plus(d, 1), k);
    long heap = MemoryBudget.plus(
        MemoryBudget.times(n, d, Double.BYTES),
        MemoryBudget.times(5 + 2L * corrections + 3, p, Double.BYTES),
        MemoryBudget.times(k, Double.BYTES));
    if (isSmall(n, d, k)) {
      return new MemoryEstimate(heap, 0);
    }
    // the native objective: the rows with a bias column, the logits (and residuals) on both sides,
    // the parameters and the gradient
    long offHeap = MemoryBudget.plus(MemoryBudget.times(n, MemoryBudget.plus(d, 1), Double.BYTES),
        MemoryBudget.times(n, k, Double.BYTES), MemoryBudget.times(2, p, Double.BYTES));
    return new MemoryEstimate(MemoryBudget.plus(heap, MemoryBudget.times(n, k, Double.BYTES)),
        offHeap);
  }

  /**
   * What a fit ended with.
   *
   * @param parameters the (d + 1) x k parameters, row-major, weights' rows first and the bias row last
   * @param iterations L-BFGS iterations run
   * @param evaluations passes over the data (loss and gradient evaluations)
   * @param loss the final loss L
   * @param gradientNorm the Euclidean norm of the final gradient
   * @param converged whether it stopped on Smile's gradient (or step) test, not on the iteration cap
   * @param lossCurve the loss at the start and after each iteration
   * @param validationCurve with held-out rows, their loss (mean cross-entropy, no penalty) at the
   *     start and after each iteration; empty without
   * @param bestIteration the iteration whose parameters these are: with held-out rows the one of
   *     their lowest loss, else the last
   * @param heldOut the rows held out for early stopping (0: none, all rows trained)
   */
  public record Result(double[] parameters, int iterations, int evaluations, double loss,
      double gradientNorm, boolean converged, List<Double> lossCurve, List<Double> validationCurve,
      int bestIteration, int heldOut) {

    /** The fitted model (plain Java: building it starts no ND4J). */
    public SoftmaxModel model(int numFeatures, int numClasses) {
      return SoftmaxModel.ofParameters(numFeatures, numClasses, parameters);
    }
  }

  /** {@link #fit(double[][], int, int[], double[], int, double, Lbfgs.Settings)} with {@link #CORRECTIONS}. */
  public static Result fit(double[][] rows, int numFeatures, int[] labels, double[] weights, int numClasses,
      double l2, double gradientTolerance, int maxIterations) {
    if (!(gradientTolerance > 0) || maxIterations < 1) {
      throw new IllegalArgumentException("need a positive gradient tolerance and at least one iteration");
    }
    return fit(rows, numFeatures, labels, weights, numClasses, l2,
        new Lbfgs.Settings(gradientTolerance, maxIterations, CORRECTIONS));
  }

  /**
   * Fits the parameters from zero (the loss is convex, so the start does not change the optimum).
   *
   * @param rows n rows of d encoded values each (standardised by the caller, without the bias)
   * @param numFeatures d
   * @param labels the class index of each row
   * @param weights the instance weight of each row (finite, not negative, not all zero)
   * @param numClasses k
   * @param l2 the penalty lambda on the weights
   * @param settings L-BFGS's gradient tolerance, iteration cap and corrections
   */
  public static Result fit(double[][] rows, int numFeatures, int[] labels, double[] weights, int numClasses,
      double l2, Lbfgs.Settings settings) {
    return fit(rows, numFeatures, labels, weights, numClasses, l2, settings, -1);
  }

  /**
   * {@link #fit(double[][], int, int[], double[], int, double, Lbfgs.Settings)}, with the products
   * of data too large for the Java loops ({@link #isSmall} false) on this many OpenBLAS threads (0:
   * one per core; negative: OpenBLAS's current setting).
   */
  public static Result fit(double[][] rows, int numFeatures, int[] labels, double[] weights, int numClasses,
      double l2, Lbfgs.Settings settings, int threads) {
    return fit(rows, numFeatures, labels, weights, numClasses, l2, settings, threads, null);
  }

  /**
   * Early stopping on held-out rows: a stratified share of the rows, drawn with the seed
   * ({@link ValidationSplit}), does not train; its loss (the weighted mean cross-entropy, without
   * the penalty) is measured at every iterate, the fit stops once {@code patience} iterations in a
   * row have not lowered it, and it returns the parameters of its lowest value.
   *
   * @param fraction the share of the rows held out, in (0, 1)
   * @param seed the seed of the draw
   * @param patience iterations without a lower held-out loss before stopping, at least 1
   */
  public record HeldOut(double fraction, long seed, int patience) {

    public HeldOut {
      if (!(fraction > 0 && fraction < 1) || patience < 1) {
        throw new IllegalArgumentException("held-out rows need a fraction in (0, 1) and a patience of at "
            + "least 1, not " + fraction + " and " + patience);
      }
    }
  }

  /**
   * {@link #fit(double[][], int, int[], double[], int, double, Lbfgs.Settings, int)} with early
   * stopping on held-out rows ({@code heldOut} null: none; none either when the split would leave
   * either part empty, as {@link ValidationSplit} says).
   */
  public static Result fit(double[][] rows, int numFeatures, int[] labels, double[] weights, int numClasses,
      double l2, Lbfgs.Settings settings, int threads, HeldOut heldOut) {
    if (rows.length != labels.length || rows.length != weights.length) {
      throw new IllegalArgumentException("one label and one weight per row needed");
    }
    ValidationSplit split = heldOut == null ? null : ValidationSplit.of(labels, weights, numClasses,
        heldOut.patience(), heldOut.fraction(), heldOut.seed());
    boolean early = split != null && split.hasValidation();
    int[] training = early ? split.training() : null;
    double[][] trainRows = early ? pick(rows, training) : rows;
    int[] trainLabels = early ? pick(labels, training) : labels;
    double[] trainWeights = early ? pick(weights, training) : weights;
    double[] start = new double[(numFeatures + 1) * numClasses];
    boolean small = isSmall(trainRows.length, numFeatures, numClasses);
    java.util.function.Supplier<Lbfgs.Result> minimize = () -> {
      List<NativeObjective> natives = new java.util.ArrayList<>();
      try {
        Lbfgs.Objective objective = objective(trainRows, numFeatures, trainLabels, trainWeights,
            numClasses, l2, small, natives);
        Lbfgs.EarlyStopping stopping = null;
        if (early) {
          int[] v = split.validation();
          Lbfgs.Objective held = objective(pick(rows, v), numFeatures, pick(labels, v), pick(weights, v),
              numClasses, 0, small, natives);
          double[] unused = new double[start.length];
          stopping = new Lbfgs.EarlyStopping(point -> held.evaluate(point, unused), heldOut.patience());
        }
        return Lbfgs.minimize(objective, start, settings, stopping);
      } finally {
        natives.forEach(NativeObjective::close);
      }
    };
    Lbfgs.Result run = small || threads < 0 ? minimize.get() : NativeBlas.withThreads(threads, minimize);
    return new Result(run.point(), run.iterations(), run.evaluations(), run.loss(), run.gradientNorm(),
        run.converged(), run.lossCurve(), run.validationCurve(), run.bestIteration(),
        early ? split.validation().length : 0);
  }

  private static double[][] pick(double[][] rows, int[] indices) {
    double[][] picked = new double[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      picked[i] = rows[indices[i]];
    }
    return picked;
  }

  private static int[] pick(int[] values, int[] indices) {
    int[] picked = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      picked[i] = values[indices[i]];
    }
    return picked;
  }

  private static double[] pick(double[] values, int[] indices) {
    double[] picked = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      picked[i] = values[indices[i]];
    }
    return picked;
  }

  /**
   * The loss of these rows: in Java loops for small data, else with native products (whose memory
   * joins {@code natives}, to be closed by the caller).
   */
  private static Lbfgs.Objective objective(double[][] rows, int d, int[] labels, double[] weights,
      int k, double l2, boolean small, List<NativeObjective> natives) {
    if (small) {
      return new Objective(rows, d, labels, weights, k, l2);
    }
    NativeObjective objective = new NativeObjective(rows, d, labels, weights, k, l2);
    natives.add(objective);
    return objective;
  }

  /** W, the sum of the instance weights, once each is checked finite and not negative and W positive. */
  private static double checkedTotal(double[] weights) {
    double total = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("instance weights must be finite and not negative, not " + w);
      }
      total += w;
    }
    if (!(total > 0) || Double.isInfinite(total)) {
      throw new IllegalArgumentException("the instance weights sum to " + total
          + ": at least one row needs a positive, finite weight");
    }
    return total;
  }

  /** The penalised softmax loss and its gradient in one pass over the rows. */
  static final class Objective implements Lbfgs.Objective {

    private final double[][] rows;
    private final int d;
    private final int[] labels;
    private final double[] weights;
    private final int k;
    private final double l2;
    private final double totalWeight;
    private final double[] logits;

    Objective(double[][] rows, int d, int[] labels, double[] weights, int k, double l2) {
      this.rows = rows;
      this.d = d;
      this.labels = labels;
      this.weights = weights;
      this.k = k;
      this.l2 = l2;
      this.totalWeight = checkedTotal(weights);
      this.logits = new double[k];
    }

    @Override
    public double evaluate(double[] theta, double[] gradient) {
      // the gradient is summed into: start from zeros whatever array the caller hands
      Arrays.fill(gradient, 0);
      double sum = 0;
      int biasRow = d * k;
      for (int i = 0; i < rows.length; i++) {
        double c = weights[i];
        if (c == 0) {
          continue;
        }
        double[] x = rows[i];
        System.arraycopy(theta, biasRow, logits, 0, k);
        for (int j = 0; j < d; j++) {
          double v = x[j];
          if (v != 0) {
            int offset = j * k;
            for (int m = 0; m < k; m++) {
              logits[m] += v * theta[offset + m];
            }
          }
        }
        sum += residual(logits, 0, k, labels[i], c);
        // then the residual's outer product with [x 1]
        for (int j = 0; j < d; j++) {
          double v = x[j];
          if (v != 0) {
            int offset = j * k;
            for (int m = 0; m < k; m++) {
              gradient[offset + m] += v * logits[m];
            }
          }
        }
        for (int m = 0; m < k; m++) {
          gradient[biasRow + m] += logits[m];
        }
      }
      return penalised(sum, theta, gradient, biasRow, totalWeight, l2);
    }
  }

  /**
   * Turns the logits z of one row (k values from {@code offset}) into the residual c (p - onehot(y))
   * of its softmax p and returns c (-log p_y), computed as c (log sum_m exp(z_m - max) - (z_y -
   * max)): finite for any finite z (the sum is at least 1).
   */
  static double residual(double[] z, int offset, int k, int y, double c) {
    double max = z[offset];
    for (int m = 1; m < k; m++) {
      max = Math.max(max, z[offset + m]);
    }
    double shiftedTrue = z[offset + y] - max;
    double norm = 0;
    for (int m = 0; m < k; m++) {
      z[offset + m] = Math.exp(z[offset + m] - max);
      norm += z[offset + m];
    }
    double loss = c * (Math.log(norm) - shiftedTrue);
    for (int m = 0; m < k; m++) {
      z[offset + m] = c * (z[offset + m] / norm - (m == y ? 1 : 0));
    }
    return loss;
  }

  /**
   * The penalised mean: L = sum / W + (lambda / 2) ||W||^2 from the weighted sum of the rows'
   * losses, and the gradient summed over the rows (in {@code gradient}) divided by W, plus lambda W
   * on the weights' rows (the bias row, from {@code biasRow} on, is not penalised).
   */
  private static double penalised(double sum, double[] theta, double[] gradient, int biasRow,
      double totalWeight, double l2) {
    double loss = sum / totalWeight;
    double penalty = 0;
    for (int p = 0; p < biasRow; p++) {
      gradient[p] = gradient[p] / totalWeight + l2 * theta[p];
      penalty += theta[p] * theta[p];
    }
    for (int p = biasRow; p < theta.length; p++) {
      gradient[p] /= totalWeight;
    }
    return loss + 0.5 * l2 * penalty;
  }

  /**
   * The same loss and gradient as {@link Objective}, with its two products, the logits [X 1] Theta
   * and the gradient [X 1]^T R, done by native BLAS (multi-threaded, blocked for the cache) on a
   * copy of the rows in native memory, n (d + 1) doubles: for data too large for the Java loops
   * ({@link #isSmall} false), where one pass in Java costs about a second at 60,000 x 784 x 10.
   * Both products of a block of {@link #BLOCK_ROWS} rows run while the block is still in the cache,
   * so each pass reads the rows from memory once. The sums run in another order, so results agree
   * with {@link Objective}'s to rounding. Close it to free the native memory.
   */
  static final class NativeObjective implements Lbfgs.Objective, AutoCloseable {

    /** 512 rows of 785 doubles, about 3 MB: a block stays in the cache between its two products. */
    static final int BLOCK_ROWS = 512;

    private final int d;
    private final int k;
    private final int n;
    private final int[] labels;
    private final double[] weights;
    private final double l2;
    private final double totalWeight;
    private final NativeMatrix x;
    private final NativeMatrix theta;
    private final NativeMatrix residuals;
    private final NativeMatrix products;
    private final double[] z;

    NativeObjective(double[][] rows, int d, int[] labels, double[] weights, int k, double l2) {
      this.totalWeight = checkedTotal(weights);
      int kept = 0;
      for (double w : weights) {
        kept += w > 0 ? 1 : 0;
      }
      this.d = d;
      this.k = k;
      this.n = kept;
      this.l2 = l2;
      this.labels = new int[kept];
      this.weights = new double[kept];
      x = new NativeMatrix(kept, d + 1);
      theta = new NativeMatrix(d + 1, k);
      int block = Math.max(1, Math.min(kept, BLOCK_ROWS));
      residuals = new NativeMatrix(block, k);
      products = new NativeMatrix(d + 1, k);
      z = new double[block * k];
      double[] row = new double[d + 1];
      row[d] = 1;
      // rows of weight 0 count as no row, as in Objective
      for (int i = 0, r = 0; i < rows.length; i++) {
        if (weights[i] > 0) {
          System.arraycopy(rows[i], 0, row, 0, d);
          x.setRows(r, row, 1);
          this.labels[r] = labels[i];
          this.weights[r] = weights[i];
          r++;
        }
      }
    }

    @Override
    public double evaluate(double[] point, double[] gradient) {
      theta.setRows(0, point, d + 1);
      double sum = 0;
      for (int from = 0; from < n; from += BLOCK_ROWS) {
        int count = Math.min(BLOCK_ROWS, n - from);
        x.rowsTimesInto(from, count, theta, residuals);
        residuals.getRows(0, z, count);
        for (int i = 0; i < count; i++) {
          sum += residual(z, i * k, k, labels[from + i], weights[from + i]);
        }
        residuals.setRows(0, z, count);
        x.addRowsTransposeTimes(from, count, residuals, products, from == 0 ? 0.0 : 1.0);
      }
      products.getRows(0, gradient, d + 1);
      return penalised(sum, point, gradient, d * k, totalWeight, l2);
    }

    @Override
    public void close() {
      x.close();
      theta.close();
      residuals.close();
      products.close();
    }
  }
}
