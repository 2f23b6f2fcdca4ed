package fundamentos.training;

import fundamentos.optim.UpdateRule;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a model brings to the {@link TrainingLoop}: its training examples, one gradient step on a
 * mini-batch of them (forward pass, loss, gradient, the update rule), its losses, and its
 * parameters for early stopping. Epochs, shuffling, schedules, stopping rules, progress and
 * interruption are the loop's.
 */
public interface TrainableModel {

  /** The number of training examples n; a mini-batch is a range of an epoch's order of 0..n-1. */
  int trainingSize();

  /**
   * An epoch begins: {@code order} is its order of the training examples (the array is the loop's
   * and is not changed during the epoch). A model that copies its examples once per epoch does so
   * here.
   *
   * @param epoch the epoch about to run, from 1
   */
  void startEpoch(int epoch, int[] order);

  /**
   * One gradient step on the examples {@code order[from]} .. {@code order[to - 1]} of the epoch.
   *
   * @param rule the update rule that moves the parameters, at the epoch's learning rate
   * @param random the loop's generator, for a step's own random draws (image augmentation), in
   *     order after the epoch's shuffle
   * @throws IllegalStateException when the step's loss is no longer finite (diverged)
   */
  void step(int from, int to, UpdateRule rule, Random random);

  /** The training loss of the epoch that just ended (the model says how it measures it). */
  double trainingLoss();

  /** The accuracy on (a sample of) the training examples after the epoch, or NaN if not measured. */
  double trainingAccuracy();

  /** Whether there is a validation part to measure and stop early on. */
  boolean hasValidation();

  /** The validation loss and accuracy after the epoch ({@code [loss, accuracy]}, accuracy may be NaN). */
  double[] validation();

  /**
   * W, the total weight of the training examples: a shard's weight when the training losses of
   * several shards are averaged ({@link ParameterAveraging}). By default every example weighs 1.
   */
  default double trainingWeight() {
    return trainingSize();
  }

  /** The total weight of the validation part, 0 without one (see {@link #trainingWeight()}). */
  default double validationWeight() {
    return hasValidation() ? 1 : 0;
  }

  /** The parameters, as a copy that outlives later steps. */
  INDArray copyOfParameters();

  /** Puts parameters of {@link #copyOfParameters()} back. */
  void setParameters(INDArray parameters);
}
