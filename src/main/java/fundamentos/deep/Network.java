package fundamentos.deep;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * A feed-forward network of {@link LayerSpec}s ending in a softmax output layer over the classes
 * (cross-entropy loss, or the squared error of section 3.3.1, {@link OutputLoss}), built as a DL4J
 * {@link MultiLayerNetwork} in single precision. DL4J only
 * computes activations and gradients here: the parameters are updated by {@code fundamentos.optim}
 * (see {@link NetworkTrainer}), so DL4J's own updater is a no-op.
 */
public final class Network {

  /** One row of the summary: the layer, the shape of its output and its trainable parameters. */
  public record LayerSummary(String layer, Shape output, long parameters)
      implements java.io.Serializable {
  }

  private Network() {
  }

  /**
   * The loss on the softmax output p = softmax(z) of one example with one-hot target y.
   * CROSS_ENTROPY: l = -sum_k y_k log p_k, dl/dz = p - y. SQUARED_ERROR (the course's MSE on the
   * output activations, section 3.3.1): l = (1/2) sum_k (p_k - y_k)^2, dl/dp = p - y and, through
   * the softmax's Jacobian dp_k/dz_j = p_k (delta_kj - p_j),
   * dl/dz_j = p_j ((p_j - y_j) - sum_k p_k (p_k - y_k)).
   */
  public enum OutputLoss {
    CROSS_ENTROPY,
    SQUARED_ERROR
  }

  /** Checks the layers against the input shape and builds the initialised network. */
  public static MultiLayerNetwork build(List<LayerSpec> layers, Shape input, int numClasses,
      long seed) {
    return build(layers, input, numClasses, seed, true, OutputLoss.CROSS_ENTROPY);
  }

  /** As {@link #build}, with the given loss on the softmax output. */
  public static MultiLayerNetwork build(List<LayerSpec> layers, Shape input, int numClasses,
      long seed, OutputLoss loss) {
    return build(layers, input, numClasses, seed, true, loss);
  }

  /** As {@link #build}; reorder false keeps the layers' order (tests compare both). */
  static MultiLayerNetwork build(List<LayerSpec> layers, Shape input, int numClasses, long seed,
      boolean reorder) {
    return build(layers, input, numClasses, seed, reorder, OutputLoss.CROSS_ENTROPY);
  }

