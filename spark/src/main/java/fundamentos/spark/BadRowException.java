package fundamentos.spark;

/**
 * A line of the input that does not fit the header, thrown inside a task: it carries the file and
 * the byte offset of the line so that the driver can name its line number ({@link CsvInput}).
 */
public final class BadRowException extends JobException {

  private static final long serialVersionUID = 1L;

  final String file;
  final long offset;
  final String problem;

  BadRowException(String file, long offset, String problem) {
    super(file + " at byte " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
    this.problem = problem;
  }
}
