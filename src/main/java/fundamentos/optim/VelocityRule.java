package fundamentos.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the two momentum rules share: the momentum mu and the velocity v, with its update
 * v <- mu * v - eta * g written once. {@link MomentumRule} and {@link NesterovRule} differ only in
 * how the parameters follow the velocity.
 */
abstract class VelocityRule extends StepSizeRule {

  private final double mu;
  private INDArray velocity;

  VelocityRule(double learningRate, double momentum) {
    super(learningRate);
    this.mu = momentum;
  }

  final double momentum() {
    return mu;
  }

  /** The velocity, zero before the first step (shaped like {@code params}). */
  final INDArray velocity(INDArray params) {
    if (velocity == null) {
      velocity = UpdateRule.zerosLike(params);
    }
    return velocity;
  }

  /** v <- mu * v - eta * g, in place; returns v. */
  final INDArray accelerate(INDArray velocity, INDArray gradient) {
    return velocity.muli(mu).subi(gradient.mul(learningRate()));
  }

  @Override
  public double[][] state(INDArray params) {
    return UpdateRule.vectors(params, velocity);
  }

  @Override
  public void setState(INDArray params, double[][] state) {
    velocity = UpdateRule.arrays(params, state, 1)[0];
  }
}
