package fundamentos.spark;

/**
 * A job's refusal of its input or options, with a message that names what is wrong (the file, the
 * line, the option) and how to fix it: the launcher prints it alone, without a stack trace.
 */
public class JobException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JobException(String message) {
    super(message);
  }

  public JobException(String message, Throwable cause) {
    super(message, cause);
  }
}
