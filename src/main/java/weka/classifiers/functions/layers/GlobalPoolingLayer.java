package weka.classifiers.functions.layers;

import fundamentos.deep.GlobalPoolingSpec;
import fundamentos.deep.LayerSpec;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/** Global pooling: one value per channel. */
public class GlobalPoolingLayer extends NetworkLayer {

  private static final long serialVersionUID = 1L;

  private SelectedTag m_Type = new SelectedTag(1, PoolingLayer.TYPES);

  @Override
  public String globalInfo() {
    return "Global max or average pooling: each channel of the image reduced to one value. "
        + "It has no parameters (Lin, Chen and Yan 2014).";
  }

  @OptionMetadata(displayName = "poolingType", description = "max or average.",
      commandLineParamName = "type", commandLineParamSynopsis = "-type <max|average>", displayOrder = 1)
  public SelectedTag getPoolingType() {
    return m_Type;
  }

  public void setPoolingType(SelectedTag type) {
    m_Type = select(type, PoolingLayer.TYPES, m_Type);
  }

  @Override
  public LayerSpec toSpec() {
    return new GlobalPoolingSpec(m_Type.getSelectedTag().getID() == 0);
  }
}
