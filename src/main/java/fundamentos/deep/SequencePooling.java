package fundamentos.deep;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The end of a Transformer encoder: one d-vector per sequence for the classification head, either
 * the output of the CLS token (token 0, as BERT and ViT) or the mean over the real tokens (padded
 * ones left out). After pre-norm blocks the residual stream has not been normalised, so a final
 * layer normalisation comes first (as in ViT); post-norm blocks end normalised already.
 */
public class SequencePooling extends HandWrittenLayerConfiguration {

  private long model;
  private long length;
  private boolean classToken;
  private boolean finalNorm;
  private double epsilon = 1e-5;

  /** For DL4J's JSON deserialisation. */
  protected SequencePooling() {
  }

  public SequencePooling(long model, long length, boolean classToken, boolean finalNorm) {
    this.model = model;
    this.length = length;
    this.classToken = classToken;
    this.finalNorm = finalNorm;
  }

  @Override
  HandWrittenLayer handWrittenLayer(NeuralNetConfiguration conf, DataType dataType) {
    return new SequencePoolingLayer(conf, dataType);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return InputType.feedForward(model);
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    if (finalNorm) {
      params.addBiasParam("normGain", 1, model);
      params.addBiasParam("normBias", 1, model);
    }
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    if (finalNorm) {
      params.get("normGain").assign(1);
      params.get("normBias").assign(0);
    }
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params,
      SDVariable mask) {
    SDVariable pooled;
    if (classToken) {
      pooled = x.get(SDIndex.all(), SDIndex.all(), SDIndex.point(0)); // [N, d]
    } else {
      // mask [N, T]: sum over real tokens / their number
      SDVariable weights = mask.reshape(-1, 1, length);
      pooled = x.mul(weights).sum(2).div(weights.sum(2));
    }
    if (finalNorm) {
      pooled = LayerNormalization.standardise(sd, pooled, epsilon, 1).mul(params.get("normGain"))
          .add(params.get("normBias"));
    }
    return SameDiffGradient.halved(sd, pooled);
  }

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray,
      MaskState currentMaskState, int minibatchSize) {
    // one vector per sequence: nothing left to mask for the layers after
    return new Pair<>(null, null);
  }

  public String describe() {
    return (classToken ? "CLS token" : "mean over tokens") + (finalNorm ? " + layer norm" : "");
  }

  public long getModel() {
    return model;
  }

  public void setModel(long model) {
    this.model = model;
  }

  public long getLength() {
    return length;
  }

  public void setLength(long length) {
    this.length = length;
  }

  public boolean isClassToken() {
    return classToken;
  }

  public void setClassToken(boolean classToken) {
    this.classToken = classToken;
  }

  public boolean isFinalNorm() {
    return finalNorm;
  }

  public void setFinalNorm(boolean finalNorm) {
    this.finalNorm = finalNorm;
  }

  public double getEpsilon() {
    return epsilon;
  }

  public void setEpsilon(double epsilon) {
    this.epsilon = epsilon;
  }
}
