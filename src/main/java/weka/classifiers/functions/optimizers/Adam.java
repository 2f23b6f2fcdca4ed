package weka.classifiers.functions.optimizers;

import fundamentos.optim.AdamRule;
import fundamentos.optim.UpdateRule;
import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;

/**
 * Adam (Kingma and Ba 2015): bias-corrected moving averages of the gradient and of its square;
 * theta <- theta - eta m^ / (sqrt(v^) + eps), or eta m^ / sqrt(v^ + eps) (the course's form) with
 * {@code -epsilon-inside-root}. Defaults are the paper's.
 */
public class Adam extends AdaptiveOptimizer {

  private static final long serialVersionUID = 1L;

  private double m_Beta1 = 0.9;
  private double m_Beta2 = 0.999;

  public Adam() {
    super(0.001);
  }

  @Override
  public String globalInfo() {
    return "Adam: gradient steps from moving averages of the gradient and of its square. "
        + "Adam (Kingma and Ba 2015): bias-corrected moving averages of the gradient and of its square;"
        + " theta <- theta - eta m^ / (sqrt(v^) + epsilon), the paper's and PyTorch's form; with"
        + " epsilonInsideRoot theta <- theta - eta m^ / sqrt(v^ + epsilon), the course's form.";
  }

  @OptionMetadata(displayName = "beta1",
      description = "The decay rate in [0, 1) of the first-moment (mean gradient) estimate.",
      commandLineParamName = "beta1", commandLineParamSynopsis = "-beta1 <double>", displayOrder = 1)
  public double getBeta1() {
    return m_Beta1;
  }

  public void setBeta1(double beta1) {
    m_Beta1 = OptionChecks.belowOpen(getClass().getSimpleName(), "beta1", beta1, 0, 1);
  }

  @OptionMetadata(displayName = "beta2",
      description = "The decay rate in [0, 1) of the second-moment (squared gradient) estimate.",
      commandLineParamName = "beta2", commandLineParamSynopsis = "-beta2 <double>", displayOrder = 2)
  public double getBeta2() {
    return m_Beta2;
  }

  public void setBeta2(double beta2) {
    m_Beta2 = OptionChecks.belowOpen(getClass().getSimpleName(), "beta2", beta2, 0, 1);
  }

  @Override
  protected void checkOwnSettings() {
    super.checkOwnSettings();
    checkDecay("beta1", m_Beta1);
    checkDecay("beta2", m_Beta2);
  }

  @Override
  protected UpdateRule newUpdateRule(double learningRate) {
    return new AdamRule(learningRate, m_Beta1, m_Beta2, getEpsilon(), getEpsilonInsideRoot());
  }
}
