package fundamentos.deep;

import fundamentos.plot.ImageGrid;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The attention maps of a trained transformer for one input row: every encoder block's weights
 * softmax(Q K^T / sqrt(d_k)) per head (Vaswani et al. 2017, Eq. 1), read from the network's own
 * graph, and their picture. For images (Dosovitskiy et al. 2021) a tile shows the attention each
 * patch receives laid over the picture; otherwise the token-by-token matrix.
 */
public final class AttentionMaps {

  private AttentionMaps() {
  }

  /** The network's token layer (the last one, if there were several), or null. */
  public static TokenEmbedding tokenizer(MultiLayerNetwork network) {
    TokenEmbedding found = null;
    for (int i = 0; i < network.getnLayers(); i++) {
      if (network.getLayer(i).conf().getLayer() instanceof TokenEmbedding tokens) {
        found = tokens;
      }
    }
    return found;
  }

  /**
   * The attention weights of every block for one input row: [block][head][query][key] over the
   * tokens (the CLS token first, when there is one). Padded tokens of a sequence are masked as in
   * training.
   *
   * @param tokenizer the network's token layer ({@link #tokenizer})
   * @param row the input row, converted as for prediction
   */
  public static double[][][][] of(MultiLayerNetwork network, TokenEmbedding tokenizer, float[] row) {
    INDArray x = Nd4j.create(row, new long[] {1, row.length}, 'c');
    INDArray mask = Network.featureMask(network, x);
    List<INDArray> activations = network.feedForward(x, mask, null);
    INDArray tokens = mask == null ? null : tokenizer.feedForwardMaskArray(mask, null, 1).getFirst();
    List<double[][][]> blocks = new ArrayList<>();
    for (int i = 0; i < network.getnLayers(); i++) {
      Layer layer = network.getLayer(i);
      if (layer.conf().getLayer() instanceof EncoderBlock block) {
        INDArray weights = block.attentionWeights(activations.get(i), layer.paramTable(), tokens);
        long heads = weights.size(1);
        double[][][] perHead = new double[(int) heads][][];
        for (int h = 0; h < heads; h++) {
          perHead[h] = weights.slice(0).slice(h).toDoubleMatrix();
        }
        blocks.add(perHead);
      }
    }
    return blocks.toArray(new double[0][][][]);
  }

  /**
   * The picture of the maps: a row per block, a column per head. For an image (a shape and its
   * pixels given), each tile is the picture, averaged over the channels, with the attention the CLS
   * token pays to each patch (with mean pooling: the mean attention each patch receives from the
   * real tokens) laid over it; otherwise the tile is the token-by-token matrix (row: querying
   * token, column: the token attended to), darker for larger weights.
   *
   * @param weights the maps ({@link #of})
   * @param cls whether the first token is the CLS token
   * @param image the image shape (channels x height x width), or null for tokens that are no patches
   * @param pixels the image's input row (channels first), or null
   * @param patchSize the side of a square patch in pixels
   */
  public static ImageGrid picture(double[][][][] weights, boolean cls, Shape image, float[] pixels,
      int patchSize) {
    int heads = weights[0].length;
    ImageGrid grid;
    if (image != null) {
      int height = (int) image.height();
      int width = (int) image.width();
      double[] picture = new double[height * width];
      for (int p = 0; p < picture.length; p++) {
        for (int c = 0; c < image.channels(); c++) {
          picture[p] += pixels[c * height * width + p] / image.channels();
        }
      }
      grid = new ImageGrid(width, height);
      int gridWidth = width / patchSize;
      for (int b = 0; b < weights.length; b++) {
        for (int h = 0; h < heads; h++) {
          double[] patches = patchAttention(weights[b][h], cls);
          double[] overlay = new double[height * width];
          for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
              overlay[r * width + c] = patches[(r / patchSize) * gridWidth + c / patchSize];
            }
          }
          grid.addOverlay(picture, overlay, "block " + (b + 1) + ", head " + (h + 1));
        }
      }
    } else {
      int tokens = weights[0][0].length;
      grid = new ImageGrid(tokens, tokens);
      for (int b = 0; b < weights.length; b++) {
        for (int h = 0; h < heads; h++) {
          double[] matrix = new double[tokens * tokens];
          for (int i = 0; i < tokens; i++) {
            System.arraycopy(weights[b][h][i], 0, matrix, i * tokens, tokens);
          }
          grid.add(matrix, "block " + (b + 1) + ", head " + (h + 1), ImageGrid.Style.HEAT);
        }
      }
    }
    return grid;
  }

  /** The attention each patch gets: from the CLS token, or on average from all tokens. */
  static double[] patchAttention(double[][] weights, boolean cls) {
    int first = cls ? 1 : 0;
    double[] result = new double[weights.length - first];
    if (cls) {
      System.arraycopy(weights[0], 1, result, 0, result.length);
      return result;
    }
    for (double[] query : weights) {
      for (int j = 0; j < result.length; j++) {
        result[j] += query[j] / weights.length;
      }
    }
    return result;
  }
}
