package fundamentos.optim;

import fundamentos.progress.Cancellation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;
import smile.math.BFGS;
import smile.math.DifferentiableMultivariateFunction;

/**
 * Full-batch minimisation of a smooth objective by L-BFGS (Smile's {@code BFGS.minimize}: Nocedal's
 * limited-memory update with a backtracking line search; Nocedal and Wright 2006, Algorithm 7.5),
 * whatever the objective is: the softmax loss of {@code fundamentos.linear.SoftmaxLbfgs} today, any
 * other convex model's loss later. The line search sets every step, so there is no learning rate.
 *
 * <p>What it adds to Smile's call: one pass over the data per point (Smile asks for the loss at a
 * point and then for its gradient at the same point, so the last point's gradient is kept), a
 * {@link Cancellation#check()} before every pass (the iteration loop is Smile's, so a pass is where a
 * stop can land), and the record of the run: the loss curve, iterations, passes, converged flag.
 */
public final class Lbfgs {

  /** A differentiable objective: the loss at a point and its gradient, in one pass. */
  @FunctionalInterface
  public interface Objective {

    /**
     * @param point the parameters (not to be changed)
     * @param gradient filled with the gradient at the point
     * @return the loss at the point
     */
    double evaluate(double[] point, double[] gradient);
  }

  /**
   * The settings of one run.
   *
   * @param gradientTolerance Smile's relative gradient test: stop once
   *     max_j |g_j| max(|theta_j|, 1) / max(L, 1) is below it
   * @param maxIterations the iteration cap
   * @param corrections the correction pairs kept (Smile's "m"; 3 to 7 is Nocedal's advice)
   * @param lossTolerance also stop once the loss has failed to fall below its best value minus this
   *     for {@value #ITERATIONS_WITHOUT_PROGRESS} iterations in a row, the mini-batch solvers' test
   *     (TrainingLoop) per iteration; 0 turns it off
   */
  public record Settings(double gradientTolerance, int maxIterations, int corrections,
      double lossTolerance) {

    /** Settings without the loss test. */
    public Settings(double gradientTolerance, int maxIterations, int corrections) {
      this(gradientTolerance, maxIterations, corrections, 0);
    }

    /** These settings with the loss test at {@code tolerance} (0: off). */
    public Settings withLossTolerance(double tolerance) {
      return new Settings(gradientTolerance, maxIterations, corrections, tolerance);
    }

    public Settings {
      if (!(gradientTolerance > 0) || Double.isInfinite(gradientTolerance)) {
        throw new IllegalArgumentException("L-BFGS: the gradient tolerance must be a finite number > 0, not "
            + gradientTolerance);
      }
      if (maxIterations < 1) {
        throw new IllegalArgumentException("L-BFGS: the iteration limit must be at least 1, not " + maxIterations);
      }
      if (corrections < 1) {
        throw new IllegalArgumentException("L-BFGS: the number of corrections must be at least 1, not "
            + corrections);
      }
      if (!(lossTolerance >= 0) || Double.isInfinite(lossTolerance)) {
        throw new IllegalArgumentException("L-BFGS: the loss tolerance must be a finite number >= 0, not "
            + lossTolerance);
      }
    }
  }

  /**
   * What a run ended with.
   *
   * @param point the best point Smile found
   * @param iterations L-BFGS iterations run
   * @param evaluations passes over the data (loss and gradient evaluations)
   * @param loss the loss at the point
   * @param gradientNorm the Euclidean norm of the gradient at the point
   * @param converged whether it stopped on Smile's gradient (or step) test or on the loss test, not
   *     on the iteration cap
   * @param lossCurve the loss at the start and after each iteration
   * @param validationCurve with early stopping, the validation loss at the start and after each
   *     iteration; empty without
   * @param bestIteration with early stopping, the iteration (0: the start) whose point is returned,
   *     the one of the lowest validation loss; without, {@code iterations}
   */
  public record Result(double[] point, int iterations, int evaluations, double loss, double gradientNorm,
      boolean converged, List<Double> lossCurve, List<Double> validationCurve, int bestIteration) {
  }

  /**
   * Early stopping: a loss measured on held-out data at every iterate, and the iterations in a row
   * without a lower one after which the run stops. The run then returns the iterate of the lowest
   * held-out loss.
   *
   * @param loss the held-out loss at a point
   * @param patience iterations without a lower held-out loss before stopping, at least 1
   */
  public record EarlyStopping(ToDoubleFunction<double[]> loss, int patience) {

    public EarlyStopping {
      if (loss == null || patience < 1) {
        throw new IllegalArgumentException("L-BFGS early stopping needs a held-out loss and a patience of at "
            + "least 1, not " + patience);
      }
    }
  }

  /** Iterations in a row without a loss improvement of at least the loss tolerance before stopping. */
  public static final int ITERATIONS_WITHOUT_PROGRESS = 5;

