package weka.classifiers.functions.optimizers;

import fundamentos.optim.OptimizerSettings;
import fundamentos.optim.UpdateRule;
import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;

/**
 * The optimizers of mini-batch gradient training (SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam):
 * each makes a fresh engine {@link UpdateRule} for each training run. The networks' optimizer
 * property has this type, so their GenericObjectEditor offers only these (not {@link LBFGS}).
 *
 * <p>Every rule of the course has a step size eta (section 3.3): it is held, checked and handed to
 * the rule here, once; a subclass holds only its own hyperparameters, checks them in
 * {@link #checkOwnSettings()} and makes its rule in {@link #newUpdateRule(double)}.
 */
public abstract class StepRuleOptimizer extends Optimizer implements OptimizerSettings {

  private static final long serialVersionUID = 1L;

  private double m_LearningRate;

  protected StepRuleOptimizer(double defaultLearningRate) {
    m_LearningRate = defaultLearningRate;
  }

  /**
   * A new update rule with these settings and fresh state: the learning rate is checked first, then
   * the subclass's own hyperparameters.
   */
  @Override
  public UpdateRule newUpdateRule() {
    checkLearningRate();
    checkOwnSettings();
    return newUpdateRule(m_LearningRate);
  }

  /** The subclass's rule with the checked learning rate and its own hyperparameters. */
  protected abstract UpdateRule newUpdateRule(double learningRate);

  /** Checks the subclass's own hyperparameters (the learning rate is checked already). */
  protected void checkOwnSettings() {
  }

  @OptionMetadata(displayName = "learningRate",
      description = "The step size eta: how far each update moves the weights; a finite number > 0.",
      commandLineParamName = "lr", commandLineParamSynopsis = "-lr <double>", displayOrder = 0)
  public double getLearningRate() {
    return m_LearningRate;
  }

  public void setLearningRate(double learningRate) {
    m_LearningRate = OptionChecks.above(getClass().getSimpleName(), "lr", learningRate, 0, Double.MAX_VALUE);
  }

  /** Checks the setting shared by every optimizer. */
  private void checkLearningRate() {
    require(m_LearningRate > 0 && Double.isFinite(m_LearningRate),
        getClass().getSimpleName() + ": the learning rate must be a positive number, not " + m_LearningRate);
  }
}
