package fundamentos.weka;

import fundamentos.progress.Cancelled;
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
}
