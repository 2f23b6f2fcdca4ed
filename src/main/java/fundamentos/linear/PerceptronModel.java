package fundamentos.linear;

import fundamentos.nd4j.Nd4jRuntime;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The perceptron of the course's section 3.2 (Algorithm 1): one neuron with a sigmoid output,
 * <pre>
 *   z = w . x + b,    y^ = sigma(z) = 1 / (1 + exp(-z)),
 * </pre>
 * the probability of the second class, trained on targets y in {0, 1} with one of two losses per
 * example:
 * <pre>
 *   MSE:  l = (1/2) (y^ - y)^2,                      dl/dz = (y^ - y) y^ (1 - y^)
 *   BCE:  l = -[y log y^ + (1 - y) log(1 - y^)],     dl/dz = y^ - y
 * </pre>
 * (the chain rule through sigma'(z) = y^ (1 - y^); the factor 1/2 of the squared error makes its
 * derivative free of the constant 2). The gradient with respect to the weights and the bias is
 * dl/dw = dl/dz x and dl/db = dl/dz, and Algorithm 1's step is w <- w - eta dl/dw, b <- b - eta dl/db
 * (here any rule of {@code fundamentos.optim}, averaged over a mini-batch).
 *
 * <p>As in {@link SoftmaxModel}, the parameters are one (d + 1) x 1 column theta = [w; b], inputs
 * come with a trailing column of ones ({@link SoftmaxModel#withBias}), and the loss on a batch is the
 * weighted mean L = (1 / sum_i c_i) sum_i c_i l_i + (lambda / 2) ||w||^2 with gradient
 * [X 1]^T C delta / sum_i c_i + lambda [w; 0], delta_i = dl_i/dz_i.
 *
 * <p>The decision boundary y^ = 1/2 is the hyperplane w . x + b = 0: the perceptron separates two
 * classes by a line in the plane, so it learns AND and OR exactly and classifies at most three of
 * XOR's four points correctly.
 */
public final class PerceptronModel implements LinearModel, Serializable {

  private static final long serialVersionUID = 1L;

  /** The loss per example (the class comment gives both and their derivatives). */
  public enum Loss {
    /** Mean squared error, (1/2) (y^ - y)^2. */
    MSE,
    /** Binary cross-entropy, -[y log y^ + (1 - y) log(1 - y^)]. */
    BCE
  }

  /** The standard deviation of the random start of each weight and of the bias. */
  public static final double INITIAL_SCALE = 0.01;

  private final int numFeatures;
  private final Loss loss;
  /** The parameters on ND4J, made the first time ND4J work needs them; null until then. */
  private transient INDArray theta;
  /** The parameters as plain doubles while {@link #theta} is null (a model read back from a file). */
  private transient double[] plain;

  /**
   * A model whose weights and bias are drawn from N(0, {@value #INITIAL_SCALE}^2) (Algorithm 1
   * starts from small random weights).
   */
  public PerceptronModel(int numFeatures, Loss loss, Random random) {
    this(numFeatures, loss, randomStart(numFeatures, random));
  }

  private PerceptronModel(int numFeatures, Loss loss, double[] values) {
    if (numFeatures < 0) {
      throw new IllegalArgumentException("no negative feature count");
    }
    if (values.length != numFeatures + 1) {
      throw new IllegalArgumentException("parameters must be " + (numFeatures + 1) + " values, not "
          + values.length);
    }
    this.numFeatures = numFeatures;
    this.loss = loss;
    this.plain = values.clone();
  }

  /** A model with the given parameters [w_1 .. w_d, b], held in plain Java. */
  public static PerceptronModel ofParameters(int numFeatures, Loss loss, double[] values) {
    return new PerceptronModel(numFeatures, loss, values);
  }

  private static double[] randomStart(int numFeatures, Random random) {
    double[] values = new double[Math.max(0, numFeatures) + 1];
    for (int j = 0; j < values.length; j++) {
      values[j] = INITIAL_SCALE * random.nextGaussian();
    }
    return values;
  }

  public int numFeatures() {
    return numFeatures;
  }

  public Loss lossFunction() {
    return loss;
  }

  /** The live (d + 1) x 1 parameter column [w; b]; update rules change it. */
  @Override
  public INDArray parameters() {
    if (theta == null) {
      Nd4jRuntime.start();
      // outside any workspace: a trainer's first step may ask for them inside its own
      try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        theta = Nd4j.create(plain, new long[] {numFeatures + 1, 1}, DataType.DOUBLE);
      }
      plain = null;
    }
    return theta;
  }

  /** w_j, or the bias b for j = numFeatures. */
  public double parameter(int j) {
    return theta == null ? plain[j] : theta.getDouble(j, 0);
  }

  @Override
  public void setParameters(INDArray values) {
    if (values.length() != numFeatures + 1) {
      throw new IllegalArgumentException("parameters must be " + (numFeatures + 1) + " values");
    }
    parameters().assign(values.reshape(numFeatures + 1, 1));
  }

  /** sigma(z), computed without overflow for any z. */
  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }

  /** The loss l of one example with pre-activation z and target y (the class comment's forms). */
  public static double loss(Loss loss, double z, double y) {
    if (loss == Loss.MSE) {
      double r = sigmoid(z) - y;
      return 0.5 * r * r;
    }
    // -[y log sigma(z) + (1 - y) log(1 - sigma(z))] = log(1 + exp(z)) - y z, stable for any z
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;
  }

  /** dl/dz of one example: (y^ - y) y^ (1 - y^) for MSE, y^ - y for BCE. */
  public static double lossDerivative(Loss loss, double z, double y) {
    double p = sigmoid(z);
    return loss == Loss.MSE ? (p - y) * p * (1 - p) : p - y;
  }

  /** y^ = sigma(w . x + b) of encoded rows (without the bias column), in plain Java. */
  public double[] outputs(double[][] rows) {
    double[] values = theta == null ? plain : theta.toDoubleVector();
    double[] result = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != numFeatures) {
        throw new IllegalArgumentException("rows need " + numFeatures + " columns, not " + rows[i].length);
      }
      double z = values[numFeatures];
      for (int j = 0; j < numFeatures; j++) {
        z += values[j] * rows[i][j];
      }
      result[i] = sigmoid(z);
    }
    return result;
  }

  /** The pre-activations z = [X 1] theta, an n x 1 column. */
  public INDArray preActivations(INDArray inputsWithBias) {
    if (inputsWithBias.columns() != numFeatures + 1) {
      throw new IllegalArgumentException("inputs need " + (numFeatures + 1)
          + " columns (features and the bias column), not " + inputsWithBias.columns());
    }
    return inputsWithBias.castTo(DataType.DOUBLE).mmul(parameters());
  }

  /**
   * The gradient of the class comment's L on a batch, [X 1]^T C delta / totalWeight + lambda [w; 0].
   *
   * @param targets the n x 1 targets y in {0, 1}
   */
  @Override
  public INDArray gradient(INDArray inputsWithBias, INDArray targets, INDArray weights, double totalWeight,
      double l2) {
    INDArray p = Transforms.sigmoid(preActivations(inputsWithBias), false);
    INDArray delta = p.sub(targets);
    if (loss == Loss.MSE) {
      // (y^ - y) y^ (1 - y^)
      delta.muli(p).muli(p.rsub(1.0));
    }
    if (weights != null) {
      delta.muli(weights);
    }
    INDArray gradient = inputsWithBias.transpose().mmul(delta).divi(totalWeight);
    if (l2 > 0) {
      INDArray penalty = parameters().mul(l2);
      penalty.putScalar(numFeatures, 0, 0.0);
      gradient.addi(penalty);
    }
    return gradient;
  }

  /** The class comment's L: weighted mean loss per example plus the penalty. */
  @Override
  public double loss(INDArray inputsWithBias, INDArray targets, INDArray weights, double l2) {
    INDArray z = preActivations(inputsWithBias);
    INDArray perRow;
    if (loss == Loss.MSE) {
      INDArray r = Transforms.sigmoid(z, true).subi(targets);
      perRow = r.muli(r).muli(0.5);
    } else {
      // max(z, 0) + log(1 + exp(-|z|)) - y z
      INDArray softplus = Transforms.log(Transforms.exp(Transforms.abs(z, true).negi(), false).addi(1.0), false)
          .addi(Transforms.relu(z, true));
      perRow = softplus.subi(targets.mul(z));
    }
    double weightedSum = weights.transpose().mmul(perRow).getDouble(0);
    double total = Nd4j.ones(DataType.DOUBLE, 1, weights.rows()).mmul(weights).getDouble(0);
    double result = weightedSum / total;
    if (l2 > 0 && numFeatures > 0) {
      double squares = 0;
      for (int j = 0; j < numFeatures; j++) {
        squares += parameter(j) * parameter(j);
      }
      result += 0.5 * l2 * squares;
    }
    return result;
  }

  /**
   * Where the line a x + b y + c = 0 crosses the box [xMin, xMax] x [yMin, yMax]: its two end points
   * {{x0, y0}, {x1, y1}}, or null when it misses the box (or a = b = 0). The decision line of a
   * perceptron on two inputs is w_1 x + w_2 y + b = 0.
   */
  public static double[][] lineInBox(double a, double b, double c, double xMin, double xMax,
      double yMin, double yMax) {
    java.util.List<double[]> points = new java.util.ArrayList<>();
    if (b != 0) {
      for (double x : new double[] {xMin, xMax}) {
        double y = -(a * x + c) / b;
        if (y >= yMin && y <= yMax) {
          points.add(new double[] {x, y});
        }
      }
    }
    if (a != 0) {
      for (double y : new double[] {yMin, yMax}) {
        double x = -(b * y + c) / a;
        if (x > xMin && x < xMax) {
          points.add(new double[] {x, y});
        }
      }
    }
    if (points.size() < 2) {
      return null;
    }
    // the two points farthest apart (a corner may be found twice)
    double[][] best = null;
    double longest = -1;
    for (int i = 0; i < points.size(); i++) {
      for (int j = i + 1; j < points.size(); j++) {
        double dx = points.get(i)[0] - points.get(j)[0];
        double dy = points.get(i)[1] - points.get(j)[1];
        if (dx * dx + dy * dy > longest) {
          longest = dx * dx + dy * dy;
          best = new double[][] {points.get(i), points.get(j)};
        }
      }
    }
    return best;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    // INDArrays are not reliably Java-serializable: store the parameters as plain doubles
    double[] values = new double[numFeatures + 1];
    for (int j = 0; j <= numFeatures; j++) {
      values[j] = parameter(j);
    }
    out.writeObject(values);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    plain = (double[]) in.readObject();
  }
}
