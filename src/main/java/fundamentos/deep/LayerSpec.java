package fundamentos.deep;

import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * One layer of a network as the course describes it (section 3.5), independent of how a user
 * configured it: what it does to the shape of an example, and the DL4J layer that computes it.
 */
public interface LayerSpec extends java.io.Serializable {

  /** The DL4J layer configuration for an input of the given shape. */
  Layer toDl4j(Shape input);

  /** A short description for the network summary, e.g. "conv 3x3x32 same". */
  String describe();

  /** Checks that the layer applies to an input of this shape; throws with a message a user can act on. */
  default void check(Shape input) {
  }
}
