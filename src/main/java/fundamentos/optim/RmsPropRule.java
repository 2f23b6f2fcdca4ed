package fundamentos.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RMSProp (Tieleman and Hinton 2012, lecture 6.5): E <- rho * E + (1 - rho) * g^2;
 * theta <- theta - eta * g / (sqrt(E) + eps). A moving average replaces AdaGrad's ever-growing sum.
 *
 * <p>Where epsilon goes: by default outside the root, sqrt(E) + eps, as PyTorch's {@code RMSprop}
 * writes it; with {@code epsilonInsideRoot} inside it, theta <- theta - eta * g / sqrt(E + eps),
 * the course's Eq. 3.62.
 */
public final class RmsPropRule extends StepSizeRule {

  private final double rho;
  private final double epsilon;
  private final boolean epsilonInsideRoot;
  private INDArray meanSquare;

  /** RMSProp with epsilon outside the root, sqrt(E) + eps (PyTorch's form). */
  public RmsPropRule(double learningRate, double decay, double epsilon) {
    this(learningRate, decay, epsilon, false);
  }

  /**
   * @param epsilonInsideRoot true: divide by sqrt(E + eps) (the course's Eq. 3.62); false: by
   *     sqrt(E) + eps (PyTorch's form)
   */
  public RmsPropRule(double learningRate, double decay, double epsilon, boolean epsilonInsideRoot) {
    super(learningRate);
    this.rho = decay;
    this.epsilon = epsilon;
    this.epsilonInsideRoot = epsilonInsideRoot;
  }

  @Override
  public void step(INDArray params, INDArray gradient) {
    if (meanSquare == null) {
      meanSquare = UpdateRule.zerosLike(params);
    }
    meanSquare.muli(rho).addi(gradient.mul(gradient).muli(1 - rho));
    INDArray denominator = UpdateRule.rootPlusEpsilon(meanSquare.dup(), epsilon, epsilonInsideRoot);
    params.subi(gradient.mul(learningRate()).divi(denominator));
  }

  @Override
  public double[][] state(INDArray params) {
    return UpdateRule.vectors(params, meanSquare);
  }

  @Override
  public void setState(INDArray params, double[][] state) {
    meanSquare = UpdateRule.arrays(params, state, 1)[0];
  }
}
