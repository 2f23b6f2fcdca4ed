package weka.classifiers.functions.optimizers;

import fundamentos.optim.NesterovRule;
import fundamentos.optim.UpdateRule;

/**
 * Nesterov accelerated gradient (Nesterov 1983; Sutskever et al. 2013): momentum whose gradient is
 * taken at the look-ahead point theta + mu v. Same hyperparameters as {@link Momentum}.
 */
public class Nesterov extends Momentum {

  private static final long serialVersionUID = 1L;

  @Override
  public String globalInfo() {
    return "Nesterov accelerated gradient: momentum with the gradient taken at the look-ahead "
        + "point. As in Nesterov 1983 and Sutskever et al. 2013, the look-ahead point is "
        + "theta + mu v.";
  }

  @Override
  protected UpdateRule newUpdateRule(double learningRate) {
    return new NesterovRule(learningRate, getMomentum());
  }
}
