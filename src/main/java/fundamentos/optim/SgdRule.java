package fundamentos.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Plain (mini-batch) gradient descent: theta <- theta - eta * g. */
public final class SgdRule extends StepSizeRule {

  public SgdRule(double learningRate) {
    super(learningRate);
  }

  @Override
  public void step(INDArray params, INDArray gradient) {
    params.subi(gradient.mul(learningRate()));
  }
}
