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
    if (fusedStep(params, gradient)) {
      return;
    }
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

  /**
   * The same update in one pass over single-precision parameters, each element's arithmetic in the
   * order and float rounding of the ND4J ops above (m b1 + g (1 - b1); v b2 + g g (1 - b2);
   * sqrt(v vHatScale) + eps, or sqrt(v vHatScale + eps); m (eta mHatScale) / denominator), so
   * that both give the same bits (UpdateRuleTest); the ND4J form runs ten passes and allocates five
   * arrays of the parameters' size each step, 28 ms of a 77 ms training step of the course's
   * convnet (src/bench/CnnProfile.java). Returns false (nothing done) unless parameters and gradient are row-major
   * float arrays of the same length.
   */
  private boolean fusedStep(INDArray params, INDArray gradient) {
    if (params.dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT
        || gradient.dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT
        || params.length() != gradient.length() || params.length() > Integer.MAX_VALUE
        || params.ordering() != 'c' || gradient.ordering() != 'c'
        || !org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(params)
        || !org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(gradient)
        || (firstMoment != null && firstMoment.dataType() != params.dataType())) {
      return false;
    }
    if (firstMoment == null) {
      firstMoment = UpdateRule.zerosLike(params);
      secondMoment = UpdateRule.zerosLike(params);
    }
    t++;
    java.nio.FloatBuffer p = fundamentos.nd4j.Tensors.floats(params);
    java.nio.FloatBuffer g = fundamentos.nd4j.Tensors.floats(gradient);
    java.nio.FloatBuffer m = fundamentos.nd4j.Tensors.floats(firstMoment);
    java.nio.FloatBuffer v = fundamentos.nd4j.Tensors.floats(secondMoment);
    float b1 = (float) beta1;
    float c1 = (float) (1 - beta1);
    float b2 = (float) beta2;
    float c2 = (float) (1 - beta2);
    float vHat = (float) (1.0 / (1 - Math.pow(beta2, t)));
    float step = (float) (learningRate() * (1.0 / (1 - Math.pow(beta1, t))));
    float eps = (float) epsilon;
    boolean inside = epsilonInsideRoot;
    int n = (int) params.length();
    // on the calling thread, in one go: a Stop (Cancellation) lands between whole steps only, as
    // TrainingLoop promises, never between two halves of the parameters
    for (int i = 0; i < n; i++) {
      float gi = g.get(i);
      float mi = m.get(i) * b1 + gi * c1;
      float vi = v.get(i) * b2 + gi * gi * c2;
      m.put(i, mi);
      v.put(i, vi);
      float s = vi * vHat;
      float denominator = inside ? (float) Math.sqrt(s + eps) : (float) Math.sqrt(s) + eps;
      p.put(i, p.get(i) - mi * step / denominator);
    }
    return true;
  }
}
