package fundamentos.deep;

/**
 * The shape of one example as it flows through a network: an image of channels x height x width
 * (channels first, as DL4J's NCHW layout), a flat vector of features (height = width = 1), or a
 * sequence of {@code width} tokens of {@code channels} values each (DL4J's recurrent layout
 * [batch, channels, tokens], height 1).
 */
public record Shape(long channels, long height, long width, Kind kind)
    implements java.io.Serializable {

  /** What the values of an example are. */
  public enum Kind { FLAT, IMAGE, SEQUENCE }

  /** An image of c channels, h rows and w columns. */
  public static Shape image(long channels, long height, long width) {
    return new Shape(channels, height, width, Kind.IMAGE);
  }

  /** A flat vector of n features. */
  public static Shape flat(long features) {
    return new Shape(features, 1, 1, Kind.FLAT);
  }

  /** A sequence of {@code tokens} tokens of {@code width} values each. */
  public static Shape sequence(long width, long tokens) {
    return new Shape(width, 1, tokens, Kind.SEQUENCE);
  }

  /** Whether this is an image (convolutions and pooling apply). */
  public boolean spatial() {
    return kind == Kind.IMAGE;
  }

  /** Number of values in one example. */
  public long size() {
    return channels * height * width;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case IMAGE -> channels + "x" + height + "x" + width;
      case SEQUENCE -> width + "x" + channels;
      case FLAT -> Long.toString(channels);
    };
  }
}
