package fundamentos.spark;

/**
 * A line of the input that does not fit the header, thrown inside a task: it carries the file and
 * the byte offset of the line so that the driver can name its line number (or the row's index in
 * a file without lines) ({@link DataInput#run}).
 */
public final class BadRowException extends JobException {

  private static final long serialVersionUID = 1L;

  final String file;
  final long offset;
  /** The row's index in the file (Parquet), or -1 when the byte offset says where it is. */
  final long row;
  final String problem;

  BadRowException(String file, long offset, String problem) {
    this(file, offset, -1, problem);
  }

  private BadRowException(String file, long offset, long row, String problem) {
    super(file + (row >= 0 ? " at row index " + row : " at byte " + offset) + ": " + problem);
    this.file = file;
    this.offset = offset;
    this.row = row;
    this.problem = problem;
  }

  /** A bad row of a file without lines (Parquet), by its index in the file. */
  static BadRowException atRow(String file, long row, String problem) {
    return new BadRowException(file, -1, row, problem);
  }
}
