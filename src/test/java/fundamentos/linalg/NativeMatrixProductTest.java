package fundamentos.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * NativeMatrix.timesInto (the PCA transform's products on reused native blocks) on small matrices
 * whose products are written out by hand: only the first {@code count} rows are computed, the
 * rest of the target is left as it was.
 */
class NativeMatrixProductTest {

  /** A = [[1, 2, 3], [4, 5, 6], [7, 8, 9]] (3 x 3), of which 2 rows are used. */
  private static final double[] A = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Test
  void firstRowsTimesTransposeLeaveTheRestAlone() {
    // W = [[1, 0, -1], [2, 1, 0]] (2 x 3): A W^T for rows 1..2 = [[-2, 4], [-2, 13]]
    try (NativeMatrix a = NativeMatrix.of(A, 3, 3);
        NativeMatrix w = NativeMatrix.of(new double[] {1, 0, -1, 2, 1, 0}, 2, 3);
        NativeMatrix target = NativeMatrix.of(new double[] {9, 9, 9, 9, 9, 9}, 3, 2)) {
      a.timesInto(2, w, true, target);
      assertArrayEquals(new double[] {-2, 4, -2, 13, 9, 9}, target.toArray(), 0.0);
    }
  }

  @Test
  void firstRowsTimesMatrix() {
    // M = [[1, 0], [0, 1], [1, 1]] (3 x 2): rows 1..2 of A M = [[4, 5], [10, 11]]
    try (NativeMatrix a = NativeMatrix.of(A, 3, 3);
        NativeMatrix m = NativeMatrix.of(new double[] {1, 0, 0, 1, 1, 1}, 3, 2);
        NativeMatrix target = new NativeMatrix(3, 2)) {
      a.timesInto(2, m, false, target);
      assertArrayEquals(new double[] {4, 5, 10, 11, 0, 0}, target.toArray(), 0.0);
      a.timesInto(0, m, false, target); // nothing to compute
      assertArrayEquals(new double[] {4, 5, 10, 11, 0, 0}, target.toArray(), 0.0);
    }
  }

  @Test
  void mismatchedShapesAreRefused() {
    try (NativeMatrix a = NativeMatrix.of(A, 3, 3);
        NativeMatrix m = new NativeMatrix(2, 2);
        NativeMatrix small = new NativeMatrix(1, 2);
        NativeMatrix square = new NativeMatrix(3, 3)) {
      assertThrows(IllegalArgumentException.class, () -> a.timesInto(2, m, false, square));
      assertThrows(IllegalArgumentException.class, () -> a.timesInto(2, square, false, m));
      assertThrows(IllegalArgumentException.class, () -> a.timesInto(2, square, true, small));
      assertThrows(IllegalArgumentException.class, () -> a.timesInto(4, square, true, square));
    }
  }
}
