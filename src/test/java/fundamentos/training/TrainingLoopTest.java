package fundamentos.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.optim.SgdRule;
import fundamentos.optim.UpdateRule;
import fundamentos.progress.Cancellation;
import fundamentos.progress.Cancelled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The loop on its own, with a scripted model: the mini-batches it asks for, the two shuffles, the
 * schedule, the stopping rules, the best parameters, the limit of Weka's iterations and the ETA.
 */
class TrainingLoopTest {

  /** A model whose losses are scripted per epoch and which records what the loop asked of it. */
  private static class Scripted implements TrainableModel {
    final int n;
    final double[] trainingLosses;
    final double[] validationLosses;
    final List<int[]> orders = new ArrayList<>();
    final List<int[]> batches = new ArrayList<>();
    final List<Double> rates = new ArrayList<>();
    double parameter;
    int epoch;

    Scripted(int n, double[] trainingLosses, double[] validationLosses) {
      this.n = n;
      this.trainingLosses = trainingLosses;
      this.validationLosses = validationLosses;
    }

    @Override
    public int trainingSize() {
      return n;
    }

    @Override
    public void startEpoch(int number, int[] order) {
      epoch = number;
      orders.add(order.clone());
    }

    @Override
    public void step(int from, int to, UpdateRule rule, Random random) {
      batches.add(new int[] {from, to});
      rates.add(rule.learningRate());
      parameter = epoch;
    }

    @Override
    public double trainingLoss() {
      return trainingLosses[epoch - 1];
    }

    @Override
    public double trainingAccuracy() {
      return Double.NaN;
    }

    @Override
    public boolean hasValidation() {
      return validationLosses != null;
    }

    @Override
    public double[] validation() {
      return new double[] {validationLosses[epoch - 1], 0.5};
    }

    @Override
    public INDArray copyOfParameters() {
      return Nd4j.scalar(parameter);
    }

    @Override
    public void setParameters(INDArray parameters) {
      parameter = parameters.getDouble(0);
    }
  }

  private static TrainingLoop.Settings settings(int batch, int epochs, int patience, double tolerance,
      TrainingLoop.Shuffle shuffle) {
    return new TrainingLoop.Settings(batch, LearningRateSchedule.constant(), epochs, patience,
        tolerance, shuffle);
  }

  private static double[] constant(int epochs, double value) {
    double[] values = new double[epochs];
    java.util.Arrays.fill(values, value);
    return values;
  }

  @Test
  void miniBatchesAreConsecutiveRangesOfTheEpochsOrder() {
    Scripted model = new Scripted(10, constant(2, 1), null);
    TrainingLoop loop = new TrainingLoop(model, new SgdRule(0.1),
        settings(4, 2, 0, 0, TrainingLoop.Shuffle.FROM_IDENTITY), new Random(3));
    assertTrue(loop.runEpoch());
    List<int[]> expected = List.of(new int[] {0, 4}, new int[] {4, 8}, new int[] {8, 10});
    assertEquals(3, model.batches.size());
    for (int b = 0; b < 3; b++) {
      assertArrayEquals(expected.get(b), model.batches.get(b));
    }
  }

  /**
   * FROM_IDENTITY shuffles 0..n-1 afresh; CONTINUED shuffles the last order again; IN_ORDER keeps
   * 0..n-1.
   */
  @Test
  void theTwoShufflesAreFisherYatesOfTheIdentityOrOfTheLastOrder() {
    for (TrainingLoop.Shuffle shuffle : TrainingLoop.Shuffle.values()) {
      Scripted model = new Scripted(7, constant(3, 1), null);
      TrainingLoop loop = new TrainingLoop(model, new SgdRule(0.1), settings(2, 3, 0, 0, shuffle),
          new Random(11));
      for (int e = 0; e < 3; e++) {
        loop.runEpoch();
      }
      Random random = new Random(11);
      int[] order = {0, 1, 2, 3, 4, 5, 6};
      for (int e = 0; e < 3; e++) {
        if (shuffle != TrainingLoop.Shuffle.CONTINUED) {
          order = new int[] {0, 1, 2, 3, 4, 5, 6};
        }
        for (int i = order.length - 1; i > 0 && shuffle != TrainingLoop.Shuffle.IN_ORDER; i--) {
          int j = random.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        assertArrayEquals(order, model.orders.get(e), shuffle + ", epoch " + (e + 1));
      }
    }
  }

  @Test
  void theScheduleSetsTheRuleRateEveryEpochFromTheStartRate() {
    Scripted model = new Scripted(4, constant(3, 1), null);
    List<EpochResult> seen = new ArrayList<>();
    TrainingLoop loop = new TrainingLoop(model, new SgdRule(0.8), new TrainingLoop.Settings(4,
        new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 1, 0.5), 3, 0, 0,
        TrainingLoop.Shuffle.CONTINUED), new Random(1));
    loop.setListener(seen::add);
    for (int e = 0; e < 3; e++) {
      loop.runEpoch();
    }
    assertEquals(List.of(0.8, 0.4, 0.2), model.rates);
    assertEquals(List.of(0.8, 0.4, 0.2), seen.stream().map(EpochResult::learningRate).toList());
    assertEquals(loop.history(), seen);
  }

