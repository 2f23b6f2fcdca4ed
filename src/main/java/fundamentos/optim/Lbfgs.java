package fundamentos.optim;

import fundamentos.progress.Cancellation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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
   */
  public record Settings(double gradientTolerance, int maxIterations, int corrections) {

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
   * @param converged whether it stopped on Smile's gradient (or step) test, not on the iteration cap
   * @param lossCurve the loss at the start and after each iteration
   */
  public record Result(double[] point, int iterations, int evaluations, double loss, double gradientNorm,
      boolean converged, List<Double> lossCurve) {
  }

  private Lbfgs() {
  }

  /**
   * Minimises the objective from the start point (left unchanged).
   */
  public static Result minimize(Objective objective, double[] start, Settings settings) {
    Recorder recorder = new Recorder(objective);
    double[] point = start.clone();
    BFGS.minimize(recorder, settings.corrections(), point, settings.gradientTolerance(),
        settings.maxIterations());
    // Smile leaves the best point in place; its loss and gradient are the cached last evaluation or
    // one more pass
    double[] gradient = new double[point.length];
    recorder.recording = false;
    double loss = recorder.g(point, gradient);
    double norm = 0;
    for (double g : gradient) {
      norm += g * g;
    }
    // Smile's loop evaluates once at the start and once after each iteration's line search
    int iterations = recorder.gradientCalls - 2;
    return new Result(point, iterations, recorder.passes, loss, Math.sqrt(norm),
        iterations < settings.maxIterations(), Collections.unmodifiableList(recorder.curve));
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

    Recorder(Objective objective) {
      this.objective = objective;
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
