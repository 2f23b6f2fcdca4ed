package weka.classifiers.functions.layers;

import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/**
 * A layer that ends in an activation function (dense, convolution, or the activation on its own):
 * the activation option is declared once here, as a bean property every such layer inherits.
 */
public abstract class ActivatedLayer extends NetworkLayer {

  private static final long serialVersionUID = 1L;

  private SelectedTag m_Activation = activationTag(1);

  @OptionMetadata(displayName = "activation",
      description = "The activation function f, applied to each of the layer's outputs.",
      commandLineParamName = "activation", commandLineParamSynopsis = "-activation <name>",
      displayOrder = 10)
  public SelectedTag getActivation() {
    return m_Activation;
  }

  public void setActivation(SelectedTag activation) {
    m_Activation = select(activation, ACTIVATIONS, m_Activation);
  }
}
