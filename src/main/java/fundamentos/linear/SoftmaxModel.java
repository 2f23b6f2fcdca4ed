package fundamentos.linear;

import fundamentos.nd4j.Nd4jRuntime;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Multinomial (softmax) regression, the course's section 2.4: one weight vector per class with a
 * bias, p(y = i | x) = exp(w_i . x + b_i) / sum_j exp(w_j . x + b_j).
 *
 * <p>The parameters are one (d + 1) x k matrix theta whose first d rows are the weights W and whose
 * last row is the bias b. Inputs come with a trailing column of ones ({@link #withBias}), so the
 * logits of a batch are one product z = [X 1] theta and the gradient another. The loss is the
 * weighted mean cross-entropy plus an L2 penalty on W (never on b):
 * L = -(1 / sum_i c_i) sum_i c_i log p(y_i | x_i) + (lambda / 2) ||W||^2,
 * with gradient dL/dtheta = [X 1]^T C (P - Y) / sum_i c_i + lambda [W; 0], where C is the diagonal
 * of instance weights, P the predicted and Y the one-hot true classes (Bishop 2006, Eq. 4.109).
 */
public final class SoftmaxModel implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int numFeatures;
  private final int numClasses;
  private transient INDArray theta;
  /** 1 for the weight rows, 0 for the bias row: the penalty's shape. */
  private transient INDArray penaltyMask;

  /** A model with all parameters zero: the loss is convex, so zero is as good a start as any. */
  public SoftmaxModel(int numFeatures, int numClasses) {
    if (numFeatures < 0 || numClasses < 1) {
      throw new IllegalArgumentException("need at least one class and no negative feature count");
    }
    Nd4jRuntime.start();
    this.numFeatures = numFeatures;
    this.numClasses = numClasses;
    this.theta = Nd4j.zeros(DataType.DOUBLE, numFeatures + 1, numClasses);
    this.penaltyMask = penaltyMask(numFeatures, numClasses);
  }

  /**
   * Inputs as the model takes them: the n rows of d features followed by a 1 (the bias input).
   *
   * @param rows n rows of d values each
   * @param numFeatures d (needed when there are no rows)
   */
  public static INDArray withBias(double[][] rows, int numFeatures) {
    Nd4jRuntime.start();
    double[] flat = new double[rows.length * (numFeatures + 1)];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * (numFeatures + 1), numFeatures);
      flat[i * (numFeatures + 1) + numFeatures] = 1.0;
    }
    return Nd4j.create(flat, new long[] {rows.length, numFeatures + 1}, DataType.DOUBLE);
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

  /** The logits z = [X 1] theta, one row per instance. */
  public INDArray logits(INDArray inputsWithBias) {
    checkWidth(inputsWithBias);
    return inputsWithBias.castTo(DataType.DOUBLE).mmul(theta);
  }

  /** Class probabilities softmax(z), one row per instance (ND4J's softmax subtracts max z first). */
  public INDArray probabilities(INDArray inputsWithBias) {
    INDArray z = logits(inputsWithBias);
    return Nd4j.exec(new SoftMax(z, z))[0];
  }

  /**
   * The gradient of the loss on a batch, [X 1]^T C (P - Y) / totalWeight + lambda [W; 0] (the loss itself is not needed for a step, so it is not
   * computed here; see {@link #loss}).
   *
   * @param inputsWithBias the n x (d + 1) inputs
   * @param targets the n x k one-hot classes
   * @param weights the n x 1 instance weights, or null when all are equal
   * @param totalWeight the weight the cross-entropy sum is divided by: the batch's expected weight
   *     under the whole data set's mean weight (see {@code SoftmaxTrainer}), the sum of the weights
   *     for a full batch, n when weights is null
   * @param l2 the penalty lambda on W
   * @return the (d + 1) x k gradient, weights' rows first and the bias row last
   */
  public INDArray gradient(INDArray inputsWithBias, INDArray targets, INDArray weights, double totalWeight,
      double l2) {
    INDArray residual = probabilities(inputsWithBias).subi(targets);
    if (weights != null) {
      residual.muliColumnVector(weights);
    }
    INDArray gradient = inputsWithBias.transpose().mmul(residual).divi(totalWeight);
    if (l2 > 0) {
      gradient.addi(theta.mul(penaltyMask).muli(l2));
    }
    return gradient;
  }

  /** The loss L of the class comment on a batch: weighted mean cross-entropy plus the penalty. */
  public double loss(INDArray inputsWithBias, INDArray targets, INDArray weights, double l2) {
    INDArray perRow = logSoftmax(logits(inputsWithBias)).muli(targets).sum(true, 1);
    // sums as matrix products: ND4J's parallel reductions split work by thread count
    double weightedSum = weights.transpose().mmul(perRow).getDouble(0);
    double total = Nd4j.ones(DataType.DOUBLE, 1, weights.rows()).mmul(weights).getDouble(0);
    double loss = -weightedSum / total;
    if (l2 > 0 && numFeatures > 0) {
      INDArray w = theta.mul(penaltyMask);
      INDArray flat = w.reshape(1, w.length());
      loss += 0.5 * l2 * flat.mmul(flat.transpose()).getDouble(0);
    }
    return loss;
  }

  /** log softmax(z) = z - max z - log sum exp(z - max z), finite for any finite z (in place). */
  private static INDArray logSoftmax(INDArray z) {
    z.subiColumnVector(z.max(1));
    INDArray logSum = Transforms.log(Transforms.exp(z, true).sum(true, 1), false);
    return z.subiColumnVector(logSum);
  }

  private static INDArray penaltyMask(int numFeatures, int numClasses) {
    INDArray mask = Nd4j.ones(DataType.DOUBLE, numFeatures + 1, numClasses);
    mask.getRow(numFeatures).assign(0);
    return mask;
  }

  private void checkWidth(INDArray inputsWithBias) {
    if (inputsWithBias.columns() != numFeatures + 1) {
      throw new IllegalArgumentException("inputs need " + (numFeatures + 1)
          + " columns (features and the bias column), not " + inputsWithBias.columns());
    }
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
    penaltyMask = penaltyMask(numFeatures, numClasses);
  }
}
