package fundamentos.progress;

/**
 * Receives the progress of an iterative trainer after every epoch, so that an adapter can report it
 * (Weka's debug output, a GUI log, a training curve) without the engine knowing where it goes.
 */
@FunctionalInterface
public interface EpochListener {

  /**
   * @param epoch the number of epochs completed, from 1
   * @param trainingLoss the loss on the training part after this epoch
   * @param validationLoss the loss on the validation part, or NaN when there is none
   */
  void epochCompleted(int epoch, double trainingLoss, double validationLoss);

  /** A listener that ignores everything. */
  EpochListener NONE = (epoch, trainingLoss, validationLoss) -> { };
}
