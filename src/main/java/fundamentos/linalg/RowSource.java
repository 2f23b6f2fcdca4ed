package fundamentos.linalg;

/**
 * A dense matrix read in blocks of rows, so that an algorithm can stream a data set that is too
 * large to copy whole (a Weka {@code Instances} object of 60k x 784 doubles is already 376 MB; a
 * second copy would double the heap a user needs).
 */
public interface RowSource {

  /** Number of rows. */
  int rows();

  /** Number of columns. */
  int columns();

  /**
   * Copies rows {@code from} (inclusive) to {@code to} (exclusive) into {@code target}, row-major,
   * starting at index 0: row {@code from + r}, column {@code c} goes to {@code target[r * columns()
   * + c]}.
   */
  void copyRows(int from, int to, double[] target);

  /** A row source over an in-memory array of rows (all of the same length). */
  static RowSource of(double[][] rows) {
    int columns = rows.length == 0 ? 0 : rows[0].length;
    for (double[] row : rows) {
      if (row.length != columns) {
        throw new IllegalArgumentException("Rows of different lengths: " + row.length + " and "
            + columns);
      }
    }
    return new RowSource() {
      @Override
      public int rows() {
        return rows.length;
      }

      @Override
      public int columns() {
        return columns;
      }

      @Override
      public void copyRows(int from, int to, double[] target) {
        for (int i = from; i < to; i++) {
          System.arraycopy(rows[i], 0, target, (i - from) * columns, columns);
        }
      }
    };
  }
}
