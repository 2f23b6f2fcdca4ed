package fundamentos.deep;

import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Layer normalisation (Ba, Kiros and Hinton 2016; course section 3.5.3): each example standardised
 * over all its values (channels and positions of an image, all features of a vector), then scaled
 * and shifted by a learned gain and bias per channel (per feature of a flat input).
 */
public record LayerNormSpec(double epsilon) implements LayerSpec {

  @Override
  public Layer toDl4j(Shape input) {
    return new LayerNormalization(input, epsilon);
  }

  @Override
  public String describe() {
    return "layer normalisation";
  }
}
