package fundamentos.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Plain Java arrays to ND4J arrays, the shapes every engine expects (rows are instances). */
public final class Tensors {

  private Tensors() {
  }

  /** An n x d matrix from n rows of length d (n x 0 when d is 0). */
  public static INDArray matrix(double[][] rows, int columns) {
    Nd4jRuntime.start();
    if (rows.length == 0 || columns == 0) {
      return Nd4j.zeros(rows.length, columns);
    }
    return Nd4j.createFromArray(rows);
  }

  /** An n x k one-hot matrix of class indices. */
  public static INDArray oneHot(int[] labels, int numClasses) {
    Nd4jRuntime.start();
    INDArray targets = Nd4j.zeros(labels.length, numClasses);
    for (int i = 0; i < labels.length; i++) {
      targets.putScalar(i, labels[i], 1.0);
    }
    return targets;
  }

  /** An n x 1 column. */
  public static INDArray column(double[] values) {
    Nd4jRuntime.start();
    return Nd4j.createFromArray(values).reshape(values.length, 1);
  }
}
