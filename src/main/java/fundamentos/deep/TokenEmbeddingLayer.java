package fundamentos.deep;

import fundamentos.nd4j.Nd4jRuntime;
import fundamentos.parallel.Blocks;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The DL4J layer a {@link TokenEmbedding} runs as: in single precision the tokens are built by
 * hand (patch or step rows times E by BLAS, in {@link EncoderBlockLayer}'s blocks of examples on
 * the threads; attribute tokens summed directly), then the CLS token and the positions, then
 * dropout in training; backward the same in reverse, E's gradient the blocks' sum in block order.
 */
final class TokenEmbeddingLayer extends HandWrittenLayer {

  private transient float[] lastInput;
  private transient float[] lastRows; // patch or step rows of the last forward pass
  private transient int n;
  private transient float[] dropoutMask;
  private transient float[] sinusoidal;

  TokenEmbeddingLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private TokenEmbedding configuration() {
    return (TokenEmbedding) layerConf();
  }

  @Override
  protected INDArray forward(INDArray input, float[] mask, boolean training,
      LayerWorkspaceMgr workspaceMgr) {
    TokenEmbedding c = configuration();
    int d = (int) c.getModel();
    int t = (int) c.getTokens();
    int total = (int) c.outputTokens();
    int first = total - t; // 1 with a CLS token
    n = (int) input.size(0);
    lastInput = values(input);
    float[] tokens = new float[n * t * d]; // [N*T, d] without CLS
    switch (c.getSource()) {
      case PATCHES, STEPS -> {
        // blocks of examples on the threads, as in EncoderBlockLayer: the same cut on any thread
        // count, so the same floats
        float[] e = parameter("E");
        float[] bias = parameter("e");
        int width = rowWidth(c);
        lastRows = new float[n * t * width];
        float[] out = tokens;
        Blocks.run(EncoderBlockLayer.blocks(n), 1, Nd4jRuntime.javaThreads(), (b, from, to) -> {
          int e0 = b * EncoderBlockLayer.EXAMPLES;
          int e1 = Math.min(n, e0 + EncoderBlockLayer.EXAMPLES);
          int count = (e1 - e0) * t;
          float[] rows = new float[count * width];
          if (c.getSource() == TokenEmbedding.Source.PATCHES) {
            copyPatches(lastInput, e0, e1, rows, true);
          } else {
            copySteps(lastInput, e0, e1, rows, true);
          }
          float[] blockTokens = new float[count * d];
          LayerProducts.affine(rows, count, width, e, d, bias, blockTokens);
          System.arraycopy(rows, 0, lastRows, e0 * t * width, rows.length);
          System.arraycopy(blockTokens, 0, out, e0 * t * d, blockTokens.length);
        });
      }
      case ATTRIBUTES -> {
        float[] e = parameter("E");
        float[] bias = parameter("e");
        int[] attribute = c.getAttributeOfColumn();
        int f = attribute.length;
        int a = (int) c.attributeTokens();
        int width = (int) c.inputSize();
        float[] table = c.getWords() > 0 ? parameter("V") : null;
        for (int s = 0; s < n; s++) {
          System.arraycopy(bias, 0, tokens, s * t * d, a * d);
          for (int i = a; i < t; i++) {
            int id = (int) lastInput[s * width + f + i - a];
            System.arraycopy(table, id * d, tokens, (s * t + i) * d, d);
          }
          for (int col = 0; col < f; col++) {
            float value = lastInput[s * width + col];
            if (value != 0f) {
              int at = (s * t + attribute[col]) * d;
              for (int j = 0; j < d; j++) {
                tokens[at + j] += value * e[col * d + j];
              }
            }
          }
        }
      }
      case WORDS -> tokens = tokenRows(lastInput, n, d, t);
      default -> throw new IllegalStateException("unknown token source " + c.getSource());
    }
    float[] positions = positions(c);
    float[] cls = c.isClassToken() ? parameter("cls") : null;
    float[] rows = new float[n * total * d];
    for (int s = 0; s < n; s++) {
      if (cls != null) {
        System.arraycopy(cls, 0, rows, s * total * d, d);
      }
      System.arraycopy(tokens, s * t * d, rows, (s * total + first) * d, t * d);
      for (int i = 0; i < total * d; i++) {
        rows[s * total * d + i] += positions[i];
      }
    }
    dropoutMask = Dropout.of(configuration().getDropout(), random(), training).apply(rows);
    return output(workspaceMgr, ArrayType.ACTIVATIONS, sequence(rows, n, d, total), n, d, total);
  }

