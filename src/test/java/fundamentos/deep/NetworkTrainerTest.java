package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.nd4j.Nd4jRuntime;
import fundamentos.optim.SgdRule;
import fundamentos.training.EpochResult;
import fundamentos.training.LearningRateSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NetworkTrainer on a softmax layer alone, against its mini-batch gradient descent computed here
 * in double precision: each mini-batch's gradient sum_i w_i (p_i - y_i) x_i divided by the batch's
 * expected weight |B| W / n, weight decay on the weight matrix only, the learning-rate schedule,
 * the epoch's reported loss and accuracy; then evaluation, early stopping and bad input.
 */
class NetworkTrainerTest {

  @BeforeAll
  static void start() {
    Nd4jRuntime.setThreads(1);
  }

  /** Five examples of two features, with weights 1, 2, 0, 0.5 and 1.5. */
  private static Examples five() {
    float[] x = {1, -0.5f, -1, 2, 0.3f, 0.3f, 2, 1, -0.7f, -1.2f};
    return new Examples(x, Shape.flat(2), new int[] {0, 1, 1, 0, 1},
        new double[] {1, 2, 0, 0.5, 1.5});
  }

  /** The trainer's softmax layer, W [in][out] and b, and the mini-batch SGD it should run. */
  private static final class Sgd {
    final double[][] w;
    final double[] b;

    Sgd(MultiLayerNetwork network) {
      w = network.getLayer(0).getParam("W").toDoubleMatrix();
      b = network.getLayer(0).getParam("b").toDoubleVector();
    }

    double[] p(Examples data, int i) {
      int f = w.length;
      double[] z = b.clone();
      for (int c = 0; c < z.length; c++) {
        for (int a = 0; a < f; a++) {
          z[c] += data.features()[i * f + a] * w[a][c];
        }
      }
      double max = java.util.Arrays.stream(z).max().getAsDouble();
      double sum = 0;
      for (int c = 0; c < z.length; c++) {
        z[c] = Math.exp(z[c] - max);
        sum += z[c];
      }
      for (int c = 0; c < z.length; c++) {
        z[c] /= sum;
      }
      return z;
    }

    /** One epoch in the given (already shuffled) order; returns the weighted mean loss. */
    double epoch(Examples data, int[] order, int batchSize, double rate, double decay) {
      int n = order.length;
      double total = java.util.Arrays.stream(data.weights()).sum();
      double meanWeight = total / n;
      double lossSum = 0;
      int f = w.length;
      int k = b.length;
      for (int from = 0; from < n; from += batchSize) {
        int rows = Math.min(batchSize, n - from);
        double[][] gw = new double[f][k];
        double[] gb = new double[k];
        for (int r = 0; r < rows; r++) {
          int i = order[from + r];
          double[] p = p(data, i);
          double weight = data.weights()[i];
          int y = data.labels()[i];
          lossSum -= weight * Math.log(p[y]);
          for (int c = 0; c < k; c++) {
            double delta = weight * (p[c] - (c == y ? 1 : 0));
            gb[c] += delta;
            for (int a = 0; a < f; a++) {
              gw[a][c] += data.features()[i * f + a] * delta;
            }
          }
        }
        for (int c = 0; c < k; c++) {
          for (int a = 0; a < f; a++) {
            w[a][c] -= rate * (gw[a][c] / (rows * meanWeight) + decay * w[a][c]);
          }
          b[c] -= rate * gb[c] / (rows * meanWeight);
        }
      }
      return lossSum / total;
    }

    /** Weighted accuracy over the examples of positive weight. */
    double accuracy(Examples data) {
      double correct = 0;
      double total = 0;
      for (int i = 0; i < data.size(); i++) {
        if (data.weights()[i] > 0) {
          double[] p = p(data, i);
          int argmax = 0;
          for (int c = 1; c < p.length; c++) {
            if (p[c] > p[argmax]) {
              argmax = c;
            }
          }
          correct += argmax == data.labels()[i] ? data.weights()[i] : 0;
          total += data.weights()[i];
        }
      }
      return correct / total;
    }
  }

