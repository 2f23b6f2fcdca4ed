package fundamentos.weka;

import fundamentos.optim.OptimizerSettings;
import weka.core.WekaException;

/**
 * The checks of the mini-batch training options that every gradient-trained scheme of the package
 * shares (SoftmaxRegression, CNN): an optimizer whose settings make an update rule, epochs and
 * mini-batch size at least 1, a finite penalty >= 0, a validation fraction strictly between 0 and
 * 1 when early stopping needs one. The messages name the scheme and the bad value. The optimizer
 * comes as the engine's {@link OptimizerSettings}: this conversion layer never imports an adapter
 * (the option objects live under {@code weka.classifiers}).
 */
public final class TrainingOptions {

  private TrainingOptions() {
  }

  /**
   * @param penaltyName how the scheme calls its weight penalty ("the L2 penalty", "the weight
   *     decay")
   * @param patience the early-stopping patience (0 or less: no validation split)
   */
  public static void check(String scheme, OptimizerSettings optimizer, int epochs, int miniBatchSize,
      String penaltyName, double penalty, int patience, double validationFraction)
      throws WekaException {
    if (optimizer == null) {
      throw new WekaException(scheme + ": no optimizer set.");
    }
    if (epochs < 1) {
      throw new WekaException(scheme + ": the number of epochs must be at least 1, not " + epochs
          + ".");
    }
    if (miniBatchSize < 1) {
      throw new WekaException(scheme + ": the mini-batch size must be at least 1, not "
          + miniBatchSize + ".");
    }
    if (!(penalty >= 0) || Double.isInfinite(penalty)) {
      throw new WekaException(scheme + ": " + penaltyName + " must be a number >= 0, not " + penalty
          + ".");
    }
    if (patience > 0 && !(validationFraction > 0 && validationFraction < 1)) {
      throw new WekaException(scheme + ": the validation fraction must lie strictly between 0 and 1,"
          + " not " + validationFraction + ".");
    }
    try {
      optimizer.newUpdateRule();
    } catch (IllegalArgumentException e) {
      throw new WekaException(e.getMessage());
    }
  }
}
