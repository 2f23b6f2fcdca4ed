package fundamentos.linear;

import fundamentos.optim.UpdateRule;
import fundamentos.progress.EpochListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Maximum-likelihood training of a {@link SoftmaxModel} by mini-batch gradient steps, one epoch at a
 * time (so that a caller can stop, resume or choose the number of epochs).
 *
 * <p>Every epoch visits the training rows in a fresh random order drawn from the seeded generator and
 * applies the update rule once per mini-batch. With a validation part, the trainer remembers the
 * parameters of the epoch with the lowest validation loss and reports that it should stop once
 * {@code patience} epochs in a row have not improved on it; {@link #restoreBest()} puts those
 * parameters back (early stopping that keeps the best model, not the last).
 */
public final class SoftmaxTrainer {

  private final SoftmaxModel model;
  private final INDArray inputs;
  private final INDArray targets;
  private final INDArray weights;
  private final INDArray validationInputs;
  private final INDArray validationTargets;
  private final INDArray validationWeights;
  private final UpdateRule rule;
  private final int batchSize;
  private final double l2;
  private final int patience;
  private final Random random;
  private final int[] order;
  private final List<Double> lossCurve = new ArrayList<>();
  private EpochListener listener = EpochListener.NONE;

  private int epochs;
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
    this.inputs = training.inputs();
    this.targets = training.targets();
    this.weights = training.weights();
    this.validationInputs = validation == null || validation.size() == 0 ? null : validation.inputs();
    this.validationTargets = validationInputs == null ? null : validation.targets();
    this.validationWeights = validationInputs == null ? null : validation.weights();
    this.rule = rule;
    this.batchSize = batchSize;
    this.l2 = l2;
    this.patience = patience;
    this.random = new Random(seed);
    this.order = new int[training.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
  }

  /** Rows of inputs (n x d), one-hot targets (n x k) and instance weights (n x 1). */
  public record Batch(INDArray inputs, INDArray targets, INDArray weights) {
    public int size() {
      return (int) inputs.rows();
    }
  }

  public void setListener(EpochListener listener) {
    this.listener = listener == null ? EpochListener.NONE : listener;
  }

  /**
   * Runs one epoch.
   *
   * @return false when early stopping says to stop (never without a validation part)
   * @throws IllegalStateException when the loss is no longer finite (the steps diverged)
   */
  public boolean runEpoch() {
    shuffle();
    for (int start = 0; start < order.length; start += batchSize) {
      int end = Math.min(order.length, start + batchSize);
      int[] rows = java.util.Arrays.copyOfRange(order, start, end);
      INDArray gradient = model.lossAndGradient(
          Nd4j.pullRows(inputs, 1, rows), Nd4j.pullRows(targets, 1, rows),
          Nd4j.pullRows(weights, 1, rows), l2).gradient();
      rule.step(model.parameters(), gradient);
    }
    epochs++;
    double trainingLoss = model.loss(inputs, targets, weights, l2);
    if (!Double.isFinite(trainingLoss)) {
      throw new IllegalStateException("training diverged: the loss is " + trainingLoss + " after epoch "
          + epochs + "; lower the learning rate (now " + rule.learningRate() + ")");
    }
    lossCurve.add(trainingLoss);
    double validationLoss = Double.NaN;
    boolean goOn = true;
    if (validationInputs != null) {
      validationLoss = model.loss(validationInputs, validationTargets, validationWeights, 0);
      if (validationLoss < bestValidationLoss) {
        bestValidationLoss = validationLoss;
        bestEpoch = epochs;
        bestParameters = model.parameters().dup();
      }
      goOn = epochs - bestEpoch < patience;
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

  private void shuffle() {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
