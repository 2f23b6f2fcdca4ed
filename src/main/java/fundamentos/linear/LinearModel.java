package fundamentos.linear;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the mini-batch trainer of this package ({@link LinearSteps}) needs of a model whose inputs
 * come with a bias column ({@link SoftmaxModel#withBias}): one parameter matrix theta (weights'
 * rows, then the bias row), the gradient of its weighted loss on a batch, and that loss. Softmax
 * regression ({@link SoftmaxModel}) and the perceptron ({@link PerceptronModel}) are such models.
 */
interface LinearModel {

  /** The live parameter matrix; update rules change it in place. */
  INDArray parameters();

  /** Replaces all parameters with a copy of {@code values}. */
  void setParameters(INDArray values);

  /**
   * The gradient of the loss on a batch, sum_i c_i dl_i/dtheta / totalWeight plus the L2 penalty's
   * lambda [W; 0].
   *
   * @param inputsWithBias the n x (d + 1) inputs
   * @param targets the n targets, one row each
   * @param weights the n x 1 instance weights, or null when all are equal
   * @param totalWeight what the weighted sum is divided by (see {@link SoftmaxTrainer})
   * @param l2 the penalty lambda on W (never on the bias)
   */
  INDArray gradient(INDArray inputsWithBias, INDArray targets, INDArray weights, double totalWeight,
      double l2);

  /** The weighted mean loss (1 / sum c_i) sum_i c_i l_i on a batch plus (lambda / 2) ||W||^2. */
  double loss(INDArray inputsWithBias, INDArray targets, INDArray weights, double l2);
}
