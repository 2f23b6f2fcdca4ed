package weka.classifiers.functions.optimizers;

import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;

/**
 * The optimizers that divide each step by a running measure of the gradient's size (AdaGrad,
 * RMSProp, Adam) and so share a small constant epsilon that keeps the denominator from being zero,
 * and where it goes: sqrt(s) + epsilon by default (PyTorch's form, so that results match PyTorch
 * and the package's earlier results stay the same), or sqrt(s + epsilon), the course's Eqs. 3.59
 * and 3.62, with {@code -epsilon-inside-root}.
 */
public abstract class AdaptiveOptimizer extends StepRuleOptimizer {

  private static final long serialVersionUID = 1L;

  private double m_Epsilon = 1e-8;
  private boolean m_EpsilonInsideRoot;

  protected AdaptiveOptimizer(double defaultLearningRate) {
    super(defaultLearningRate);
  }

  @OptionMetadata(displayName = "epsilon",
      description = "The small constant added to the denominator so that it is never zero; a finite number > 0.",
      commandLineParamName = "epsilon", commandLineParamSynopsis = "-epsilon <double>", displayOrder = 9)
  public double getEpsilon() {
    return m_Epsilon;
  }

  public void setEpsilon(double epsilon) {
    m_Epsilon = OptionChecks.above(getClass().getSimpleName(), "epsilon", epsilon, 0, Double.MAX_VALUE);
  }

  @OptionMetadata(displayName = "epsilonInsideRoot",
      description = "Divide by sqrt(s + epsilon), the course's form, instead of sqrt(s) + epsilon. "
          + "Off by default (PyTorch's form); on: the course's Eqs. 3.59 and 3.62.",
      commandLineParamName = "epsilon-inside-root", commandLineParamSynopsis = "-epsilon-inside-root",
      commandLineParamIsFlag = true, displayOrder = 10)
  public boolean getEpsilonInsideRoot() {
    return m_EpsilonInsideRoot;
  }

  public void setEpsilonInsideRoot(boolean epsilonInsideRoot) {
    m_EpsilonInsideRoot = epsilonInsideRoot;
  }

  /** Checks epsilon; a subclass with decay rates checks them after it. */
  @Override
  protected void checkOwnSettings() {
    require(m_Epsilon > 0, getClass().getSimpleName() + ": epsilon must be positive, not " + m_Epsilon);
  }

  /** Checks that a decay rate lies in [0, 1). */
  protected void checkDecay(String name, double value) {
    require(value >= 0 && value < 1,
        getClass().getSimpleName() + ": " + name + " must lie in [0, 1), not " + value);
  }
}
