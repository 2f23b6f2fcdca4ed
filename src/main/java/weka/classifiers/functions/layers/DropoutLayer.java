package weka.classifiers.functions.layers;

import fundamentos.deep.DropoutSpec;
import fundamentos.deep.LayerSpec;
import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;

/** Dropout. */
public class DropoutLayer extends NetworkLayer {

  private static final long serialVersionUID = 1L;

  private double m_Rate = 0.5;

  @Override
  public String globalInfo() {
    return "Dropout: zeroes random values in training to regularise the network, and does nothing "
        + "in prediction. "
        + "Dropout (Srivastava et al. 2014): in training each value is zeroed with the given "
        + "probability and the rest scaled by 1 / (1 - rate); prediction leaves values unchanged.";
  }

  @OptionMetadata(displayName = "rate",
      description = "The probability of dropping a value, in [0, 1).",
      commandLineParamName = "rate", commandLineParamSynopsis = "-rate <double>", displayOrder = 1)
  public double getRate() {
    return m_Rate;
  }

  public void setRate(double rate) {
    m_Rate = OptionChecks.belowOpen("DropoutLayer", "rate", rate, 0, 1);
  }

  @Override
  public LayerSpec toSpec() {
    return new DropoutSpec(m_Rate);
  }
}
