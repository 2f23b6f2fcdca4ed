package weka.classifiers.functions.optimizers;

import fundamentos.optim.Lbfgs;
import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;

/**
 * Full-batch L-BFGS (Nocedal 1980; Liu and Nocedal 1989) for the convex models (SoftmaxRegression):
 * the limited-memory quasi-Newton method on Smile's {@code BFGS.minimize}. It has no learning rate:
 * its backtracking line search sets every step. The defaults are SoftmaxRegression's L-BFGS solver's
 * before this object existed (gradient tolerance 1e-4, at most 1000 iterations, 5 corrections), so a
 * default model is the same model.
 */
public class LBFGS extends Optimizer {

  private static final long serialVersionUID = 1L;

  /** SoftmaxRegression's former -gradient-tolerance default. */
  public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-4;

  /** SoftmaxRegression's -epochs default, which capped its L-BFGS iterations. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  /** Nocedal's advice is 3 to 7 correction pairs; 5 is the common choice. */
  public static final int DEFAULT_CORRECTIONS = 5;

  private double m_GradientTolerance = DEFAULT_GRADIENT_TOLERANCE;
  private int m_MaxIterations = DEFAULT_MAX_ITERATIONS;
  private int m_Corrections = DEFAULT_CORRECTIONS;

  @Override
  public String globalInfo() {
    return "Full-batch L-BFGS for convex models: quasi-Newton steps whose length a line search sets "
        + "(no learning rate). "
        + "Nocedal's limited-memory BFGS (Liu and Nocedal 1989) on Smile's BFGS.minimize; not offered "
        + "for the networks, which train on mini-batches.";
  }

  // the relative gradient is Smile's test: max_j |g_j| max(|theta_j|, 1) / max(L, 1)
  @OptionMetadata(displayName = "gradientTolerance",
      description = "Stop once the relative gradient falls below this; a finite number > 0.",
      commandLineParamName = "gradient-tolerance",
      commandLineParamSynopsis = "-gradient-tolerance <double>", displayOrder = 0)
  public double getGradientTolerance() {
    return m_GradientTolerance;
  }

  public void setGradientTolerance(double tolerance) {
    m_GradientTolerance = OptionChecks.above(getClass().getSimpleName(), "gradient-tolerance", tolerance, 0,
        Double.MAX_VALUE);
  }

  @OptionMetadata(displayName = "maxIterations",
      description = "The most L-BFGS iterations (each one or a few passes over the data); at least 1.",
      commandLineParamName = "max-iterations", commandLineParamSynopsis = "-max-iterations <int>",
      displayOrder = 1)
  public int getMaxIterations() {
    return m_MaxIterations;
  }

  public void setMaxIterations(int maxIterations) {
    m_MaxIterations = OptionChecks.atLeast(getClass().getSimpleName(), "max-iterations", maxIterations, 1);
  }

  @OptionMetadata(displayName = "corrections",
      description = "The correction pairs m kept for the inverse Hessian (3 to 7 advised); at least 1.",
      commandLineParamName = "corrections", commandLineParamSynopsis = "-corrections <int>",
      displayOrder = 2)
  public int getCorrections() {
    return m_Corrections;
  }

  public void setCorrections(int corrections) {
    m_Corrections = OptionChecks.atLeast(getClass().getSimpleName(), "corrections", corrections, 1);
  }

  /**
   * The engine's settings.
   *
   * @throws IllegalArgumentException naming the setting, when one is out of its range
   */
  public Lbfgs.Settings settings() {
    return new Lbfgs.Settings(m_GradientTolerance, m_MaxIterations, m_Corrections);
  }
}
