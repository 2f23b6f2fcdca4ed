package fundamentos.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

/**
 * A dense row-major matrix in native (off-heap) memory, for algorithms that multiply the same large
 * matrix many times. Passing a Java {@code double[]} to a native BLAS call copies it in and out on
 * every call (HotSpot does not pin arrays); a 60k x 784 matrix is 376 MB, so 16 products of a
 * randomized SVD would copy gigabytes. Here the matrix is copied once and BLAS reads it in place.
 * Close it (try-with-resources) to free the memory at once rather than at garbage collection.
 */
public final class NativeMatrix implements AutoCloseable {

  private final DoublePointer data;
  private final int rows;
  private final int cols;

  /** A rows x cols matrix of zeros. */
  public NativeMatrix(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    long size = Math.max(1L, (long) rows * cols);
    this.data = new DoublePointer(size);
    Pointer.memset(data, 0, size * Double.BYTES);
  }

  /** A copy of a row-major array. */
  public static NativeMatrix of(double[] rowMajor, int rows, int cols) {
    NativeMatrix matrix = new NativeMatrix(rows, cols);
    matrix.setRows(0, rowMajor, rows);
    return matrix;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Copies {@code count} rows (row-major, from index 0 of {@code block}) to rows from.. of this. */
  public void setRows(int from, double[] block, int count) {
    data.position((long) from * cols).put(block, 0, count * cols);
    data.position(0);
  }

  /** Copies rows from..from+count of this into {@code block} (row-major, from index 0). */
  public void getRows(int from, double[] block, int count) {
    data.position((long) from * cols).get(block, 0, count * cols);
    data.position(0);
  }

  /** The whole matrix as a row-major array. */
  public double[] toArray() {
    double[] array = new double[Math.multiplyExact(rows, cols)];
    getRows(0, array, rows);
    return array;
  }

  /** this M, for M with as many rows as this has columns. */
  public NativeMatrix times(NativeMatrix m) {
    if (m.rows != cols) {
      throw new IllegalArgumentException(rows + "x" + cols + " times " + m.rows + "x" + m.cols);
    }
    NativeMatrix product = new NativeMatrix(rows, m.cols);
    rowsTimesInto(0, rows, m, product);
    return product;
  }

  /**
   * Rows from..from+count of this times M, written into the first {@code count} rows of
   * {@code product} (which has M's columns), for M with as many rows as this has columns.
   */
  public void rowsTimesInto(int from, int count, NativeMatrix m, NativeMatrix product) {
    if (m.rows != cols || product.cols != m.cols || from < 0 || count < 0 || from + count > rows
        || count > product.rows) {
      throw new IllegalArgumentException("rows " + from + ".." + (from + count) + " of " + rows + "x"
          + cols + " times " + m.rows + "x" + m.cols + " into " + product.rows + "x" + product.cols);
    }
    if (count == 0 || m.cols == 0) {
      return;
    }
    openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
        count, m.cols, cols, 1.0, rowPointer(from), Math.max(1, cols), m.data, Math.max(1, m.cols),
        0.0, product.data, Math.max(1, m.cols));
  }

  /** this^T Y, for Y with as many rows as this. */
  public NativeMatrix transposeTimes(NativeMatrix y) {
    if (y.rows != rows) {
      throw new IllegalArgumentException(rows + "x" + cols + " transposed times " + y.rows + "x"
          + y.cols);
    }
    NativeMatrix product = new NativeMatrix(cols, y.cols);
    addRowsTransposeTimes(0, rows, y, product, 0.0);
    return product;
  }

  /**
   * The first {@code count} rows of {@code target} become those of this times op(M), where op(M)
   * is M^T (M stored p x cols) when {@code transposeM}, else M (stored cols x p), and target has p
   * columns; rows past {@code count} are left as they are. One BLAS gemm on the native memory.
   */
  public void timesInto(int count, NativeMatrix m, boolean transposeM, NativeMatrix target) {
    int inner = transposeM ? m.cols : m.rows;
    int p = transposeM ? m.rows : m.cols;
    if (inner != cols || target.cols != p || count > rows || count > target.rows) {
      throw new IllegalArgumentException(count + " rows of " + rows + "x" + cols + " times "
          + (transposeM ? "the transpose of " : "") + m.rows + "x" + m.cols + " into " + target.rows
          + "x" + target.cols);
    }
    if (count == 0 || p == 0) {
      return;
    }
    openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans,
        transposeM ? openblas.CblasTrans : openblas.CblasNoTrans, count, p, cols, 1.0, data,
        Math.max(1, cols), m.data, Math.max(1, m.cols), 0.0, target.data, Math.max(1, p));
  }

  /**
   * product = beta product + R^T Y for R the rows from..from+count of this and the first
   * {@code count} rows of Y ({@code product} is columns x Y's columns): with beta 1, blocks of rows
   * add up to this^T Y.
   */
  public void addRowsTransposeTimes(int from, int count, NativeMatrix y, NativeMatrix product,
      double beta) {
    if (count > y.rows || product.rows != cols || product.cols != y.cols || from < 0 || count < 0
        || from + count > rows) {
      throw new IllegalArgumentException("rows " + from + ".." + (from + count) + " of " + rows + "x"
          + cols + " transposed times " + y.rows + "x" + y.cols + " into " + product.rows + "x"
          + product.cols);
    }
    if (cols == 0 || y.cols == 0) {
      return;
    }
    openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans,
        cols, y.cols, count, 1.0, rowPointer(from), Math.max(1, cols), y.data, Math.max(1, y.cols),
        beta, product.data, Math.max(1, y.cols));
  }

  /** A pointer to row {@code from} (sharing this memory, owning none of it). */
  private DoublePointer rowPointer(int from) {
    return from == 0 ? data : new DoublePointer(data).position((long) from * cols);
  }

  /**
   * this = this + B^T B over the first {@code count} rows of {@code block} (BLAS syrk): only the
   * upper triangle of this square matrix is updated.
   */
  public void addGramUpper(NativeMatrix block, int count) {
    if (rows != cols || block.cols != cols || count > block.rows) {
      throw new IllegalArgumentException("Gram of " + count + " rows of " + block.rows + "x"
          + block.cols + " into " + rows + "x" + cols);
    }
    if (count == 0) {
      return;
    }
    openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, cols,
        count, 1.0, block.data, Math.max(1, cols), 1.0, data, Math.max(1, cols));
  }

  /** The native memory, positioned at 0 (for LAPACK calls in this package). */
  DoublePointer pointer() {
    return data.position(0);
  }

  @Override
  public void close() {
    data.deallocate();
  }
}
