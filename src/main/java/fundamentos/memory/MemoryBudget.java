package fundamentos.memory;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * The memory a scheme may still allocate, and the check every scheme makes with its own estimate
 * before its first large allocation. Two pools count: the JVM heap (Java arrays) and the off-heap
 * memory that JavaCPP tracks for ND4J's arrays and the package's native matrices; JavaCPP refuses
 * an allocation beyond {@code -Dorg.bytedeco.javacpp.maxbytes} (by default the heap's maximum), and
 * what comes out of ND4J or OpenBLAS then is a native trace or a bad_alloc, not a message a Weka
 * user can act on. Checking first turns that into a refusal that names the option to lower.
 *
 * <p>Tests (and a user who wants to cap a scheme below the JVM's limits) set the system properties
 * {@value #HEAP_PROPERTY} and {@value #OFF_HEAP_PROPERTY} (megabytes): then the smaller of the
 * property and the measured figure counts, so a test can check a refusal without allocating
 * gigabytes.
 */
public final class MemoryBudget {

  /** A cap, in MB, on the heap a scheme may use (the smaller of it and the measured figure counts). */
  public static final String HEAP_PROPERTY = "fundamentos.memory.heapMB";

  /** A cap, in MB, on the off-heap memory a scheme may use. */
  public static final String OFF_HEAP_PROPERTY = "fundamentos.memory.offHeapMB";

  private static final long MB = 1L << 20;

  private MemoryBudget() {
  }

  /** The heap still free: the JVM's maximum less what is in use, capped by the property. */
  public static long heapAvailable() {
    Runtime runtime = Runtime.getRuntime();
    return Math.min(heapLeft(runtime.maxMemory(), runtime.totalMemory(), runtime.freeMemory()),
        cap(HEAP_PROPERTY));
  }

  /** The heap's maximum less what is in use (the heap's current size less its free part). */
  static long heapLeft(long max, long total, long free) {
    return max - (total - free);
  }

  /**
   * The off-heap memory still free: JavaCPP's limit ({@code org.bytedeco.javacpp.maxbytes},
   * which ND4J's CPU backend allocates through) less what JavaCPP has handed out, capped by the
   * property.
   */
  public static long offHeapAvailable() {
    return Math.min(offHeapLeft(Pointer.maxBytes(), offHeapInUse(),
        Pointer.availablePhysicalBytes()), cap(OFF_HEAP_PROPERTY));
  }

  /**
   * JavaCPP's limit less what is in use, never negative; a limit of 0 means "no limit" to JavaCPP,
   * and physical memory is then the bound (the physical bytes still free, which already exclude
   * what is in use).
   */
  static long offHeapLeft(long maxBytes, long used, long physicalFree) {
    long limit = maxBytes > 0 ? maxBytes : physicalFree + used;
    return Math.max(0, limit - used);
  }

  /**
   * Off-heap bytes in use as counted: JavaCPP's count (the package's native matrices, OpenBLAS and
   * LAPACK through bytedeco) plus ND4J's AllocationsTracker (device 0 on the CPU backend; reading
   * it starts no backend). Measured (doc/memory.md): ND4J M2.1's CPU arrays reach neither count,
   * both stay near 0 while a network trains, so for the networks the estimate made before
   * allocating, not this count, is what keeps training within the limit.
   */
  public static long offHeapInUse() {
    return MemoryBudget.plus(Pointer.totalBytes(),
        org.nd4j.linalg.api.memory.AllocationsTracker.getInstance().bytesOnDevice(0));
  }

  /**
   * Refuses, before anything is allocated, a computation whose estimate exceeds what is available.
   *
   * @param scheme the scheme's name, first in the message
   * @param what what needs the memory ("training", "the covariance matrix", ...)
   * @param heapBytes the estimate on the JVM heap
   * @param offHeapBytes the estimate off the heap (ND4J, native matrices)
   * @param sizes the sizes and options the estimate comes from, e.g. "n = 100, d = 5, -max-length
   *     100000"
   * @param lower what to lower, e.g. "-max-length or -batch-size"
   * @throws MemoryRefusedException when either estimate exceeds what is available
   */
  public static void require(String scheme, String what, long heapBytes, long offHeapBytes,
      String sizes, String lower) {
    long heap = heapAvailable();
    if (heapBytes > heap) {
      // what is "in use" includes garbage not yet collected: measure once more after a collection
      // before refusing (only here, on the way to a refusal)
      System.gc();
      heap = heapAvailable();
    }
    // an estimate with nothing off the heap (plain Java work) does not ask JavaCPP: loading it takes
    // about 0.17 s (measured), as long as a small L-BFGS fit
    long offHeap = offHeapBytes > 0 ? offHeapAvailable() : Long.MAX_VALUE;
    if (heapBytes > heap || offHeapBytes > offHeap) {
      offHeap = offHeapBytes > 0 ? offHeap : offHeapAvailable();
      throw new MemoryRefusedException(message(scheme, what, heapBytes, offHeapBytes, sizes, lower,
          heap, offHeap));
    }
  }

  /** As {@link #require(String, String, long, long, String, String)} for an engine's estimate. */
  public static void require(String scheme, String what, MemoryEstimate estimate, String sizes,
      String lower) {
    require(scheme, what, estimate.heapBytes(), estimate.offHeapBytes(), sizes, lower);
  }

  /** The refusal's text (one format for every scheme). */
  static String message(String scheme, String what, long heapBytes, long offHeapBytes,
      String sizes, String lower, long heap, long offHeap) {
    return String.format(Locale.ROOT, "%s: %s needs about %s of heap and %s of off-heap memory "
        + "(%s), more than the %s of heap / %s of off-heap memory available; lower %s or raise "
        + "-Xmx / -Dorg.bytedeco.javacpp.maxbytes.", scheme, what, megabytes(heapBytes),
        megabytes(offHeapBytes), sizes, megabytes(heap), megabytes(offHeap), lower);
  }

  /** Bytes as whole megabytes (at least "1 MB" for anything non-zero). */
  public static String megabytes(long bytes) {
    if (bytes <= 0) {
      return "0 MB";
    }
    return Math.max(1, Math.round(bytes / (double) MB)) + " MB";
  }

  /** Saturating product: estimates of absurd settings must not overflow into small numbers. */
  public static long times(long... factors) {
    long product = 1;
    for (long f : factors) {
      if (f <= 0) {
        return 0;
      }
      if (product > Long.MAX_VALUE / f) {
        return Long.MAX_VALUE;
      }
      product *= f;
    }
    return product;
  }

  /** Saturating sum of estimates. */
  public static long plus(long... terms) {
    long sum = 0;
    for (long t : terms) {
      sum = Long.MAX_VALUE - sum < t ? Long.MAX_VALUE : sum + t;
    }
    return sum;
  }

  private static long cap(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return Long.MAX_VALUE;
    }
    try {
      return times(Long.parseLong(value.trim()), MB);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("The system property " + property + " must be a whole "
          + "number of megabytes, not '" + value + "'.");
    }
  }
}
