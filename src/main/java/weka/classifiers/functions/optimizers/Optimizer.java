package weka.classifiers.functions.optimizers;

import fundamentos.weka.StrictOptions;
import java.io.Serializable;
import java.util.Enumeration;
import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.Utils;

/**
 * The option object a Weka user picks in the GenericObjectEditor (or with {@code -optimizer "Adam
 * -lr 0.001"} on the command line): it holds an optimizer's hyperparameters. Two families: the
 * gradient step rules of mini-batch training ({@link StepRuleOptimizer}: SGD ... Adam, each with a
 * learning rate), and full-batch {@link LBFGS} for the convex models, whose line search sets the
 * step. The engines themselves live in {@code fundamentos.optim}, which knows nothing of Weka.
 */
public abstract class Optimizer implements OptionHandler, Serializable {

  private static final long serialVersionUID = 1L;

  /** What the optimizer does, for the GenericObjectEditor's About panel. */
  public abstract String globalInfo();

  /** Checks a hyperparameter's range with a message a Weka user can act on. */
  protected static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
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
