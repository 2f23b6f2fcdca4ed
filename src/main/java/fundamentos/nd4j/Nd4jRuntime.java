package fundamentos.nd4j;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The one place where ND4J is started and its process-wide settings are made.
 *
 * <p>Why this exists: inside Weka a package lives in its own class loader, which ND4J's
 * {@link java.util.ServiceLoader} lookup of the CPU backend cannot see; pointing ND4J at this
 * package's class loader before the first ND4J call fixes that. ND4J's default of one OpenMP thread
 * per core was measured to make small models several times slower on two cores (contention with the
 * JIT and GC), and inside the Weka GUI there is no environment to set, so the thread count is chosen
 * here: the system property {@value #THREADS_PROPERTY} if given, else half the cores (at least one,
 * at most {@value #MAX_AUTO_THREADS}).
 */
public final class Nd4jRuntime {

  /** System property that fixes the number of native threads ND4J may use. */
  public static final String THREADS_PROPERTY = "fundamentos.threads";

  /** Upper bound of the automatic thread count: small GEMMs do not scale past it. */
  public static final int MAX_AUTO_THREADS = 4;

  private static boolean started;
  private static int threads;
  private static int blasThreads;
  private static int javaThreads;

  private Nd4jRuntime() {
  }

  /** Starts ND4J once (double precision, package class loader, thread count); cheap afterwards. */
  public static synchronized void start() {
    if (started) {
      return;
    }
    selectNativeBuild();
    ND4JClassLoading.setNd4jClassloaderFromClass(Nd4jRuntime.class);
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    try {
      // ND4J's backend discovery and JavaCPP's native loading consult the context class loader too.
      current.setContextClassLoader(Nd4jRuntime.class.getClassLoader());
      Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
      started = true;
      // libnd4j's own kernels everywhere; the CNN switches oneDNN on only around the layers
      // measured faster with it (fundamentos.deep.LayerHelpers)
      setOneDnn(false);
      applyThreads(automaticThreads());
      blasThreads = automaticThreads();
      Nd4j.factory().blas().setMaxThreads(blasThreads);
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  /** Whether {@link #start()} has run (code that cleans up after ND4J must not be what starts it). */
  public static synchronized boolean started() {
    return started;
  }

  /**
   * Sets the number of native threads ND4J uses for BLAS and its own loops.
   *
   * @param requested the number of threads, or 0 (or less) for the automatic choice
   */
  public static synchronized void setThreads(int requested) {
    setThreads(requested, requested);
  }

  /**
   * Sets the native threads of libnd4j's own loops (OpenMP, oneDNN) and of BLAS separately: a
   * convnet's work is in the former, and OpenBLAS's threads competing with OpenMP's for the cores
   * made a training step of the course's convnet a fifth slower than single-threaded BLAS for its
   * small dense layers.
   *
   * @param requested the threads of libnd4j's loops, or 0 (or less) for the automatic choice
   * @param blasRequested the BLAS threads, or 0 (or less) for the automatic choice
   */
  public static synchronized void setThreads(int requested, int blasRequested) {
    setThreads(requested, blasRequested, requested);
  }

  /**
   * Sets the threads of libnd4j's loops, of BLAS and of the package's own Java loops (the
   * hand-written network layers, {@link #javaThreads}) separately: a network whose work is in Java
   * threads wants libnd4j on one thread, since OpenMP's idle threads spin on the cores the Java
   * threads need.
   *
   * @param requested the threads of libnd4j's loops, or 0 (or less) for the automatic choice
   * @param blasRequested the BLAS threads, or 0 (or less) for the automatic choice
   * @param javaRequested the Java threads, or 0 (or less) for the automatic choice
   */
  public static synchronized void setThreads(int requested, int blasRequested,
      int javaRequested) {
    start();
    javaThreads = javaRequested > 0 ? javaRequested : automaticThreads();
    applyThreads(requested > 0 ? requested : automaticThreads());
    int blas = blasRequested > 0 ? blasRequested : automaticThreads();
    if (blas != blasThreads) {
      Nd4j.factory().blas().setMaxThreads(blas);
      blasThreads = blas;
    }
  }

  /**
   * Gives the current thread the thread count already chosen (OpenMP's count is per thread): for a
   * thread that runs ND4J work without choosing the count itself, such as a prediction.
   */
  static synchronized void applyToCurrentThread() {
    if (started) {
      applyThreads(threads);
    }
  }

  /** The number of native threads ND4J currently uses. */
  public static synchronized int threads() {
    start();
    return threads;
  }

  /** The number of threads the package's own Java loops of ND4J work (hand-written layers) use. */
  public static synchronized int javaThreads() {
    start();
    return javaThreads > 0 ? javaThreads : threads;
  }

  /** The thread count used when the user sets none. */
  public static int automaticThreads() {
    String fixed = System.getProperty(THREADS_PROPERTY);
    if (fixed != null && !fixed.isBlank()) {
      try {
        int n = Integer.parseInt(fixed.trim());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // fall through to the automatic choice; a bad property must not stop training
      }
    }
    int cores = Runtime.getRuntime().availableProcessors();
    return Math.max(1, Math.min(MAX_AUTO_THREADS, cores / 2));
  }

  /**
   * Whether libnd4j's ops use oneDNN's kernels where it has them (a process-wide flag of the
   * -onednn build; without it nothing changes).
   */
  public static void setOneDnn(boolean use) {
    try {
      if (oneDnnFlag == null) {
        // by reflection: the class exists only in the CPU backend (the CUDA build has no oneDNN)
        Class<?> environment =
            Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
        oneDnnEnvironment = environment.getMethod("getInstance").invoke(null);
        oneDnnFlag = environment.getMethod("setUseONEDNN", boolean.class);
      }
      oneDnnFlag.invoke(oneDnnEnvironment, use);
    } catch (ReflectiveOperationException | LinkageError e) {
      // a backend without the flag: nothing to switch
    }
  }

  private static java.lang.reflect.Method oneDnnFlag;
  private static Object oneDnnEnvironment;

  /**
   * JavaCPP loads the natives of the platform plus an "extension" (the oneDNN build is
   * linux-x86_64-onednn); the package carries one build, named in fundamentos/native.properties by
   * the build, and Weka gives no place to pass the -D flag, so it is set here before ND4J loads.
   */
  private static void selectNativeBuild() {
    String key = "org.bytedeco.javacpp.platform.extension";
    if (System.getProperty(key) != null) {
      return;
    }
    try (java.io.InputStream in =
        Nd4jRuntime.class.getResourceAsStream("/fundamentos/native.properties")) {
      if (in == null) {
        return;
      }
      java.util.Properties properties = new java.util.Properties();
      properties.load(in);
      String extension = properties.getProperty("platform.extension", "").trim();
      if (!extension.isEmpty() && !extension.startsWith("${")) {
        System.setProperty(key, extension);
      }
    } catch (java.io.IOException e) {
      // the generic natives are tried
    }
  }

  private static void applyThreads(int n) {
    Integer here = OMP_THREADS_HERE.get();
    if (n == threads && here != null && here == n) {
      return;
    }
    // OpenMP's thread count is a setting of the calling thread (measured: a training on a thread
    // that had not made the call ran with one OpenMP thread per core, 5-8 times slower on two
    // cores), so it is made again on every thread that trains
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
    OMP_THREADS_HERE.set(n);
    if (n != threads) {
      Nd4j.getEnvironment().setMaxMasterThreads(n);
      threads = n;
    }
  }

  /** The OpenMP thread count set on the current thread, null before any. */
  private static final ThreadLocal<Integer> OMP_THREADS_HERE = new ThreadLocal<>();
}
