package fundamentos.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AdaGrad (Duchi, Hazan and Singer 2011): G <- G + g^2; theta <- theta - eta * g / (sqrt(G) + eps).
 * Each parameter's step shrinks with the sum of its squared gradients.
 */
public final class AdaGradRule extends StepSizeRule {

  private final double epsilon;
  private INDArray sumSquares;

  public AdaGradRule(double learningRate, double epsilon) {
    super(learningRate);
    this.epsilon = epsilon;
  }

  @Override
  public void step(INDArray params, INDArray gradient) {
    if (sumSquares == null) {
      sumSquares = UpdateRule.zerosLike(params);
    }
    sumSquares.addi(gradient.mul(gradient));
    INDArray denominator = Transforms.sqrt(sumSquares, true).addi(epsilon);
    params.subi(gradient.mul(learningRate()).divi(denominator));
  }
}
