package fundamentos.nd4j;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain Java arrays to ND4J arrays, the shapes every engine expects (rows are instances), and
 * direct access to the memory of single-precision arrays for kernels written in Java.
 */
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

  /**
   * The array itself when its elements lie in row-major order without gaps (what {@link #floats}
   * needs), otherwise a row-major copy.
   */
  public static INDArray contiguous(INDArray array) {
    boolean plain = array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array)
        && array.elementWiseStride() == 1;
    return plain ? array : array.dup('c');
  }

  /**
   * The elements of a single-precision, row-major, gap-free array (see {@link #contiguous}) as a
   * buffer over its native memory: index i is the i-th element in row-major order, and writes go
   * to the array. No copy: valid as long as the array is (inside a workspace, until it closes).
   */
  public static FloatBuffer floats(INDArray array) {
    if (array.dataType() != DataType.FLOAT || array.ordering() != 'c'
        || !Shape.hasDefaultStridesForShape(array)) {
      throw new IllegalArgumentException("needs a row-major float array, not " + array.dataType()
          + " " + array.ordering() + " " + java.util.Arrays.toString(array.stride()));
    }
    // the address of the first element: libnd4j's primary buffer already includes a view's offset
    FloatPointer pointer = (FloatPointer) array.data().addressPointer();
    long n = array.length();
    pointer.position(0).capacity(n).limit(n);
    return pointer.asBuffer();
  }
}
