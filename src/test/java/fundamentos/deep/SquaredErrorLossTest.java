package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.nd4j.Nd4jRuntime;
import fundamentos.optim.SgdRule;
import fundamentos.training.LearningRateSchedule;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The squared error on the softmax output (the course's MSE on the output activations, section
 * 3.3.1): l = (1/2) sum_k (p_k - y_k)^2, dl/dz_j = p_j ((p_j - y_j) - sum_k p_k (p_k - y_k)).
 */
class SquaredErrorLossTest {

  @BeforeAll
  static void start() {
    Nd4jRuntime.start();
  }

  private static final float[] X = {0.5f, -1f, 1.5f, 0.2f, -0.7f, 0.9f, 2f, -0.3f};
  private static final int[] Y = {0, 2, 1, 2};

  private static MultiLayerNetwork tiny(Network.OutputLoss loss) {
    return Network.build(List.of(new DenseSpec(3, Activation.TANH)), Shape.flat(2), 3, 5, loss);
  }

  /**
   * A dense layer of 3 tanh units and a softmax output over 3 classes, on 4 examples: DL4J's
   * gradient of the output layer's weights and bias (a sum over the examples) and its score (the
   * mean loss) against the course's formulas computed by hand from the hidden activations h:
   * dL/dW = h^T delta, dL/db = sum_i delta_i, with delta the dl/dz above.
   */
  @Test
  void theOutputLayersGradientIsTheCoursesFormula() {
    MultiLayerNetwork network = tiny(Network.OutputLoss.SQUARED_ERROR);
    assertEquals(Network.OutputLoss.SQUARED_ERROR, Network.outputLoss(network));
    assertEquals(Network.OutputLoss.CROSS_ENTROPY, Network.outputLoss(tiny(Network.OutputLoss.CROSS_ENTROPY)));
    INDArray x = Nd4j.create(X, new long[] {4, 2}, 'c');
    float[] oneHot = new float[12];
    for (int i = 0; i < 4; i++) {
      oneHot[i * 3 + Y[i]] = 1;
    }
    network.setInput(x);
    network.setLabels(Nd4j.create(oneHot, new long[] {4, 3}, 'c'));
    network.computeGradientAndScore();
    double[][] gradientW = network.gradient().gradientForVariable().get("1_W").castTo(DataType.DOUBLE)
        .toDoubleMatrix();
    double[] gradientB = network.gradient().gradientForVariable().get("1_b").castTo(DataType.DOUBLE)
        .toDoubleVector();
    double score = network.score();

    List<INDArray> activations = network.feedForward(x, false);
    double[][] h = activations.get(1).castTo(DataType.DOUBLE).toDoubleMatrix();
    double[][] p = activations.get(2).castTo(DataType.DOUBLE).toDoubleMatrix();
    double[][] expectedW = new double[3][3];
    double[] expectedB = new double[3];
    double loss = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int k = 0; k < 3; k++) {
        double residual = p[i][k] - (k == Y[i] ? 1 : 0);
        inner += p[i][k] * residual;
        loss += 0.5 * residual * residual;
      }
      for (int j = 0; j < 3; j++) {
        double delta = p[i][j] * ((p[i][j] - (j == Y[i] ? 1 : 0)) - inner);
        expectedB[j] += delta;
        for (int u = 0; u < 3; u++) {
          expectedW[u][j] += h[i][u] * delta;
        }
      }
    }
    for (int u = 0; u < 3; u++) {
      assertArrayEquals(expectedW[u], gradientW[u], 1e-6, "dL/dW row " + u);
    }
    assertArrayEquals(expectedB, gradientB, 1e-6, "dL/db");
    assertEquals(loss / 4, score, 1e-6, "the mean of (1/2) ||p - y||^2");
    assertTrue(java.util.Arrays.stream(expectedB).anyMatch(v -> Math.abs(v) > 1e-3), "a real gradient");
  }

  /**
   * The hidden layer's gradient too: DL4J's backpropagation of the squared error against central
   * finite differences of the loss (single precision: h = 1e-2, tolerance 2e-3).
   */
  @Test
  void theWholeGradientMatchesFiniteDifferences() {
    MultiLayerNetwork network = tiny(Network.OutputLoss.SQUARED_ERROR);
    INDArray x = Nd4j.create(X, new long[] {4, 2}, 'c');
    float[] oneHot = new float[12];
    for (int i = 0; i < 4; i++) {
      oneHot[i * 3 + Y[i]] = 1;
    }
    INDArray labels = Nd4j.create(oneHot, new long[] {4, 3}, 'c');
    network.setInput(x);
    network.setLabels(labels);
    network.computeGradientAndScore();
    double[] analytic = network.getGradientsViewArray().castTo(DataType.DOUBLE).toDoubleVector();
    INDArray params = network.params();
    double step = 1e-2;
    for (int j = 0; j < params.length(); j++) {
      float original = params.getFloat(j);
      params.putScalar(j, original + step);
      double plus = network.score(new org.nd4j.linalg.dataset.DataSet(x, labels), false);
      params.putScalar(j, original - step);
      double minus = network.score(new org.nd4j.linalg.dataset.DataSet(x, labels), false);
      params.putScalar(j, original);
      // the score is the mean over the 4 examples, the gradient their sum
      double numeric = 4 * (plus - minus) / (2 * step);
      assertEquals(numeric, analytic[j], 2e-3, "parameter " + j);
    }
  }

  private static double[] train(Examples data, int epochs) {
    MultiLayerNetwork network = Network.build(List.of(new DenseSpec(3, Activation.TANH)), Shape.flat(4), 2, 7,
        Network.OutputLoss.SQUARED_ERROR);
    NetworkTrainer trainer = new NetworkTrainer(network, data, null, 2, new SgdRule(0.5),
        new NetworkTrainer.Settings(data.size(), 0, LearningRateSchedule.constant(), epochs, 0, null), 1);
    for (int e = 0; e < epochs; e++) {
      trainer.runEpoch();
    }
    return network.params().castTo(DataType.DOUBLE).toDoubleVector();
  }

  /**
   * Instance weights reach the squared error as a per-example factor (not by scaling the one-hot
   * rows): full-batch training on weights 0, 1, 2 equals training on that many copies.
   */
  @Test
  void weightedExamplesTrainLikeCopies() {
    Examples[] data = NetworkTest.weightedAndCopies(24, 11);
    Examples weighted = data[0];
    double[] a = train(weighted, 30);
    double[] b = train(data[1], 30);
    assertArrayEquals(b, a, 1e-5);
    // and the weights matter: with all weights 1 the network ends elsewhere
    double[] ones = new double[24];
    java.util.Arrays.fill(ones, 1);
    double[] unweighted = train(new Examples(weighted.features(), weighted.shape(), weighted.labels(), ones), 30);
    assertTrue(java.util.stream.IntStream.range(0, a.length).anyMatch(j -> Math.abs(a[j] - unweighted[j]) > 1e-3));
  }

  /** The reported loss is the weighted mean of (1/2) ||p - y||^2, worked out from the probabilities. */
  @Test
  void evaluationIsTheWeightedSquaredError() {
    MultiLayerNetwork network = tiny(Network.OutputLoss.SQUARED_ERROR);
    double[] weights = {1, 2, 0.5, 3};
    Examples data = new Examples(X, Shape.flat(2), Y, weights);
    NetworkTrainer trainer = new NetworkTrainer(network, data, null, 3, new SgdRule(0.1),
        new NetworkTrainer.Settings(4, 0, LearningRateSchedule.constant(), 1, 0, null), 1);
    double[][] p = Probabilities.of(network, X, 4, 2);
    double expected = 0;
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 3; k++) {
        double residual = p[i][k] - (k == Y[i] ? 1 : 0);
        expected += weights[i] * 0.5 * residual * residual;
      }
    }
    assertEquals(expected / 6.5, trainer.evaluate(data)[0], 1e-6);
  }
}
