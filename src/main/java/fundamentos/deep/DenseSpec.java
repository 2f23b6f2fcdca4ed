package fundamentos.deep;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/**
 * A fully connected layer h = f(W x + b) (course section 3.1): (n_in + 1) n_out parameters. After an
 * image-shaped layer the image is flattened first.
 */
public record DenseSpec(int units, Activation activation) implements LayerSpec {

  public DenseSpec {
    if (units < 1) {
      throw new IllegalArgumentException("A dense layer needs at least one unit, not " + units);
    }
  }

  @Override
  public Layer toDl4j(Shape input) {
    return new DenseLayer.Builder().nOut(units).activation(activation).build();
  }

  @Override
  public String describe() {
    return "dense " + units + ActivationSpec.suffix(activation);
  }
}
