package fundamentos.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Plain Java arrays to ND4J arrays, the shapes every engine expects (rows are instances). */
public final class Tensors {

  private Tensors() {
  }

  /** An n x k one-hot matrix of class indices. */
  public static INDArray oneHot(int[] labels, int numClasses) {
    Nd4jRuntime.start();
    double[] flat = new double[labels.length * numClasses];
    for (int i = 0; i < labels.length; i++) {
      flat[i * numClasses + labels[i]] = 1.0;
    }
    return Nd4j.create(flat, new long[] {labels.length, numClasses}, DataType.DOUBLE);
  }
}
