package fundamentos.weka;

import fundamentos.linalg.RowSource;
import weka.core.Instances;
import weka.core.WekaException;

/**
 * Instances seen through an {@link InstancesEncoder} as a {@link RowSource}: rows are encoded
 * block by block as an engine streams them, so a large data set is never copied whole. An encoding
 * error (an infinite value) surfaces as an {@link IllegalArgumentException} carrying the encoder's
 * message.
 */
public final class EncodedRows implements RowSource {

  private final InstancesEncoder encoder;
  private final Instances data;

  /**
   * @throws WekaException if the data's header differs from the encoder's
   */
  public EncodedRows(InstancesEncoder encoder, Instances data) throws WekaException {
    encoder.checkHeader(data);
    this.encoder = encoder;
    this.data = data;
  }

  @Override
  public int rows() {
    return data.numInstances();
  }

  @Override
  public int columns() {
    return encoder.numColumns();
  }

  @Override
  public void copyRows(int from, int to, double[] target) {
    int d = encoder.numColumns();
    try {
      for (int i = from; i < to; i++) {
        encoder.encode(data, i, target, (i - from) * d);
      }
    } catch (WekaException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
