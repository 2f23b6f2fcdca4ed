package fundamentos.deep;

/**
 * What one epoch of training achieved: the mean (weighted) cross-entropy over the epoch's
 * mini-batches, the accuracy on the training sample and, with a validation split, the validation
 * loss and accuracy (NaN without one), and the seconds it took.
 */
public record EpochResult(int epoch, double learningRate, double trainingLoss,
    double trainingAccuracy, double validationLoss, double validationAccuracy, double seconds)
    implements java.io.Serializable {
}
