package weka.classifiers.functions.layers;

import fundamentos.deep.LayerNormSpec;
import fundamentos.deep.LayerSpec;
import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;

/** Layer normalisation. */
public class LayerNormLayer extends NetworkLayer {

  private static final long serialVersionUID = 1L;

  private double m_Epsilon = 1e-5;

  @Override
  public String globalInfo() {
    return "Layer normalisation: standardises each example over all its values, then scales and "
        + "shifts them. "
        + "Layer normalisation (Ba, Kiros and Hinton 2016; course section 3.5.3): each example "
        + "standardised over all its values (channels and positions of an image, all features after "
        + "a dense layer), then scaled and shifted by a learned gain and bias per channel.";
  }

  @OptionMetadata(displayName = "epsilon",
      description = "Added to the variance before the square root; a finite number > 0.",
      commandLineParamName = "epsilon", commandLineParamSynopsis = "-epsilon <double>", displayOrder = 1)
  public double getEpsilon() {
    return m_Epsilon;
  }

  public void setEpsilon(double epsilon) {
    m_Epsilon = OptionChecks.above("LayerNormLayer", "epsilon", epsilon, 0, Double.MAX_VALUE);
  }

  @Override
  public LayerSpec toSpec() {
    if (!(m_Epsilon > 0)) {
      throw new IllegalArgumentException("Layer normalisation needs epsilon > 0, not " + m_Epsilon);
    }
    return new LayerNormSpec(m_Epsilon);
  }
}
