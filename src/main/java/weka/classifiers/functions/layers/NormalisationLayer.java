package weka.classifiers.functions.layers;

import fundamentos.weka.EarlierModelFile;
import fundamentos.weka.OptionChecks;
import java.io.ObjectStreamException;
import weka.core.OptionMetadata;

/**
 * A normalisation layer (batch or layer normalisation): both divide by sqrt(variance + epsilon), and
 * the epsilon option is declared once here.
 */
public abstract class NormalisationLayer extends NetworkLayer {

  private static final long serialVersionUID = 1L;

  /**
   * Called by Java serialization when a file written before this class existed is read: its
   * fields would stay null, so the file is refused with a message instead of failing later.
   */
  private void readObjectNoData() throws ObjectStreamException {
    throw EarlierModelFile.refused(getClass().getSimpleName() + " (a layer of a network)");
  }

  private double m_Epsilon = 1e-5;

  @OptionMetadata(displayName = "epsilon",
      description = "Added to the variance before the square root; a finite number > 0.",
      commandLineParamName = "epsilon", commandLineParamSynopsis = "-epsilon <double>", displayOrder = 2)
  public double getEpsilon() {
    return m_Epsilon;
  }

  public void setEpsilon(double epsilon) {
    m_Epsilon = OptionChecks.above(getClass().getSimpleName(), "epsilon", epsilon, 0, Double.MAX_VALUE);
  }
}
