package fundamentos.deep;

import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/** Global max or average pooling: one value per channel, the whole image pooled (Lin et al. 2014). */
public record GlobalPoolingSpec(boolean max) implements LayerSpec {

  @Override
  public void check(Shape input) {
    if (!input.spatial()) {
      throw new IllegalArgumentException("Global pooling needs an image input, but gets a flat vector.");
    }
  }

  @Override
  public Layer toDl4j(Shape input) {
    return new GlobalPoolingLayer.Builder(max ? PoolingType.MAX : PoolingType.AVG).build();
  }

  @Override
  public String describe() {
    return "global " + (max ? "max" : "average") + " pooling";
  }
}
