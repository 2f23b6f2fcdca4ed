package weka.classifiers.functions.optimizers;

import fundamentos.optim.RmsPropRule;
import fundamentos.optim.UpdateRule;
import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;

/**
 * RMSProp (Tieleman and Hinton 2012): E <- rho E + (1 - rho) g^2; theta <- theta - eta g /
 * (sqrt(E) + eps), or eta g / sqrt(E + eps) (the course's Eq. 3.62) with {@code -epsilon-inside-root}.
 */
public class RMSProp extends AdaptiveOptimizer {

  private static final long serialVersionUID = 1L;

  private double m_Decay = 0.9;

  public RMSProp() {
    super(0.001);
  }

  @Override
  public String globalInfo() {
    return "RMSProp: gradient steps scaled down by a moving average of each weight's squared "
        + "gradients. "
        + "RMSProp (Tieleman and Hinton 2012): E <- rho E + (1 - rho) g^2;"
        + " theta <- theta - eta g / (sqrt(E) + epsilon), PyTorch's form; with epsilonInsideRoot"
        + " theta <- theta - eta g / sqrt(E + epsilon), the course's Eq. 3.62.";
  }

  @OptionMetadata(displayName = "decay",
      description = "The decay rate rho in [0, 1) of the moving average of squared gradients.",
      commandLineParamName = "rho", commandLineParamSynopsis = "-rho <double>", displayOrder = 1)
  public double getDecay() {
    return m_Decay;
  }

  public void setDecay(double decay) {
    m_Decay = OptionChecks.belowOpen(getClass().getSimpleName(), "rho", decay, 0, 1);
  }

  @Override
  protected void checkOwnSettings() {
    super.checkOwnSettings();
    checkDecay("rho", m_Decay);
  }

  @Override
  protected UpdateRule newUpdateRule(double learningRate) {
    return new RmsPropRule(learningRate, m_Decay, getEpsilon(), getEpsilonInsideRoot());
  }
}
