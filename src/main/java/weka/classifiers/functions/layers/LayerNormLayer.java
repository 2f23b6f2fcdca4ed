package weka.classifiers.functions.layers;

import fundamentos.deep.LayerNormSpec;
import fundamentos.deep.LayerSpec;

/** Layer normalisation. */
public class LayerNormLayer extends NormalisationLayer {

  private static final long serialVersionUID = 1L;

  @Override
  public String globalInfo() {
    return "Layer normalisation: standardises each example over all its values, then scales and "
        + "shifts them. "
        + "Layer normalisation (Ba, Kiros and Hinton 2016; course section 3.5.3): each example "
        + "standardised over all its values (channels and positions of an image, all features after "
        + "a dense layer), then scaled and shifted by a learned gain and bias per channel.";
  }

  @Override
  public LayerSpec toSpec() {
    if (!(getEpsilon() > 0)) {
      throw new IllegalArgumentException("Layer normalisation needs epsilon > 0, not " + getEpsilon());
    }
    return new LayerNormSpec(getEpsilon());
  }
}
