package fundamentos.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AdaGrad (Duchi, Hazan and Singer 2011): G <- G + g^2; theta <- theta - eta * g / (sqrt(G) + eps).
 * Each parameter's step shrinks with the sum of its squared gradients.
 *
 * <p>Where epsilon goes: by default outside the root, sqrt(G) + eps, as PyTorch's {@code Adagrad}
 * writes it; with {@code epsilonInsideRoot} inside it, theta <- theta - eta * g /
 * sqrt(G + eps), the course's Eq. 3.59. The two differ only while G is of the order of eps.
 */
public final class AdaGradRule extends StepSizeRule {

  private final double epsilon;
  private final boolean epsilonInsideRoot;
  private INDArray sumSquares;

  /** AdaGrad with epsilon outside the root, sqrt(G) + eps (PyTorch's form). */
  public AdaGradRule(double learningRate, double epsilon) {
    this(learningRate, epsilon, false);
  }

  /**
   * @param epsilonInsideRoot true: divide by sqrt(G + eps) (the course's Eq. 3.59); false: by
   *     sqrt(G) + eps (PyTorch's form)
   */
  public AdaGradRule(double learningRate, double epsilon, boolean epsilonInsideRoot) {
    super(learningRate);
    this.epsilon = epsilon;
    this.epsilonInsideRoot = epsilonInsideRoot;
  }

  @Override
  public void step(INDArray params, INDArray gradient) {
    if (sumSquares == null) {
      sumSquares = UpdateRule.zerosLike(params);
    }
    sumSquares.addi(gradient.mul(gradient));
    INDArray denominator = UpdateRule.rootPlusEpsilon(sumSquares.dup(), epsilon, epsilonInsideRoot);
    params.subi(gradient.mul(learningRate()).divi(denominator));
  }

  @Override
  public double[][] state(INDArray params) {
    return UpdateRule.vectors(params, sumSquares);
  }

  @Override
  public void setState(INDArray params, double[][] state) {
    sumSquares = UpdateRule.arrays(params, state, 1)[0];
  }
}
