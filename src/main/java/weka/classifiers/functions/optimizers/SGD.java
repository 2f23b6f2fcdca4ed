package weka.classifiers.functions.optimizers;

import fundamentos.optim.SgdRule;
import fundamentos.optim.UpdateRule;

/** Plain mini-batch gradient descent: theta <- theta - eta g. */
public class SGD extends StepRuleOptimizer {

  private static final long serialVersionUID = 1L;

  public SGD() {
    super(0.01);
  }

  @Override
  public String globalInfo() {
    return "Plain mini-batch gradient descent: each step moves the weights against the gradient. "
        + "The update is theta <- theta - eta g.";
  }

  @Override
  protected UpdateRule newUpdateRule(double learningRate) {
    return new SgdRule(learningRate);
  }
}
