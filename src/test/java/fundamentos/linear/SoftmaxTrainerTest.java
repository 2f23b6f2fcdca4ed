package fundamentos.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.optim.AdamRule;
import fundamentos.optim.SgdRule;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SoftmaxTrainerTest {

  /** Three Gaussian blobs far apart: linearly separable. */
  static SoftmaxTrainer.Batch blobs(int perClass, double spread, long seed) {
    Random r = new Random(seed);
    double[][] centres = {{0, 0}, {8, 0}, {0, 8}};
    int n = perClass * 3;
    double[][] x = new double[n][2];
    double[][] y = new double[n][3];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      x[i][0] = centres[c][0] + spread * r.nextGaussian();
      x[i][1] = centres[c][1] + spread * r.nextGaussian();
      y[i][c] = 1;
    }
    double[] weights = new double[n];
    java.util.Arrays.fill(weights, 1.0);
    return new SoftmaxTrainer.Batch(SoftmaxModel.withBias(x, 2), Nd4j.createFromArray(y), weights);
  }

  static double accuracy(SoftmaxModel model, SoftmaxTrainer.Batch data) {
    INDArray predicted = model.probabilities(data.inputs()).argMax(1);
    INDArray actual = data.targets().argMax(1);
    int correct = 0;
    for (int i = 0; i < data.size(); i++) {
      if (predicted.getLong(i) == actual.getLong(i)) {
        correct++;
      }
    }
    return correct / (double) data.size();
  }

  @Test
  void separableDataIsLearnedPerfectly() {
    SoftmaxTrainer.Batch data = blobs(40, 1.0, 1);
    SoftmaxModel model = new SoftmaxModel(2, 3);
    SoftmaxTrainer trainer = new SoftmaxTrainer(model, data, null, new AdamRule(0.05, 0.9, 0.999, 1e-8),
        16, 0, 0, 1);
    for (int e = 0; e < 100; e++) {
      trainer.runEpoch();
    }
    assertEquals(1.0, accuracy(model, data));
    assertTrue(trainer.lossCurve().get(99) < trainer.lossCurve().get(0));
  }

  @Test
  void sameSeedSameModelOtherSeedOtherModel() {
    SoftmaxTrainer.Batch data = blobs(30, 3.0, 2);
    double[][] a = train(data, 5);
    double[][] b = train(data, 5);
    double[][] c = train(data, 6);
    assertEquals(java.util.Arrays.deepToString(a), java.util.Arrays.deepToString(b));
    assertNotEquals(java.util.Arrays.deepToString(a), java.util.Arrays.deepToString(c));
  }

  private static double[][] train(SoftmaxTrainer.Batch data, long seed) {
    SoftmaxModel model = new SoftmaxModel(2, 3);
    SoftmaxTrainer trainer = new SoftmaxTrainer(model, data, null, new SgdRule(0.1), 7, 0.01, 0, seed);
    for (int e = 0; e < 5; e++) {
      trainer.runEpoch();
    }
    return model.parameters().toDoubleMatrix();
  }

  @Test
  void earlyStoppingStopsAndRestoresTheBestEpoch() {
    SoftmaxTrainer.Batch training = blobs(20, 4.0, 3);
    SoftmaxTrainer.Batch validation = blobs(20, 4.0, 4);
    SoftmaxModel model = new SoftmaxModel(2, 3);
    SoftmaxTrainer trainer = new SoftmaxTrainer(model, training, validation, new SgdRule(0.5), 4, 0, 3, 1);
    double best = Double.POSITIVE_INFINITY;
    int epochs = 0;
    while (trainer.runEpoch()) {
      epochs++;
      assertTrue(epochs < 10_000, "early stopping never fired");
    }
    assertEquals(trainer.bestEpoch() + 3, trainer.epochs(), "stops after `patience` epochs without improvement");
    trainer.restoreBest();
    double restored = model.loss(validation.inputs(), validation.targets(), validation.weightColumn(), 0);
    // replay to find the best validation loss seen
    SoftmaxModel replay = new SoftmaxModel(2, 3);
    SoftmaxTrainer again = new SoftmaxTrainer(replay, training, null, new SgdRule(0.5), 4, 0, 0, 1);
    for (int e = 0; e < trainer.epochs(); e++) {
      again.runEpoch();
      best = Math.min(best, replay.loss(validation.inputs(), validation.targets(), validation.weightColumn(), 0));
    }
    assertEquals(best, restored, 1e-12);
  }

  @Test
  void divergenceIsReportedNotHidden() {
    SoftmaxTrainer.Batch data = blobs(10, 1.0, 5);
    data = new SoftmaxTrainer.Batch(data.inputs().mul(1e150), data.targets(), data.weights());
    SoftmaxModel model = new SoftmaxModel(2, 3);
    SoftmaxTrainer trainer = new SoftmaxTrainer(model, data, null, new SgdRule(1e160), 30, 0, 0, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
      for (int i = 0; i < 50; i++) {
        trainer.runEpoch();
      }
    });
    assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
  }
}
