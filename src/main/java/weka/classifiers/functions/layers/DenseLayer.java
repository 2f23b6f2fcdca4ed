package weka.classifiers.functions.layers;

import fundamentos.deep.DenseSpec;
import fundamentos.deep.LayerSpec;
import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;

/** A fully connected layer. */
public class DenseLayer extends ActivatedLayer {

  private static final long serialVersionUID = 1L;

  private int m_Units = 64;

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

  @Override
  public LayerSpec toSpec() {
    return new DenseSpec(m_Units, activation(getActivation()));
  }
}
