package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.nd4j.Nd4jRuntime;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each hand-written single-precision layer on its own (one token source, one pooling, one block),
 * against its SameDiff graph: outputs and the gradient of every parameter, padding included. The
 * small networks keep each case quick (EncoderBlockTest runs the whole stacks).
 */
class HandWrittenLayersTest {

  @BeforeAll
  static void start() {
    Nd4jRuntime.setThreads(1);
  }

  /** Outputs and every gradient of the layers plus a softmax head, by SameDiff and by hand. */
  private static void compare(Supplier<List<Layer>> layers, long inputSize, float[] rows, int n,
      String what) {
    SmallNetworks.assertHandWrittenMatchesSameDiff(layers, inputSize, rows, n, true, true, what);
  }

  /**
   * The gradient with respect to the input that the token layer's backward pass returns for a
   * given output gradient g, against central differences of L = sum g . output. The layer is
   * called directly, so that padded inputs (step rows) are checked too, which compare cannot do
   * through DL4J's calculateGradients.
   */
  private static void inputGradient(TokenEmbedding embedding, float[] rows, int n, String what) {
    MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
        .dataType(DataType.FLOAT).list().overrideNinUponBuild(false).layer(embedding)
        .setInputType(InputType.feedForward(embedding.inputSize())).build());
    network.init();
    SmallNetworks.perturb(network);
    org.deeplearning4j.nn.api.Layer layer = network.getLayer(0);
    assertTrue(layer instanceof TokenEmbeddingLayer, what);
    INDArray x = Nd4j.create(rows, new long[] {n, rows.length / n}, 'c');
    layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
    INDArray out = layer.activate(false, LayerWorkspaceMgr.noWorkspaces());
    INDArray g = Nd4j.create(gaussian((int) out.length(), 9), out.shape(), 'c');
    double[] dx = layer.backpropGradient(g, LayerWorkspaceMgr.noWorkspaces()).getSecond().dup()
        .reshape(-1).toDoubleVector();
    assertEquals(rows.length, dx.length, what);
    // the layer is linear in its input: a large step loses nothing but float rounding
    double h = 0.25;
    double largest = 0;
    for (int i = 0; i < rows.length; i++) {
      float[] plus = rows.clone();
      float[] minus = rows.clone();
      plus[i] += (float) h;
      minus[i] -= (float) h;
      double numeric = (loss(layer, plus, n, g) - loss(layer, minus, n, g)) / (2 * h);
      assertEquals(numeric, dx[i], 1e-3 * (1 + Math.abs(numeric)), what + ": input " + i);
      largest = Math.max(largest, Math.abs(numeric));
    }
    assertTrue(largest > 0.1, what);
  }

  private static double loss(org.deeplearning4j.nn.api.Layer layer, float[] rows, int n,
      INDArray g) {
    layer.setInput(Nd4j.create(rows, new long[] {n, rows.length / n}, 'c'),
        LayerWorkspaceMgr.noWorkspaces());
    return layer.activate(false, LayerWorkspaceMgr.noWorkspaces()).castTo(DataType.DOUBLE)
        .mul(g.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
  }

  @Test
  void tokenLayersInputGradientMatchesCentralDifferences() {
    // steps: the presence flags (and so padded steps) get no gradient, they only make the mask
    inputGradient(TokenEmbedding.steps(3, 4, 8, true, false), steps(), 3, "steps");
    inputGradient(TokenEmbedding.patches(2, 4, 6, 2, 8, false, true), gaussian(3 * 48, 5), 3,
        "patches");
    float[] attributes = gaussian(3 * 4, 6);
    attributes[1] = 0;
    inputGradient(TokenEmbedding.attributes(new int[] {0, 1, 1, 2}, 8, true, false), attributes, 3,
        "attributes");
  }

  private static float[] gaussian(int size, long seed) {
    Random random = new Random(seed);
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }

  /** Three examples of four steps of three values and a presence flag: 4, 2 and 1 real steps. */
  private static float[] steps() {
    float[] steps = gaussian(3 * 16, 4);
    int[][] present = {{1, 1, 1, 1}, {1, 1, 0, 0}, {1, 0, 0, 0}};
    for (int e = 0; e < 3; e++) {
      for (int t = 0; t < 4; t++) {
        steps[e * 16 + t * 4 + 3] = present[e][t];
      }
    }
    return steps;
  }

  @Test
  void stepTokensWithClsAndANormalisedClsPooling() {
    compare(() -> List.of(TokenEmbedding.steps(3, 4, 8, true, false),
        new SequencePooling(8, 5, true, true)), 16, steps(), 3, "steps");
  }

  @Test
  void patchTokensWithLearnedPositionsAndMeanPooling() {
    compare(() -> List.of(TokenEmbedding.patches(2, 4, 6, 2, 8, false, true),
        new SequencePooling(8, 6, false, false)), 48, gaussian(3 * 48, 5), 3, "patches");
  }

  @Test
  void attributeTokensWithClsPooling() {
    float[] rows = gaussian(3 * 4, 6);
    rows[1] = 0; // a column of value 0 adds nothing to its token
    compare(() -> List.of(TokenEmbedding.attributes(new int[] {0, 1, 1, 2}, 8, true, false),
        new SequencePooling(8, 4, true, false)), 4, rows, 3, "attributes");
  }

  @Test
  void wordTokensWithPaddingAndNormalisedMeanPooling() {
    float[] words = {5, 3, 2, 1, 4, 6, 0, 0, 2, 0, 0, 0};
    compare(() -> {
      TokenEmbedding embedding = TokenEmbedding.words(7, 4, 8, false, true);
      return List.of(embedding.wordVectors(), embedding, new SequencePooling(8, 4, false, true));
    }, 4, words, 3, "words");
  }

  @Test
  void attributeAndWordTokens() {
    float[] attributes = gaussian(3 * 4, 7);
    float[] words = {5, 3, 2, 1, 4, 6, 0, 0, 2, 0, 0, 0};
    float[] mixed = SmallNetworks.attributesThenWords(attributes, words, 3);
    compare(() -> List.of(TokenEmbedding.attributesAndWords(new int[] {0, 1, 1, 2}, 7, 4, 8, true,
        true), new SequencePooling(8, 8, false, false)), 8, mixed, 3, "attributes and words");
  }

  private static void block(boolean preNorm, boolean gelu) {
    compare(() -> List.of(TokenEmbedding.steps(3, 4, 8, false, false),
        new EncoderBlock(8, 2, 6, 4, preNorm, gelu), new SequencePooling(8, 4, false, preNorm)),
        16, steps(), 3, (preNorm ? "pre" : "post") + "-norm block, " + (gelu ? "GELU" : "ReLU"));
  }

  @Test
  void postNormBlockWithRelu() {
    block(false, false);
  }

  @Test
  void postNormBlockWithGelu() {
    block(false, true);
  }

  @Test
  void preNormBlockWithRelu() {
    block(true, false);
  }

  @Test
  void preNormBlockWithGelu() {
    block(true, true);
  }

  /** Step rows of n examples of 4 steps; example e has 4 - e % 4 real steps. */
  private static float[] manySteps(int n) {
    float[] steps = gaussian(n * 16, 11);
    for (int e = 0; e < n; e++) {
      for (int t = 0; t < 4; t++) {
        steps[e * 16 + t * 4 + 3] = t < 4 - e % 4 ? 1 : 0;
      }
    }
    return steps;
  }

  /** More examples than one block of EncoderBlockLayer: three blocks, the last one short. */
  private static final int SEVERAL_BLOCKS = 2 * EncoderBlockLayer.EXAMPLES + 5;

  private static List<Layer> blockOfSteps(double dropout) {
    EncoderBlock block = new EncoderBlock(8, 2, 6, 4, true, true);
    block.setDropout(dropout);
    return List.of(TokenEmbedding.steps(3, 4, 8, false, false), block,
        new SequencePooling(8, 4, false, true));
  }

  /**
   * Patch tokens (2 x 4 x 6 images, 2 x 2 patches: six tokens, no padding, so the attention runs
   * interleaved) through a pre-norm block to normalised mean pooling.
   */
  private static List<Layer> blockOfPatches(double dropout) {
    EncoderBlock block = new EncoderBlock(8, 2, 6, 6, true, true);
    block.setDropout(dropout);
    return List.of(TokenEmbedding.patches(2, 4, 6, 2, 8, false, false), block,
        new SequencePooling(8, 6, false, true));
  }

  @Test
  void aMiniBatchOfSeveralBlocksOfExamplesMatchesSameDiff() {
    compare(() -> blockOfSteps(0), 16, manySteps(SEVERAL_BLOCKS), SEVERAL_BLOCKS,
        "three blocks of examples");
    compare(() -> blockOfPatches(0), 48, gaussian(SEVERAL_BLOCKS * 48, 13), SEVERAL_BLOCKS,
        "three blocks of examples, patches");
  }

  /**
   * The outputs and gradients of a training pass (dropout on) of several blocks of examples, on
   * one thread and on two: bit for bit the same (the blocks do not depend on the thread count,
   * their gradients are summed in block order, the dropout masks drawn before the blocks run).
   */
  @Test
  void severalBlocksOfExamplesGiveTheSameResultsOnAnyThreadCount() {
    sameOnAnyThreadCount(() -> blockOfSteps(0.2), 16, manySteps(SEVERAL_BLOCKS), "steps");
    sameOnAnyThreadCount(() -> blockOfPatches(0.2), 48, gaussian(SEVERAL_BLOCKS * 48, 13),
        "patches");
  }

  private static void sameOnAnyThreadCount(Supplier<List<Layer>> layers, int width, float[] rows,
      String what) {
    float[][] gradients = new float[2][];
    float[][] outputs = new float[2][];
    try {
      for (int run = 0; run < 2; run++) {
        Nd4jRuntime.setThreads(run + 1);
        MultiLayerNetwork network = SmallNetworks.withSoftmaxHead(layers.get(), width, 3);
        SmallNetworks.perturb(network);
        INDArray x = Nd4j.create(rows, new long[] {SEVERAL_BLOCKS, width}, 'c');
        float[][] y = new float[SEVERAL_BLOCKS][3];
        for (int i = 0; i < SEVERAL_BLOCKS; i++) {
          y[i][i % 3] = 1;
        }
        network.setLayerMaskArrays(Network.featureMask(network, x), null);
        network.setInput(x);
        network.setLabels(Nd4j.createFromArray(y));
        network.computeGradientAndScore();
        gradients[run] = network.getGradientsViewArray().toFloatVector();
        outputs[run] = network.output(x, false, Network.featureMask(network, x), null)
            .reshape(-1).toFloatVector();
      }
    } finally {
      Nd4jRuntime.setThreads(1);
    }
    assertArrayEquals(outputs[0], outputs[1], what + ": outputs, 1 and 2 threads");
    assertArrayEquals(gradients[0], gradients[1], what + ": gradients, 1 and 2 threads");
  }
}
