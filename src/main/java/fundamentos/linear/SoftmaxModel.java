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
public final class SoftmaxModel implements LinearModel, Serializable {

  private static final long serialVersionUID = 1L;

  private final int numFeatures;
  private final int numClasses;
  /** The parameters on ND4J, made the first time ND4J work needs them; null until then. */
  private transient INDArray theta;
  /**
   * The parameters as plain doubles, (d + 1) x k row-major, while {@link #theta} is null: a model fitted
   * by {@link SoftmaxLbfgs} or read back from a file predicts in plain Java and starts no ND4J (its
   * start costs about a second, more than training on small data).
   */
  private transient double[] plain;
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

  private SoftmaxModel(int numFeatures, int numClasses, double[] values) {
    if (numFeatures < 0 || numClasses < 1) {
      throw new IllegalArgumentException("need at least one class and no negative feature count");
    }
    if (values.length != (numFeatures + 1) * numClasses) {
      throw new IllegalArgumentException("parameters must be " + (numFeatures + 1) + " x " + numClasses);
    }
    this.numFeatures = numFeatures;
    this.numClasses = numClasses;
    this.plain = values.clone();
  }

  /**
   * A model with the given parameters, (d + 1) x k row-major (weights' rows, then the bias row),
   * held in plain Java: ND4J starts only if ND4J work asks for {@link #parameters()}.
   */
  public static SoftmaxModel ofParameters(int numFeatures, int numClasses, double[] values) {
    return new SoftmaxModel(numFeatures, numClasses, values);
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
    if (theta == null) {
      Nd4jRuntime.start();
      theta = Nd4j.create(plain, new long[] {numFeatures + 1, numClasses}, DataType.DOUBLE);
      penaltyMask = penaltyMask(numFeatures, numClasses);
      plain = null;
    }
    return theta;
  }

  /** The weight of feature {@code j} for class {@code c} (j = numFeatures gives the bias). */
  public double parameter(int j, int c) {
    return theta == null ? plain[j * numClasses + c] : theta.getDouble(j, c);
  }

  /**
   * Class probabilities of encoded rows (without the bias column), always in plain Java (from a copy
   * of the parameters when they live on ND4J): the same numbers whichever solver trained the model
   * and whether or not it was saved and read back, and no ND4J call per instance.
   */
  public double[][] probabilities(double[][] rows) {
    double[] plain = theta == null ? this.plain : Nd4j.toFlattened('c', theta).toDoubleVector();
    double[][] result = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != numFeatures) {
        throw new IllegalArgumentException("rows need " + numFeatures + " columns, not " + rows[i].length);
      }
      double[] z = new double[numClasses];
      System.arraycopy(plain, numFeatures * numClasses, z, 0, numClasses);
      for (int j = 0; j < numFeatures; j++) {
        double v = rows[i][j];
        for (int c = 0; c < numClasses; c++) {
          z[c] += v * plain[j * numClasses + c];
        }
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (int c = 0; c < numClasses; c++) {
        z[c] = Math.exp(z[c] - max);
        sum += z[c];
      }
      for (int c = 0; c < numClasses; c++) {
        z[c] /= sum;
      }
      result[i] = z;
    }
    return result;
  }

  /** Replaces all parameters with a copy of {@code values} ((d + 1) x k). */
  public void setParameters(INDArray values) {
    if (values.rows() != numFeatures + 1 || values.columns() != numClasses) {
      throw new IllegalArgumentException("parameters must be " + (numFeatures + 1) + " x " + numClasses);
    }
    parameters().assign(values);
  }

  /** The logits z = [X 1] theta, one row per instance. */
  public INDArray logits(INDArray inputsWithBias) {
    checkWidth(inputsWithBias);
    return inputsWithBias.castTo(DataType.DOUBLE).mmul(parameters());
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
      gradient.addi(parameters().mul(penaltyMask).muli(l2));
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
      INDArray w = parameters().mul(penaltyMask);
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
    double[][] values = new double[numFeatures + 1][numClasses];
    for (int j = 0; j <= numFeatures; j++) {
      for (int c = 0; c < numClasses; c++) {
        values[j][c] = parameter(j, c);
      }
    }
    out.writeObject(values);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    double[][] values = (double[][]) in.readObject();
    // back in plain Java: a model read for prediction needs no ND4J
    plain = new double[(numFeatures + 1) * numClasses];
    for (int j = 0; j <= numFeatures; j++) {
      System.arraycopy(values[j], 0, plain, j * numClasses, numClasses);
    }
  }
}
