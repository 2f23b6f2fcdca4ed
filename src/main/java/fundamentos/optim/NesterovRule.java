package fundamentos.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Nesterov's accelerated gradient (Nesterov 1983; Sutskever et al. 2013). The course writes it with
 * the gradient taken at the look-ahead point theta + mu * v. Tracking the look-ahead point itself
 * as the parameters (Bengio et al. 2013, "Advances in optimizing recurrent networks", Eq. 7) gives
 * the equivalent form that needs only the gradient at the current parameters:
 * v' = mu * v - eta * g;  theta <- theta - mu * v + (1 + mu) * v'.
 */
public final class NesterovRule extends VelocityRule {

  public NesterovRule(double learningRate, double momentum) {
    super(learningRate, momentum);
  }

  @Override
  public void step(INDArray params, INDArray gradient) {
    INDArray velocity = velocity(params);
    INDArray previous = velocity.dup();
    accelerate(velocity, gradient);
    params.subi(previous.muli(momentum())).addi(velocity.mul(1 + momentum()));
  }
}
