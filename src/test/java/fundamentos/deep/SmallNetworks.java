package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The small single-precision networks the deep tests build around the package's layers (a
 * softmax head on given layers, a transformer of embedding, blocks and pooling), and the check the
 * hand-written layers must pass on them: the same outputs and gradients as SameDiff's graphs. One
 * place, so that EncoderBlockTest, HandWrittenLayersTest and NetworkPartsTest build the same way.
 */
final class SmallNetworks {

  private SmallNetworks() {
  }

  /** The layers, then a softmax head of {@code classes} outputs; seed 5, no updater, initialised. */
  static MultiLayerNetwork withSoftmaxHead(List<Layer> layers, long inputSize, int classes) {
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(5)
        .dataType(DataType.FLOAT).updater(new NoOp()).list().overrideNinUponBuild(false);
    for (Layer layer : layers) {
      list.layer(layer);
    }
    list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
        .activation(Activation.SOFTMAX).nOut(classes).build());
    MultiLayerNetwork network = new MultiLayerNetwork(list
        .setInputType(InputType.feedForward(inputSize)).build());
    network.init();
    return network;
  }

  /**
   * A transformer's layers of width 8 (2 heads, MLP 6): the embedding (after its word vectors when
   * it reads words), {@code blocks} encoder blocks, and pooling (CLS token when {@code cls}).
   */
  static List<Layer> transformer(TokenEmbedding embedding, int blocks, boolean preNorm,
      boolean gelu, boolean cls) {
    long tokens = embedding.outputTokens();
    List<Layer> layers = new ArrayList<>();
    if (embedding.getSource() == TokenEmbedding.Source.WORDS) {
      layers.add(embedding.wordVectors());
    }
    layers.add(embedding);
    for (int b = 0; b < blocks; b++) {
      layers.add(new EncoderBlock(8, 2, 6, tokens, preNorm, gelu));
    }
    layers.add(new SequencePooling(8, tokens, cls, preNorm));
    return layers;
  }

  /**
   * Outputs and parameter gradients of the layers plus a 3-class softmax head on {@code n} rows,
   * computed by SameDiff (the reference) and by the hand-written kernels, agree: outputs within
   * 1e-5, gradients within 1e-4 of the largest. {@code perturb} first moves the parameters from
   * their initial values (zero biases, CLS tokens) the same way in both runs; {@code
   * inputGradients} also compares the gradient with respect to the input rows, where the input has
   * no padding (DL4J's calculateGradients takes no token mask).
   */
  static void assertHandWrittenMatchesSameDiff(Supplier<List<Layer>> layers, long inputSize,
      float[] rows, int n, boolean perturb, boolean inputGradients, String what) {
    double[][] outputs = new double[2][];
    double[][] gradients = new double[2][];
    double[][] inputGradient = new double[2][];
    for (int run = 0; run < 2; run++) {
      HandWrittenLayer.setReferenceOnly(run == 0);
      try {
        MultiLayerNetwork network = withSoftmaxHead(layers.get(), inputSize, 3);
        if (perturb) {
          perturb(network);
        }
        INDArray x = Nd4j.create(rows, new long[] {n, rows.length / n}, 'c');
        float[][] y = new float[n][3];
        for (int i = 0; i < n; i++) {
          y[i][i % 3] = 1;
        }
        network.setLayerMaskArrays(Network.featureMask(network, x), null);
        network.setInput(x);
        network.setLabels(Nd4j.createFromArray(y));
        network.computeGradientAndScore();
        gradients[run] = network.getGradientsViewArray().toDoubleVector();
        inputGradient[run] = !inputGradients || Network.featureMask(network, x) != null
            ? new double[0]
            : network.calculateGradients(x, Nd4j.createFromArray(y), null, null).getSecond().dup()
                .reshape(-1).toDoubleVector();
        outputs[run] = network.output(x, false, Network.featureMask(network, x), null)
            .reshape(-1).toDoubleVector();
      } finally {
        HandWrittenLayer.setReferenceOnly(false);
      }
    }
    for (int i = 0; i < outputs[0].length; i++) {
      assertEquals(outputs[0][i], outputs[1][i], 1e-5, what + ": output " + i);
    }
    double largest = Arrays.stream(gradients[0]).map(Math::abs).max().getAsDouble();
    assertTrue(largest > 0, what);
    for (int i = 0; i < gradients[0].length; i++) {
      assertEquals(gradients[0][i], gradients[1][i], 1e-4 * largest, what + ": gradient " + i);
    }
    double largestInput = Arrays.stream(inputGradient[0]).map(Math::abs).max().orElse(0);
    for (int i = 0; i < inputGradient[0].length; i++) {
      assertEquals(inputGradient[0][i], inputGradient[1][i], 1e-4 * largestInput + 1e-7,
          what + ": input gradient " + i);
    }
  }

  /**
   * Moves the parameters away from their initial values (zero biases, CLS tokens), the same way on
   * every call.
   */
  static void perturb(MultiLayerNetwork network) {
    INDArray params = network.params();
    Random random = new Random(17);
    for (long i = 0; i < params.length(); i++) {
      params.putScalar(i, params.getDouble(i) + 0.1 * random.nextGaussian());
    }
  }

  /**
   * The input rows of attributesAndWords embeddings: each example's attribute values, then its
   * word ids (as many of each per example as the arrays hold for {@code examples} examples).
   */
  static float[] attributesThenWords(float[] attributes, float[] words, int examples) {
    int a = attributes.length / examples;
    int w = words.length / examples;
    float[] rows = new float[examples * (a + w)];
    for (int e = 0; e < examples; e++) {
      System.arraycopy(attributes, e * a, rows, e * (a + w), a);
      System.arraycopy(words, e * w, rows, e * (a + w) + a, w);
    }
    return rows;
  }

  /**
   * The DL4J helper (the package's BatchNormHelper, say) a layer of the network holds, or null:
   * DL4J's public getter, which reads the field {@link Dl4jInternals} writes.
   */
  static Object helper(MultiLayerNetwork network, int layer) throws Exception {
    return network.getLayer(layer).getHelper();
  }
}
