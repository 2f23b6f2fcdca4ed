package fundamentos.training;

import fundamentos.optim.UpdateRule;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One worker of {@link ParameterAveraging}: a model on the worker's shard of the examples, which
 * takes a round's mini-batch steps from the driver's parameters and optimizer state and hands back
 * its own.
 *
 * <p>Each epoch the shard visits its examples in an order drawn as one machine's
 * {@link TrainingLoop} draws it: the same {@link TrainingLoop.Shuffle} from a generator seeded with
 * the shard's seed, epoch after epoch. A worker may be a fresh process for any round (Spark
 * recomputes a lost partition), so the order of epoch e is a function of the seed and e alone: the
 * shuffles of the epochs before are replayed when the shard has not kept them. The random draws of
 * the steps themselves (image augmentation) come from a generator of the round (seed, epoch, first
 * mini-batch) for the same reason; without such draws one shard seeded like one machine, averaged
 * after every mini-batch, takes exactly one machine's steps.
 */
public final class Shard {

  private final TrainableModel model;
  private final UpdateRule rule;
  private final int batchSize;
  private final TrainingLoop.Shuffle shuffle;
  private final long seed;
  private final int[] order;
  private Random random;
  /** The epoch whose order {@link #order} holds (0: none yet). */
  private int orderEpoch;
  /** The epoch the model was told of by startEpoch (0: none, or released by a measurement). */
  private int startedEpoch;

  /**
   * @param model the model on the shard's examples (its parameters are replaced every round)
   * @param rule a rule of the training's kind (its state and rate are replaced every round)
   * @param batchSize examples per mini-batch
   * @param shuffle how each epoch orders the examples (as the scheme does on one machine)
   * @param seed the seed of the shard's orders
   */
  public Shard(TrainableModel model, UpdateRule rule, int batchSize, TrainingLoop.Shuffle shuffle,
      long seed) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("mini-batch size must be at least 1");
    }
    this.model = model;
    this.rule = rule;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.seed = seed;
    this.order = new int[model.trainingSize()];
  }

  /** ceil(n / B): the mini-batches of one pass over the shard. */
  public int batches() {
    return (order.length + batchSize - 1) / batchSize;
  }

  /**
   * The round's steps: mini-batches {@code round.firstBatch()} .. of the epoch's pass, from the
   * driver's state at the round's learning rate.
   *
   * @return this worker's state after them, or null when its pass of the epoch is already over
   */
  public ParameterAveraging.Update train(ParameterAveraging.Round round,
      ParameterAveraging.State state) {
    int last = Math.min(batches(), round.firstBatch() + round.batches());
    if (round.firstBatch() >= last) {
      return null;
    }
    INDArray parameters = load(state.parameters());
    rule.setState(parameters, state.optimizerState());
    rule.setStepsTaken(state.steps());
    rule.setLearningRate(round.learningRate());
    if (startedEpoch != round.epoch()) {
      model.startEpoch(round.epoch(), orderOf(round.epoch()));
      startedEpoch = round.epoch();
    }
    Random draws = new Random(seed * 0x9E3779B97F4A7C15L + round.epoch() * 1_000_003L
        + round.firstBatch());
    long examples = 0;
    for (int batch = round.firstBatch(); batch < last; batch++) {
      int from = batch * batchSize;
      int to = Math.min(order.length, from + batchSize);
      model.step(from, to, rule, draws);
      examples += to - from;
    }
    INDArray after = model.copyOfParameters();
    return new ParameterAveraging.Update(new ParameterAveraging.State(after.ravel().toDoubleVector(),
        rule.state(after), rule.stepsTaken()), examples);
  }

  /** The shard's losses at {@code parameters} (the end of an epoch). */
  public ParameterAveraging.Measurement measure(double[] parameters) {
    load(parameters);
    double loss = model.trainingLoss();
    // a model may let its epoch's copy of the examples go when it measures (LinearSteps)
    startedEpoch = 0;
    double accuracy = model.trainingAccuracy();
    double[] held = model.hasValidation() ? model.validation() : new double[] {0, 0};
    return new ParameterAveraging.Measurement(loss, accuracy, model.trainingWeight(), held[0],
        held[1], model.validationWeight());
  }

  /** The model's parameters set to {@code values}, in its own shape and type. */
  private INDArray load(double[] values) {
    INDArray current = model.copyOfParameters();
    if (current.length() != values.length) {
      throw new IllegalArgumentException("the driver sent " + values.length + " parameters, the "
          + "shard's model has " + current.length());
    }
    INDArray parameters = Nd4j.createFromArray(values).castTo(current.dataType())
        .reshape(current.shape());
    model.setParameters(parameters);
    return parameters;
  }

  /** The order of epoch {@code epoch}: the shuffles of epochs 1..epoch from the seed. */
  private int[] orderOf(int epoch) {
    if (random == null || orderEpoch > epoch) {
      random = new Random(seed);
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      orderEpoch = 0;
    }
    while (orderEpoch < epoch) {
      if (shuffle == TrainingLoop.Shuffle.FROM_IDENTITY) {
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
      }
      if (shuffle != TrainingLoop.Shuffle.IN_ORDER) {
        TrainingLoop.shuffle(order, random);
      }
      orderEpoch++;
    }
    return order;
  }
}
