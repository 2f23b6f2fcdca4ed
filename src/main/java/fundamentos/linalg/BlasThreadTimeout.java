package fundamentos.linalg;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * How long OpenBLAS's idle threads spin before they sleep. After every call OpenBLAS's worker
 * threads wait for the next one by spinning ({@code sched_yield}) for 2^28 cycles, about a tenth of
 * a second, before they sleep. A caller that alternates short products with Java work of its own
 * (the PCA filter: a block of rows encoded in Java, then one BLAS update) thus always has a worker
 * spinning on one core while its Java code runs; in a fresh JVM on 2 cores that core is also the
 * one the just-in-time compilers need. Measured on the PCA filter's first fit (doc/benchmarks.md,
 * PCA, "third round"): in a development profile (perf) the spinning worker took about 9% of the
 * process's CPU samples, and src/bench/pca_first_fit.sh gives the first fit's median as 0.79 s with
 * OpenBLAS's own spin against 0.70 s with the spin shortened.
 *
 * <p>OpenBLAS reads the spin from the environment variable {@code OPENBLAS_THREAD_TIMEOUT} (2^value
 * cycles, 4 to 30) once, when it is loaded. So before the package loads OpenBLAS it sets that
 * variable, through libc's {@code setenv} (JNA, in the package's lib for OSHI, the hardware
 * information library of ND4J), to the shortest spin, 2^4 cycles: workers then sleep at once and
 * are woken by the next call (microseconds, against milliseconds of work in each of the calls this
 * matters for). A value the user set is kept; once OpenBLAS is loaded (ND4J started it first) the
 * setting has no effect.
 */
final class BlasThreadTimeout {

  /** The variable OpenBLAS reads. */
  static final String VARIABLE = "OPENBLAS_THREAD_TIMEOUT";

  /** The shortest spin OpenBLAS accepts: 2^4 cycles. */
  static final String SHORTEST = "4";

  private BlasThreadTimeout() {
  }

  /** libc's environment, which native libraries read (Java's own copy is read-only). */
  interface Environment extends Library {
    int setenv(String name, String value, int overwrite);

    String getenv(String name);
  }

  /**
   * Sets the shortest spin unless the variable is set already; call before OpenBLAS is loaded.
   *
   * @return whether the variable now holds the shortest spin (false if the user chose another
   *     value or libc could not be reached: OpenBLAS then spins as it would anyway)
   */
  static boolean shorten() {
    try {
      Environment libc = Native.loadLibrary("c", Environment.class);
      libc.setenv(VARIABLE, SHORTEST, 0); // 0: a user's own value is not overwritten
      return SHORTEST.equals(libc.getenv(VARIABLE));
    } catch (LinkageError | RuntimeException e) {
      return false; // no JNA or no libc: a speed setting only
    }
  }
}
