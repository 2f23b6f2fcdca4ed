package fundamentos.training;

/**
 * What one epoch of training achieved: the model's training loss (a network's mean weighted
 * cross-entropy over the epoch's mini-batches, softmax regression's penalised loss of the whole
 * training part after the epoch), the accuracy on the training examples (NaN where the model does
 * not measure it) and, with a validation part, the validation loss and accuracy (NaN without one),
 * the learning rate the epoch ran with and the seconds it took.
 */
public record EpochResult(int epoch, double learningRate, double trainingLoss,
    double trainingAccuracy, double validationLoss, double validationAccuracy, double seconds)
    implements java.io.Serializable {
}
