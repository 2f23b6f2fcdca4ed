package weka.classifiers.functions.layers;

import fundamentos.deep.LayerSpec;
import fundamentos.weka.StrictOptions;
import java.io.Serializable;
import java.util.Enumeration;
import org.nd4j.linalg.activations.Activation;
import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.Utils;

/**
 * One layer of a network as a Weka user edits it in the GenericObjectEditor (the CNN's list of
 * layers) or types it on the command line ({@code -layer "ConvolutionLayer -filters 32"}). It holds
 * the layer's settings and makes the engine's {@link LayerSpec}; the computation is DL4J's.
 */
public abstract class NetworkLayer implements OptionHandler, Serializable {

  private static final long serialVersionUID = 1L;

  /** The activation functions a layer offers; tag IDs equal their positions (Weka's option parser needs that). */
  public static final Tag[] ACTIVATIONS = {
      new Tag(0, "identity"),
      new Tag(1, "relu"),
      new Tag(2, "leakyrelu"),
      new Tag(3, "elu"),
      new Tag(4, "gelu"),
      new Tag(5, "tanh"),
      new Tag(6, "sigmoid"),
      new Tag(7, "softplus"),
      new Tag(8, "swish"),
  };

  private static final Activation[] ACTIVATION_FUNCTIONS = {Activation.IDENTITY, Activation.RELU,
      Activation.LEAKYRELU, Activation.ELU, Activation.GELU, Activation.TANH, Activation.SIGMOID,
      Activation.SOFTPLUS, Activation.SWISH};

  /** The engine's description of this layer; throws IllegalArgumentException for bad settings. */
  public abstract LayerSpec toSpec();

  /** What the layer does, for the GenericObjectEditor's About panel. */
  public abstract String globalInfo();

  /** A selection of {@link #ACTIVATIONS}. */
  protected static SelectedTag activationTag(int id) {
    return new SelectedTag(id, ACTIVATIONS);
  }

  /** DL4J's activation for a selection of {@link #ACTIVATIONS}. */
  protected static Activation activation(SelectedTag tag) {
    return ACTIVATION_FUNCTIONS[tag.getSelectedTag().getID()];
  }

  /** A copy of {@code tag} checked against {@code tags}; keeps {@code current} when it does not belong. */
  protected static SelectedTag select(SelectedTag tag, Tag[] tags, SelectedTag current) {
    return tag != null && tag.getTags() == tags ? tag : current;
  }

  @Override
  public Enumeration<Option> listOptions() {
    return Option.listOptionsForClassHierarchy(getClass(), NetworkLayer.class).elements();
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    // strict first: Weka's parser would print a bad value and keep the default
    StrictOptions.parse(options, this, NetworkLayer.class);
    Option.setOptionsForHierarchy(options, this, NetworkLayer.class);
    Utils.checkForRemainingOptions(options);
  }

  @Override
  public String[] getOptions() {
    return Option.getOptionsForHierarchy(this, NetworkLayer.class);
  }

  /** The class name and options, as they would be typed on the command line. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + " " + Utils.joinOptions(getOptions());
  }
}
