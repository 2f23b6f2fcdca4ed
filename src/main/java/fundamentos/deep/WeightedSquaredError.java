package fundamentos.deep;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The squared error on the output activations, the course's MSE of section 3.3.1, weighted per
 * example: for the output p and a one-hot target y of instance weight w,
 * <pre>
 *   l = w (1/2) sum_k (p_k - y_k)^2,        dl/dp = w (p - y).
 * </pre>
 * As with the cross-entropy ({@link Network}), the weight comes in the label row, which holds
 * t = w y: since y is one-hot, w = sum_k t_k, w ||y||^2 = w, and so
 * l = (1/2) (w ||p||^2 - 2 p . t + w) and dl/dp = w p - t, with no division (a weight of 0 gives a
 * loss and gradient of exactly 0). DL4J's activation (softmax) carries dl/dp back to
 * dl/dz = J^T dl/dp, for the softmax dl/dz_j = p_j (g_j - sum_k p_k g_k) with g = dl/dp. A mask, if
 * DL4J passes one, multiplies each example's loss and gradient.
 */
public final class WeightedSquaredError implements ILossFunction {

  private static final long serialVersionUID = 1L;

  @Override
  public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn,
      INDArray mask) {
    INDArray p = activationFn.getActivation(preOutput.dup(), false);
    INDArray w = labels.sum(true, 1);
    INDArray score = p.mul(p).sum(true, 1).muli(w).subi(p.mul(labels).sum(true, 1).muli(2)).addi(w)
        .muli(0.5);
    if (mask != null) {
      score.muli(mask.reshape(score.shape()).castTo(score.dataType()));
    }
    return score;
  }

  @Override
  public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn,
      INDArray mask, boolean average) {
    double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
    return average ? sum / labels.size(0) : sum;
  }

  @Override
  public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn,
      INDArray mask) {
    INDArray p = activationFn.getActivation(preOutput.dup(), true);
    INDArray dLdp = p.muliColumnVector(labels.sum(true, 1)).subi(labels);
    INDArray gradient = activationFn.backprop(preOutput.dup(), dLdp).getFirst();
    if (mask != null) {
      gradient.muliColumnVector(mask.reshape(gradient.size(0), 1).castTo(gradient.dataType()));
    }
    return gradient;
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
      IActivation activationFn, INDArray mask, boolean average) {
    return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
        computeGradient(labels, preOutput, activationFn, mask));
  }

  @Override
  public String name() {
    return toString();
  }

  @Override
  public String toString() {
    return "WeightedSquaredError()";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WeightedSquaredError;
  }

  @Override
  public int hashCode() {
    return WeightedSquaredError.class.hashCode();
  }
}
