package fundamentos.linear;

import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryEstimate;
import fundamentos.nd4j.Tensors;
import fundamentos.optim.UpdateRule;
import fundamentos.progress.EpochListener;
import fundamentos.training.EpochResult;
import fundamentos.training.LearningRateSchedule;
import fundamentos.training.ParameterAveraging;
import fundamentos.training.Shard;
import fundamentos.training.TrainingLoop;
import fundamentos.training.ValidationSplit;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Maximum-likelihood training of a {@link SoftmaxModel} by mini-batch gradient steps, one epoch at a
 * time (so that a caller can stop, resume or choose the number of epochs). The epochs are the shared
 * {@link TrainingLoop}'s; this class brings the softmax model's step, losses and parameters.
 *
 * <p>Every epoch visits the training rows in a fresh random order drawn from the seeded generator
 * ({@link TrainingLoop.Shuffle#FROM_IDENTITY}) and applies the update rule once per mini-batch of
 * consecutive rows of that order.
 *
 * <p>Instance weights mean copies: the loss is the weighted mean (1/W) sum_i w_i l_i over the whole
 * training set, W = sum_i w_i, and a mini-batch B estimates its gradient as
 * sum_{i in B} w_i grad l_i / (|B| W / n), the weighted sum over the mini-batch's expected weight.
 * Over uniformly drawn mini-batches that is an unbiased estimate of the full gradient, as mini-batches
 * drawn from the data with instance i copied w_i times would be; a full batch gives the exact
 * gradient of the duplicated data. Dividing by each mini-batch's own weight sum instead would cancel
 * the weights inside a mini-batch (with one row per mini-batch they would have no effect) and divide
 * by 0 for a mini-batch of zero weights. With a validation
 * part, the trainer remembers the parameters of the epoch with the lowest validation loss and reports
 * that it should stop once {@code patience} epochs in a row have not improved on it;
 * {@link #restoreBest()} puts those parameters back (early stopping that keeps the best model, not
 * the last). The training loss of an epoch is the penalised loss of the whole training part after
 * its last step.
 */
public final class SoftmaxTrainer {

  /** Epochs in a row without a loss improvement of at least the tolerance before training stops. */
  public static final int EPOCHS_WITHOUT_PROGRESS = TrainingLoop.EPOCHS_WITHOUT_PROGRESS;

  private final SoftmaxModel model;
  private final LinearSteps steps;
  private final TrainingLoop loop;

  /**
   * @param model the model to train (its current parameters are the start)
   * @param training the training part
   * @param validation the validation part for early stopping, or null for none
   * @param rule the update rule
   * @param batchSize rows per mini-batch (the last batch of an epoch may be smaller)
   * @param l2 the L2 penalty lambda on the weights
   * @param patience epochs without validation improvement before stopping (0: never; ignored
   *     without validation)
   * @param seed the seed of the shuffling
   */
  public SoftmaxTrainer(SoftmaxModel model, Batch training, Batch validation, UpdateRule rule,
      int batchSize, double l2, int patience, long seed) {
    if (training.size() == 0) {
      throw new IllegalArgumentException("no training rows");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("mini-batch size must be at least 1");
    }
    this.model = model;
    steps = new LinearSteps(model, training, validation, l2);
    // a constant rate: the schedule's length does not matter
    loop = new TrainingLoop(steps, rule, new TrainingLoop.Settings(batchSize,
        LearningRateSchedule.constant(), Integer.MAX_VALUE, patience, 0,
        TrainingLoop.Shuffle.FROM_IDENTITY), new Random(seed));
  }

  /**
   * A trainer of a new model on encoded rows (the bias column not yet added). With early stopping
   * (patience above 0) a stratified part of the rows, drawn from the seed, is held out to measure
   * it ({@link ValidationSplit}); the others train.
   *
   * @param rows the encoded inputs, one row per example, all of {@code columns} values
   * @param labels the class of each row, 0..numClasses-1
   * @param weights the instance weight of each row
   * @param validationFraction the fraction held out with early stopping, in (0, 1)
   * @param seed the seed of the hold-out and of the shuffling
   */
  public static SoftmaxTrainer onRows(double[][] rows, int columns, int[] labels, double[] weights,
      int numClasses, UpdateRule rule, int batchSize, double l2, int patience,
      double validationFraction, long seed) {
    ValidationSplit split = ValidationSplit.of(labels, weights, numClasses, patience,
        validationFraction, seed);
    return new SoftmaxTrainer(new SoftmaxModel(columns, numClasses),
        batch(rows, labels, weights, numClasses, split.training()),
        split.hasValidation() ? batch(rows, labels, weights, numClasses, split.validation()) : null,
        rule, batchSize, l2, patience, seed);
  }

  /**
   * One worker's part of training on many machines ({@link ParameterAveraging}): the softmax
   * model's steps on the worker's shard of the encoded rows, with the held-out part that
   * {@link #onRows} would draw from the shard's seed, shuffled epoch by epoch as one machine
   * shuffles ({@link TrainingLoop.Shuffle#FROM_IDENTITY}). A shard seeded with the scheme's seed
   * holding every row, averaged after every mini-batch, takes one machine's steps exactly.
   *
   * @param rule a rule of the training's kind (the driver's state replaces its own each round)
   */
  public static Shard shard(double[][] rows, int columns, int[] labels, double[] weights,
      int numClasses, UpdateRule rule, int batchSize, double l2, int patience,
      double validationFraction, long seed) {
    ValidationSplit split = ValidationSplit.of(labels, weights, numClasses, patience,
        validationFraction, seed);
    LinearSteps steps = new LinearSteps(new SoftmaxModel(columns, numClasses),
        batch(rows, labels, weights, numClasses, split.training()),
        split.hasValidation() ? batch(rows, labels, weights, numClasses, split.validation()) : null,
        l2);
    return new Shard(steps, rule, batchSize, TrainingLoop.Shuffle.FROM_IDENTITY, seed);
  }

  /** Where training on many machines starts: every parameter zero, the rule's state zero. */
  public static ParameterAveraging.State start(int columns, int numClasses, UpdateRule rule) {
    INDArray zeros = new SoftmaxModel(columns, numClasses).parameters();
    return new ParameterAveraging.State(zeros.ravel().toDoubleVector(), rule.state(zeros), 0);
  }

  private static Batch batch(double[][] rows, int[] labels, double[] weights, int numClasses,
      int[] which) {
    double[][] x = new double[which.length][];
    int[] y = new int[which.length];
    double[] c = new double[which.length];
    for (int i = 0; i < which.length; i++) {
      x[i] = rows[which[i]];
      y[i] = labels[which[i]];
      c[i] = weights[which[i]];
    }
    int columns = rows.length == 0 ? 0 : rows[0].length;
    return new Batch(SoftmaxModel.withBias(x, columns), Tensors.oneHot(y, numClasses), c);
  }

  /** The model being trained. */
  public SoftmaxModel model() {
    return model;
  }

  /**
   * Rows of inputs with the bias column (n x (d + 1), see {@link SoftmaxModel#withBias}), one-hot
   * targets (n x k) and instance weights.
   */
  public record Batch(INDArray inputs, INDArray targets, double[] weights) {

    /** The model computes in double precision; arrays made in another type are converted once. */
    public Batch {
      inputs = inputs.castTo(DataType.DOUBLE);
      targets = targets.castTo(DataType.DOUBLE);
      if (weights.length != inputs.rows()) {
        throw new IllegalArgumentException("one weight per row needed");
      }
      for (double w : weights) {
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("instance weights must be finite and not negative, not " + w);
        }
      }
    }

    /** W, the sum of the instance weights. */
    public double totalWeight() {
      double total = 0;
      for (double w : weights) {
        total += w;
      }
      return total;
    }

    public int size() {
      return (int) inputs.rows();
    }

    /** The weights as an n x 1 column. */
    public INDArray weightColumn() {
      return Nd4j.createFromArray(weights).reshape(weights.length, 1);
    }

    /** Whether every weight is the same, so that they cancel out of the weighted mean. */
    boolean uniformWeights() {
      for (double w : weights) {
        if (w != weights[0]) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Convergence test in the manner of scikit-learn's SGDClassifier: training stops once the
   * training loss has failed to fall below its best value minus {@code tolerance} for
   * {@value #EPOCHS_WITHOUT_PROGRESS} epochs in a row. 0 turns the test off.
   */
  public void setTolerance(double tolerance) {
    loop.setTolerance(tolerance);
  }

  /** Whether the last epoch met the convergence test (see {@link #setTolerance}). */
  public boolean converged() {
    return loop.converged();
  }

  public void setListener(EpochListener listener) {
    loop.setListener(listener == null ? null
        : r -> listener.epochCompleted(r.epoch(), r.trainingLoss(), r.validationLoss()));
  }

  /**
   * What training allocates, before it does: on the heap the encoded rows and their copy with a
   * bias column, 2 n (d + 1) doubles; off the heap the inputs and one-hot targets and their
   * shuffled copy each epoch, whose memory is freed only when the garbage collector clears its
   * Java wrapper (measured, doc/memory.md: up to three copies at once), 4 n (d + 1 + k); the
   * parameters with gradient, optimizer state (two
   * arrays at most) and best weights, 5 (d + 1) k, and a mini-batch step's products,
   * 4 B (d + 1 + k), all doubles.
   *
   * @param n training instances
   * @param d encoded columns (without the bias)
   * @param k classes
   * @param batch the mini-batch size
   */
  public static MemoryEstimate memory(long n, long d, long k, long batch) {
    long width = MemoryBudget.plus(d, 1);
    long heap = MemoryBudget.times(2, n, width, Double.BYTES);
    long offHeap = MemoryBudget.plus(
        MemoryBudget.times(4, n, MemoryBudget.plus(width, k), Double.BYTES),
        MemoryBudget.times(5, width, k, Double.BYTES),
        MemoryBudget.times(4, Math.min(batch, n), MemoryBudget.plus(width, k), Double.BYTES));
    return new MemoryEstimate(heap, offHeap);
  }

  /**
   * Runs one epoch.
   *
   * @return false when training should stop: converged, or early stopping fired
   * @throws IllegalStateException when the loss is no longer finite (the steps diverged)
   */
  public boolean runEpoch() {
    return loop.runEpoch();
  }

  /** The epochs, for a caller that runs them as Weka's iterations (next, resume, progress). */
  public TrainingLoop loop() {
    return loop;
  }

  /** Puts back the parameters of the best validation epoch, if early stopping kept any. */
  public void restoreBest() {
    loop.restoreBest();
  }

  public int epochs() {
    return loop.epochs();
  }

  /** The epoch whose parameters {@link #restoreBest()} restores (0 without a validation part). */
  public int bestEpoch() {
    return loop.bestEpoch();
  }

  /** The training loss after each epoch so far. */
  public List<Double> lossCurve() {
    return loop.history().stream().map(EpochResult::trainingLoss).toList();
  }

  /** The validation loss (cross-entropy, no penalty) after each epoch; empty without validation. */
  public List<Double> validationCurve() {
    return steps.hasValidation() ? loop.history().stream().map(EpochResult::validationLoss).toList()
        : List.of();
  }
}
