package fundamentos.memory;

/**
 * A computation refused before it allocated, because its memory estimate exceeds what the JVM
 * heap or the off-heap limit has left; the message names the estimate, what is available and the
 * option to lower. Adapters pass the message on as a Weka exception.
 */
public class MemoryRefusedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public MemoryRefusedException(String message) {
    super(message);
  }
}
