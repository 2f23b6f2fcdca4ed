package fundamentos.optim;

/**
 * The step size eta that scales every update rule of the course (section 3.3), held once: each rule
 * brings only its own state and step; a learning-rate schedule changes eta between epochs and
 * leaves that state alone.
 */
public abstract class StepSizeRule implements UpdateRule {

  private double eta;

  protected StepSizeRule(double learningRate) {
    this.eta = learningRate;
  }

  @Override
  public final double learningRate() {
    return eta;
  }

  @Override
  public final void setLearningRate(double learningRate) {
    eta = learningRate;
  }
}
