package fundamentos.deep;

import fundamentos.progress.Cancellation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Class probabilities from a trained network (inference mode: no dropout, running batch statistics). */
public final class Probabilities {

  private static final int BATCH = 512;

  private Probabilities() {
  }

  /**
   * @param features rows x f values, channels first for images
   * @return rows x classes probabilities
   */
  public static double[][] of(MultiLayerNetwork network, float[] features, int rows, int f) {
    double[][] result = new double[rows][];
    for (int from = 0; from < rows; from += BATCH) {
      Cancellation.check();
      int n = Math.min(BATCH, rows - from);
      INDArray x = Nd4j.create(java.util.Arrays.copyOfRange(features, from * f, (from + n) * f),
          new long[] {n, f}, 'c');
      double[][] p = network.output(x, false, Network.featureMask(network, x), null).toDoubleMatrix();
      System.arraycopy(p, 0, result, from, n);
    }
    return result;
  }
}
