package weka.classifiers.functions.layers;

import fundamentos.deep.DenseSpec;
import fundamentos.deep.LayerSpec;
import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/** A fully connected layer. */
public class DenseLayer extends NetworkLayer {

  private static final long serialVersionUID = 1L;

  private int m_Units = 64;
  private SelectedTag m_Activation = activationTag(1);

  @Override
  public String globalInfo() {
    return "A fully connected layer: a weight matrix, a bias and an activation. "
        + "A fully connected layer h = f(W x + b) (course section 3.1); an image input is flattened "
        + "first; (n_in + 1) n_out parameters. Dense layers only make the course's MLP, which works on "
        + "any numeric and nominal data.";
  }

  @OptionMetadata(displayName = "units", description = "The number of units (outputs); at least 1.",
      commandLineParamName = "units", commandLineParamSynopsis = "-units <int>", displayOrder = 1)
  public int getUnits() {
    return m_Units;
  }

  public void setUnits(int units) {
    m_Units = OptionChecks.atLeast("DenseLayer", "units", units, 1);
  }

  @OptionMetadata(displayName = "activation", description = "The activation function f.",
      commandLineParamName = "activation", commandLineParamSynopsis = "-activation <name>",
      displayOrder = 2)
  public SelectedTag getActivation() {
    return m_Activation;
  }

  public void setActivation(SelectedTag activation) {
    m_Activation = select(activation, ACTIVATIONS, m_Activation);
  }

  @Override
  public LayerSpec toSpec() {
    return new DenseSpec(m_Units, activation(m_Activation));
  }
}
