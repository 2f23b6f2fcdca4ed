package fundamentos.deep;

/**
 * The shape of one example as it flows through a network: an image of channels x height x width
 * (channels first, as DL4J's NCHW layout) or a flat vector of features (height = width = 1,
 * {@code spatial} false).
 */
public record Shape(long channels, long height, long width, boolean spatial)
    implements java.io.Serializable {

  /** An image of c channels, h rows and w columns. */
  public static Shape image(long channels, long height, long width) {
    return new Shape(channels, height, width, true);
  }

  /** A flat vector of n features. */
  public static Shape flat(long features) {
    return new Shape(features, 1, 1, false);
  }

  /** Number of values in one example. */
  public long size() {
    return channels * height * width;
  }

  @Override
  public String toString() {
    return spatial ? channels + "x" + height + "x" + width : Long.toString(channels);
  }
}
