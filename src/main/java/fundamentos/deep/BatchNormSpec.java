package fundamentos.deep;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Batch normalisation (Ioffe and Szegedy 2015; course section 3.5.3): each channel (each feature
 * of a flat input) standardised with the mini-batch's mean and variance during training and with
 * running averages at prediction, then scaled and shifted by a learned gamma and beta.
 */
public record BatchNormSpec(double decay, double epsilon) implements LayerSpec {

  /** The running averages' decay and epsilon of PyTorch's defaults (momentum 0.1, eps 1e-5). */
  public static BatchNormSpec defaults() {
    return new BatchNormSpec(0.9, 1e-5);
  }

  @Override
  public Layer toDl4j(Shape input) {
    return new BatchNormalization.Builder().decay(decay).eps(epsilon).build();
  }

  @Override
  public String describe() {
    return "batch normalisation";
  }
}
