package fundamentos.linear;

import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryEstimate;
import fundamentos.optim.UpdateRule;
import fundamentos.progress.Cancellation;
import fundamentos.progress.EpochListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Maximum-likelihood training of a {@link SoftmaxModel} by mini-batch gradient steps, one epoch at a
 * time (so that a caller can stop, resume or choose the number of epochs).
 *
 * <p>Every epoch visits the training rows in a fresh random order drawn from the seeded generator and
 * applies the update rule once per mini-batch of consecutive rows of that order.
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
 * the last).
 */
public final class SoftmaxTrainer {

  /**
   * Every temporary of a step lives in one reused workspace: allocating and freeing off-heap memory
   * for each of a step's small arrays cost more than the arithmetic.
   */
  private static final WorkspaceConfiguration STEP = WorkspaceConfiguration.builder()
      .initialSize(0).policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP)
      .build();

  private final SoftmaxModel model;
  private final Batch training;
  private final Batch validation;
  /** The instance weights as columns, made once: every epoch's loss needs them. */
  private final INDArray trainingWeights;
  private final INDArray validationWeights;
  private final boolean uniformWeights;
  /** W / n: a mini-batch of b rows is expected to weigh b times this. */
  private final double meanWeight;
  private final UpdateRule rule;
  private final int batchSize;
  private final double l2;
  private final int patience;
  private final Random random;
  private final List<Double> lossCurve = new ArrayList<>();
  private final List<Double> validationCurve = new ArrayList<>();
  private EpochListener listener = EpochListener.NONE;

  private double tolerance;
  private int epochs;
  private double bestTrainingLoss = Double.POSITIVE_INFINITY;
  private int epochsWithoutProgress;
  private double bestValidationLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private INDArray bestParameters;

  /**
   * @param model the model to train (its current parameters are the start)
   * @param training the training part
   * @param validation the validation part for early stopping, or null for none
   * @param rule the update rule
   * @param batchSize rows per mini-batch (the last batch of an epoch may be smaller)
   * @param l2 the L2 penalty lambda on the weights
   * @param patience epochs without validation improvement before stopping (ignored without validation)
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
    this.training = training;
    // a validation part of zero weight has no loss to compare (0 / 0): no early stopping then
    this.validation = validation == null || validation.size() == 0 || !(validation.totalWeight() > 0) ? null
        : validation;
    this.trainingWeights = training.weightColumn();
    this.validationWeights = this.validation == null ? null : this.validation.weightColumn();
    this.uniformWeights = training.uniformWeights();
    this.meanWeight = training.totalWeight() / training.size();
    if (!(meanWeight > 0) || Double.isInfinite(meanWeight)) {
      throw new IllegalArgumentException("the instance weights of the training rows sum to "
          + training.totalWeight() + ": at least one row needs a positive, finite weight");
    }
    this.rule = rule;
    this.batchSize = batchSize;
    this.l2 = l2;
    this.patience = patience;
    this.random = new Random(seed);
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
    this.tolerance = tolerance;
  }

  /** Epochs in a row without a loss improvement of at least the tolerance before training stops. */
  public static final int EPOCHS_WITHOUT_PROGRESS = 5;

  /** Whether the last epoch met the convergence test (see {@link #setTolerance}). */
  public boolean converged() {
    return tolerance > 0 && epochsWithoutProgress >= EPOCHS_WITHOUT_PROGRESS;
  }

  public void setListener(EpochListener listener) {
    this.listener = listener == null ? EpochListener.NONE : listener;
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
    int n = training.size();
    int[] order = permutation(n);
    // one shuffled copy per epoch, then each mini-batch is a view of consecutive rows
    INDArray inputs = Nd4j.pullRows(training.inputs(), 1, order);
    INDArray targets = Nd4j.pullRows(training.targets(), 1, order);
    boolean uniform = uniformWeights;
    INDArray weightColumn = uniform ? null : Nd4j.pullRows(trainingWeights, 1, order);
    for (int start = 0; start < n; start += batchSize) {
      Cancellation.check();
      int end = Math.min(n, start + batchSize);
      try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager()
          .getAndActivateWorkspace(STEP, "fundamentos-softmax-step")) {
        INDArray gradient = model.gradient(
            inputs.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()),
            targets.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()),
            uniform ? null : weightColumn.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()),
            uniform ? (end - start) : (end - start) * meanWeight, l2);
        rule.step(model.parameters(), gradient);
      }
    }
    epochs++;
    double trainingLoss = model.loss(training.inputs(), training.targets(), trainingWeights, l2);
    if (!Double.isFinite(trainingLoss)) {
      throw new IllegalStateException("training diverged: the loss is " + trainingLoss + " after epoch "
          + epochs + "; lower the learning rate (now " + rule.learningRate() + ")");
    }
    lossCurve.add(trainingLoss);
    epochsWithoutProgress = trainingLoss > bestTrainingLoss - tolerance ? epochsWithoutProgress + 1 : 0;
    bestTrainingLoss = Math.min(bestTrainingLoss, trainingLoss);
    double validationLoss = Double.NaN;
    boolean goOn = !converged();
    if (validation != null) {
      validationLoss = model.loss(validation.inputs(), validation.targets(), validationWeights, 0);
      validationCurve.add(validationLoss);
      if (validationLoss < bestValidationLoss) {
        bestValidationLoss = validationLoss;
        bestEpoch = epochs;
        bestParameters = model.parameters().dup();
      }
      goOn = goOn && epochs - bestEpoch < patience;
    }
    listener.epochCompleted(epochs, trainingLoss, validationLoss);
    return goOn;
  }

  /** Puts back the parameters of the best validation epoch, if early stopping kept any. */
  public void restoreBest() {
    if (bestParameters != null) {
      model.setParameters(bestParameters);
    }
  }

  public int epochs() {
    return epochs;
  }

  /** The epoch whose parameters {@link #restoreBest()} restores (0 without a validation part). */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The training loss after each epoch so far. */
  public List<Double> lossCurve() {
    return Collections.unmodifiableList(lossCurve);
  }

  /** The validation loss (cross-entropy, no penalty) after each epoch; empty without validation. */
  public List<Double> validationCurve() {
    return Collections.unmodifiableList(validationCurve);
  }

  /** A Fisher-Yates shuffle of 0..n-1 from the trainer's seeded generator. */
  private int[] permutation(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
