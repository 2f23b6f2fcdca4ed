package weka.classifiers.functions.layers;

import fundamentos.weka.EarlierModelFile;
import java.io.ObjectStreamException;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;
import weka.core.Tag;

/**
 * A pooling layer, over windows or over the whole image: the pooling type option (max or average)
 * is declared once here.
 */
public abstract class PoolingTypeLayer extends NetworkLayer {

  private static final long serialVersionUID = 1L;

  /**
   * Called by Java serialization when a file written before this class existed is read: its
   * fields would stay null, so the file is refused with a message instead of failing later.
   */
  private void readObjectNoData() throws ObjectStreamException {
    throw EarlierModelFile.refused(getClass().getSimpleName() + " (a layer of a network)");
  }

  /** The pooling types; tag IDs equal their positions. */
  public static final Tag[] TYPES = {new Tag(0, "max"), new Tag(1, "average")};

  private SelectedTag m_Type;

  /** {@code defaultType}: an ID of {@link #TYPES}. */
  protected PoolingTypeLayer(int defaultType) {
    m_Type = new SelectedTag(defaultType, TYPES);
  }

  @OptionMetadata(displayName = "poolingType", description = "max or average.",
      commandLineParamName = "type", commandLineParamSynopsis = "-type <max|average>", displayOrder = 1)
  public SelectedTag getPoolingType() {
    return m_Type;
  }

  public void setPoolingType(SelectedTag type) {
    m_Type = select(type, TYPES, m_Type);
  }

  /** Whether the layer takes the maximum (else the average). */
  protected boolean isMax() {
    return m_Type.getSelectedTag().getID() == 0;
  }
}
