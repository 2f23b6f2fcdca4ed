package fundamentos.deep;

import fundamentos.nd4j.Nd4jRuntime;
import fundamentos.parallel.Blocks;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The DL4J layer an {@link EncoderBlock} runs as: {@link EncoderBlockKernel} in single precision.
 * A mini-batch is cut into blocks of {@link #EXAMPLES} examples, each with its own kernel, and the
 * blocks run on the threads ({@link Nd4jRuntime#javaThreads}) through the whole block, projections and layer
 * norms included, with one-thread BLAS each: the examples of a block are independent in the forward
 * pass, and the parameter gradients are the sum of the blocks' in block order. The cut does not
 * depend on the thread count, so neither does any result.
 */
final class EncoderBlockLayer extends HandWrittenLayer {

  /**
   * Examples per block of a mini-batch: a mini-batch of 64 makes four, which two threads share
   * more evenly than two blocks of 32 when one thread is held up (one epoch of a ViT on 10,000
   * images: 6.2-6.5 s against 6.8-7.0 s with 32, 6.1-7.0 s with 8).
   */
  static final int EXAMPLES = 16;

  private transient EncoderBlockKernel[] kernels;
  private transient long[] shape;
  /** The parameters of the last forward pass, which its backward pass uses too. */
  private transient EncoderBlockKernel.Parameters lastParameters;

  EncoderBlockLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /** The kernel of block c. */
  private EncoderBlockKernel kernel(int c) {
    if (kernels == null || c >= kernels.length) {
      kernels = kernels == null ? new EncoderBlockKernel[c + 1] : Arrays.copyOf(kernels, c + 1);
    }
    if (kernels[c] == null) {
      EncoderBlock block = (EncoderBlock) layerConf();
      kernels[c] = new EncoderBlockKernel(block.getModel(), block.getHeads(), block.getHidden(),
          block.getLength(), block.isPreNorm(), block.isGelu(), block.getEpsilon());
    }
    return kernels[c];
  }

  /** The blocks of {@link #EXAMPLES} examples that cover n examples. */
  static int blocks(int n) {
    return (n + EXAMPLES - 1) / EXAMPLES;
  }

  @Override
  protected INDArray forward(INDArray input, float[] mask, boolean training,
      LayerWorkspaceMgr workspaceMgr) {
    shape = input.shape();
    int n = (int) shape[0];
    int d = (int) shape[1];
    int t = (int) shape[2];
    float[] x = values(input);
    // the masks for the whole mini-batch in token-row order, drawn as a single pass would
    Dropout dropout = Dropout.of(((EncoderBlock) layerConf()).getDropout(), random(), training);
    float[] attentionMask = dropout.draw(n * t * d);
    float[] mlpMask = dropout.draw(n * t * d);
    EncoderBlockKernel.Parameters w = parameters();
    lastParameters = w;
    float[] y = new float[x.length];
    int blocks = blocks(n);
    for (int c = 0; c < blocks; c++) {
      kernel(c);
    }
    Blocks.run(blocks, 1, Nd4jRuntime.javaThreads(), (c, from, to) -> {
      int e0 = c * EXAMPLES;
      int e1 = Math.min(n, e0 + EXAMPLES);
      int at = e0 * t * d;
      int size = (e1 - e0) * t * d;
      float[] rows = new float[size];
      transposeEach(x, at, e1 - e0, d, t, rows, 0); // [n, d, T] to token rows
      float[] out = kernels[c].forward(rows, mask == null ? null
          : Arrays.copyOfRange(mask, e0 * t, e1 * t), w, slice(attentionMask, at, size),
          slice(mlpMask, at, size));
      transposeEach(out, 0, e1 - e0, t, d, y, at); // token rows to [n, d, T]
    });
    return output(workspaceMgr, ArrayType.ACTIVATIONS, y, shape);
  }

  private static float[] slice(float[] values, int from, int size) {
    return values == null ? null : Arrays.copyOfRange(values, from, from + size);
  }

  @Override
  protected float[] backward(float[] dOut, Map<String, float[]> gradients) {
    int n = (int) shape[0];
    int d = (int) shape[1];
    int t = (int) shape[2];
    EncoderBlockKernel.Parameters w = lastParameters;
    int blocks = blocks(n);
    EncoderBlockKernel.Parameters[] grads = new EncoderBlockKernel.Parameters[blocks];
    float[] dx = new float[dOut.length];
    Blocks.run(blocks, 1, Nd4jRuntime.javaThreads(), (c, from, to) -> {
      int e0 = c * EXAMPLES;
      int e1 = Math.min(n, e0 + EXAMPLES);
      int at = e0 * t * d;
      int size = (e1 - e0) * t * d;
      grads[c] = zeros();
      float[] rows = new float[size];
      transposeEach(dOut, at, e1 - e0, d, t, rows, 0);
      transposeEach(kernels[c].backward(rows, w, grads[c]), 0, e1 - e0, t, d, dx, at);
    });
    // the blocks' parameter gradients summed in block order
    float[][] sum = arrays(grads[0]);
    for (int c = 1; c < blocks; c++) {
      float[][] more = arrays(grads[c]);
      for (int i = 0; i < sum.length; i++) {
        for (int j = 0; j < sum[i].length; j++) {
          sum[i][j] += more[i][j];
        }
      }
    }
    String[] names = {"Wq", "bq", "Wk", "bk", "Wv", "bv", "Wo", "bo", "W1", "b1", "W2", "b2",
        "norm1Gain", "norm1Bias", "norm2Gain", "norm2Bias"};
    for (int i = 0; i < names.length; i++) {
      gradients.put(names[i], sum[i]);
    }
    return dx;
  }

  private static float[][] arrays(EncoderBlockKernel.Parameters p) {
    return new float[][] {p.wq(), p.bq(), p.wk(), p.bk(), p.wv(), p.bv(), p.wo(), p.bo(), p.w1(),
        p.b1(), p.w2(), p.b2(), p.gain1(), p.bias1(), p.gain2(), p.bias2()};
  }

  private EncoderBlockKernel.Parameters zeros() {
    return new EncoderBlockKernel.Parameters(
        zeros("Wq"), zeros("bq"), zeros("Wk"), zeros("bk"), zeros("Wv"), zeros("bv"),
        zeros("Wo"), zeros("bo"), zeros("W1"), zeros("b1"), zeros("W2"), zeros("b2"),
        zeros("norm1Gain"), zeros("norm1Bias"), zeros("norm2Gain"), zeros("norm2Bias"));
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