  private float[] positions(TokenEmbedding c) {
    if (c.isLearnedPositions()) {
      return parameter("P");
    }
    // the sinusoidal table is fixed: computed once, not every mini-batch
    if (sinusoidal == null) {
      sinusoidal = PositionalEncoding.sinusoidal((int) c.outputTokens(), (int) c.getModel());
    }
    return sinusoidal;
  }

  @Override
  protected float[] backward(float[] dOut, Map<String, float[]> gradients) {
    TokenEmbedding c = configuration();
    int d = (int) c.getModel();
    int t = (int) c.getTokens();
    int total = (int) c.outputTokens();
    int first = total - t;
    float[] dRows = Dropout.backward(tokenRows(dOut, n, d, total), dropoutMask);
    if (c.isClassToken()) {
      float[] dCls = new float[d];
      for (int s = 0; s < n; s++) {
        for (int j = 0; j < d; j++) {
          dCls[j] += dRows[s * total * d + j];
        }
      }
      gradients.put("cls", dCls);
    }
    if (c.isLearnedPositions()) {
      float[] dP = new float[total * d];
      for (int s = 0; s < n; s++) {
        for (int i = 0; i < total * d; i++) {
          dP[i] += dRows[s * total * d + i];
        }
      }
      gradients.put("P", dP);
    }
    float[] dTokens = new float[n * t * d];
    for (int s = 0; s < n; s++) {
      System.arraycopy(dRows, (s * total + first) * d, dTokens, s * t * d, t * d);
    }
    float[] dInput = new float[lastInput.length];
    switch (c.getSource()) {
      case PATCHES, STEPS -> {
        int width = rowWidth(c);
        float[] e = parameter("E");
        int blocks = EncoderBlockLayer.blocks(n);
        float[][] dEs = new float[blocks][];
        float[][] des = new float[blocks][];
        float[] dIn = dInput;
        Blocks.run(blocks, 1, Nd4jRuntime.javaThreads(), (b, from, to) -> {
          int e0 = b * EncoderBlockLayer.EXAMPLES;
          int e1 = Math.min(n, e0 + EncoderBlockLayer.EXAMPLES);
          int count = (e1 - e0) * t;
          float[] rows = java.util.Arrays.copyOfRange(lastRows, e0 * t * width,
              e1 * t * width);
          float[] dBlock = java.util.Arrays.copyOfRange(dTokens, e0 * t * d, e1 * t * d);
          dEs[b] = new float[width * d];
          des[b] = new float[d];
          LayerProducts.weightGradient(rows, count, width, dBlock, d, dEs[b], des[b]);
          float[] dPatch = new float[rows.length];
          LayerProducts.multiply(dBlock, count, d, false, e, width, d, true, dPatch);
          if (c.getSource() == TokenEmbedding.Source.PATCHES) {
            copyPatches(dIn, e0, e1, dPatch, false);
          } else {
            copySteps(dIn, e0, e1, dPatch, false);
          }
        });
        // the blocks' gradients summed in block order
        for (int b = 1; b < blocks; b++) {
          for (int i = 0; i < dEs[0].length; i++) {
            dEs[0][i] += dEs[b][i];
          }
          for (int j = 0; j < d; j++) {
            des[0][j] += des[b][j];
          }
        }
        gradients.put("E", dEs[0]);
        gradients.put("e", des[0]);
      }
      case ATTRIBUTES -> {
        float[] e = parameter("E");
        int[] attribute = c.getAttributeOfColumn();
        int f = attribute.length;
        int a = (int) c.attributeTokens();
        int width = (int) c.inputSize();
        float[] dE = new float[f * d];
        float[] de = new float[a * d];
        float[] dTable = c.getWords() > 0 ? new float[(int) c.getVocabulary() * d] : null;
        for (int s = 0; s < n; s++) {
          for (int i = 0; i < a * d; i++) {
            de[i] += dTokens[s * t * d + i];
          }
          for (int i = a; i < t; i++) {
            // each word token's gradient goes to its word's row (ids themselves get none)
            int id = (int) lastInput[s * width + f + i - a];
            for (int j = 0; j < d; j++) {
              dTable[id * d + j] += dTokens[(s * t + i) * d + j];
            }
          }
          for (int col = 0; col < f; col++) {
            int at = (s * t + attribute[col]) * d;
            float value = lastInput[s * width + col];
            float dot = 0;
            for (int j = 0; j < d; j++) {
              dE[col * d + j] += value * dTokens[at + j];
              dot += dTokens[at + j] * e[col * d + j];
            }
            dInput[s * width + col] = dot;
          }
        }
        gradients.put("E", dE);
        gradients.put("e", de);
        if (dTable != null) {
          gradients.put("V", dTable);
        }
      }
      case WORDS -> dInput = sequence(dTokens, n, d, t);
      default -> throw new IllegalStateException("unknown token source " + c.getSource());
    }
    return dInput;
  }

