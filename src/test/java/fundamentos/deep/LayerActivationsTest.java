package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.nd4j.Nd4jRuntime;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The activations of a hidden layer equal a forward pass by hand: dense layers with known weights,
 * the ReLU and max pooling the network runs in swapped order, and the pooled token of a transformer
 * with padded words, whose softmax through the output layer gives the network's own probabilities.
 */
class LayerActivationsTest {

  @BeforeAll
  static void start() {
    Nd4jRuntime.setThreads(1);
  }

  private static int[] identity(int n) {
    return java.util.stream.IntStream.range(0, n).toArray();
  }

  @Test
  void denseLayersWithKnownWeightsGiveTheHandForwardPass() {
    List<LayerSpec> layers = List.of(new DenseSpec(3, Activation.RELU),
        new DenseSpec(2, Activation.TANH));
    MultiLayerNetwork network = Network.build(layers, Shape.flat(4), 2, 1);
    // W1 (4 x 3), b1; W2 (3 x 2), b2; output W3 (2 x 2), b3
    float[][] w1 = {{0.5f, -1f, 0.25f}, {1f, 0.5f, -0.5f}, {-0.25f, 0.75f, 1f}, {0f, -0.5f, 0.5f}};
    float[] b1 = {0.1f, -0.2f, 0f};
    float[][] w2 = {{1f, -0.5f}, {0.5f, 0.25f}, {-1f, 0.75f}};
    float[] b2 = {0.05f, -0.1f};
    network.getLayer(0).setParam("W", Nd4j.createFromArray(w1));
    network.getLayer(0).setParam("b", Nd4j.createFromArray(new float[][] {b1}));
    network.getLayer(1).setParam("W", Nd4j.createFromArray(w2));
    network.getLayer(1).setParam("b", Nd4j.createFromArray(new float[][] {b2}));
    float[] x = {1f, 2f, -1f, 0.5f, -2f, 0.5f, 1f, 3f};
    int[] at = Network.executionIndex(layers);
    float[][] h1 = LayerActivations.of(network, at, 0, x, 2, 4);
    float[][] h2 = LayerActivations.of(network, at, 1, x, 2, 4);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        double z = b1[j];
        for (int k = 0; k < 4; k++) {
          z += x[i * 4 + k] * w1[k][j];
        }
        assertEquals(Math.max(z, 0), h1[i][j], 1e-6, "h1[" + i + "][" + j + "]");
      }
      for (int j = 0; j < 2; j++) {
        double z = b2[j];
        for (int k = 0; k < 3; k++) {
          z += h1[i][k] * w2[k][j];
        }
        assertEquals(Math.tanh(z), h2[i][j], 1e-6, "h2[" + i + "][" + j + "]");
      }
    }
    // some unit of the first layer is cut by the ReLU: the check above sees both branches
    assertTrue(h1[0][1] == 0 || h1[1][1] == 0 || h1[0][0] == 0 || h1[1][0] == 0
        || h1[0][2] == 0 || h1[1][2] == 0);
    assertSoftmaxOfFeaturesIsTheOutput(network, h2, x, 2, 4);
  }

  @Test
  void aReluBeforeMaxPoolingIsTakenBeforeThePooling() {
    List<LayerSpec> layers = List.of(new ConvolutionSpec(2, 3, 1, true, Activation.IDENTITY),
        new ActivationSpec(Activation.RELU), new PoolingSpec(true, 2, 2, false),
        new DenseSpec(3, Activation.RELU));
    Shape input = Shape.image(1, 4, 4);
    MultiLayerNetwork network = Network.build(layers, input, 2, 3);
    int[] at = Network.executionIndex(layers);
    assertArrayEquals(new int[] {0, 2, 1, 3}, at, "the pair runs swapped");
    float[] x = new float[3 * 16];
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[][] conv = LayerActivations.of(network, at, 0, x, 3, 16);
    float[][] relu = LayerActivations.of(network, at, 1, x, 3, 16);
    float[][] pool = LayerActivations.of(network, at, 2, x, 3, 16);
    assertEquals(2 * 4 * 4, relu[0].length);
    assertEquals(2 * 2 * 2, pool[0].length);
    boolean negative = false;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < conv[i].length; j++) {
        negative |= conv[i][j] < 0;
        assertEquals(Math.max(conv[i][j], 0f), relu[i][j], 0f);
      }
      // 2x2 max pooling of each channel of the ReLU's output, channels first
      for (int c = 0; c < 2; c++) {
        for (int r = 0; r < 2; r++) {
          for (int s = 0; s < 2; s++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int dr = 0; dr < 2; dr++) {
              for (int ds = 0; ds < 2; ds++) {
                max = Math.max(max, relu[i][c * 16 + (2 * r + dr) * 4 + 2 * s + ds]);
              }
            }
            assertEquals(max, pool[i][c * 4 + r * 2 + s], 1e-6f);
          }
        }
      }
    }
    assertTrue(negative, "the convolution gave no negative value to cut");
    assertSoftmaxOfFeaturesIsTheOutput(network, LayerActivations.of(network, at, 3, x, 3, 16), x,
        3, 16);
  }

  @Test
  void thePooledTokenOfPaddedWordsGivesTheNetworksProbabilities() {
    TokenEmbedding words = TokenEmbedding.words(6, 4, 8, false, false);
    MultiLayerNetwork network = SmallNetworks.withSoftmaxHead(
        SmallNetworks.transformer(words, 1, false, false, false), 4, 3);
    SmallNetworks.perturb(network);
    // word ids, 0 = padding: mean pooling must leave the padded tokens out
    float[] x = {2, 3, 0, 0, 4, 5, 2, 0, 1, 0, 0, 0};
    int hidden = network.getnLayers() - 1;
    float[][] pooled = LayerActivations.of(network, identity(hidden), hidden - 1, x, 3, 4);
    assertEquals(8, pooled[0].length);
    assertSoftmaxOfFeaturesIsTheOutput(network, pooled, x, 3, 4);
  }

  @Test
  void aLayerOutsideTheNetworkIsRefused() {
    List<LayerSpec> layers = List.of(new DenseSpec(3, Activation.RELU));
    MultiLayerNetwork network = Network.build(layers, Shape.flat(2), 2, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerActivations.of(network, new int[] {0}, 1, new float[2], 1, 2));
    assertTrue(e.getMessage().contains("hidden layers 1 to 1"), e.getMessage());
  }

  /** softmax(h W + b) of the output layer's weights equals the network's probabilities. */
  private static void assertSoftmaxOfFeaturesIsTheOutput(MultiLayerNetwork network, float[][] h,
      float[] x, int rows, int f) {
    int output = network.getnLayers() - 1;
    double[][] w = network.getLayer(output).getParam("W").toDoubleMatrix();
    double[] b = network.getLayer(output).getParam("b").toDoubleVector();
    double[][] p = Probabilities.of(network, x, rows, f);
    for (int i = 0; i < rows; i++) {
      double[] z = b.clone();
      for (int k = 0; k < z.length; k++) {
        for (int j = 0; j < h[i].length; j++) {
          z[k] += h[i][j] * w[j][k];
        }
      }
      double max = java.util.Arrays.stream(z).max().getAsDouble();
      double sum = 0;
      for (int k = 0; k < z.length; k++) {
        z[k] = Math.exp(z[k] - max);
        sum += z[k];
      }
      for (int k = 0; k < z.length; k++) {
        assertEquals(z[k] / sum, p[i][k], 1e-5, "row " + i + ", class " + k);
      }
    }
  }
}
