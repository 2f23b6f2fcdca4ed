package fundamentos.deep;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The configuration of a Transformer layer that DL4J stores and whose SameDiff graph
 * ({@code defineLayer}) is the reference, but which runs as a {@link HandWrittenLayer}: the one
 * place that does for all of them what DL4J's {@code SameDiffLayer.instantiate} does for a graph
 * layer. Holds no fields, so DL4J's JSON of a configuration is that of its subclass alone.
 */
public abstract class HandWrittenLayerConfiguration extends SameDiffLayer {

  /** The hand-written layer that runs this configuration (not yet wired to its parameters). */
  abstract HandWrittenLayer handWrittenLayer(NeuralNetConfiguration conf, DataType dataType);

  /**
   * As DL4J's SameDiffLayer, but the layer runs by hand in single precision: the layer, its index,
   * its parameter view and table (initialised by this configuration's own initializer).
   */
  @Override
  public final Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
      boolean initializeParams, DataType networkDataType) {
    HandWrittenLayer layer = handWrittenLayer(conf, networkDataType);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(layerParamsView);
    layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }
}
