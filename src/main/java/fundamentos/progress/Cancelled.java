package fundamentos.progress;

/**
 * Thrown by a long computation that stopped because its thread was interrupted (or its caller asked
 * it to stop, see {@link Cancellation}). Unchecked, so that every loop can check without the
 * engines declaring it; adapters turn it into their framework's own exception and set the thread's
 * interrupt flag again, so that whoever interrupted sees that the work ended because of it.
 */
public final class Cancelled extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public Cancelled() {
    super("interrupted");
  }
}
