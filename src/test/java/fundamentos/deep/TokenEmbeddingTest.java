package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.nd4j.Nd4jRuntime;
import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Token sources, pooling and padding masks of the Transformer's layers, on small tensors. */
class TokenEmbeddingTest {

  private static final int D = 4;

  @BeforeAll
  static void start() {
    Nd4jRuntime.setThreads(1);
  }

  /** Embedding layer alone (double precision) with non-trivial parameters. */
  private static MultiLayerNetwork alone(TokenEmbedding embedding) {
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3)
        .dataType(DataType.DOUBLE).list().overrideNinUponBuild(false);
    for (Layer layer : layers(embedding)) {
      list.layer(layer);
    }
    MultiLayerNetwork network = new MultiLayerNetwork(list
        .setInputType(InputType.feedForward(embedding.inputSize())).build());
    network.init();
    INDArray params = network.params();
    params.addi(Nd4j.rand(DataType.DOUBLE, params.shape()).subi(0.5));
    return network;
  }

  /** The token layer, after the word-vector table for words. */
  private static List<Layer> layers(TokenEmbedding embedding) {
    return embedding.getSource() == TokenEmbedding.Source.WORDS
        ? List.of(embedding.wordVectors(), embedding) : List.of(embedding);
  }

  private static double pe(int pos, int j) {
    return PositionalEncoding.sinusoidal(pos + 1, D)[pos * D + j];
  }

  @Test
  void theAutomaticPatchIsTheCoarsestThatGivesSixteenPatches() {
    // 8x8 digits: 2x2 patches (16); 28x28 Fashion-MNIST: 7x7 (16, not 14x14's 4); 32x32: 8x8
    assertEquals(2, TokenEmbedding.coarsestPatch(8, 8, 16));
    assertEquals(7, TokenEmbedding.coarsestPatch(28, 28, 16));
    assertEquals(8, TokenEmbedding.coarsestPatch(32, 32, 16));
    // 24x36 (common divisors 1, 2, 3, 4, 6, 12): 6x6 gives 4x6 = 24 patches, 12x12 only 2x3
    assertEquals(6, TokenEmbedding.coarsestPatch(24, 36, 16));
    // a 28x28 image needs 7x7 patches for 16 tokens but 4x4 ones for 49
    assertEquals(4, TokenEmbedding.coarsestPatch(28, 28, 49));
    // too small for 16 patches of any size, or sides with no common divisor: single pixels
    assertEquals(1, TokenEmbedding.coarsestPatch(3, 3, 16));
    assertEquals(1, TokenEmbedding.coarsestPatch(13, 17, 16));
    assertThrows(IllegalArgumentException.class, () -> TokenEmbedding.coarsestPatch(0, 8, 16));
  }

  @Test
  void patchesAreProjectedRowMajorWithClsAndSinusoidalPositions() {
    // a 1x4x4 image in 2x2 patches: 4 tokens, after the CLS token
    TokenEmbedding embedding = TokenEmbedding.patches(1, 4, 4, 2, D, true, false);
    MultiLayerNetwork network = alone(embedding);
    double[] image = new double[16];
    for (int i = 0; i < 16; i++) {
      image[i] = i * 0.1 - 0.7;
    }
    INDArray out = network.output(Nd4j.createFromArray(new double[][] {image}));
    double[][] e = network.getLayer(0).getParam("E").toDoubleMatrix();
    double[] bias = network.getLayer(0).getParam("e").toDoubleVector();
    double[] cls = network.getLayer(0).getParam("cls").toDoubleVector();
    assertEquals(List.of(1L, (long) D, 5L), List.of(out.size(0), out.size(1), out.size(2)));
    for (int j = 0; j < D; j++) {
      assertEquals(cls[j] + pe(0, j), out.getDouble(0, j, 0), 1e-6, "CLS token");
    }
    for (int pr = 0; pr < 2; pr++) {
      for (int pc = 0; pc < 2; pc++) {
        int token = 1 + pr * 2 + pc;
        for (int j = 0; j < D; j++) {
          double expected = bias[j] + pe(token, j);
          for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
              expected += image[(pr * 2 + r) * 4 + pc * 2 + c] * e[r * 2 + c][j];
            }
          }
          assertEquals(expected, out.getDouble(0, j, token), 1e-6, "patch " + pr + "," + pc);
        }
      }
    }
  }

  @Test
  void attributeTokensScaleADirectionOrPickANominalVector() {
    // columns: numeric a0, nominal a1 (two one-hot columns), numeric a2; learned positions
    TokenEmbedding embedding = TokenEmbedding.attributes(new int[] {0, 1, 1, 2}, D, false, true);
    MultiLayerNetwork network = alone(embedding);
    double[] row = {1.5, 0, 1, -2};
    INDArray out = network.output(Nd4j.createFromArray(new double[][] {row}));
    double[][] e = network.getLayer(0).getParam("E").toDoubleMatrix();
    double[][] bias = network.getLayer(0).getParam("e").toDoubleMatrix();
    double[][] positions = network.getLayer(0).getParam("P").toDoubleMatrix();
    for (int j = 0; j < D; j++) {
      assertEquals(1.5 * e[0][j] + bias[0][j] + positions[0][j], out.getDouble(0, j, 0), 1e-9);
      assertEquals(e[2][j] + bias[1][j] + positions[1][j], out.getDouble(0, j, 1), 1e-9);
      assertEquals(-2 * e[3][j] + bias[2][j] + positions[2][j], out.getDouble(0, j, 2), 1e-9);
    }
  }

  @Test
  void wordsAreLookedUpAndPaddingIsMasked() {
    TokenEmbedding embedding = TokenEmbedding.words(7, 4, D, true, false);
    MultiLayerNetwork network = alone(embedding);
    INDArray ids = Nd4j.createFromArray(new double[][] {{5, 3, 0, 0}, {1, 2, 6, 4}});
    INDArray out = network.output(ids);
    double[][] e = network.getLayer(0).getParam("W").toDoubleMatrix();
    double[] cls = network.getLayer(1).getParam("cls").toDoubleVector();
    for (int j = 0; j < D; j++) {
      assertEquals(cls[j] + pe(0, j), out.getDouble(0, j, 0), 1e-6);
      assertEquals(e[5][j] + pe(1, j), out.getDouble(0, j, 1), 1e-6);
      assertEquals(e[4][j] + pe(4, j), out.getDouble(1, j, 4), 1e-6);
    }
    assertEquals(Nd4j.createFromArray(new double[][] {{1, 1, 0, 0}, {1, 1, 1, 1}}),
        embedding.mask(ids));
  }

  @Test
  void attributesAndWordsShareOneSequence() {
    TokenEmbedding embedding = TokenEmbedding.attributesAndWords(new int[] {0, 1, 1}, 6, 3, D,
        false, false);
    MultiLayerNetwork network = alone(embedding);
    INDArray rows = Nd4j.createFromArray(new double[][] {{0.5, 1, 0, 4, 2, 0}});
    INDArray out = network.output(rows);
    double[][] e = network.getLayer(0).getParam("E").toDoubleMatrix();
    double[][] bias = network.getLayer(0).getParam("e").toDoubleMatrix();
    double[][] words = network.getLayer(0).getParam("V").toDoubleMatrix();
    for (int j = 0; j < D; j++) {
      assertEquals(0.5 * e[0][j] + bias[0][j] + pe(0, j), out.getDouble(0, j, 0), 1e-6);
      assertEquals(e[1][j] + bias[1][j] + pe(1, j), out.getDouble(0, j, 1), 1e-6);
      assertEquals(words[4][j] + pe(2, j), out.getDouble(0, j, 2), 1e-6);
      assertEquals(words[2][j] + pe(3, j), out.getDouble(0, j, 3), 1e-6);
    }
    assertEquals(Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 0}}), embedding.mask(rows));
  }

  @Test
  void aPatchSizeThatDoesNotDivideTheImageIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TokenEmbedding.patches(1, 28, 28, 5, D, true, false));
    assertTrue(e.getMessage().contains("does not divide"), e.getMessage());
  }

  /** Embedding, one encoder block, pooling and a softmax head in double precision. */
  private static MultiLayerNetwork stack(TokenEmbedding embedding, boolean preNorm, boolean cls,
      long seed) {
    long tokens = embedding.outputTokens();
    List<Layer> layers = new java.util.ArrayList<>(layers(embedding));
    layers.add(new EncoderBlock(D, 2, 6, tokens, preNorm, true));
    layers.add(new SequencePooling(D, tokens, cls, preNorm));
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(seed)
        .dataType(DataType.DOUBLE).updater(new NoOp()).list()
        .overrideNinUponBuild(false);
    for (Layer layer : layers) {
      list.layer(layer);
    }
    list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
        .activation(Activation.SOFTMAX).nOut(2).build());
    MultiLayerNetwork network = new MultiLayerNetwork(list
        .setInputType(InputType.feedForward(embedding.inputSize())).build());
    network.init();
    return network;
  }

  private static INDArray predict(MultiLayerNetwork network, INDArray rows) {
    return network.output(rows, false, Network.featureMask(network, rows), null);
  }

  @Test
  void paddedWordsChangeNothing() {
    // mean pooling over "5 3" padded to four tokens equals the same words unpadded
    MultiLayerNetwork padded = stack(TokenEmbedding.words(7, 4, D, false, false), false, false, 5);
    MultiLayerNetwork exact = stack(TokenEmbedding.words(7, 2, D, false, false), false, false, 5);
    exact.setParams(padded.params());
    INDArray a = predict(padded, Nd4j.createFromArray(new double[][] {{5, 3, 0, 0}}));
    INDArray b = predict(exact, Nd4j.createFromArray(new double[][] {{5, 3}}));
    assertEquals(b.getDouble(0, 0), a.getDouble(0, 0), 1e-9);
    assertTrue(Math.abs(a.getDouble(0, 0) - 0.5) > 1e-6, "the network is not trivial");
  }

  @Test
  void paddedStepsChangeNothing() {
    for (boolean cls : new boolean[] {false, true}) {
      MultiLayerNetwork network = stack(TokenEmbedding.steps(2, 3, D, cls, false), true, cls, 9);
      // three steps of two values and a presence flag; the last step is padding
      INDArray one = Nd4j.createFromArray(new double[][] {{0.5, -1, 1, 2, 0.3, 1, 0, 0, 0}});
      INDArray other = Nd4j.createFromArray(new double[][] {{0.5, -1, 1, 2, 0.3, 1, 9, -7, 0}});
      assertEquals(predict(network, one).getDouble(0, 1), predict(network, other).getDouble(0, 1),
          1e-9, cls ? "CLS" : "mean");
      INDArray real = Nd4j.createFromArray(new double[][] {{0.5, -1, 1, 2, 0.3, 1, 9, -7, 1}});
      assertTrue(Math.abs(predict(network, one).getDouble(0, 1)
          - predict(network, real).getDouble(0, 1)) > 1e-9, "a real third step does count");
    }
  }

  /** Backpropagation through every token source, masks included, against finite differences. */
  @Test
  void gradientsMatchFiniteDifferences() {
    List<TokenEmbedding> sources = List.of(
        TokenEmbedding.patches(1, 4, 4, 2, D, true, false),
        TokenEmbedding.attributes(new int[] {0, 1, 1, 2}, D, false, true),
        TokenEmbedding.words(6, 3, D, true, true),
        TokenEmbedding.steps(2, 3, D, false, false),
        TokenEmbedding.attributesAndWords(new int[] {0, 1, 1}, 6, 3, D, true, false));
    INDArray[] inputs = {
        Nd4j.rand(DataType.DOUBLE, 2, 16).subi(0.5),
        Nd4j.createFromArray(new double[][] {{0.3, 1, 0, -1.2}, {-0.8, 0, 1, 0.4}}),
        Nd4j.createFromArray(new double[][] {{2, 5, 0}, {1, 3, 4}}),
        Nd4j.createFromArray(new double[][] {{0.2, 0.5, 1, -0.3, 0.9, 1, 0, 0, 0},
            {1.1, -0.4, 1, 0.6, 0.1, 1, -0.5, 0.7, 1}}),
        Nd4j.createFromArray(new double[][] {{0.7, 0, 1, 2, 5, 0}, {-1.3, 1, 0, 4, 1, 3}})};
    INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}});
    for (int i = 0; i < sources.size(); i++) {
      TokenEmbedding source = sources.get(i);
      for (boolean preNorm : new boolean[] {false, true}) {
        MultiLayerNetwork network = stack(source, preNorm, source.isClassToken(), 1);
        INDArray mask = Network.featureMask(network, inputs[i]);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
            .net(network).input(inputs[i]).labels(labels).inputMask(mask).epsilon(1e-6)
            .maxRelError(1e-3).minAbsoluteError(1e-8));
        assertTrue(ok, source.getSource() + (preNorm ? " pre-norm" : " post-norm"));
      }
    }
  }
}
