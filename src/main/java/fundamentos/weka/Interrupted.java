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

  /** Sets the current thread's interrupt flag and returns the exception to throw. */
  public static WekaException exception(String scheme, Cancelled cause) {
    Thread.currentThread().interrupt();
    WekaException e = new WekaException(scheme + ": interrupted; nothing usable was built, build again.");
    e.initCause(cause);
    return e;
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
