package fundamentos.deep;

import fundamentos.progress.Cancellation;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The activations of one hidden layer of a trained {@link Network} for a batch of input rows, in
 * inference mode (no dropout, batch normalisation with its running statistics, padded tokens
 * masked): the learned features of course section 4.3.3. Each row's activations are flattened in
 * the order of the layer's output shape (channels first for images, then height and width; width
 * then tokens for sequences).
 *
 * <p>Layers are counted as they were given to {@link Network#build} (the order of
 * {@link Network#summary}). The network may run a ReLU directly followed by a max pooling after the
 * pooling ({@link Network#executionIndex}); the output after both is the same, and the output of
 * such a ReLU alone, before the pooling, is computed here as ReLU of the layer before it.
 */
public final class LayerActivations {

  private static final int BATCH = 512;

  private LayerActivations() {
  }

  /**
   * @param executionIndex where each given layer runs in the DL4J network ({@link
   *     Network#executionIndex} of the layers it was built from)
   * @param layer the hidden layer, 0-based in the given order
   * @param features rows x f input values, channels first for images
   * @return rows x (the layer's output size) activations
   */
  public static float[][] of(MultiLayerNetwork network, int[] executionIndex, int layer,
      float[] features, int rows, int f) {
    int hidden = network.getnLayers() - 1;
    if (executionIndex.length != hidden) {
      throw new IllegalArgumentException("The execution order names " + executionIndex.length
          + " layers, the network has " + hidden + " hidden layers.");
    }
    if (layer < 0 || layer >= hidden) {
      throw new IllegalArgumentException("The network has hidden layers 1 to " + hidden + ", not "
          + (layer + 1) + ".");
    }
    if ((long) rows * f != features.length) {
      throw new IllegalArgumentException(features.length + " input values are not " + rows
          + " rows of " + f);
    }
    // a ReLU that runs after the max pooling that follows it: ReLU of what comes before the pair
    boolean reluBeforePool = executionIndex[layer] > layer;
    int dl4jLayer = reluBeforePool ? layer - 1 : layer;
    float[][] result = new float[rows][];
    for (int from = 0; from < rows; from += BATCH) {
      Cancellation.check();
      int n = Math.min(BATCH, rows - from);
      INDArray x = Nd4j.create(java.util.Arrays.copyOfRange(features, from * f, (from + n) * f),
          new long[] {n, f}, 'c');
      float[][] batch = flat(activations(network, dl4jLayer, x), n);
      if (reluBeforePool) {
        for (float[] row : batch) {
          for (int j = 0; j < row.length; j++) {
            row[j] = Math.max(row[j], 0f);
          }
        }
      }
      System.arraycopy(batch, 0, result, from, n);
    }
    return result;
  }

  /** The output of DL4J layer i (-1: the input itself) in inference mode. */
  private static INDArray activations(MultiLayerNetwork network, int i, INDArray x) {
    if (i < 0) {
      return x;
    }
    INDArray mask = Network.featureMask(network, x);
    // feedForwardToLayer passes the network's own mask field to the layers (setLayerMaskArrays
    // would be undone by it)
    network.setMask(mask);
    try {
      List<INDArray> all = network.feedForwardToLayer(i, x, false);
      // the list starts with the input
      return all.get(i + 1);
    } finally {
      network.setMask(null);
      network.clearLayerMaskArrays();
    }
  }

  private static float[][] flat(INDArray activations, int n) {
    INDArray rows = activations.castTo(DataType.FLOAT).reshape('c', n, activations.length() / n);
    return rows.toFloatMatrix();
  }
}
