package fundamentos.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * RMSProp (Tieleman and Hinton 2012, lecture 6.5): E <- rho * E + (1 - rho) * g^2;
 * theta <- theta - eta * g / (sqrt(E) + eps). A moving average replaces AdaGrad's ever-growing sum.
 */
public final class RmsPropRule extends StepSizeRule {

  private final double rho;
  private final double epsilon;
  private INDArray meanSquare;

  public RmsPropRule(double learningRate, double decay, double epsilon) {
    super(learningRate);
    this.rho = decay;
    this.epsilon = epsilon;
  }

  @Override
  public void step(INDArray params, INDArray gradient) {
    if (meanSquare == null) {
      meanSquare = UpdateRule.zerosLike(params);
    }
    meanSquare.muli(rho).addi(gradient.mul(gradient).muli(1 - rho));
    INDArray denominator = Transforms.sqrt(meanSquare, true).addi(epsilon);
    params.subi(gradient.mul(learningRate()).divi(denominator));
  }
}
