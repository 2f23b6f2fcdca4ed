package fundamentos.linalg;

import fundamentos.parallel.Blocks;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Matrix products on row-major {@code double[]} arrays through OpenBLAS, the same native library
 * (bytedeco's build, shipped in the package's lib/) that ND4J's CPU backend calls. Calling it
 * directly avoids ND4J's start-up (about a second) and its per-op overhead for algorithms that are a
 * handful of large products, such as PCA.
 *
 * <p>OpenBLAS splits a product among threads and the order of the partial sums depends on the
 * thread count, so results agree across thread counts only to rounding (about 1e-13 relative).
 */
public final class NativeBlas {

  private NativeBlas() {
  }

  /** Whether {@link #startLoading} has run in this JVM. */
  private static final AtomicBoolean LOADING = new AtomicBoolean();

  /**
   * JavaCPP's classes that its native code and ours initialise: all initialised on the calling
   * thread before OpenBLAS is loaded on another (see {@link #startLoading}).
   */
  private static final String[] JAVACPP_CLASSES = {"org.bytedeco.javacpp.Loader",
      "org.bytedeco.javacpp.Pointer", "org.bytedeco.javacpp.BytePointer",
      "org.bytedeco.javacpp.IntPointer", "org.bytedeco.javacpp.LongPointer",
      "org.bytedeco.javacpp.FloatPointer", "org.bytedeco.javacpp.DoublePointer",
      "org.bytedeco.javacpp.SizeTPointer", "org.bytedeco.javacpp.PointerPointer"};

  /**
   * Starts loading OpenBLAS (0.1-0.2 s in a fresh JVM: javacpp's Loader, dlopen, OpenBLAS's
   * threads) on a daemon thread, once per JVM, so that it overlaps what a caller does before its
   * first product (for the PCA filter: Weka handing over the rows and the encoder reading them).
   *
   * <p>JavaCPP's {@code Pointer} and {@code Loader} initialise each other, and its pointer classes
   * are initialised by its native code: a first use of them on two threads at once deadlocked
   * (class initialisation waits in a cycle). So they are all initialised here, on the calling
   * thread, first; the other thread then only initialises the OpenBLAS classes, inside
   * {@link #withThreads} (whose lock every thread setting OpenBLAS's threads takes first). A failure
   * is left for the first real call to report.
   *
   * @param threads the OpenBLAS threads the caller will ask for (as {@link #withThreads}; negative:
   *     the library is loaded without setting them)
   */
  public static void startLoading(int threads) {
    if (!LOADING.compareAndSet(false, true)) {
      return;
    }
    try {
      for (String name : JAVACPP_CLASSES) {
        Class.forName(name, true, NativeBlas.class.getClassLoader());
      }
    } catch (ClassNotFoundException | LinkageError e) {
      return; // the first real call reports it
    }
    Thread loader = new Thread(() -> {
      try {
        BlasThreadTimeout.shorten(); // before OpenBLAS reads it, when it is loaded just below
        if (threads < 0) {
          openblas.blas_get_num_threads();
        } else {
          withThreads(threads, () -> null);
        }
      } catch (LinkageError e) {
        // left for the first real call to report
      }
    }, "fundamentos OpenBLAS loader");
    loader.setDaemon(true);
    loader.start();
  }

  /**
   * C = alpha * op(A) op(B) + beta * C for row-major matrices, where op(A) is m x k and op(B) is
   * k x n.
   *
   * @param transposeA whether A is stored k x m (and used transposed)
   * @param transposeB whether B is stored n x k (and used transposed)
   */
  public static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha,
      double[] a, double[] b, double beta, double[] c) {
    if (m == 0 || n == 0) {
      return;
    }
    openblas.cblas_dgemm(openblas.CblasRowMajor, op(transposeA), op(transposeB), m, n, k, alpha,
        a, stride(transposeA, m, k), b, stride(transposeB, k, n), beta, c, stride(false, m, n));
  }

  /**
   * C = op(A) op(B) in single precision for row-major matrices (op(A) m x k, op(B) k x n), through
   * the OpenBLAS build ND4J itself calls ({@code openblas_nolapack}), so that ND4J's thread setting
   * (Nd4jRuntime, the networks' numThreads option) applies. For the hand-written network layers:
   * at their sizes (a few thousand rows by 64) a direct call was three times faster than Nd4j.gemm.
   */
  public static void sgemm(boolean transposeA, boolean transposeB, int m, int n, int k,
      float[] a, float[] b, float[] c) {
    if (m == 0 || n == 0) {
      return;
    }
    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, op(transposeA), op(transposeB),
        m, n, k, 1f, a, stride(transposeA, m, k), b, stride(transposeB, k, n), 0f, c,
        stride(false, m, n));
  }

  /**
   * CBLAS's operation code for a matrix used as stored or transposed (CBLAS_TRANSPOSE, the same
   * numbers in both of bytedeco's OpenBLAS bindings).
   */
  private static int op(boolean transpose) {
    return transpose ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
  }

  /**
   * The leading dimension CBLAS wants for a row-major operand whose op(X) is rows x columns: the
   * length of a stored row (X is stored columns x rows when transposed), at least 1 even for an
   * empty matrix.
   */
  private static int stride(boolean transposed, int rows, int columns) {
    return Math.max(1, transposed ? rows : columns);
  }

  /**
   * Runs {@code work} with OpenBLAS limited to {@code threads} threads (0 or less: every core) and
   * restores the previous setting afterwards, so that other schemes in the same JVM (ND4J shares
   * the library) keep theirs.
   */
  public static synchronized <T> T withThreads(int threads, Supplier<T> work) {
    int previous = openblas.blas_get_num_threads();
    openblas.blas_set_num_threads(threads > 0 ? threads : Blocks.availableThreads());
    try {
      return work.get();
    } finally {
      openblas.blas_set_num_threads(previous);
    }
  }
}
