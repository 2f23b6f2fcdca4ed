package fundamentos.progress;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The cooperative stop of every long loop of the engines (epochs and mini-batches, neighbour
 * search, layout epochs, PCA passes, DBSCAN scans): {@link #check()} between two pieces of work
 * throws {@link Cancelled} once the thread is interrupted, so that an interrupted build ends within a
 * fraction of a second with nothing half-written, instead of running to its end.
 *
 * <p>Work that runs on a thread other than the one a user interrupts (the network training on
 * {@code fundamentos.nd4j.Nd4jWorker}'s thread, the blocks of {@code fundamentos.parallel.Blocks} on
 * helper threads) is stopped through a request flag ({@link #callWithRequest}) or through the view
 * of the caller's state that {@link #ofCurrentThread()} hands to the helpers. The interrupt flag
 * itself is only read, never cleared.
 */
public final class Cancellation {

  /** A stop request that another thread can set for the work running on this one. */
  private static final ThreadLocal<AtomicBoolean> REQUEST = new ThreadLocal<>();

  private Cancellation() {
  }

  /** True once the current thread is interrupted or its work was asked to stop. */
  public static boolean requested() {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    AtomicBoolean request = REQUEST.get();
    return request != null && request.get();
  }

  /**
   * Throws {@link Cancelled} when {@link #requested()}; costs a field read otherwise, so it can sit
   * in any loop whose body takes more than a microsecond.
   */
  public static void check() {
    if (requested()) {
      throw new Cancelled();
    }
  }

  /**
   * The current thread's stop state as other threads working for it see it: helpers check it
   * between their pieces of work.
   */
  public static BooleanSupplier ofCurrentThread() {
    Thread caller = Thread.currentThread();
    AtomicBoolean request = REQUEST.get();
    return () -> caller.isInterrupted() || request != null && request.get();
  }

  /**
   * Runs {@code work} on the current thread with {@code request} as its stop request: once another
   * thread sets it, {@link #check()} throws here as if this thread had been interrupted.
   */
  public static <T> T callWithRequest(AtomicBoolean request, Callable<T> work) throws Exception {
    AtomicBoolean previous = REQUEST.get();
    REQUEST.set(request);
    try {
      return work.call();
    } finally {
      if (previous == null) {
        REQUEST.remove();
      } else {
        REQUEST.set(previous);
      }
    }
  }
}
