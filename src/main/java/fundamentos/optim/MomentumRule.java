package fundamentos.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Classical (heavy-ball) momentum, Polyak 1964: v <- mu * v - eta * g; theta <- theta + v.
 * The velocity accumulates past gradients so that steps along consistent directions grow.
 */
public final class MomentumRule extends VelocityRule {

  public MomentumRule(double learningRate, double momentum) {
    super(learningRate, momentum);
  }

  @Override
  public void step(INDArray params, INDArray gradient) {
    params.addi(accelerate(velocity(params), gradient));
  }
}
