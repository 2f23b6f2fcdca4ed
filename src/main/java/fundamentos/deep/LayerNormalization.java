package fundamentos.deep;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layer normalisation (Ba, Kiros and Hinton 2016) as a DL4J layer, which DL4J 1.0.0-M2.1 lacks:
 * y = gain * (x - mean(x)) / sqrt(var(x) + epsilon) + bias, mean and variance over all values of
 * one example; gain and bias per channel (per feature for a flat input). Written in SameDiff, so DL4J
 * derives the backward pass. The fields are what DL4J's JSON configuration stores.
 */
public class LayerNormalization extends SameDiffLayer {

  private static final String GAIN = "gain";
  private static final String BIAS = "bias";

  private long channels;
  private boolean spatial;
  private double epsilon;

  /** For DL4J's JSON deserialisation. */
  protected LayerNormalization() {
  }

  LayerNormalization(Shape input, double epsilon) {
    this.channels = input.channels();
    this.spatial = input.spatial();
    this.epsilon = epsilon;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    if (inputType instanceof InputType.InputTypeConvolutionalFlat flat) {
      return InputType.convolutional(flat.getHeight(), flat.getWidth(), flat.getDepth());
    }
    return inputType;
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    // images arrive as flat rows when this is the first layer: reshape them as DL4J's own
    // convolution layers do
    return spatial ? InputTypeUtil.getPreProcessorForInputTypeCnnLayers(inputType, getLayerName())
        : null;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    // the gain is declared as a bias, as EncoderBlock's norm gains: weight decay, which
    // NetworkTrainer applies to declared weights only, leaves normalisation parameters alone
    params.addBiasParam(GAIN, 1, channels);
    params.addBiasParam(BIAS, 1, channels);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    params.get(GAIN).assign(1);
    params.get(BIAS).assign(0);
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params,
      SDVariable mask) {
    int[] axes = spatial ? new int[] {1, 2, 3} : new int[] {1};
    SDVariable normalised = standardise(sd, x, epsilon, axes);
    SDVariable gain = params.get(GAIN);
    SDVariable bias = params.get(BIAS);
    if (spatial) {
      gain = gain.reshape(1, channels, 1, 1);
      bias = bias.reshape(1, channels, 1, 1);
    }
    return SameDiffGradient.halved(sd, normalised.mul(gain).add(bias));
  }

  /** (x - mean(x)) / sqrt(var(x) + epsilon), mean and variance over the given axes. */
  static SDVariable standardise(SameDiff sd, SDVariable x, double epsilon, int... axes) {
    SDVariable centred = x.sub(x.mean(true, axes));
    SDVariable variance = centred.mul(centred).mean(true, axes);
    return centred.div(sd.math().sqrt(variance.add(epsilon)));
  }

  public long getChannels() {
    return channels;
  }

  public void setChannels(long channels) {
    this.channels = channels;
  }

  public boolean isSpatial() {
    return spatial;
  }

  public void setSpatial(boolean spatial) {
    this.spatial = spatial;
  }

  public double getEpsilon() {
    return epsilon;
  }

  public void setEpsilon(double epsilon) {
    this.epsilon = epsilon;
  }
}
