package fundamentos.deep;

import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Dropout (Srivastava et al. 2014): during training each value is zeroed with probability
 * {@code rate} and the others scaled by 1 / (1 - rate) (inverted dropout), so prediction uses the
 * layer unchanged.
 */
public record DropoutSpec(double rate) implements LayerSpec {

  public DropoutSpec {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("The dropout rate must lie in [0, 1), not " + rate);
    }
  }

  @Override
  public Layer toDl4j(Shape input) {
    // DL4J takes the probability of keeping a value
    return new DropoutLayer.Builder(1 - rate).build();
  }

  @Override
  public String describe() {
    return "dropout " + rate;
  }
}
