package weka.classifiers.functions.optimizers;

import fundamentos.optim.MomentumRule;
import fundamentos.optim.UpdateRule;
import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;

/** Classical (heavy-ball) momentum, Polyak 1964: v <- mu v - eta g; theta <- theta + v. */
public class Momentum extends StepRuleOptimizer {

  private static final long serialVersionUID = 1L;

  private double m_Momentum = 0.9;

  public Momentum() {
    super(0.01);
  }

  @Override
  public String globalInfo() {
    return "Classical (heavy-ball) momentum: gradient steps that keep a velocity from step to "
        + "step. Polyak 1964: v <- mu v - eta g; theta <- theta + v.";
  }

  @OptionMetadata(displayName = "momentum",
      description = "The momentum coefficient mu in [0, 1): the fraction of the previous velocity kept.",
      commandLineParamName = "momentum", commandLineParamSynopsis = "-momentum <double>", displayOrder = 1)
  public double getMomentum() {
    return m_Momentum;
  }

  public void setMomentum(double momentum) {
    m_Momentum = OptionChecks.belowOpen(getClass().getSimpleName(), "momentum", momentum, 0, 1);
  }

  /** Checks the momentum coefficient. */
  @Override
  protected void checkOwnSettings() {
    require(m_Momentum >= 0 && m_Momentum < 1,
        getClass().getSimpleName() + ": momentum must lie in [0, 1), not " + m_Momentum);
  }

  @Override
  protected UpdateRule newUpdateRule(double learningRate) {
    return new MomentumRule(learningRate, m_Momentum);
  }
}
