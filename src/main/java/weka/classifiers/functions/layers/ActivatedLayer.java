package weka.classifiers.functions.layers;

import fundamentos.weka.EarlierModelFile;
import java.io.ObjectStreamException;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/**
 * A layer that ends in an activation function (dense, convolution, or the activation on its own):
 * the activation option is declared once here, as a bean property every such layer inherits.
 */
public abstract class ActivatedLayer extends NetworkLayer {

  private static final long serialVersionUID = 1L;

  /**
   * Called by Java serialization when a file written before this class existed is read: its
   * fields would stay null, so the file is refused with a message instead of failing later.
   */
  private void readObjectNoData() throws ObjectStreamException {
    throw EarlierModelFile.refused(getClass().getSimpleName() + " (a layer of a network)");
  }

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
