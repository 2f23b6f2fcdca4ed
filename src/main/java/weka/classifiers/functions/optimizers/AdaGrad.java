package weka.classifiers.functions.optimizers;

import fundamentos.optim.AdaGradRule;
import fundamentos.optim.UpdateRule;

/**
 * AdaGrad (Duchi, Hazan and Singer 2011): G <- G + g^2; theta <- theta - eta g / (sqrt(G) + eps),
 * or eta g / sqrt(G + eps) (the course's Eq. 3.59) with {@code -epsilon-inside-root}.
 */
public class AdaGrad extends AdaptiveOptimizer {

  private static final long serialVersionUID = 1L;

  public AdaGrad() {
    super(0.01);
  }

  @Override
  public String globalInfo() {
    return "AdaGrad: gradient steps scaled down by the root of each weight's sum of squared "
        + "gradients. AdaGrad (Duchi, Hazan and Singer 2011): G <- G + g^2; "
        + "theta <- theta - eta g / (sqrt(G) + epsilon), PyTorch's form; with epsilonInsideRoot "
        + "theta <- theta - eta g / sqrt(G + epsilon), the course's Eq. 3.59.";
  }

  @Override
  protected UpdateRule newUpdateRule(double learningRate) {
    return new AdaGradRule(learningRate, getEpsilon(), getEpsilonInsideRoot());
  }
}
