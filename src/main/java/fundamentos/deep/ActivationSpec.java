package fundamentos.deep;

import java.util.Locale;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/** An element-wise non-linearity on its own (e.g. the ReLU after a batch normalisation). */
public record ActivationSpec(Activation activation) implements LayerSpec {

  @Override
  public Layer toDl4j(Shape input) {
    return new ActivationLayer.Builder().activation(activation).build();
  }

  @Override
  public String describe() {
    return activation.name().toLowerCase(Locale.ROOT);
  }

  /** ", relu" for a layer with a built-in activation, nothing for the identity. */
  static String suffix(Activation activation) {
    return activation == Activation.IDENTITY ? "" : ", " + activation.name().toLowerCase(Locale.ROOT);
  }
}