  /** The Fisher-Yates shuffle of java.util.Random that orders each epoch. */
  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  @Test
  void miniBatchStepsFollowTheWeightedGradientWithDecayAndSchedule() {
    Examples data = five();
    for (int batchSize : new int[] {5, 2, 1, 8}) {
      MultiLayerNetwork network = Network.build(List.of(), Shape.flat(2), 2, 7);
      Sgd expected = new Sgd(network);
      SgdRule rule = new SgdRule(0.4);
      List<EpochResult> seen = new ArrayList<>();
      NetworkTrainer trainer = new NetworkTrainer(network, data, null, 2, rule,
          new NetworkTrainer.Settings(batchSize, 0.1,
              new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 1, 0.5), 2, 0, null), 11);
      trainer.setListener(seen::add);
      Random random = new Random(11);
      int[] order = {0, 1, 2, 3, 4};
      for (int epoch = 0; epoch < 2; epoch++) {
        double rate = 0.4 * Math.pow(0.5, epoch);
        shuffle(order, random);
        double loss = expected.epoch(data, order, Math.min(batchSize, 5), rate, 0.1);
        assertTrue(trainer.runEpoch());
        String what = "batch size " + batchSize + ", epoch " + (epoch + 1);
        double[][] w = network.getLayer(0).getParam("W").toDoubleMatrix();
        double[] b = network.getLayer(0).getParam("b").toDoubleVector();
        for (int a = 0; a < 2; a++) {
          assertArrayEquals(expected.w[a], w[a], 1e-5, what + ": W row " + a);
        }
        assertArrayEquals(expected.b, b, 1e-5, what + ": b");
        EpochResult result = trainer.history().get(epoch);
        assertEquals(epoch + 1, result.epoch(), what);
        assertEquals(rate, result.learningRate(), 1e-12, what);
        assertEquals(rate, rule.learningRate(), 1e-12, what);
        assertEquals(loss, result.trainingLoss(), 1e-5, what + ": loss");
        assertEquals(expected.accuracy(data), result.trainingAccuracy(), 1e-9, what + ": accuracy");
        assertTrue(Double.isNaN(result.validationLoss()), what);
        assertTrue(Double.isNaN(result.validationAccuracy()), what);
        assertTrue(result.seconds() >= 0, what);
      }
      assertEquals(2, trainer.epochs());
      assertEquals(trainer.history(), seen);
      assertEquals(0, trainer.bestEpoch());
      assertThrows(UnsupportedOperationException.class, () -> trainer.history().clear());
    }
  }

  @Test
  void evaluationIsTheWeightedCrossEntropyAndAccuracy() {
    MultiLayerNetwork network = Network.build(List.of(), Shape.flat(2), 3, 1);
    network.getLayer(0).getParam("W").assign(Nd4j.createFromArray(new float[][] {{1, 0, -1},
        {0.5f, 2, 0}}));
    network.getLayer(0).getParam("b").assign(0);
    // rows: a clear case; two ties (all logits 0: the first class wins); a class whose
    // probability underflows to 0 in single precision (the loss floors it at 1e-12); weight 0
    float[] x = {1, 1, 0, 0, 0, 0, 200, 0, -1, 2};
    int[] y = {1, 0, 1, 1, 1};
    double[] weights = {1, 2, 1, 0.5, 0};
    NetworkTrainer trainer = new NetworkTrainer(network, new Examples(x, Shape.flat(2), y,
        weights), null, 3, new SgdRule(0.1), new NetworkTrainer.Settings(4, 0,
        LearningRateSchedule.constant(), 1, 0, null), 1);
    double[] result = trainer.evaluate(new Examples(x, Shape.flat(2), y, weights));
    double log = Math.log(Math.exp(1.5) + Math.exp(2) + Math.exp(-1));
    double loss = 1 * (log - 2) + 2 * Math.log(3) + 1 * Math.log(3) + 0.5 * -Math.log(1e-12);
    assertEquals(loss / 4.5, result[0], 1e-5);
    // correct: the clear case (weight 1) and the first tie (weight 2) of 4.5
    assertEquals(3 / 4.5, result[1], 1e-9);
  }

  @Test
  void theReportedTrainingAccuracyCountsOnlyExamplesOfPositiveWeight() {
    // 2,000 examples of weight 1 (the size of the reported sample) and 2,000 of weight 0: the
    // reported accuracy must be that of all positive-weight examples, not of a sample that lets
    // weight-0 examples take places
    Random random = new Random(5);
    int n = 4000;
    float[] x = new float[2 * n];
    int[] y = new int[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = (float) random.nextGaussian();
      x[2 * i + 1] = (float) random.nextGaussian();
      y[i] = random.nextInt(2);
      weights[i] = i % 2 == 0 ? 1 : 0;
    }
    Examples data = new Examples(x, Shape.flat(2), y, weights);
    MultiLayerNetwork network = Network.build(List.of(), Shape.flat(2), 2, 3);
    NetworkTrainer trainer = new NetworkTrainer(network, data, null, 2, new SgdRule(0.05),
        new NetworkTrainer.Settings(100, 0, LearningRateSchedule.constant(), 1, 0, null), 3);
    assertTrue(trainer.runEpoch());
    EpochResult result = trainer.history().get(0);
    double accuracy = trainer.evaluate(data)[1];
    assertTrue(accuracy > 0.05 && accuracy < 0.95, "labels are random: " + accuracy);
    assertEquals(accuracy, result.trainingAccuracy(), 1e-12);
    // the epoch's time in seconds, not nanoseconds
    assertTrue(result.seconds() >= 0 && result.seconds() < 600, "seconds: " + result.seconds());
  }

  @Test
  void evaluationRunsInBlocksOverManyExamples() {
    MultiLayerNetwork network = Network.build(List.of(), Shape.flat(2), 2, 3);
    Random random = new Random(5);
    int n = 1100;
    float[] x = new float[2 * n];
    int[] y = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = (float) random.nextGaussian();
      x[2 * i + 1] = (float) random.nextGaussian();
      y[i] = random.nextInt(2);
      w[i] = 1 + i % 3;
    }
    Examples data = new Examples(x, Shape.flat(2), y, w);
    NetworkTrainer trainer = new NetworkTrainer(network, data, null, 2, new SgdRule(0.1),
        new NetworkTrainer.Settings(4, 0, LearningRateSchedule.constant(), 1, 0, null), 1);
    Sgd model = new Sgd(network);
    double loss = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      loss -= w[i] * Math.log(model.p(data, i)[y[i]]);
      total += w[i];
    }
    double[] result = trainer.evaluate(data);
    assertEquals(loss / total, result[0], 1e-5);
    assertEquals(model.accuracy(data), result[1], 1e-9);
  }

  /** Two clusters by the sign of the first feature; validation with the labels swapped. */
  private static Examples[] opposite() {
    Random random = new Random(2);
    int n = 20;
    float[] x = new float[2 * n];
    int[] y = new int[n];
    int[] swapped = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      swapped[i] = 1 - y[i];
      x[2 * i] = (float) ((y[i] == 1 ? 2 : -2) + 0.3 * random.nextGaussian());
      x[2 * i + 1] = (float) random.nextGaussian();
    }
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1);
    return new Examples[] {new Examples(x, Shape.flat(2), y, ones),
        new Examples(x, Shape.flat(2), swapped, ones)};
  }

  @Test
  void earlyStoppingKeepsTheBestValidationEpoch() {
    Examples[] data = opposite();
    MultiLayerNetwork network = Network.build(List.of(), Shape.flat(2), 2, 4);
    NetworkTrainer trainer = new NetworkTrainer(network, data[0], data[1], 2, new SgdRule(0.5),
        new NetworkTrainer.Settings(20, 0, LearningRateSchedule.constant(), 4, 0, null), 1);
    INDArray[] afterFirst = new INDArray[1];
    trainer.setListener(result -> {
      if (result.epoch() == 1) {
        afterFirst[0] = network.params().dup();
      }
    });
    for (int e = 0; e < 4; e++) {
      assertTrue(trainer.runEpoch(), "patience 0 never stops");
    }
    // learning the training labels makes the swapped validation labels ever less likely
    List<EpochResult> history = trainer.history();
    for (int e = 1; e < 4; e++) {
      assertTrue(history.get(e).validationLoss() > history.get(e - 1).validationLoss());
    }
    assertEquals(1, trainer.bestEpoch());
    assertFalse(network.params().equalsWithEps(afterFirst[0], 1e-6));
    double[] validation = trainer.evaluate(data[1]);
    assertEquals(history.get(3).validationLoss(), validation[0], 1e-6);
    assertEquals(history.get(3).validationAccuracy(), validation[1], 1e-9);
    trainer.restoreBest();
    assertArrayEquals(afterFirst[0].toDoubleVector(), network.params().toDoubleVector(), 0);
    assertEquals(history.get(0).validationLoss(), trainer.evaluate(data[1])[0], 1e-6);
  }

  @Test
  void patienceCountsEpochsWithoutImprovement() {
    Examples[] data = opposite();
    // a learning rate of 0: the validation loss never improves after the first epoch
    for (int patience : new int[] {1, 2, 3}) {
      MultiLayerNetwork network = Network.build(List.of(), Shape.flat(2), 2, 4);
      NetworkTrainer trainer = new NetworkTrainer(network, data[0], data[1], 2, new SgdRule(0),
          new NetworkTrainer.Settings(20, 0, LearningRateSchedule.constant(), 10, patience, null), 1);
      for (int e = 1; e <= patience; e++) {
        assertTrue(trainer.runEpoch(), "patience " + patience + ", epoch " + e);
      }
      assertFalse(trainer.runEpoch(), "patience " + patience);
      assertEquals(1, trainer.bestEpoch());
    }
    // without a validation split there is nothing to stop on, and nothing to restore
    MultiLayerNetwork network = Network.build(List.of(), Shape.flat(2), 2, 4);
    NetworkTrainer trainer = new NetworkTrainer(network, data[0], null, 2, new SgdRule(0.5),
        new NetworkTrainer.Settings(20, 0, LearningRateSchedule.constant(), 10, 1, null), 1);
    for (int e = 0; e < 3; e++) {
      assertTrue(trainer.runEpoch());
    }
    double[] trained = network.params().toDoubleVector();
    trainer.restoreBest();
    assertArrayEquals(trained, network.params().toDoubleVector(), 0);
    assertEquals(0, trainer.bestEpoch());
  }

  @Test
  void aValidationSplitOfNoWeightIsIgnored() {
    Examples[] data = opposite();
    Examples weightless = new Examples(data[1].features(), data[1].shape(), data[1].labels(),
        new double[data[1].size()]);
    Examples empty = new Examples(new float[0], Shape.flat(2), new int[0], new double[0]);
    for (Examples validation : new Examples[] {weightless, empty}) {
      MultiLayerNetwork network = Network.build(List.of(), Shape.flat(2), 2, 4);
      NetworkTrainer trainer = new NetworkTrainer(network, data[0], validation, 2, new SgdRule(0),
          new NetworkTrainer.Settings(20, 0, LearningRateSchedule.constant(), 10, 1, null), 1);
      for (int e = 0; e < 3; e++) {
        assertTrue(trainer.runEpoch());
      }
      assertTrue(Double.isNaN(trainer.history().get(2).validationLoss()));
      assertEquals(0, trainer.bestEpoch());
    }
  }

  @Test
  void a0WeightMiniBatchChangesNothingAndGivesNoNaN() {
    // batches of one: the step on the example of weight 0 leaves the parameters as they are
    float[] x = {1, 2, -1, 0.5f};
    Examples data = new Examples(x, Shape.flat(2), new int[] {0, 1}, new double[] {0, 3});
    MultiLayerNetwork network = Network.build(List.of(), Shape.flat(2), 2, 9);
    Sgd expected = new Sgd(network);
    NetworkTrainer trainer = new NetworkTrainer(network, data, null, 2, new SgdRule(0.3),
        new NetworkTrainer.Settings(1, 0, LearningRateSchedule.constant(), 1, 0, null), 5);
    int[] order = {0, 1};
    shuffle(order, new Random(5));
    double loss = expected.epoch(data, order, 1, 0.3, 0);
    trainer.runEpoch();
    double[] params = network.params().toDoubleVector();
    assertTrue(java.util.Arrays.stream(params).allMatch(Double::isFinite));
    double[][] w = network.getLayer(0).getParam("W").toDoubleMatrix();
    for (int a = 0; a < 2; a++) {
      assertArrayEquals(expected.w[a], w[a], 1e-5);
    }
    assertEquals(loss, trainer.history().get(0).trainingLoss(), 1e-5);
  }

  @Test
  void badWeightsAndDivergenceAreReported() {
    Shape shape = Shape.flat(2);
    float[] x = {1, 2, -1, 0.5f};
    NetworkTrainer.Settings settings = new NetworkTrainer.Settings(2, 0,
        LearningRateSchedule.constant(), 1, 0, null);
    MultiLayerNetwork network = Network.build(List.of(), shape, 2, 1);
    assertThrows(IllegalArgumentException.class, () -> new NetworkTrainer(network,
        new Examples(new float[0], shape, new int[0], new double[0]), null, 2, new SgdRule(0.1),
        settings, 1));
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> new NetworkTrainer(network,
          new Examples(x, shape, new int[] {0, 1}, new double[] {1, bad}), null, 2,
          new SgdRule(0.1), settings, 1), "weight " + bad);
      assertThrows(IllegalArgumentException.class, () -> new NetworkTrainer(network,
          new Examples(x, shape, new int[] {0, 1}, new double[] {1, 1}),
          new Examples(x, shape, new int[] {0, 1}, new double[] {1, bad}), 2,
          new SgdRule(0.1), settings, 1), "validation weight " + bad);
    }
    // finite weights whose sum is not
    assertThrows(IllegalArgumentException.class, () -> new NetworkTrainer(network,
        new Examples(x, shape, new int[] {0, 1}, new double[] {Double.MAX_VALUE, Double.MAX_VALUE}),
        null, 2, new SgdRule(0.1), settings, 1));
    // one positive weight is enough
    new NetworkTrainer(network, new Examples(x, shape, new int[] {0, 1}, new double[] {0, 1e-3}),
        null, 2, new SgdRule(0.1), settings, 1);
    float[] broken = {Float.NaN, 1, 0, 1};
    NetworkTrainer diverging = new NetworkTrainer(network,
        new Examples(broken, shape, new int[] {0, 1}, new double[] {1, 1}), null, 2,
        new SgdRule(0.1), settings, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, diverging::runEpoch);
    // the message names the loss and the epoch, counted from 1 as the user sees them
    assertEquals("training diverged: the loss became NaN in epoch 1; lower the learning rate or"
        + " standardise the inputs.", e.getMessage());
  }

  private static double[] trainOnce(Examples data, ImageAugmentation augmentation) {
    MultiLayerNetwork network = Network.build(List.of(), data.shape(), 2, 3);
    new NetworkTrainer(network, data, null, 2, new SgdRule(0.5), new NetworkTrainer.Settings(4, 0,
        LearningRateSchedule.constant(), 1, 0, augmentation), 1).runEpoch();
    return network.params().toDoubleVector();
  }

  @Test
  void augmentationAppliesToImagesOnlyAndOnlyWhenActive() {
    Random random = new Random(8);
    float[] x = new float[8 * 16];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    int[] y = {0, 1, 0, 1, 0, 1, 0, 1};
    double[] w = {1, 1, 1, 1, 1, 1, 1, 1};
    Examples images = new Examples(x, Shape.image(1, 4, 4), y, w);
    Examples rows = new Examples(x, Shape.flat(16), y, w);
    double[] plain = trainOnce(images, null);
    double[] augmented = trainOnce(images, new ImageAugmentation(1, true));
    double change = 0;
    for (int i = 0; i < plain.length; i++) {
      change = Math.max(change, Math.abs(plain[i] - augmented[i]));
    }
    assertTrue(change > 1e-4, "augmented images train differently: " + change);
    // an inactive augmentation is none
    assertArrayEquals(plain, trainOnce(images, new ImageAugmentation(0, false)), 0);
    // rows that are not images are never augmented
    assertArrayEquals(trainOnce(rows, null), trainOnce(rows, new ImageAugmentation(1, true)), 0);
  }

  /** Word ids through a Transformer of the given length, built from configured specs. */
  private static MultiLayerNetwork words(int length) {
    TokenEmbedding tokens = TokenEmbedding.words(7, length, 4, false, false);
    return Network.build(List.of(new ConfiguredLayerSpec(tokens.wordVectors(), "word vectors"),
        new ConfiguredLayerSpec(tokens, "tokens"),
        new ConfiguredLayerSpec(new EncoderBlock(4, 2, 6, length, false, false), "block"),
        new ConfiguredLayerSpec(new SequencePooling(4, length, false, false), "pooling")),
        Shape.flat(length), 2, 6);
  }

  @Test
  void trainingMasksPaddedTokens() {
    // the words "5 3" padded to four tokens train exactly as the same words unpadded
    MultiLayerNetwork padded = words(4);
    MultiLayerNetwork exact = words(2);
    exact.setParams(padded.params().dup());
    NetworkTrainer.Settings settings = new NetworkTrainer.Settings(1, 0,
        LearningRateSchedule.constant(), 1, 0, null);
    new NetworkTrainer(padded, new Examples(new float[] {5, 3, 0, 0}, Shape.flat(4),
        new int[] {1}, new double[] {1}), null, 2, new SgdRule(0.5), settings, 1).runEpoch();
    new NetworkTrainer(exact, new Examples(new float[] {5, 3}, Shape.flat(2), new int[] {1},
        new double[] {1}), null, 2, new SgdRule(0.5), settings, 1).runEpoch();
    double[] a = padded.params().toDoubleVector();
    double[] b = exact.params().toDoubleVector();
    assertArrayEquals(b, a, 1e-5);
    INDArray before = words(4).params();
    double moved = 0;
    for (int i = 0; i < a.length; i++) {
      moved = Math.max(moved, Math.abs(a[i] - before.getDouble(i)));
    }
    assertTrue(moved > 1e-3, "the step moved the parameters: " + moved);
  }

  @Test
  void theSeedFixesDl4jsDropoutMasks() {
    // both networks are built first, so the global generator has moved on when the second trains:
    // only the trainer's reseeding makes the two runs draw the same masks
    List<LayerSpec> layers = List.of(new DenseSpec(6, org.nd4j.linalg.activations.Activation.RELU),
        new DropoutSpec(0.5));
    MultiLayerNetwork first = Network.build(layers, Shape.flat(2), 2, 3);
    MultiLayerNetwork second = Network.build(layers, Shape.flat(2), 2, 3);
    assertArrayEquals(first.params().toDoubleVector(), second.params().toDoubleVector(), 0);
    Examples data = opposite()[0];
    NetworkTrainer.Settings settings = new NetworkTrainer.Settings(4, 0,
        LearningRateSchedule.constant(), 1, 0, null);
    new NetworkTrainer(first, data, null, 2, new SgdRule(0.5), settings, 7).runEpoch();
    new NetworkTrainer(second, data, null, 2, new SgdRule(0.5), settings, 7).runEpoch();
    assertArrayEquals(first.params().toDoubleVector(), second.params().toDoubleVector(), 0);
  }
}
