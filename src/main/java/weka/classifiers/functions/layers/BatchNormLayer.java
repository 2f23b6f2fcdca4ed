package weka.classifiers.functions.layers;

import fundamentos.deep.BatchNormSpec;
import fundamentos.deep.LayerSpec;
import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;

/** Batch normalisation. */
public class BatchNormLayer extends NormalisationLayer {

  private static final long serialVersionUID = 1L;

  private double m_Decay = 0.9;

  @Override
  public String globalInfo() {
    return "Batch normalisation: standardises each channel over the mini-batch, then scales and "
        + "shifts it. "
        + "Batch normalisation (Ioffe and Szegedy 2015; course section 3.5.3): each channel (each "
        + "feature after a dense layer) standardised by the mini-batch's mean and variance in "
        + "training and by running averages in prediction, then scaled and shifted by a learned gamma "
        + "and beta (2 trainable parameters per channel).";
  }

  @OptionMetadata(displayName = "decay", description = "Decay of the running mean and variance per "
      + "mini-batch, in [0, 1). The default 0.9 is PyTorch's momentum 0.1.", commandLineParamName = "decay",
      commandLineParamSynopsis = "-decay <double>", displayOrder = 1)
  public double getDecay() {
    return m_Decay;
  }

  public void setDecay(double decay) {
    m_Decay = OptionChecks.belowOpen("BatchNormLayer", "decay", decay, 0, 1);
  }

  @Override
  public LayerSpec toSpec() {
    if (!(m_Decay >= 0 && m_Decay < 1) || !(getEpsilon() > 0)) {
      throw new IllegalArgumentException("Batch normalisation needs a decay in [0, 1) and epsilon > 0,"
          + " not " + m_Decay + " and " + getEpsilon());
    }
    return new BatchNormSpec(m_Decay, getEpsilon());
  }
}
