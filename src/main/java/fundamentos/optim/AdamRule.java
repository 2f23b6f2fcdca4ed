package fundamentos.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1): m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2;
 * m^ = m / (1 - b1^t); v^ = v / (1 - b2^t); theta <- theta - eta * m^ / (sqrt(v^) + eps).
 *
 * <p>Where epsilon goes: by default outside the root, sqrt(v^) + eps, as the paper and PyTorch's
 * {@code Adam} write it; with {@code epsilonInsideRoot} inside it,
 * theta <- theta - eta * m^ / sqrt(v^ + eps), the course's form (Eq. 3.62's denominator).
 */
public final class AdamRule extends StepSizeRule {

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final boolean epsilonInsideRoot;
  private INDArray firstMoment;
  private INDArray secondMoment;
  private long t;

  /** Adam with epsilon outside the root, sqrt(v^) + eps (the paper's and PyTorch's form). */
  public AdamRule(double learningRate, double beta1, double beta2, double epsilon) {
    this(learningRate, beta1, beta2, epsilon, false);
  }

  /**
   * @param epsilonInsideRoot true: divide by sqrt(v^ + eps) (the course's form); false: by
   *     sqrt(v^) + eps (the paper's and PyTorch's form)
   */
  public AdamRule(double learningRate, double beta1, double beta2, double epsilon,
      boolean epsilonInsideRoot) {
    super(learningRate);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.epsilonInsideRoot = epsilonInsideRoot;
  }

  @Override
  public void step(INDArray params, INDArray gradient) {
    if (firstMoment == null) {
      firstMoment = UpdateRule.zerosLike(params);
      secondMoment = UpdateRule.zerosLike(params);
    }
    t++;
    firstMoment.muli(beta1).addi(gradient.mul(1 - beta1));
    secondMoment.muli(beta2).addi(gradient.mul(gradient).muli(1 - beta2));
    double mHatScale = 1.0 / (1 - Math.pow(beta1, t));
    double vHatScale = 1.0 / (1 - Math.pow(beta2, t));
    INDArray denominator = UpdateRule.rootPlusEpsilon(secondMoment.mul(vHatScale), epsilon,
        epsilonInsideRoot);
    params.subi(firstMoment.mul(learningRate() * mHatScale).divi(denominator));
  }

  @Override
  public double[][] state(INDArray params) {
    return UpdateRule.vectors(params, firstMoment, secondMoment);
  }

  @Override
  public void setState(INDArray params, double[][] state) {
    INDArray[] arrays = UpdateRule.arrays(params, state, 2);
    firstMoment = arrays[0];
    secondMoment = arrays[1];
  }

  @Override
  public long stepsTaken() {
    return t;
  }

  @Override
  public void setStepsTaken(long steps) {
    t = steps;
  }
}
