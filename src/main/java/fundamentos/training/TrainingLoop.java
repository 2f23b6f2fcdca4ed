package fundamentos.training;

import fundamentos.optim.UpdateRule;
import fundamentos.progress.Cancellation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mini-batch training, one epoch per call (course section 3.3), for any {@link TrainableModel}
 * (softmax regression, the networks): the epoch's order of the examples, the mini-batches of
 * consecutive examples of that order, the learning rate of the schedule, the stop between two steps
 * when the work is cancelled ({@link Cancellation}), the divergence check, the convergence test,
 * early stopping that keeps the best parameters, and one {@link EpochResult} per epoch with the time
 * elapsed and left. The model brings the forward pass, the loss and the parameters.
 *
 * <p>A caller runs {@link #runEpoch()} as often as it likes (Weka's {@code IterativeClassifier}
 * calls {@link #next(int)} once per iteration, and resumes by calling it again later, perhaps with
 * a higher limit), then {@link #restoreBest()}.
 *
 * <p>Early stopping (Goodfellow, Bengio and Courville 2016, algorithm 7.1): after every epoch the
 * validation loss is compared with the lowest so far; a strictly lower one is the new best and its
 * parameters are copied; once {@code patience} epochs in a row have not improved on it, training
 * should stop, and {@link #restoreBest()} puts the best parameters back (the best model, not the
 * last). Patience 0 measures the validation part but never stops.
 *
 * <p>The convergence test is scikit-learn's SGDClassifier's: training should stop once the training
 * loss has failed to fall below its best value minus {@code tolerance} for
 * {@value #EPOCHS_WITHOUT_PROGRESS} epochs in a row (tolerance 0 turns it off).
 */
public final class TrainingLoop {

  /** Epochs in a row without a loss improvement of at least the tolerance before training stops. */
  public static final int EPOCHS_WITHOUT_PROGRESS = 5;

  /**
   * How each epoch orders the examples. Both are Fisher-Yates shuffles with the loop's generator;
   * they differ in what they shuffle, and each scheme keeps its own so that a seed gives the models
   * it always gave (the regression references).
   */
  public enum Shuffle {
    /** Every epoch shuffles 0..n-1 afresh (softmax regression). */
    FROM_IDENTITY,
    /** Every epoch shuffles the previous epoch's order again (the networks). */
    CONTINUED,
    /**
     * No shuffle: the steps go in the order 0..n-1 every epoch (the rounds of
     * {@link ParameterAveraging}, whose workers shuffle their own examples).
     */
    IN_ORDER
  }

  /**
   * How training runs.
   *
   * @param batchSize examples per mini-batch (the last one of an epoch may be smaller), at least 1
   * @param schedule the learning rate by epoch, from the rule's rate at the start
   * @param epochs the planned number of epochs: the schedule's length
   * @param patience epochs without a lower validation loss before stopping; 0 never stops
   * @param tolerance the convergence test's tolerance; 0 turns it off
   * @param shuffle how each epoch orders the examples
   */
  public record Settings(int batchSize, LearningRateSchedule schedule, int epochs, int patience,
      double tolerance, Shuffle shuffle) {

    public Settings {
      if (batchSize < 1) {
        throw new IllegalArgumentException("mini-batch size must be at least 1");
      }
    }
  }

  private final TrainableModel model;
  private final UpdateRule rule;
  private final double baseRate;
  private final Settings settings;
  private final Random random;
  private final int[] order;
  private final List<EpochResult> history = new ArrayList<>();
  private Consumer<EpochResult> listener = result -> { };
  private double tolerance;
  private double bestTrainingLoss = Double.POSITIVE_INFINITY;
  private int epochsWithoutProgress;
  private double bestValidationLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private int epochsWithoutImprovement;
  private INDArray bestParameters;
  private double seconds;

  /**
   * @param model the model to train (its current parameters are the start)
   * @param rule the update rule; its learning rate is the schedule's base
   * @param random the generator of the shuffles (and of the model's own draws in its steps)
   */
  public TrainingLoop(TrainableModel model, UpdateRule rule, Settings settings, Random random) {
    this.model = model;
    this.rule = rule;
    this.baseRate = rule.learningRate();
    this.settings = settings;
    this.tolerance = settings.tolerance();
    this.random = random;
    order = new int[model.trainingSize()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
  }

  /** Receives every finished epoch (progress reports). */
  public void setListener(Consumer<EpochResult> listener) {
    this.listener = listener == null ? result -> { } : listener;
  }

  /** Changes the convergence test's tolerance (0 turns it off). */
  public void setTolerance(double tolerance) {
    this.tolerance = tolerance;
  }

  /**
   * Runs one epoch.
   *
   * @return false when training should stop: converged, or early stopping fired
   * @throws IllegalStateException when the loss is no longer finite (the steps diverged)
   * @throws fundamentos.progress.Cancelled when the work was cancelled between two steps (the
   *     parameters are those of a whole step)
   */
  public boolean runEpoch() {
    long start = System.nanoTime();
    double rate = settings.schedule().rate(baseRate, history.size(), settings.epochs());
    rule.setLearningRate(rate);
    shuffle();
    int epoch = history.size() + 1;
    model.startEpoch(epoch, order);
    for (int from = 0; from < order.length; from += settings.batchSize()) {
      Cancellation.check();
      model.step(from, Math.min(order.length, from + settings.batchSize()), rule, random);
    }
    double trainingLoss = model.trainingLoss();
    if (!Double.isFinite(trainingLoss)) {
      throw new IllegalStateException("training diverged: the loss is " + trainingLoss + " after epoch "
          + epoch + "; lower the learning rate (now " + rule.learningRate() + ")");
    }
    double trainingAccuracy = model.trainingAccuracy();
    epochsWithoutProgress = trainingLoss > bestTrainingLoss - tolerance ? epochsWithoutProgress + 1 : 0;
    bestTrainingLoss = Math.min(bestTrainingLoss, trainingLoss);
    boolean goOn = !converged();
    double[] held = {Double.NaN, Double.NaN};
    if (model.hasValidation()) {
      held = model.validation();
      if (held[0] < bestValidationLoss) {
        bestValidationLoss = held[0];
        bestEpoch = epoch;
        bestParameters = model.copyOfParameters();
        epochsWithoutImprovement = 0;
      } else if (settings.patience() > 0 && ++epochsWithoutImprovement >= settings.patience()) {
        goOn = false;
      }
    }
    double took = (System.nanoTime() - start) / 1e9;
    seconds += took;
    EpochResult result = new EpochResult(epoch, rate, trainingLoss, trainingAccuracy, held[0],
        held[1], took);
    history.add(result);
    listener.accept(result);
    return goOn;
  }

  /**
   * One more epoch while fewer than {@code limit} have run: Weka's {@code IterativeClassifier.next()}.
   * The limit is the caller's current one, which a resumed training may have raised since the
   * start (the schedule keeps the planned length it started with).
   *
   * @return whether another epoch should follow: not once {@code limit} epochs have run, training
   *     converged or early stopping fired
   */
  public boolean next(int limit) {
    if (epochs() >= limit) {
      return false;
    }
    return runEpoch() && epochs() < limit;
  }

  /** Whether the last epoch met the convergence test. */
  public boolean converged() {
    return tolerance > 0 && epochsWithoutProgress >= EPOCHS_WITHOUT_PROGRESS;
  }

  /** Puts back the parameters of the best validation epoch, if early stopping kept any. */
  public void restoreBest() {
    if (bestParameters != null) {
      model.setParameters(bestParameters);
    }
  }

  /** Epochs run so far. */
  public int epochs() {
    return history.size();
  }

  /** The epoch whose parameters {@link #restoreBest()} restores (0 without a validation part). */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** Every epoch run so far. */
  public List<EpochResult> history() {
    return Collections.unmodifiableList(history);
  }

  /** The seconds the epochs so far took. */
  public double secondsElapsed() {
    return seconds;
  }

  /** The seconds the epochs up to {@code limit} will take at the mean pace so far (the ETA). */
  public double secondsLeft(int limit) {
    return history.isEmpty() ? Double.NaN : seconds / epochs() * (limit - epochs());
  }

  /** A Fisher-Yates shuffle of the order with the loop's generator (see {@link Shuffle}). */
  private void shuffle() {
    if (settings.shuffle() == Shuffle.IN_ORDER) {
      return;
    }
    if (settings.shuffle() == Shuffle.FROM_IDENTITY) {
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
    }
    shuffle(order, random);
  }

  /** A Fisher-Yates shuffle in place (j drawn from 0..i, i from the end). */
  public static void shuffle(int[] values, Random random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
