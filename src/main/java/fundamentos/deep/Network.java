package fundamentos.deep;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * A feed-forward network of {@link LayerSpec}s ending in a softmax output layer over the classes
 * (cross-entropy loss), built as a DL4J {@link MultiLayerNetwork} in single precision. DL4J only
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

  /** Checks the layers against the input shape and builds the initialised network. */
  public static MultiLayerNetwork build(List<LayerSpec> layers, Shape input, int numClasses,
      long seed) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("A classifier network needs at least two classes, not "
          + numClasses);
    }
    Shape shape = input;
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(seed)
        .dataType(DataType.FLOAT).updater(new NoOp()).weightInit(WeightInit.RELU)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        // keep each convolution's output for backprop: without a cache DL4J's ConvolutionLayer
        // computes the forward convolution again in backpropGradient
        .cacheMode(CacheMode.DEVICE)
        .list();
    InputType type = inputType(input);
    List<org.deeplearning4j.nn.conf.layers.Layer> built = new ArrayList<>();
    for (LayerSpec layer : layers) {
      layer.check(shape);
      org.deeplearning4j.nn.conf.layers.Layer dl4j = layer.toDl4j(shape);
      built.add(dl4j);
      list.layer(dl4j);
      // the shape after this layer, so the next one can check its input
      MultiLayerConfiguration partial = new NeuralNetConfiguration.Builder().list()
          .layer(dl4j).setInputType(type).build();
      type = partial.getLayerActivationTypes(type).get(0);
      shape = shape(type);
      if (shape.size() < 1) {
        throw new IllegalArgumentException("After " + layer.describe() + " nothing is left of the"
            + " input " + input + ": use fewer pooling layers, padding or smaller strides.");
      }
    }
    // cross-entropy with (all-one) class weights: DL4J then computes the gradient as
    // p * sum(y) - y, which stays exact when a row of one-hot labels is scaled by the instance's
    // weight (NetworkTrainer does that); the plain form p - y assumes rows summing to 1, and DL4J's
    // label masks scale the logits, not the loss
    list.layer(new OutputLayer.Builder(new LossMCXENT(Nd4j.ones(DataType.FLOAT, numClasses)))
        .activation(Activation.SOFTMAX).nOut(numClasses).build());
    MultiLayerConfiguration configuration = list.setInputType(inputType(input)).build();
    MultiLayerNetwork network = new MultiLayerNetwork(configuration);
    network.init();
    LayerHelpers.install(network);
    return network;
  }

  /** The output shape and trainable parameter count of every layer, the output layer last. */
  public static List<LayerSummary> summary(MultiLayerNetwork network, List<LayerSpec> layers,
      Shape input) {
    List<InputType> types = network.getLayerWiseConfigurations()
        .getLayerActivationTypes(inputType(input));
    List<LayerSummary> rows = new ArrayList<>();
    for (int i = 0; i < network.getnLayers(); i++) {
      String name = i < layers.size() ? layers.get(i).describe() : "softmax output";
      rows.add(new LayerSummary(name, shape(types.get(i)), trainableParameters(network, i)));
    }
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

  static InputType inputType(Shape shape) {
    return shape.spatial()
        ? InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels())
        : InputType.feedForward(shape.channels());
  }

  static Shape shape(InputType type) {
    if (type instanceof InputType.InputTypeConvolutional c) {
      return Shape.image(c.getChannels(), c.getHeight(), c.getWidth());
    }
    if (type instanceof InputType.InputTypeConvolutionalFlat c) {
      return Shape.image(c.getDepth(), c.getHeight(), c.getWidth());
    }
    return Shape.flat(type.arrayElementsPerExample());
  }
}
