package fundamentos.linear;

import fundamentos.nd4j.Nd4jRuntime;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Multinomial (softmax) regression, the course's section 2.4: one weight vector per class with a
 * bias, p(y = i | x) = exp(w_i . x + b_i) / sum_j exp(w_j . x + b_j).
 *
 * <p>The parameters are one (d + 1) x k matrix theta whose first d rows are the weights W and whose
 * last row is the bias b, so that an update rule sees a single array. The loss is the weighted mean
 * cross-entropy plus an L2 penalty on W (never on b):
 * L = -(1 / sum_i c_i) sum_i c_i log p(y_i | x_i) + (lambda / 2) ||W||^2,
 * with gradient dL/dW = X^T (C (P - Y)) / sum_i c_i + lambda W and dL/db = 1^T C (P - Y) / sum_i c_i,
 * where C is the diagonal of instance weights, P the predicted and Y the one-hot true classes.
 */
public final class SoftmaxModel implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int numFeatures;
  private final int numClasses;
  private transient INDArray theta;

  /** A model with all parameters zero: the loss is convex, so zero is as good a start as any. */
  public SoftmaxModel(int numFeatures, int numClasses) {
    if (numFeatures < 0 || numClasses < 1) {
      throw new IllegalArgumentException("need at least one class and no negative feature count");
    }
    Nd4jRuntime.start();
    this.numFeatures = numFeatures;
    this.numClasses = numClasses;
    this.theta = Nd4j.zeros(numFeatures + 1, numClasses);
  }

  public int numFeatures() {
    return numFeatures;
  }

  public int numClasses() {
    return numClasses;
  }

  /** The live (d + 1) x k parameter matrix (weights, then the bias row); update rules change it. */
  public INDArray parameters() {
    return theta;
  }

  /** The weight of feature {@code j} for class {@code c} (j = numFeatures gives the bias). */
  public double parameter(int j, int c) {
    return theta.getDouble(j, c);
  }

  /** Replaces all parameters with a copy of {@code values} ((d + 1) x k). */
  public void setParameters(INDArray values) {
    if (values.rows() != numFeatures + 1 || values.columns() != numClasses) {
      throw new IllegalArgumentException("parameters must be " + (numFeatures + 1) + " x " + numClasses);
    }
    theta.assign(values);
  }

  /** The logits z = X W + b, one row per instance. */
  public INDArray logits(INDArray x) {
    INDArray w = theta.get(NDArrayIndex.interval(0, numFeatures), NDArrayIndex.all());
    INDArray b = theta.getRow(numFeatures);
    INDArray z = numFeatures == 0 ? Nd4j.zeros(x.rows(), numClasses) : x.mmul(w);
    return z.addiRowVector(b);
  }

  /** Class probabilities, one row per instance; computed as softmax(z - max z) so none overflows. */
  public INDArray probabilities(INDArray x) {
    INDArray z = logits(x);
    z.subiColumnVector(z.max(1));
    Transforms.exp(z, false);
    return z.diviColumnVector(z.sum(1));
  }

  /**
   * The loss and its gradient on a batch.
   *
   * @param x the n x d inputs
   * @param targets the n x k one-hot classes
   * @param weights the n x 1 instance weights
   * @param l2 the penalty lambda on W
   * @return the loss and the (d + 1) x k gradient
   */
  public LossAndGradient lossAndGradient(INDArray x, INDArray targets, INDArray weights, double l2) {
    INDArray z = logits(x);
    INDArray logProbabilities = logSoftmax(z);
    double totalWeight = weights.sumNumber().doubleValue();
    double loss = -logProbabilities.mul(targets).mulColumnVector(weights).sumNumber().doubleValue()
        / totalWeight;
    // dL/dz = C (P - Y) / sum c
    INDArray residual = Transforms.exp(logProbabilities, false).subi(targets)
        .muliColumnVector(weights).divi(totalWeight);
    INDArray gradient = Nd4j.createUninitialized(theta.dataType(), numFeatures + 1, numClasses);
    INDArray w = theta.get(NDArrayIndex.interval(0, numFeatures), NDArrayIndex.all());
    if (numFeatures > 0) {
      INDArray gradW = gradient.get(NDArrayIndex.interval(0, numFeatures), NDArrayIndex.all());
      gradW.assign(x.transpose().mmul(residual));
      if (l2 > 0) {
        gradW.addi(w.mul(l2));
        loss += 0.5 * l2 * w.mul(w).sumNumber().doubleValue();
      }
    }
    gradient.putRow(numFeatures, residual.sum(0));
    return new LossAndGradient(loss, gradient);
  }

  /** The loss alone (see {@link #lossAndGradient}). */
  public double loss(INDArray x, INDArray targets, INDArray weights, double l2) {
    INDArray logProbabilities = logSoftmax(logits(x));
    double loss = -logProbabilities.mul(targets).mulColumnVector(weights).sumNumber().doubleValue()
        / weights.sumNumber().doubleValue();
    if (l2 > 0 && numFeatures > 0) {
      INDArray w = theta.get(NDArrayIndex.interval(0, numFeatures), NDArrayIndex.all());
      loss += 0.5 * l2 * w.mul(w).sumNumber().doubleValue();
    }
    return loss;
  }

  /** log softmax(z) = z - max z - log sum exp(z - max z), stable for any finite z (in place). */
  private static INDArray logSoftmax(INDArray z) {
    z.subiColumnVector(z.max(1));
    INDArray logSum = Transforms.log(Transforms.exp(z, true).sum(true, 1), false);
    return z.subiColumnVector(logSum);
  }

  /** A loss value and the gradient of the loss with respect to the parameters. */
  public record LossAndGradient(double loss, INDArray gradient) {
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    // INDArrays are not reliably Java-serializable: store the parameters as plain doubles.
    out.writeObject(theta.toDoubleMatrix());
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    double[][] values = (double[][]) in.readObject();
    Nd4jRuntime.start();
    theta = Nd4j.createFromArray(values);
  }
}