  private static MultiLayerNetwork build(List<LayerSpec> layers, Shape input, int numClasses,
      long seed, boolean reorder, OutputLoss loss) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("A classifier network needs at least two classes, not "
          + numClasses);
    }
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(seed)
        // He initialisation for ReLU networks (normal, variance 2 / fan-in), biases zero. Each
        // DL4J layer object is made once, here, so this default reaches every layer (an earlier
        // version passed them through a throw-away configuration first, whose default, Xavier,
        // stuck to the hidden layers)
        .dataType(DataType.FLOAT).updater(new NoOp()).weightInit(WeightInit.RELU)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        // keep each convolution's output for backprop: without a cache DL4J's ConvolutionLayer
        // computes the forward convolution again in backpropGradient
        .cacheMode(CacheMode.DEVICE)
        .list()
        // every layer's input width comes from its spec or its input type; DL4J's default would
        // also overwrite a word-vector table's vocabulary size with the number of ids per row
        .overrideNinUponBuild(false);
    List<Shape> inputs = inputShapes(layers, input);
    int[] at = reorder ? executionIndex(layers)
        : java.util.stream.IntStream.range(0, layers.size()).toArray();
    LayerSpec[] executed = new LayerSpec[layers.size()];
    Shape[] executedInputs = new Shape[layers.size()];
    for (int i = 0; i < layers.size(); i++) {
      executed[at[i]] = layers.get(i);
      executedInputs[at[i]] = inputs.get(i);
    }
    for (int j = 0; j < executed.length; j++) {
      list.layer(executed[j].toDl4j(executedInputs[j]));
    }
    // cross-entropy with (all-one) class weights: DL4J then computes the gradient as
    // p * sum(y) - y, which stays exact when a row of one-hot labels is scaled by the instance's
    // weight (NetworkTrainer does that); the plain form p - y assumes rows summing to 1, and DL4J's
    // label masks scale the logits, not the loss
    // the squared error (1/2) ||p - y||^2 takes the instance weight from the label row as the
    // cross-entropy does (WeightedSquaredError), so that NetworkTrainer treats both alike
    ILossFunction lossFunction = loss == OutputLoss.SQUARED_ERROR ? new WeightedSquaredError()
        : new LossMCXENT(Nd4j.ones(DataType.FLOAT, numClasses));
    list.layer(new OutputLayer.Builder(lossFunction)
        .activation(Activation.SOFTMAX).nOut(numClasses).build());
    MultiLayerConfiguration configuration = list.setInputType(inputType(input)).build();
    MultiLayerNetwork network = new MultiLayerNetwork(configuration);
    network.init();
    LayerHelpers.install(network);
    return network;
  }

  /** The loss the network's output layer was built with (saved networks keep it). */
  public static OutputLoss outputLoss(MultiLayerNetwork network) {
    org.deeplearning4j.nn.conf.layers.Layer output = network.getOutputLayer().conf().getLayer();
    return output instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer base
        && base.getLossFn() instanceof WeightedSquaredError ? OutputLoss.SQUARED_ERROR
        : OutputLoss.CROSS_ENTROPY;
  }

  /**
   * The input shape of every layer (and, last, the output shape of the last one), checking that
   * each layer fits the shape it gets.
   */
  private static List<Shape> inputShapes(List<LayerSpec> layers, Shape input) {
    List<Shape> shapes = new ArrayList<>();
    Shape shape = input;
    InputType type = inputType(input);
    shapes.add(shape);
    for (LayerSpec layer : layers) {
      layer.check(shape);
      // DL4J's own shape arithmetic, so the shapes are those of the built network
      MultiLayerConfiguration partial = new NeuralNetConfiguration.Builder().list()
          .overrideNinUponBuild(false)
          .layer(layer.toDl4j(shape)).setInputType(type).build();
      type = partial.getLayerActivationTypes(type).get(0);
      shape = shape(type);
      if (shape.size() < 1) {
        throw new IllegalArgumentException("After " + layer.describe() + " nothing is left of the"
            + " input " + input + ": use fewer pooling layers, padding or smaller strides.");
      }
      shapes.add(shape);
    }
    return shapes;
  }

  /**
   * Where each layer runs in the DL4J network: in the given order, except that a ReLU directly
   * followed by a max pooling runs after it. The two commute exactly, max(relu(x)) = relu(max(x))
   * for the non-decreasing ReLU, and so do their gradients (both route a window's gradient to its
   * first maximum, and ReLU's derivative is 0 where that maximum is not positive); after the
   * pooling the ReLU touches a quarter of the values (course convnet: 14x14 instead of 28x28),
   * which saved about a twentieth of a training step.
   */
  public static int[] executionIndex(List<LayerSpec> layers) {
    int[] at = new int[layers.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = i;
    }
    for (int i = 0; i + 1 < at.length; i++) {
      if (layers.get(i) instanceof ActivationSpec a && a.activation() == Activation.RELU
          && layers.get(i + 1) instanceof PoolingSpec pool && pool.max()) {
        at[i] = i + 1;
        at[i + 1] = i;
        i++;
      }
    }
    return at;
  }

  /** The output shape and trainable parameter count of every layer, the output layer last. */
  public static List<LayerSummary> summary(MultiLayerNetwork network, List<LayerSpec> layers,
      Shape input) {
    List<Shape> shapes = inputShapes(layers, input);
    int[] at = executionIndex(layers);
    List<LayerSummary> rows = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      rows.add(new LayerSummary(layers.get(i).describe(), shapes.get(i + 1),
          trainableParameters(network, at[i])));
    }
    int output = network.getnLayers() - 1;
    rows.add(new LayerSummary("softmax output", Shape.flat(network.getLayer(output).getParam("b")
        .length()), trainableParameters(network, output)));
    return rows;
  }

  /**
   * The parameters gradient descent changes in layer i: all of DL4J's except batch normalisation's
   * running mean and variance, which are statistics (PyTorch's "buffers").
   */
  public static long trainableParameters(MultiLayerNetwork network, int i) {
    long count = 0;
    for (var entry : network.getLayer(i).paramTable().entrySet()) {
      if (!isRunningStatistic(entry.getKey())) {
        count += entry.getValue().length();
      }
    }
    return count;
  }

  /** Whether a DL4J parameter key names batch normalisation's running mean or variance. */
  static boolean isRunningStatistic(String key) {
    return key.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
        || key.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
        || key.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
  }

  /**
   * Which input tokens are real, [N, tokens], for a network that starts with a {@link
   * TokenEmbedding} of padded sequences (words, sequence steps); null otherwise.
   */
  public static INDArray featureMask(MultiLayerNetwork network, INDArray rows) {
    // the token layer comes first, or second after the word-vector table
    for (int i = 0; i < Math.min(2, network.getnLayers()); i++) {
      if (network.getLayer(i).conf().getLayer() instanceof TokenEmbedding tokens) {
        return tokens.mask(rows);
      }
    }
    return null;
  }

  /**
   * Whether a parameter is a weight matrix (or embedding table) that weight decay applies to: DL4J's
   * "W", or what a SameDiff layer declared as a weight.
   */
  static boolean isWeightMatrix(MultiLayerNetwork network, int layer, String name) {
    var configuration = network.getLayer(layer).conf().getLayer();
    if (configuration instanceof AbstractSameDiffLayer sameDiff) {
      return sameDiff.getLayerParams().getWeightParameterKeys().contains(name);
    }
    return name.equals("W");
  }

  static InputType inputType(Shape shape) {
    return switch (shape.kind()) {
      case IMAGE -> InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels());
      case SEQUENCE -> InputType.recurrent(shape.channels(), shape.width());
      case FLAT -> InputType.feedForward(shape.channels());
    };
  }

  static Shape shape(InputType type) {
    if (type instanceof InputType.InputTypeConvolutional c) {
      return Shape.image(c.getChannels(), c.getHeight(), c.getWidth());
    }
    if (type instanceof InputType.InputTypeConvolutionalFlat c) {
      return Shape.image(c.getDepth(), c.getHeight(), c.getWidth());
    }
    if (type instanceof InputType.InputTypeRecurrent r) {
      return Shape.sequence(r.getSize(), r.getTimeSeriesLength());
    }
    return Shape.flat(type.arrayElementsPerExample());
  }
}