  /** The width of a patch or step row: C*p*p values of a patch, or a step's c channels. */
  private static int rowWidth(TokenEmbedding c) {
    return c.getSource() == TokenEmbedding.Source.PATCHES
        ? (int) (c.getChannels() * c.getPatch() * c.getPatch()) : (int) c.getChannels();
  }

  /**
   * Copies every p-wide line of every patch of examples e0 to e1 between image rows [N, C*H*W] and
   * patch rows ([(e1 - e0)*T, C*p*p]: patches row-major, values channel-major), in the direction
   * {@code toRows} says: patches never overlap, so each pixel has exactly one place in the rows,
   * and the backward pass puts the patch rows' gradients back onto the pixels this way.
   */
  private void copyPatches(float[] images, int e0, int e1, float[] rows, boolean toRows) {
    TokenEmbedding c = configuration();
    int channels = (int) c.getChannels();
    int height = (int) c.getHeight();
    int width = (int) c.getWidth();
    int p = (int) c.getPatch();
    int columns = width / p;
    int t = (int) c.getTokens();
    int size = channels * p * p;
    for (int s = e0; s < e1; s++) {
      for (int token = 0; token < t; token++) {
        int top = (token / columns) * p;
        int left = (token % columns) * p;
        int at = ((s - e0) * t + token) * size;
        for (int ch = 0; ch < channels; ch++) {
          for (int r = 0; r < p; r++) {
            int pixel = ((s * channels + ch) * height + top + r) * width + left;
            int line = at + (ch * p + r) * p;
            if (toRows) {
              System.arraycopy(images, pixel, rows, line, p);
            } else {
              System.arraycopy(rows, line, images, pixel, p);
            }
          }
        }
      }
    }
  }

  /**
   * Copies the steps of examples e0 to e1 between the input [N, T*(c+1)] and step rows
   * [(e1 - e0)*T, c] (the presence flags left out; their gradient stays 0), in the direction
   * {@code toRows} says.
   */
  private void copySteps(float[] input, int e0, int e1, float[] rows, boolean toRows) {
    int c = (int) configuration().getChannels();
    int t = (int) configuration().getTokens();
    for (int i = e0 * t; i < e1 * t; i++) {
      int line = (i - e0 * t) * c;
      if (toRows) {
        System.arraycopy(input, i * (c + 1), rows, line, c);
      } else {
        System.arraycopy(rows, line, input, i * (c + 1), c);
      }
    }
  }
}
