package fundamentos.training;

import fundamentos.optim.UpdateRule;
import java.io.Serializable;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synchronous data-parallel training by parameter averaging (McDonald, Hall and Mann 2010;
 * Zinkevich, Weimer, Smola and Li 2010; the method of DL4J's {@code ParameterAveragingTrainingMaster}),
 * as the driver sees it: every round, the workers start from the same parameters and optimizer
 * state, each takes {@code batchesPerRound} mini-batch steps on its own shard of the examples
 * ({@link Shard}), and the new parameters and optimizer state are the workers' results averaged,
 * each weighted by the examples its steps saw: theta = sum_p (n_p / N) theta_p. With one worker the
 * average is that worker's result exactly (its weight is 1), so averaging after every mini-batch
 * retraces single-machine training step by step.
 *
 * <p>To the shared {@link TrainingLoop} this class is a model whose "mini-batch steps" are the
 * rounds of an epoch ({@link TrainingLoop.Shuffle#IN_ORDER}, batch size 1): the loop keeps the
 * global epoch, the learning-rate schedule (each round carries the epoch's rate to the workers),
 * the divergence and convergence tests, early stopping with the best parameters, progress and
 * interruption exactly as on one machine. An epoch is over when every shard has taken one pass
 * over its examples: ceil(max_p ceil(n_p / B) / f) rounds; a shard that has finished its pass sits
 * out the rest of the epoch's rounds. After each epoch the workers measure their shards at the
 * averaged parameters; the training and validation losses are the shards' weighted means.
 */
public final class ParameterAveraging implements TrainableModel {

  /** What one round asks of every worker: mini-batches firstBatch.. of its pass of the epoch. */
  public record Round(int epoch, int firstBatch, int batches, double learningRate)
      implements Serializable {
  }

  /**
   * The driver's state, broadcast to the workers each round: the parameters (flattened), the
   * update rule's state arrays ({@link UpdateRule#state}) and its step count (Adam's t).
   */
  public record State(double[] parameters, double[][] optimizerState, long steps)
      implements Serializable {
  }

  /** A worker's state after its round, and the training examples its steps saw (its weight). */
  public record Update(State state, long examples) implements Serializable {
  }

  /**
   * A worker's shard measured at the averaged parameters: the mean training loss over the shard's
   * training weight, the training accuracy (NaN if the model measures none), and the mean
   * validation loss and accuracy over its validation weight (0 without a validation part).
   */
  public record Measurement(double trainingLoss, double trainingAccuracy, double trainingWeight,
      double validationLoss, double validationAccuracy, double validationWeight)
      implements Serializable {
  }

  /** The workers: a Spark job's partitions, or shards in one process (tests). */
  public interface Workers {

    /** Every worker's round from {@code state}; the updates of the workers that took a step. */
    List<Update> train(Round round, State state);

    /** Every worker's shard measured at {@code parameters}. */
    List<Measurement> measure(double[] parameters);
  }

  private final Workers workers;
  private final int roundsPerEpoch;
  private final int batchesPerRound;
  private final boolean hasValidation;
  private State state;
  private int epoch;
  private double[] measured;
  private long rounds;

  /**
   * @param start the parameters and optimizer state the first round starts from
   * @param batchesPerShard each shard's mini-batches per epoch, ceil(n_p / B)
   * @param batchesPerRound f, the mini-batches each worker takes between two averages (at least 1)
   * @param hasValidation whether the shards hold validation parts to stop early on
   */
  public ParameterAveraging(Workers workers, State start, int[] batchesPerShard,
      int batchesPerRound, boolean hasValidation) {
    if (batchesPerRound < 1) {
      throw new IllegalArgumentException("the mini-batches per round must be at least 1, not "
          + batchesPerRound);
    }
    int most = 0;
    for (int batches : batchesPerShard) {
      most = Math.max(most, batches);
    }
    if (most == 0) {
      throw new IllegalArgumentException("no shard holds a training example");
    }
    this.workers = workers;
    this.state = start;
    this.batchesPerRound = batchesPerRound;
    this.roundsPerEpoch = (most + batchesPerRound - 1) / batchesPerRound;
    this.hasValidation = hasValidation;
  }

  /**
   * The weighted average of the workers' states: sum_p (n_p / N) x_p for the parameters and every
   * state array, summed in the workers' order (the same bits for the same partitioning); the step
   * count is the largest (a worker that sat out took fewer steps).
   */
  public static State average(List<Update> updates) {
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("no worker took a step");
    }
    double total = 0;
    for (Update update : updates) {
      total += update.examples();
    }
    State first = updates.get(0).state();
    double[] parameters = new double[first.parameters().length];
    double[][] optimizerState = new double[first.optimizerState().length][];
    for (int s = 0; s < optimizerState.length; s++) {
      optimizerState[s] = new double[first.optimizerState()[s].length];
    }
    long steps = 0;
    for (Update update : updates) {
      double weight = update.examples() / total;
      addScaled(parameters, update.state().parameters(), weight);
      for (int s = 0; s < optimizerState.length; s++) {
        addScaled(optimizerState[s], update.state().optimizerState()[s], weight);
      }
      steps = Math.max(steps, update.state().steps());
    }
    return new State(parameters, optimizerState, steps);
  }

  private static void addScaled(double[] sum, double[] values, double weight) {
    if (values.length != sum.length) {
      throw new IllegalArgumentException("workers sent " + values.length + " and " + sum.length
          + " values: their models differ");
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] += weight * values[i];
    }
  }

  /**
   * The driver's epochs: the shared loop over this object's rounds, with the scheme's learning-rate
   * schedule, early-stopping patience and convergence test as on one machine (the training loss is
   * the shards' weighted mean, so the test reads the same loss). The rounds go in order: the
   * workers shuffle their own examples.
   *
   * @param rule the driver's rule: the schedule sets its rate each epoch, and each round carries
   *     that rate to the workers (its own state is not used)
   * @param epochs the planned epochs (the schedule's length)
   */
  public TrainingLoop loop(UpdateRule rule, LearningRateSchedule schedule, int epochs,
      int patience, double tolerance) {
    TrainingLoop loop = new TrainingLoop(this, rule, new TrainingLoop.Settings(1, schedule, epochs,
        patience, 0, TrainingLoop.Shuffle.IN_ORDER), new Random(0));
    loop.setTolerance(tolerance);
    return loop;
  }

  /** The parameters and optimizer state after the rounds so far. */
  public State state() {
    return state;
  }

  /** Rounds per epoch. */
  public int roundsPerEpoch() {
    return roundsPerEpoch;
  }

  /** Rounds run so far. */
  public long rounds() {
    return rounds;
  }

  @Override
  public int trainingSize() {
    return roundsPerEpoch;
  }

  @Override
  public void startEpoch(int number, int[] order) {
    epoch = number;
    measured = null;
  }

  /** Rounds {@code from} .. {@code to - 1} of the epoch, each averaged; the rule gives the rate. */
  @Override
  public void step(int from, int to, UpdateRule rule, Random random) {
    for (int round = from; round < to; round++) {
      List<Update> updates = workers.train(new Round(epoch, round * batchesPerRound,
          batchesPerRound, rule.learningRate()), state);
      rounds++;
      if (!updates.isEmpty()) {
        state = average(updates);
      }
    }
  }

  /** {trainingLoss, trainingAccuracy, validationLoss, validationAccuracy}, measured once per epoch. */
  private double[] measured() {
    if (measured == null) {
      List<Measurement> shards = workers.measure(state.parameters());
      double trainingWeight = 0;
      double validationWeight = 0;
      for (Measurement shard : shards) {
        trainingWeight += shard.trainingWeight();
        validationWeight += shard.validationWeight();
      }
      double[] sums = new double[4];
      for (Measurement shard : shards) {
        double t = shard.trainingWeight() / trainingWeight;
        sums[0] += t * shard.trainingLoss();
        sums[1] += t * shard.trainingAccuracy();
        if (shard.validationWeight() > 0) {
          double v = shard.validationWeight() / validationWeight;
          sums[2] += v * shard.validationLoss();
          sums[3] += v * shard.validationAccuracy();
        }
      }
      if (!(validationWeight > 0)) {
        sums[2] = Double.NaN;
        sums[3] = Double.NaN;
      }
      measured = sums;
    }
    return measured;
  }

  @Override
  public double trainingLoss() {
    return measured()[0];
  }

  @Override
  public double trainingAccuracy() {
    return measured()[1];
  }

  @Override
  public boolean hasValidation() {
    return hasValidation;
  }

  @Override
  public double[] validation() {
    return new double[] {measured()[2], measured()[3]};
  }

  @Override
  public INDArray copyOfParameters() {
    return Nd4j.createFromArray(state.parameters().clone()).castTo(DataType.DOUBLE);
  }

  @Override
  public void setParameters(INDArray parameters) {
    state = new State(parameters.ravel().toDoubleVector(), state.optimizerState(), state.steps());
    measured = null;
  }
}
