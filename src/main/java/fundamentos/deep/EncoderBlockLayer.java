package fundamentos.deep;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The DL4J layer an {@link EncoderBlock} runs as: {@link EncoderBlockKernel} in single precision. */
final class EncoderBlockLayer extends HandWrittenLayer {

  private transient EncoderBlockKernel kernel;
  private transient long[] shape;

  EncoderBlockLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private EncoderBlockKernel kernel() {
    if (kernel == null) {
      EncoderBlock block = (EncoderBlock) layerConf();
      kernel = new EncoderBlockKernel(block.getModel(), block.getHeads(), block.getHidden(),
          block.getLength(), block.isPreNorm(), block.isGelu(), block.getEpsilon());
    }
    return kernel;
  }

  @Override
  protected INDArray forward(INDArray input, float[] mask, boolean training,
      LayerWorkspaceMgr workspaceMgr) {
    shape = input.shape();
    int n = (int) shape[0];
    int d = (int) shape[1];
    int t = (int) shape[2];
    Dropout dropout = Dropout.of(((EncoderBlock) layerConf()).getDropout(), random(), training);
    float[] y = kernel().forward(tokenRows(values(input), n, d, t), mask, parameters(), dropout);
    return output(workspaceMgr, ArrayType.ACTIVATIONS, sequence(y, n, d, t), shape);
  }

  @Override
  protected float[] backward(float[] dOut, Map<String, float[]> gradients) {
    int n = (int) shape[0];
    int d = (int) shape[1];
    int t = (int) shape[2];
    EncoderBlockKernel.Parameters grads = new EncoderBlockKernel.Parameters(
        zeros("Wq"), zeros("bq"), zeros("Wk"), zeros("bk"), zeros("Wv"), zeros("bv"),
        zeros("Wo"), zeros("bo"), zeros("W1"), zeros("b1"), zeros("W2"), zeros("b2"),
        zeros("norm1Gain"), zeros("norm1Bias"), zeros("norm2Gain"), zeros("norm2Bias"));
    float[] dx = kernel().backward(tokenRows(dOut, n, d, t), parameters(), grads);
    gradients.putAll(Map.ofEntries(Map.entry("Wq", grads.wq()), Map.entry("bq", grads.bq()),
        Map.entry("Wk", grads.wk()), Map.entry("bk", grads.bk()), Map.entry("Wv", grads.wv()),
        Map.entry("bv", grads.bv()), Map.entry("Wo", grads.wo()), Map.entry("bo", grads.bo()),
        Map.entry("W1", grads.w1()), Map.entry("b1", grads.b1()), Map.entry("W2", grads.w2()),
        Map.entry("b2", grads.b2()), Map.entry("norm1Gain", grads.gain1()),
        Map.entry("norm1Bias", grads.bias1()), Map.entry("norm2Gain", grads.gain2()),
        Map.entry("norm2Bias", grads.bias2())));
    return sequence(dx, n, d, t);
  }

  private float[] zeros(String name) {
    return new float[(int) paramTable.get(name).length()];
  }

  private EncoderBlockKernel.Parameters parameters() {
    return new EncoderBlockKernel.Parameters(parameter("Wq"), parameter("bq"), parameter("Wk"),
        parameter("bk"), parameter("Wv"), parameter("bv"), parameter("Wo"), parameter("bo"),
        parameter("W1"), parameter("b1"), parameter("W2"), parameter("b2"),
        parameter("norm1Gain"), parameter("norm1Bias"), parameter("norm2Gain"),
        parameter("norm2Bias"));
  }
}
