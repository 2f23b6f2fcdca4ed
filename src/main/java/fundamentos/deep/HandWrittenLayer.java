package fundamentos.deep;

import fundamentos.nd4j.Tensors;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J layer of the package's Transformer whose single-precision forward and backward passes are
 * written by hand on Java arrays (BLAS for the large matrix products), while its configuration,
 * parameters and double-precision runs stay DL4J's SameDiff layer: the SameDiff graph is the
 * reference that the tests compare the hand-written passes with (and gradient-check in double
 * precision). Dropout exists only in the hand-written passes (the SameDiff graph has no notion of
 * training), so the references are compared without it. SameDiff executes each of a layer's dozens of small ops natively with a fresh
 * result array, which cost most of a Transformer's training step on a CPU.
 */
abstract class HandWrittenLayer extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

  private static volatile boolean referenceOnly;
  private transient SplittableRandom random;

  HandWrittenLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /** Tests only: true makes every such layer run its SameDiff graph, also in single precision. */
  static void setReferenceOnly(boolean reference) {
    referenceOnly = reference;
  }

  /** On a GPU backend the SameDiff graph runs there; the hand-written passes are for the CPU. */
  private static final boolean CPU = LayerHelpers.cpuBackend();

  private boolean handWritten() {
    return dataType == DataType.FLOAT && !referenceOnly && CPU;
  }

  /**
   * The layer's output for its input and the token mask [N, T] (or null); {@code training} turns
   * dropout on.
   */
  protected abstract INDArray forward(INDArray input, float[] mask, boolean training,
      LayerWorkspaceMgr workspaceMgr);

  /**
   * The gradient with respect to the input (row-major, the input's shape) for the gradient of the
   * last forward pass's output; puts every parameter's gradient (row-major) in {@code gradients}.
   */
  protected abstract float[] backward(float[] dOut, Map<String, float[]> gradients);

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (!handWritten()) {
      return super.activate(training, workspaceMgr);
    }
    assertInputSet(false);
    return forward(input, maskArray == null ? null : values(maskArray.castTo(DataType.FLOAT)),
        training, workspaceMgr);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    if (!handWritten()) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    assertInputSet(true);
    Map<String, float[]> gradients = new HashMap<>();
    float[] dInput = backward(values(epsilon), gradients);
    Gradient gradient = new DefaultGradient();
    // a layer without parameters (pooling without a norm) has no gradient table
    Map<String, INDArray> views = gradTable == null ? Map.of() : gradTable;
    for (Map.Entry<String, INDArray> entry : views.entrySet()) {
      INDArray view = entry.getValue();
      float[] values = gradients.get(entry.getKey());
      if (Tensors.contiguous(view) == view) {
        Tensors.floats(view).put(values, 0, values.length);
      } else {
        view.assign(Nd4j.create(values, view.shape(), 'c'));
      }
      gradient.gradientForVariable().put(entry.getKey(), view);
    }
    return new Pair<>(gradient, output(workspaceMgr, ArrayType.ACTIVATION_GRAD, dInput,
        input.shape()));
  }

  /** This layer's dropout generator: seeded from the network's seed and the layer's index. */
  protected SplittableRandom random() {
    if (random == null) {
      random = new SplittableRandom(conf().getSeed() * 1_000_003L + getIndex());
    }
    return random;
  }

  /** A parameter's values, row-major. */
  protected float[] parameter(String name) {
    return values(paramTable.get(name));
  }

  /** An array's values, row-major. */
  protected static float[] values(INDArray array) {
    INDArray plain = Tensors.contiguous(array.dataType() == DataType.FLOAT ? array
        : array.castTo(DataType.FLOAT));
    float[] values = new float[(int) plain.length()];
    Tensors.floats(plain).get(values, 0, values.length);
    return values;
  }

  /** A new workspace array of the given shape holding the values (row-major). */
  protected static INDArray output(LayerWorkspaceMgr workspaceMgr, ArrayType type, float[] values,
      long... shape) {
    INDArray out = workspaceMgr.createUninitialized(type, DataType.FLOAT, shape, 'c');
    Tensors.floats(out).put(values, 0, values.length);
    return out;
  }

  /** [N, d, T] values to token rows [N*T, d]. */
  protected static float[] tokenRows(float[] sequence, int n, int d, int t) {
    return transposeEach(sequence, n, d, t);
  }

  /** Token rows [N*T, d] to [N, d, T] values. */
  protected static float[] sequence(float[] rows, int n, int d, int t) {
    return transposeEach(rows, n, t, d);
  }

  /**
   * Each of n row-major {@code rows x columns} matrices transposed, [n, rows, columns] to
   * [n, columns, rows]: DL4J's sequence layout and token rows are such transposes of each other.
   */
  private static float[] transposeEach(float[] matrices, int n, int rows, int columns) {
    float[] transposed = new float[matrices.length];
    transposeEach(matrices, 0, n, rows, columns, transposed, 0);
    return transposed;
  }

  /**
   * The same for the n matrices from {@code from} in {@code matrices}, written into
   * {@code transposed} from {@code to}.
   */
  protected static void transposeEach(float[] matrices, int from, int n, int rows, int columns,
      float[] transposed, int to) {
    for (int e = 0; e < n; e++) {
      for (int r = 0; r < rows; r++) {
        int at = from + (e * rows + r) * columns;
        int base = to + e * columns * rows + r;
        for (int c = 0; c < columns; c++) {
          transposed[base + c * rows] = matrices[at + c];
        }
      }
    }
  }
}
