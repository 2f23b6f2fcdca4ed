package fundamentos.deep;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The DL4J layer a {@link SequencePooling} runs as, by hand in single precision. */
final class SequencePoolingLayer extends HandWrittenLayer {

  private transient int n;
  private transient float[] weights; // [N, T]: 1 for the CLS token, or mask / count
  private transient float[] hat;
  private transient float[] inverse;

  SequencePoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private SequencePooling configuration() {
    return (SequencePooling) layerConf();
  }

  @Override
  protected INDArray forward(INDArray input, float[] mask, boolean training,
      LayerWorkspaceMgr workspaceMgr) {
    SequencePooling c = configuration();
    int d = (int) c.getModel();
    int t = (int) c.getLength();
    n = (int) input.size(0);
    float[] x = values(input);
    weights = new float[n * t];
    for (int s = 0; s < n; s++) {
      if (c.isClassToken()) {
        weights[s * t] = 1;
      } else {
        float count = 0;
        for (int i = 0; i < t; i++) {
          count += mask == null ? 1 : mask[s * t + i];
        }
        for (int i = 0; i < t; i++) {
          weights[s * t + i] = (mask == null ? 1 : mask[s * t + i]) / count;
        }
      }
    }
    float[] pooled = new float[n * d];
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < d; j++) {
        float sum = 0;
        for (int i = 0; i < t; i++) {
          sum += weights[s * t + i] * x[(s * d + j) * t + i];
        }
        pooled[s * d + j] = sum;
      }
    }
    if (c.isFinalNorm()) {
      hat = new float[n * d];
      inverse = new float[n];
      float[] normalised = new float[n * d];
      LayerNormKernel.forward(pooled, n, d, (float) c.getEpsilon(), parameter("normGain"),
          parameter("normBias"), normalised, hat, inverse);
      pooled = normalised;
    }
    return output(workspaceMgr, ArrayType.ACTIVATIONS, pooled, n, d);
  }

  @Override
  protected float[] backward(float[] dOut, Map<String, float[]> gradients) {
    SequencePooling c = configuration();
    int d = (int) c.getModel();
    int t = (int) c.getLength();
    float[] dPooled = dOut;
    if (c.isFinalNorm()) {
      dPooled = new float[n * d];
      float[] dGain = new float[d];
      float[] dBias = new float[d];
      LayerNormKernel.backward(n, d, dOut, parameter("normGain"), hat, inverse, dGain, dBias,
          dPooled);
      gradients.put("normGain", dGain);
      gradients.put("normBias", dBias);
    }
    float[] dx = new float[n * d * t];
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < d; j++) {
        for (int i = 0; i < t; i++) {
          dx[(s * d + j) * t + i] = weights[s * t + i] * dPooled[s * d + j];
        }
      }
    }
    return dx;
  }
}
