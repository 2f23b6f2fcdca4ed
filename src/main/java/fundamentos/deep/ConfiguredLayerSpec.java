package fundamentos.deep;

import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A DL4J layer configured in full when it is made (the Transformer's {@link TokenEmbedding}, word
 * vectors, {@link EncoderBlock}s and {@link SequencePooling}): the spec hands DL4J a copy of it.
 */
public record ConfiguredLayerSpec(Layer layer, String description) implements LayerSpec {

  @Override
  public Layer toDl4j(Shape input) {
    return layer.clone();
  }

  @Override
  public String describe() {
    return description;
  }
}
