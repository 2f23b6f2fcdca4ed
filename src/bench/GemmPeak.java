import fundamentos.nd4j.Nd4jRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's single-precision matrix-multiply peak as the package's ND4J (OpenBLAS) reaches it:
 * the best of ten 2048 x 2048 products at the given thread count, in GFLOP/s. Run with the installed
 * package's jars on the class path (src/bench/cnn_fashion.sh).
 */
public class GemmPeak {
  public static void main(String[] args) {
    Nd4jRuntime.setThreads(Integer.parseInt(args[0]));
    int n = 2048;
    INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray c = Nd4j.create(DataType.FLOAT, n, n);
    double best = 0;
    for (int rep = 0; rep < 10; rep++) {
      long start = System.nanoTime();
      a.mmuli(b, c);
      best = Math.max(best, 2.0 * n * n * n / ((System.nanoTime() - start) / 1e9) / 1e9);
    }
    System.out.printf("%.1f%n", best);
  }
}
