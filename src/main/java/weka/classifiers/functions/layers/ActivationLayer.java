package weka.classifiers.functions.layers;

import fundamentos.deep.ActivationSpec;
import fundamentos.deep.LayerSpec;

/** An activation function on its own, e.g. after batch normalisation. */
public class ActivationLayer extends ActivatedLayer {

  private static final long serialVersionUID = 1L;

  @Override
  public String globalInfo() {
    return "An element-wise activation function on its own, without parameters. "
        + "An example is the ReLU after a batch "
        + "normalisation (conv - BN - ReLU); no parameters.";
  }

  @Override
  public LayerSpec toSpec() {
    return new ActivationSpec(activation(getActivation()));
  }
}
