package fundamentos.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Plain (mini-batch) gradient descent: theta <- theta - eta * g. */
public final class SgdRule implements UpdateRule {

  private double eta;

  public SgdRule(double learningRate) {
    this.eta = learningRate;
  }

  @Override
  public void step(INDArray params, INDArray gradient) {
    params.subi(gradient.mul(eta));
  }

  @Override
  public double learningRate() {
    return eta;
  }

  @Override
  public void setLearningRate(double learningRate) {
    eta = learningRate;
  }
}
