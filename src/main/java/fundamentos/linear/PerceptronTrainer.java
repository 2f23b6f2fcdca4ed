package fundamentos.linear;

import fundamentos.optim.UpdateRule;
import fundamentos.training.EpochResult;
import fundamentos.training.LearningRateSchedule;
import fundamentos.training.TrainingLoop;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Algorithm 1 of the course (section 3.2): the perceptron ({@link PerceptronModel}) trained for a
 * number of epochs by mini-batch gradient steps of any update rule, on the shared
 * {@link TrainingLoop}: every epoch visits the rows in a fresh random order drawn from the seed and
 * takes one step per mini-batch of consecutive rows of that order. Instance weights mean copies,
 * as in {@link SoftmaxTrainer} (the same mini-batch steps, {@link LinearSteps}). There is no
 * validation part and no convergence test: every epoch asked for runs, as in Algorithm 1.
 */
public final class PerceptronTrainer {

  private final PerceptronModel model;
  private final TrainingLoop loop;

  /**
   * @param rows the encoded inputs, one row of {@code columns} values per example
   * @param targets the class of each row, 0 or 1
   * @param weights the instance weight of each row
   * @param seed the seed of the random start and of the shuffling
   */
  public PerceptronTrainer(double[][] rows, int columns, int[] targets, double[] weights,
      PerceptronModel.Loss loss, UpdateRule rule, int batchSize, long seed) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no training rows");
    }
    if (targets.length != rows.length) {
      throw new IllegalArgumentException("one target per row needed");
    }
    double[] y = new double[targets.length];
    for (int i = 0; i < y.length; i++) {
      if (targets[i] != 0 && targets[i] != 1) {
        throw new IllegalArgumentException("the perceptron's targets are 0 or 1, not " + targets[i]);
      }
      y[i] = targets[i];
    }
    Random random = new Random(seed);
    model = new PerceptronModel(columns, loss, random);
    SoftmaxTrainer.Batch training = new SoftmaxTrainer.Batch(SoftmaxModel.withBias(rows, columns),
        Nd4j.create(y, new long[] {y.length, 1}, DataType.DOUBLE), weights);
    loop = new TrainingLoop(new LinearSteps(model, training, null, 0), rule,
        new TrainingLoop.Settings(batchSize, LearningRateSchedule.constant(), Integer.MAX_VALUE, 0, 0,
            TrainingLoop.Shuffle.FROM_IDENTITY), random);
  }

  public PerceptronModel model() {
    return model;
  }

  /** The epochs, for a caller that runs them one at a time. */
  public TrainingLoop loop() {
    return loop;
  }

  /**
   * Runs one epoch.
   *
   * @throws IllegalStateException when the loss is no longer finite (the steps diverged)
   */
  public void runEpoch() {
    loop.runEpoch();
  }

  /** The training loss L after each epoch so far. */
  public List<Double> lossCurve() {
    return loop.history().stream().map(EpochResult::trainingLoss).toList();
  }
}