  private Lbfgs() {
  }

  /**
   * Minimises the objective from the start point (left unchanged).
   */
  public static Result minimize(Objective objective, double[] start, Settings settings) {
    return minimize(objective, start, settings, null);
  }

  /**
   * Minimises the objective from the start point (left unchanged), with early stopping when
   * {@code early} is not null: the run also stops once {@code early.patience()} iterations in a row
   * have not lowered the held-out loss below its lowest value so far, and returns the iterate of the
   * lowest held-out loss (the start counts as iteration 0).
   */
  public static Result minimize(Objective objective, double[] start, Settings settings,
      EarlyStopping early) {
    Recorder recorder = new Recorder(objective, settings.lossTolerance(), early);
    double[] point = start.clone();
    boolean stalled = false;
    try {
      BFGS.minimize(recorder, settings.corrections(), point, settings.gradientTolerance(),
          settings.maxIterations());
    } catch (Stalled stop) {
      // the iterate Smile had just accepted: its loss and gradient are the cached ones
      point = recorder.accepted;
      stalled = true;
    }
    // Smile's loop evaluates once at the start and once after each iteration's line search
    int iterations = recorder.gradientCalls - 1;
    int best = iterations;
    if (early != null && recorder.bestPoint != null) {
      point = recorder.bestPoint;
      best = recorder.bestIteration;
    }
    // Smile leaves the best point in place; its loss and gradient are the cached last evaluation or
    // one more pass
    double[] gradient = new double[point.length];
    recorder.recording = false;
    double loss = recorder.g(point, gradient);
    double norm = 0;
    for (double g : gradient) {
      norm += g * g;
    }
    return new Result(point, iterations, recorder.passes, loss, Math.sqrt(norm),
        stalled || iterations < settings.maxIterations(), Collections.unmodifiableList(recorder.curve),
        Collections.unmodifiableList(recorder.validationCurve), best);
  }

  /** Thrown out of Smile's loop when the loss test or early stopping stops the run. */
  private static final class Stalled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stalled() {
      super(null, null, false, false);
    }
  }

  /** Smile's view of the objective: one pass per new point, the passes and the loss curve counted. */
  private static final class Recorder implements DifferentiableMultivariateFunction {

    private static final long serialVersionUID = 1L;

    private final transient Objective objective;
    private double[] cachedPoint;
    private double[] cachedGradient;
    private double cachedLoss;
    int passes;
    int gradientCalls;
    /** Smile asks for the gradient once at the start and once per iteration: the loss curve. */
    final List<Double> curve = new ArrayList<>();
    boolean recording = true;
    private final double lossTolerance;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int withoutProgress;
    /** The point of the last gradient call, the iterate Smile accepted (kept with the loss test). */
    double[] accepted;
    private final transient EarlyStopping early;
    /** The held-out loss at the start and at each iterate, with early stopping. */
    final List<Double> validationCurve = new ArrayList<>();
    private double bestValidation = Double.POSITIVE_INFINITY;
    /** The iterate of the lowest held-out loss and its iteration (0: the start). */
    double[] bestPoint;
    int bestIteration;

    Recorder(Objective objective, double lossTolerance, EarlyStopping early) {
      this.objective = objective;
      this.lossTolerance = lossTolerance;
      this.early = early;
    }

    @Override
    public double f(double[] point) {
      evaluate(point);
      return cachedLoss;
    }

    @Override
    public double g(double[] point, double[] gradient) {
      gradientCalls++;
      evaluate(point);
      System.arraycopy(cachedGradient, 0, gradient, 0, gradient.length);
      if (recording) {
        curve.add(cachedLoss);
        boolean stop = false;
        if (lossTolerance > 0) {
          accepted = cachedPoint.clone();
          withoutProgress = cachedLoss > bestLoss - lossTolerance ? withoutProgress + 1 : 0;
          bestLoss = Math.min(bestLoss, cachedLoss);
          stop = withoutProgress >= ITERATIONS_WITHOUT_PROGRESS;
        }
        if (early != null) {
          double held = early.loss().applyAsDouble(cachedPoint);
          validationCurve.add(held);
          int iteration = curve.size() - 1;
          if (held < bestValidation) {
            bestValidation = held;
            bestPoint = cachedPoint.clone();
            bestIteration = iteration;
          }
          stop |= iteration - bestIteration >= early.patience();
        }
        if (stop) {
          accepted = cachedPoint.clone();
          throw new Stalled();
        }
      }
      return cachedLoss;
    }

    private void evaluate(double[] point) {
      if (cachedPoint != null && Arrays.equals(cachedPoint, point)) {
        return;
      }
      Cancellation.check();
      passes++;
      double[] gradient = new double[point.length];
      cachedLoss = objective.evaluate(point, gradient);
      cachedGradient = gradient;
      cachedPoint = point.clone();
    }
  }
}
