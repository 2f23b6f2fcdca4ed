package fundamentos.weka;

import fundamentos.nd4j.Nd4jWorker;
import fundamentos.progress.Cancelled;
import java.util.concurrent.Callable;
import weka.core.WekaException;

/**
 * The Weka side of an interrupted build ({@link Cancelled} from an engine loop): Weka's usual
 * exception, with the thread's interrupt flag set again so that the caller (the Explorer's run
 * thread logs "Interrupted" when it finds the flag set) knows the build ended because it was
 * interrupted and not because of the data.
 */
public final class Interrupted {

  private Interrupted() {
  }

  /**
   * How long an interrupted build waits for a Thread.stop() before it ends with the exception:
   * well beyond the 50 ms a late stop was given in a test, short enough for an interrupt alone.
   */
  private static final long STOP_GRACE_NANOS = 200_000_000L;

  /**
   * Sets the current thread's interrupt flag and returns the exception to throw, after giving a
   * Thread.stop() that follows the interrupt the time to arrive (see {@link #awaitFollowingStop}).
   */
  public static WekaException exception(String scheme, Cancelled cause) {
    awaitFollowingStop();
    Thread.currentThread().interrupt();
    WekaException e = new WekaException(scheme + ": interrupted; nothing usable was built, build again.");
    e.initCause(cause);
    return e;
  }

  /**
   * Weka's Explorer stops a run with interrupt() and at once Thread.stop(), and its panels expect
   * the ThreadDeath: for an exception they show an error dialog. An engine loop can see the
   * interrupt first, and on a loaded machine the build ended with the exception, and its thread
   * with it, before the VM delivered the ThreadDeath (measured once in weka.InterruptionTest). A
   * short spin here lets that ThreadDeath arrive inside the build, where it goes on as it came; a
   * caller that only interrupts pays the spin once. Spinning, not sleeping: the interrupt flag
   * is set, so a sleep would return at once.
   */
  private static void awaitFollowingStop() {
    long end = System.nanoTime() + STOP_GRACE_NANOS;
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }

  /**
   * Runs a scheme's ND4J work on the package's ND4J thread ({@link Nd4jWorker}): an interrupt or
   * the Explorer's Thread.stop lands in the waiting caller, never inside ND4J or DL4J; interrupted
   * work ends as {@link #exception}, a ThreadDeath goes on as it came.
   */
  public static <T> T onNd4jThread(String scheme, Callable<T> work) throws Exception {
    try {
      return Nd4jWorker.call(work);
    } catch (Cancelled stopped) {
      throw exception(scheme, stopped);
    }
  }
}
