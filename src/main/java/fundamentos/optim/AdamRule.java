package fundamentos.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1): m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2;
 * m^ = m / (1 - b1^t); v^ = v / (1 - b2^t); theta <- theta - eta * m^ / (sqrt(v^) + eps).
 */
public final class AdamRule extends StepSizeRule {

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private INDArray firstMoment;
  private INDArray secondMoment;
  private long t;

  public AdamRule(double learningRate, double beta1, double beta2, double epsilon) {
    super(learningRate);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
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
    INDArray denominator = Transforms.sqrt(secondMoment.mul(vHatScale), false).addi(epsilon);
    params.subi(firstMoment.mul(learningRate() * mHatScale).divi(denominator));
  }
}
