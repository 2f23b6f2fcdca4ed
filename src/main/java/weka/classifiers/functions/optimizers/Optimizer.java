package weka.classifiers.functions.optimizers;

import fundamentos.optim.OptimizerSettings;
import fundamentos.optim.UpdateRule;
import fundamentos.weka.OptionChecks;
import fundamentos.weka.StrictOptions;
import java.io.Serializable;
import java.util.Enumeration;
import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.OptionMetadata;
import weka.core.Utils;

/**
 * The option object a Weka user picks in the GenericObjectEditor (or with {@code -optimizer "Adam
 * -lr 0.001"} on the command line): it holds an update rule's hyperparameters and makes a fresh
 * engine {@link UpdateRule} for each training run. The update rules themselves live in
 * {@code fundamentos.optim}, which knows nothing of Weka.
 *
 * <p>Every rule of the course has a step size eta (section 3.3): it is held, checked and handed to
 * the rule here, once; a subclass holds only its own hyperparameters, checks them in
 * {@link #checkOwnSettings()} and makes its rule in {@link #newUpdateRule(double)}.
 */
public abstract class Optimizer implements OptionHandler, Serializable, OptimizerSettings {

  private static final long serialVersionUID = 1L;

  private double m_LearningRate;

  protected Optimizer(double defaultLearningRate) {
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

  /** What the optimizer does, for the GenericObjectEditor's About panel. */
  public abstract String globalInfo();

  @OptionMetadata(displayName = "learningRate",
      description = "The step size eta: how far each update moves the weights; a finite number > 0.",
      commandLineParamName = "lr", commandLineParamSynopsis = "-lr <double>", displayOrder = 0)
  public double getLearningRate() {
    return m_LearningRate;
  }

  public void setLearningRate(double learningRate) {
    m_LearningRate = OptionChecks.above(getClass().getSimpleName(), "lr", learningRate, 0, Double.MAX_VALUE);
  }

  /** Checks a hyperparameter's range with a message a Weka user can act on. */
  protected static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Checks the setting shared by every optimizer. */
  private void checkLearningRate() {
    require(m_LearningRate > 0 && Double.isFinite(m_LearningRate),
        getClass().getSimpleName() + ": the learning rate must be a positive number, not " + m_LearningRate);
  }

  @Override
  public Enumeration<Option> listOptions() {
    return Option.listOptionsForClassHierarchy(getClass(), Optimizer.class).elements();
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    // strict first: Weka's parser would print a bad value and keep the default
    StrictOptions.parse(options, this, Optimizer.class);
    Option.setOptionsForHierarchy(options, this, Optimizer.class);
    Utils.checkForRemainingOptions(options);
  }

  @Override
  public String[] getOptions() {
    return Option.getOptionsForHierarchy(this, Optimizer.class);
  }

  /** The class name and options, as they would be typed on the command line. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + " " + Utils.joinOptions(getOptions());
  }
}