  /**
   * Validation losses 3, 2, 2, 2.5, 1: epoch 2 is the best until epoch 5; with patience 2 the
   * fourth epoch is the second without improvement and stops; the best parameters come back.
   */
  @Test
  void earlyStoppingKeepsTheFirstBestAndStopsAfterPatienceEpochs() {
    double[] validation = {3, 2, 2, 2.5, 1};
    Scripted model = new Scripted(4, constant(5, 1), validation);
    TrainingLoop loop = new TrainingLoop(model, new SgdRule(0.1),
        settings(4, 5, 2, 0, TrainingLoop.Shuffle.CONTINUED), new Random(1));
    assertTrue(loop.runEpoch());
    assertTrue(loop.runEpoch());
    assertTrue(loop.runEpoch());
    assertFalse(loop.runEpoch());
    assertEquals(2, loop.bestEpoch());
    assertEquals(4, model.parameter);
    loop.restoreBest();
    assertEquals(2, model.parameter);
    assertEquals(0.5, loop.history().get(0).validationAccuracy());

    Scripted never = new Scripted(4, constant(5, 1), validation);
    TrainingLoop patient = new TrainingLoop(never, new SgdRule(0.1),
        settings(4, 5, 0, 0, TrainingLoop.Shuffle.CONTINUED), new Random(1));
    for (int e = 1; e <= 5; e++) {
      assertTrue(patient.runEpoch(), "patience 0 never stops, epoch " + e);
    }
    assertEquals(5, patient.bestEpoch());
  }

  @Test
  void withoutValidationNothingIsKeptAndTheLossesAreNaN() {
    Scripted model = new Scripted(4, constant(2, 1), null);
    TrainingLoop loop = new TrainingLoop(model, new SgdRule(0.1),
        settings(4, 2, 3, 0, TrainingLoop.Shuffle.CONTINUED), new Random(1));
    loop.runEpoch();
    loop.restoreBest();
    assertEquals(1, model.parameter);
    assertEquals(0, loop.bestEpoch());
    assertTrue(Double.isNaN(loop.history().get(0).validationLoss()));
  }

  /** Five epochs in a row that fail to beat the best loss by the tolerance end training (scikit-learn's test). */
  @Test
  void convergenceAfterFiveEpochsWithoutProgress() {
    // the best is 0.95 from epoch 2; epochs 3 to 7 stay above 0.95 - 0.01
    Scripted model = new Scripted(4, new double[] {1, 0.95, 0.999, 0.96, 0.951, 0.9505, 0.95}, null);
    TrainingLoop loop = new TrainingLoop(model, new SgdRule(0.1),
        settings(4, 10, 0, 0.01, TrainingLoop.Shuffle.FROM_IDENTITY), new Random(1));
    for (int e = 1; e <= 6; e++) {
      assertTrue(loop.runEpoch(), "epoch " + e);
    }
    assertFalse(loop.runEpoch());
    assertTrue(loop.converged());
    loop.setTolerance(0);
    assertFalse(loop.converged());
  }

  @Test
  void aLossThatIsNotFiniteIsDivergence() {
    Scripted model = new Scripted(4, new double[] {Double.NaN}, null);
    TrainingLoop loop = new TrainingLoop(model, new SgdRule(0.25),
        settings(4, 2, 0, 0, TrainingLoop.Shuffle.CONTINUED), new Random(1));
    IllegalStateException e = assertThrows(IllegalStateException.class, loop::runEpoch);
    assertEquals("training diverged: the loss is NaN after epoch 1; lower the learning rate (now 0.25)",
        e.getMessage());
  }

  /** next(limit) is Weka's iteration: it stops at the limit, which a resumed run may raise. */
  @Test
  void nextRunsUpToTheCurrentLimitAndTheEtaCountsTheEpochsLeft() {
    Scripted model = new Scripted(4, constant(6, 1), null);
    TrainingLoop loop = new TrainingLoop(model, new SgdRule(0.1),
        settings(4, 3, 0, 0, TrainingLoop.Shuffle.CONTINUED), new Random(1));
    assertTrue(Double.isNaN(loop.secondsLeft(3)));
    assertTrue(loop.next(3));
    assertTrue(loop.next(3));
    assertFalse(loop.next(3));
    assertFalse(loop.next(3));
    assertEquals(3, loop.epochs());
    assertTrue(loop.next(5));
    assertEquals(4, loop.epochs());
    double elapsed = loop.history().stream().mapToDouble(EpochResult::seconds).sum();
    assertEquals(elapsed, loop.secondsElapsed(), 1e-12);
    assertEquals(elapsed / 4 * 2, loop.secondsLeft(6), 1e-12);
  }

  /** A stop request ends the epoch between two steps. */
  @Test
  void aStopRequestEndsTheEpochBetweenTwoSteps() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Scripted model = new Scripted(8, constant(1, 1), null) {
      @Override
      public void step(int from, int to, UpdateRule rule, Random random) {
        super.step(from, to, rule, random);
        stop.set(true);
      }
    };
    TrainingLoop loop = new TrainingLoop(model, new SgdRule(0.1),
        settings(2, 1, 0, 0, TrainingLoop.Shuffle.CONTINUED), new Random(1));
    assertThrows(Cancelled.class, () -> Cancellation.callWithRequest(stop, loop::runEpoch));
    assertEquals(1, model.batches.size());
    assertEquals(0, loop.epochs());
  }

  @Test
  void theValidationSplitHoldsOutAStratifiedPartOnlyWithEarlyStopping() {
    int[] labels = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    double[] weights = constant(10, 1);
    ValidationSplit none = ValidationSplit.of(labels, weights, 2, 0, 0.2, 1);
    assertFalse(none.hasValidation());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, none.training());
    ValidationSplit split = ValidationSplit.of(labels, weights, 2, 3, 0.2, 1);
    assertTrue(split.hasValidation());
    assertEquals(10, split.training().length + split.validation().length);
    // a training part of weight 0 cannot train: then nothing is held out
    double[] onlyHeldOutWeigh = new double[10];
    for (int i : split.validation()) {
      onlyHeldOutWeigh[i] = 1;
    }
    assertFalse(ValidationSplit.of(labels, onlyHeldOutWeigh, 2, 3, 0.2, 1).hasValidation());
  }
}
