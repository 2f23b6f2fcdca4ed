package weka.classifiers.functions.layers;

import fundamentos.deep.GlobalPoolingSpec;
import fundamentos.deep.LayerSpec;

/** Global pooling: one value per channel. */
public class GlobalPoolingLayer extends PoolingTypeLayer {

  private static final long serialVersionUID = 1L;

  public GlobalPoolingLayer() {
    super(1);
  }

  @Override
  public String globalInfo() {
    return "Global max or average pooling: each channel of the image reduced to one value. "
        + "It has no parameters (Lin, Chen and Yan 2014).";
  }

  @Override
  public LayerSpec toSpec() {
    return new GlobalPoolingSpec(isMax());
  }
}
