package weka.classifiers.functions.layers;

import fundamentos.deep.ActivationSpec;
import fundamentos.deep.LayerSpec;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/** An activation function on its own, e.g. after batch normalisation. */
public class ActivationLayer extends NetworkLayer {

  private static final long serialVersionUID = 1L;

  private SelectedTag m_Activation = activationTag(1);

  @Override
  public String globalInfo() {
    return "An element-wise activation function on its own, without parameters. "
        + "An example is the ReLU after a batch "
        + "normalisation (conv - BN - ReLU); no parameters.";
  }

  @OptionMetadata(displayName = "activation", description = "The activation function.",
      commandLineParamName = "activation", commandLineParamSynopsis = "-activation <name>",
      displayOrder = 1)
  public SelectedTag getActivation() {
    return m_Activation;
  }

  public void setActivation(SelectedTag activation) {
    m_Activation = select(activation, ACTIVATIONS, m_Activation);
  }

  @Override
  public LayerSpec toSpec() {
    return new ActivationSpec(activation(m_Activation));
  }
}
