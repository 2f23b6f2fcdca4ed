package fundamentos.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.optim.SgdRule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the softmax engine promises beyond its equations: argument checks, serialization, the
 * convergence rule's exact epoch count, the tie rule of early stopping and uniform weights.
 */
class SoftmaxContractTest {

  private static SoftmaxTrainer.Batch withWeights(SoftmaxTrainer.Batch data, double weight) {
    double[] w = new double[data.size()];
    Arrays.fill(w, weight);
    return new SoftmaxTrainer.Batch(data.inputs(), data.targets(), w);
  }

  @Test
  void modelArgumentsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new SoftmaxModel(-1, 2));
    assertThrows(IllegalArgumentException.class, () -> new SoftmaxModel(2, 0));
    SoftmaxModel noFeatures = new SoftmaxModel(0, 2);
    assertEquals(0, noFeatures.numFeatures());
    SoftmaxModel model = new SoftmaxModel(3, 4);
    assertEquals(3, model.numFeatures());
    assertEquals(4, model.numClasses());
    IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
        () -> model.logits(Nd4j.ones(2, 3)));
    assertEquals("inputs need 4 columns (features and the bias column), not 3", wrongWidth.getMessage());
    IllegalArgumentException wrongShape = assertThrows(IllegalArgumentException.class,
        () -> model.setParameters(Nd4j.ones(4, 3)));
    assertEquals("parameters must be 4 x 4", wrongShape.getMessage());
    assertThrows(IllegalArgumentException.class, () -> model.setParameters(Nd4j.ones(3, 4)));
  }

  /** One class is a model (the softmax of one logit is 1 for every row); zero classes is not. */
  @Test
  void aOneClassModelGivesProbabilityOne() {
    SoftmaxModel one = new SoftmaxModel(2, 1);
    assertEquals(1, one.numClasses());
    INDArray p = one.probabilities(Nd4j.createFromArray(new double[][] {{3, -1, 1}, {0, 0, 1}}));
    assertArrayEquals(new double[] {1, 1}, p.reshape(2).toDoubleVector(), 0);
  }

  /** An empty training part is refused by its own check, which says what is wrong. */
  @Test
  void anEmptyTrainingPartIsRefusedWithItsOwnMessage() {
    SoftmaxTrainer.Batch empty = new SoftmaxTrainer.Batch(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 0, 3),
        Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 0, 3), new double[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxTrainer(new SoftmaxModel(2, 3), empty, null, new SgdRule(0.1), 4, 0, 0, 1));
    assertEquals("no training rows", e.getMessage());
  }

  /**
   * Tolerance 0 turns the convergence test off even when the loss rises every epoch: gradient
   * ascent (a negative step) makes every epoch one "without progress", and training still goes on
   * past the five epochs that would end it with any positive tolerance.
   */
  @Test
  void toleranceZeroNeverStopsEvenWhenTheLossRises() {
    SoftmaxTrainer.Batch data = SoftmaxTrainerTest.blobs(5, 1, 1);
    SoftmaxTrainer ascent = new SoftmaxTrainer(new SoftmaxModel(2, 3), data, null, new SgdRule(-0.01),
        4, 0, 0, 1);
    ascent.setTolerance(0);
    for (int epoch = 1; epoch <= 8; epoch++) {
      assertTrue(ascent.runEpoch(), "epoch " + epoch);
      // every later epoch ends above the first one's loss: none is progress
      assertTrue(epoch == 1 || ascent.lossCurve().get(epoch - 1) > ascent.lossCurve().get(0),
          "the loss rose by epoch " + epoch);
    }
    assertFalse(ascent.converged());
  }

  @Test
  void parametersAreReadBackByIndexAndSurviveSerialization() throws Exception {
    SoftmaxModel model = new SoftmaxModel(2, 3);
    INDArray theta = Nd4j.createFromArray(new double[][] {{1, -2, 3}, {0.5, 0, -1}, {7, 8, 9}});
    model.setParameters(theta);
    assertEquals(-2, model.parameter(0, 1));
    assertEquals(9, model.parameter(2, 2));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    SoftmaxModel copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (SoftmaxModel) in.readObject();
    }
    assertArrayEquals(theta.toDoubleMatrix(), copy.parameters().toDoubleMatrix());
    // the penalty mask comes back too: the bias row is not penalised
    INDArray x = SoftmaxModel.withBias(new double[][] {{1, 2}, {-1, 0}}, 2);
    INDArray y = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 0, 1}});
    INDArray w = Nd4j.ones(2, 1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    assertEquals(model.loss(x, y, w, 0.3), copy.loss(x, y, w, 0.3), 1e-12);
    assertArrayEquals(model.gradient(x, y, null, 2, 0.3).toDoubleMatrix(),
        copy.gradient(x, y, null, 2, 0.3).toDoubleMatrix());
  }

  @Test
  void trainerArgumentsAreChecked() {
    SoftmaxTrainer.Batch data = SoftmaxTrainerTest.blobs(5, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> new SoftmaxTrainer(new SoftmaxModel(2, 3), data,
        null, new SgdRule(0.1), 0, 0, 0, 1));
    new SoftmaxTrainer(new SoftmaxModel(2, 3), data, null, new SgdRule(0.1), 1, 0, 0, 1);
    assertThrows(IllegalArgumentException.class, () -> new SoftmaxTrainer(new SoftmaxModel(2, 3),
        withWeights(data, 0), null, new SgdRule(0.1), 4, 0, 0, 1));
    // finite weights whose sum overflows
    assertThrows(IllegalArgumentException.class, () -> new SoftmaxTrainer(new SoftmaxModel(2, 3),
        withWeights(data, 1e308), null, new SgdRule(0.1), 4, 0, 0, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxTrainer.Batch(data.inputs(), data.targets(), new double[3]));
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> withWeights(data, bad), "weight " + bad);
    }
  }

  /**
   * With a learning rate of 0 the loss never changes: epoch 1 sets the best loss, epochs 2..6 fail
   * to improve on it, and the fifth failure (epoch 6) ends training; tolerance 0 never ends it.
   */
  @Test
  void convergenceStopsAfterExactlyFiveEpochsWithoutProgress() {
    SoftmaxTrainer.Batch data = SoftmaxTrainerTest.blobs(5, 1, 1);
    SoftmaxTrainer trainer = new SoftmaxTrainer(new SoftmaxModel(2, 3), data, null, new SgdRule(0),
        4, 0, 0, 1);
    trainer.setTolerance(1e-3);
    for (int epoch = 1; epoch <= 5; epoch++) {
      assertTrue(trainer.runEpoch(), "epoch " + epoch);
      assertFalse(trainer.converged());
    }
    assertFalse(trainer.runEpoch());
    assertTrue(trainer.converged());

    SoftmaxTrainer never = new SoftmaxTrainer(new SoftmaxModel(2, 3), data, null, new SgdRule(0),
        4, 0, 0, 1);
    never.setTolerance(0);
    for (int epoch = 1; epoch <= 8; epoch++) {
      assertTrue(never.runEpoch(), "epoch " + epoch);
    }
    assertFalse(never.converged());
  }

  @Test
  void progressLargerThanTheToleranceKeepsTraining() {
    SoftmaxTrainer.Batch data = SoftmaxTrainerTest.blobs(20, 3, 2);
    SoftmaxTrainer trainer = new SoftmaxTrainer(new SoftmaxModel(2, 3), data, null, new SgdRule(1e-4),
        4, 0, 0, 1);
    // each epoch lowers the loss, but by less than this tolerance
    trainer.setTolerance(10);
    for (int epoch = 1; epoch <= 5; epoch++) {
      assertTrue(trainer.runEpoch());
    }
    assertFalse(trainer.runEpoch());
    SoftmaxTrainer tiny = new SoftmaxTrainer(new SoftmaxModel(2, 3), data, null, new SgdRule(1e-4),
        4, 0, 0, 1);
    tiny.setTolerance(1e-12);
    for (int epoch = 1; epoch <= 8; epoch++) {
      assertTrue(tiny.runEpoch(), "epoch " + epoch);
    }
  }

  /** A validation loss equal to the best one is not an improvement: the earliest epoch stays best. */
  @Test
  void earlyStoppingKeepsTheFirstOfEqualValidationLosses() {
    SoftmaxTrainer.Batch data = SoftmaxTrainerTest.blobs(5, 1, 1);
    SoftmaxTrainer.Batch validation = SoftmaxTrainerTest.blobs(3, 1, 2);
    SoftmaxTrainer trainer = new SoftmaxTrainer(new SoftmaxModel(2, 3), data, validation,
        new SgdRule(0), 4, 0, 2, 1);
    List<Double> seen = new ArrayList<>();
    trainer.setListener((epoch, loss, validationLoss) -> seen.add(validationLoss));
    assertTrue(trainer.runEpoch());
    assertTrue(trainer.runEpoch());
    assertFalse(trainer.runEpoch());
    assertEquals(1, trainer.bestEpoch());
    assertEquals(3, trainer.validationCurve().size());
    assertEquals(trainer.validationCurve(), seen);
    assertEquals(Math.log(3), seen.get(0), 1e-12);
  }

  /** A validation part of total weight 0 has no loss to compare: training goes on without it. */
  @Test
  void zeroWeightValidationTurnsEarlyStoppingOff() {
    SoftmaxTrainer.Batch data = SoftmaxTrainerTest.blobs(5, 1, 1);
    SoftmaxTrainer trainer = new SoftmaxTrainer(new SoftmaxModel(2, 3), data,
        withWeights(SoftmaxTrainerTest.blobs(3, 1, 2), 0), new SgdRule(0), 4, 0, 1, 1);
    trainer.setListener(null);
    for (int epoch = 1; epoch <= 4; epoch++) {
      assertTrue(trainer.runEpoch());
    }
    assertEquals(List.of(), trainer.validationCurve());
    assertEquals(0, trainer.bestEpoch());
  }

  /** Equal weights cancel out of the weighted mean: weight 3 everywhere trains like weight 1. */
  @Test
  void uniformWeightsOtherThanOneChangeNothing() {
    SoftmaxTrainer.Batch data = SoftmaxTrainerTest.blobs(10, 2, 4);
    SoftmaxModel ones = new SoftmaxModel(2, 3);
    SoftmaxModel threes = new SoftmaxModel(2, 3);
    SoftmaxTrainer a = new SoftmaxTrainer(ones, data, null, new SgdRule(0.1), 7, 0, 0, 5);
    SoftmaxTrainer b = new SoftmaxTrainer(threes, withWeights(data, 3), null, new SgdRule(0.1), 7, 0,
        0, 5);
    for (int epoch = 0; epoch < 3; epoch++) {
      a.runEpoch();
      b.runEpoch();
    }
    double[][] expected = ones.parameters().toDoubleMatrix();
    double[][] actual = threes.parameters().toDoubleMatrix();
    for (int j = 0; j < expected.length; j++) {
      assertArrayEquals(expected[j], actual[j], 1e-12);
    }
    assertEquals(a.lossCurve().get(2), b.lossCurve().get(2), 1e-12);
  }
}
