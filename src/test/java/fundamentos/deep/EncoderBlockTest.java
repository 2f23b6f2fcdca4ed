package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fundamentos.nd4j.Nd4jRuntime;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The encoder block against a direct computation of the course's equations on small tensors. */
class EncoderBlockTest {

  private static final int N = 2;
  private static final int T = 3;
  private static final int D = 4;
  private static final int H = 2;
  private static final int M = 5;

  @BeforeAll
  static void start() {
    Nd4jRuntime.setThreads(1);
  }

  @Test
  void postAndPreNormBlocksFollowTheEquationsAndIgnorePaddedTokens() {
    for (boolean preNorm : new boolean[] {false, true}) {
      MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
          .seed(7).dataType(DataType.DOUBLE).list()
          .layer(new EncoderBlock(D, H, M, T, preNorm, false))
          .setInputType(InputType.recurrent(D, T)).build());
      network.init();
      // non-trivial gains and biases too
      Random random = new Random(5);
      for (INDArray p : network.paramTable().values()) {
        for (long i = 0; i < p.length(); i++) {
          p.putScalar(i, p.getDouble(i) + 0.1 * random.nextGaussian());
        }
      }
      double[][][] x = new double[N][T][D];
      INDArray input = Nd4j.create(DataType.DOUBLE, N, D, T);
      for (int n = 0; n < N; n++) {
        for (int t = 0; t < T; t++) {
          for (int j = 0; j < D; j++) {
            x[n][t][j] = random.nextGaussian();
            input.putScalar(new long[] {n, j, t}, x[n][t][j]);
          }
        }
      }
      // the second sequence has two tokens: its third is padding
      double[][] mask = {{1, 1, 1}, {1, 1, 0}};
      INDArray out = network.output(input, false, Nd4j.createFromArray(mask), null);
      for (int n = 0; n < N; n++) {
        double[][] expected = block(network, x[n], mask[n], preNorm);
        int valid = n == 0 ? T : 2;
        for (int t = 0; t < valid; t++) {
          for (int j = 0; j < D; j++) {
            assertEquals(expected[t][j], out.getDouble(n, j, t), 1e-9,
                (preNorm ? "pre" : "post") + "-norm, example " + n + " token " + t);
          }
        }
      }
    }
  }

  /** The attention maps read back from a trained block are the softmax weights of Eq. 3.50. */
  @Test
  void attentionWeightsAreTheSoftmaxOfTheScaledScores() {
    for (boolean preNorm : new boolean[] {false, true}) {
      MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
          .seed(11).dataType(DataType.DOUBLE).list()
          .layer(new EncoderBlock(D, H, M, T, preNorm, false))
          .setInputType(InputType.recurrent(D, T)).build());
      network.init();
      Random random = new Random(2);
      double[][] x = new double[T][D];
      INDArray input = Nd4j.create(DataType.DOUBLE, 1, D, T);
      for (int t = 0; t < T; t++) {
        for (int j = 0; j < D; j++) {
          x[t][j] = random.nextGaussian();
          input.putScalar(new long[] {0, j, t}, x[t][j]);
        }
      }
      double[] mask = {1, 0, 1};
      EncoderBlock block = (EncoderBlock) network.getLayer(0).conf().getLayer();
      INDArray maps = block.attentionWeights(input, network.getLayer(0).paramTable(),
          Nd4j.createFromArray(new double[][] {mask}));
      double[][][] expected = weights(network, preNorm ? norm(network, x, "norm1") : x, mask);
      for (int h = 0; h < H; h++) {
        for (int i = 0; i < T; i++) {
          for (int j = 0; j < T; j++) {
            assertEquals(expected[h][i][j], maps.getDouble(0, h, i, j), 1e-9,
                "head " + h + " query " + i + " key " + j);
          }
        }
        assertEquals(0, maps.getDouble(0, h, 0, 1), 1e-12, "a padded key gets no attention");
      }
      // without a mask every key takes part: the softmax over all T keys, each row summing to 1
      INDArray unmasked = block.attentionWeights(input, network.getLayer(0).paramTable(), null);
      double[][][] all = weights(network, preNorm ? norm(network, x, "norm1") : x,
          new double[] {1, 1, 1});
      for (int h = 0; h < H; h++) {
        for (int i = 0; i < T; i++) {
          double sum = 0;
          for (int j = 0; j < T; j++) {
            assertEquals(all[h][i][j], unmasked.getDouble(0, h, i, j), 1e-9,
                "no mask: head " + h + " query " + i + " key " + j);
            sum += unmasked.getDouble(0, h, i, j);
          }
          assertEquals(1, sum, 1e-12, "no mask: head " + h + " query " + i);
        }
      }
    }
  }

  /**
   * Gradients against finite differences (DL4J's GradientCheckUtil), with a padded token; this is
   * what found DL4J doubling the gradient through SameDiff layers (SameDiffGradient).
   */
  @Test
  void backpropagationMatchesFiniteDifferences() {
    for (boolean preNorm : new boolean[] {false, true}) {
      MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
          .seed(3).dataType(DataType.DOUBLE).updater(new org.nd4j.linalg.learning.config.NoOp())
          .list()
          .layer(new EncoderBlock(D, H, M, T, preNorm, true))
          .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder(
              org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT)
              .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).nOut(2).build())
          .setInputType(InputType.recurrent(D, T)).build());
      network.init();
      INDArray input = Nd4j.rand(DataType.DOUBLE, N, D, T).subi(0.5);
      INDArray labels = Nd4j.zeros(DataType.DOUBLE, N, 2, T);
      for (int n = 0; n < N; n++) {
        for (int t = 0; t < T; t++) {
          labels.putScalar(new long[] {n, (n + t) % 2, t}, 1);
        }
      }
      INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1}, {1, 1, 0}});
      boolean ok = org.deeplearning4j.gradientcheck.GradientCheckUtil.checkGradients(
          new org.deeplearning4j.gradientcheck.GradientCheckUtil.MLNConfig().net(network)
              .input(input).labels(labels).inputMask(mask).labelMask(mask).epsilon(1e-6)
              .maxRelError(1e-3).minAbsoluteError(1e-8));
      org.junit.jupiter.api.Assertions.assertTrue(ok, (preNorm ? "pre" : "post") + "-norm");
    }
  }

  /**
   * In single precision the Transformer's layers run by hand: token embeddings (every source),
   * blocks (both norms and activations) and pooling (CLS or masked mean) give the SameDiff graphs'
   * outputs and gradients (of every parameter, so also the gradients passed down), with padding.
   */
  @Test
  void theHandWrittenLayersMatchTheSameDiffGraphs() {
    Random random = new Random(4);
    float[] steps = new float[3 * 16];
    float[] images = new float[3 * 16];
    float[] attributes = new float[3 * 4];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = (float) random.nextGaussian();
      images[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < attributes.length; i++) {
      attributes[i] = (float) random.nextGaussian();
    }
    // presence flags: the second example has two steps, the third one
    int[][] present = {{1, 1, 1, 1}, {1, 1, 0, 0}, {1, 0, 0, 0}};
    for (int e = 0; e < 3; e++) {
      for (int t = 0; t < 4; t++) {
        steps[e * 16 + t * 4 + 3] = present[e][t];
      }
    }
    float[] words = {5, 3, 2, 1, 4, 6, 0, 0, 2, 0, 0, 0};
    float[] mixed = SmallNetworks.attributesThenWords(attributes, words, 3);
    for (boolean preNorm : new boolean[] {false, true}) {
      for (boolean gelu : new boolean[] {false, true}) {
        String what = (preNorm ? "pre" : "post") + "-norm, " + (gelu ? "GELU" : "ReLU");
        compareWithSameDiff(TokenEmbedding.steps(3, 4, 8, true, false), steps, preNorm, gelu,
            false, "steps, " + what);
        compareWithSameDiff(TokenEmbedding.patches(1, 4, 4, 2, 8, true, true), images, preNorm,
            gelu, true, "patches, " + what);
        compareWithSameDiff(TokenEmbedding.attributes(new int[] {0, 1, 1, 2}, 8, true, false),
            attributes, preNorm, gelu, true, "attributes, " + what);
        compareWithSameDiff(TokenEmbedding.words(7, 4, 8, false, true), words, preNorm, gelu,
            false, "words, " + what);
        compareWithSameDiff(TokenEmbedding.attributesAndWords(new int[] {0, 1, 1, 2}, 7, 4, 8,
            true, false), mixed, preNorm, gelu, false, "attributes and words, " + what);
      }
    }
  }

  /** Two blocks between the embedding and pooling, run by SameDiff and by hand. */
  private static void compareWithSameDiff(TokenEmbedding embedding, float[] rows, boolean preNorm,
      boolean gelu, boolean cls, String what) {
    SmallNetworks.assertHandWrittenMatchesSameDiff(
        () -> SmallNetworks.transformer(embedding, 2, preNorm, gelu, cls), embedding.inputSize(),
        rows, 3, false, false, what);
  }

  @Test
  void headsMustDivideTheWidth() {
    assertThrows(IllegalArgumentException.class, () -> new EncoderBlock(6, 4, 8, 3, false, false));
  }

  /** The block on one sequence, straight from Eqs. 3.50-3.52, in double precision. */
  private static double[][] block(MultiLayerNetwork network, double[][] x, double[] mask,
      boolean preNorm) {
    if (preNorm) {
      double[][] z = add(x, attention(network, norm(network, x, "norm1"), mask));
      return add(z, mlp(network, norm(network, z, "norm2")));
    }
    double[][] z = norm(network, add(x, attention(network, x, mask)), "norm1");
    return norm(network, add(z, mlp(network, z)), "norm2");
  }

  private static double[][] attention(MultiLayerNetwork network, double[][] x, double[] mask) {
    double[][][] weights = weights(network, x, mask);
    double[][] v = affine(x, param(network, "Wv"), param(network, "bv")[0]);
    int dk = D / H;
    double[][] joined = new double[T][D];
    for (int h = 0; h < H; h++) {
      for (int i = 0; i < T; i++) {
        for (int j = 0; j < T; j++) {
          for (int c = 0; c < dk; c++) {
            joined[i][h * dk + c] += weights[h][i][j] * v[j][h * dk + c];
          }
        }
      }
    }
    return affine(joined, param(network, "Wo"), param(network, "bo")[0]);
  }

  /** softmax(Q K^T / sqrt(d_k)) of every head [H][T][T], padded keys left out. */
  private static double[][][] weights(MultiLayerNetwork network, double[][] x, double[] mask) {
    double[][] q = affine(x, param(network, "Wq"), param(network, "bq")[0]);
    double[][] k = affine(x, param(network, "Wk"), param(network, "bk")[0]);
    int dk = D / H;
    double[][][] weights = new double[H][T][T];
    for (int h = 0; h < H; h++) {
      for (int i = 0; i < T; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < T; j++) {
          double dot = 0;
          for (int c = 0; c < dk; c++) {
            dot += q[i][h * dk + c] * k[j][h * dk + c];
          }
          weights[h][i][j] = mask[j] == 0 ? Double.NEGATIVE_INFINITY : dot / Math.sqrt(dk);
          max = Math.max(max, weights[h][i][j]);
        }
        double sum = 0;
        for (int j = 0; j < T; j++) {
          weights[h][i][j] = Math.exp(weights[h][i][j] - max);
          sum += weights[h][i][j];
        }
        for (int j = 0; j < T; j++) {
          weights[h][i][j] /= sum;
        }
      }
    }
    return weights;
  }

  private static double[][] mlp(MultiLayerNetwork network, double[][] x) {
    double[][] hidden = affine(x, param(network, "W1"), param(network, "b1")[0]);
    for (double[] row : hidden) {
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.max(0, row[j]);
      }
    }
    return affine(hidden, param(network, "W2"), param(network, "b2")[0]);
  }

  private static double[][] norm(MultiLayerNetwork network, double[][] x, String name) {
    double[] gain = param(network, name + "Gain")[0];
    double[] bias = param(network, name + "Bias")[0];
    double[][] y = new double[x.length][D];
    for (int t = 0; t < x.length; t++) {
      double mean = java.util.Arrays.stream(x[t]).average().getAsDouble();
      double var = java.util.Arrays.stream(x[t]).map(v -> (v - mean) * (v - mean)).average()
          .getAsDouble();
      for (int j = 0; j < D; j++) {
        y[t][j] = gain[j] * (x[t][j] - mean) / Math.sqrt(var + 1e-5) + bias[j];
      }
    }
    return y;
  }

  private static double[][] affine(double[][] x, double[][] w, double[] b) {
    double[][] y = new double[x.length][b.length];
    for (int t = 0; t < x.length; t++) {
      for (int o = 0; o < b.length; o++) {
        double s = b[o];
        for (int i = 0; i < w.length; i++) {
          s += x[t][i] * w[i][o];
        }
        y[t][o] = s;
      }
    }
    return y;
  }

  private static double[][] add(double[][] a, double[][] b) {
    double[][] y = new double[a.length][a[0].length];
    for (int t = 0; t < a.length; t++) {
      for (int j = 0; j < a[0].length; j++) {
        y[t][j] = a[t][j] + b[t][j];
      }
    }
    return y;
  }

  private static double[][] param(MultiLayerNetwork network, String name) {
    return network.getLayer(0).getParam(name).toDoubleMatrix();
  }
}
