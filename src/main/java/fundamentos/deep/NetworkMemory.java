package fundamentos.deep;

import fundamentos.memory.MemoryBudget;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * What training a {@link Network} will allocate, estimated from the layer shapes before anything
 * is allocated (single precision, 4 bytes a value):
 *
 * <ul>
 *   <li>parameters p, five times: the parameters, their gradient, two arrays of optimizer state
 *       (Adam's; the other rules keep fewer) and the best weights early stopping keeps;</li>
 *   <li>activations of one mini-batch of B examples: each layer's output three times (the value,
 *       its gradient, DL4J's cache); an encoder block keeps every intermediate of its SameDiff
 *       graph for the backward pass, about 14 T d + 2 T h values for T tokens of width d and an
 *       MLP of width h, plus 4 H T^2 for the attention scores of H heads (scores, scaled, masked,
 *       softmax), all twice (value and gradient).</li>
 * </ul>
 *
 * It is meant to be within a factor of about two of the measured peak (doc/memory.md), enough to
 * refuse absurd settings before ND4J fails with a native trace.
 */
public final class NetworkMemory {

  /** The estimate: trainable and other parameters, and off-heap bytes of one training step. */
  public record Estimate(long parameters, long activationsPerExample, long offHeapBytes) {
  }

  private static final long FLOAT = Float.BYTES;

  private NetworkMemory() {
  }

  /**
   * The estimate for training on mini-batches of {@code batch} examples of the given shape.
   *
   * @throws IllegalArgumentException when a layer does not fit its input (as {@link Network#build})
   */
  public static Estimate of(List<LayerSpec> layers, Shape input, int numClasses, int batch) {
    Shape shape = input;
    InputType type = Network.inputType(input);
    long parameters = 0;
    long activations = input.size();
    for (LayerSpec spec : layers) {
      spec.check(shape);
      // DL4J's own shape arithmetic and parameter count, on a configuration only (nothing is
      // allocated until a network is initialised)
      MultiLayerConfiguration partial = new NeuralNetConfiguration.Builder().list()
          .overrideNinUponBuild(false).layer(spec.toDl4j(shape)).setInputType(type).build();
      Layer layer = partial.getConf(0).getLayer();
      parameters = MemoryBudget.plus(parameters, layer.initializer().numParams(layer));
      type = partial.getLayerActivationTypes(type).get(0);
      Shape output = Network.shape(type);
      activations = MemoryBudget.plus(activations, MemoryBudget.times(3, output.size()),
          internal(layer));
      shape = output;
    }
    parameters = MemoryBudget.plus(parameters, MemoryBudget.times(shape.size() + 1, numClasses));
    activations = MemoryBudget.plus(activations, MemoryBudget.times(3, numClasses));
    long bytes = MemoryBudget.plus(MemoryBudget.times(5, parameters, FLOAT),
        MemoryBudget.times(batch, activations, FLOAT));
    return new Estimate(parameters, activations, bytes);
  }

  /** Values a layer keeps inside itself per example, beyond its output. */
  static long internal(Layer layer) {
    if (layer instanceof EncoderBlock block) {
      long t = block.getLength();
      long d = block.getModel();
      long tokens = MemoryBudget.plus(MemoryBudget.times(14, t, d),
          MemoryBudget.times(2, t, block.getHidden()));
      long attention = MemoryBudget.times(4, block.getHeads(), t, t);
      return MemoryBudget.times(2, MemoryBudget.plus(tokens, attention));
    }
    return 0;
  }
}
