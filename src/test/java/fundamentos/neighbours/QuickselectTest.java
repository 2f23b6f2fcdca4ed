package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The quickselect behind both trees' median splits, called directly on every small range: the
 * trees' answers do not depend on where a split falls (a box or ball is computed from whatever
 * points land in it), so a selection that misplaces its k-th row shows only here.
 *
 * <p>The contract (both classes' comments): select on rows lo..hi with target k leaves, within
 * lo..hi, the row of rank k (the value a sort of the range would put at k) at k, no row before
 * k above it and no row after k below it; rows outside lo..hi are untouched and the rows of the
 * range are a permutation of what they were.
 *
 * <p>The inputs are every sequence of n values from {0, .., n - 1} (ties included), n up to 5,
 * every k, as a one-dimensional data set small enough to be a single leaf, so the tree keeps the
 * rows in input order and select sees them as given. A selection that does not terminate fails
 * as a timeout.
 */
class QuickselectTest {

  private static final int MAX_N = 5;

  private static Method select(Class<?> tree) throws ReflectiveOperationException {
    Method m = tree.getDeclaredMethod("select", int.class, int.class, int.class, int.class);
    m.setAccessible(true);
    return m;
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    java.lang.reflect.Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }

  /** The next sequence of values in {0, .., n - 1} in counting order; false after the last. */
  private static boolean next(int[] digits, int n) {
    for (int i = 0; i < digits.length; i++) {
      if (++digits[i] < n) {
        return true;
      }
      digits[i] = 0;
    }
    return false;
  }

  /**
   * Checks the contract on one range: before and after are the range's values (all rows: the
   * range is the whole set, padded by one untouched row on each side).
   */
  private static void assertSelected(double[] before, double[] after, int lo, int hi, int k,
      String what) {
    String fault = fault(before, after, lo, hi, k);
    if (fault != null) {
      throw new AssertionError(what + " on " + Arrays.toString(before) + ", rows " + lo + ".."
          + hi + ", k = " + k + ": got " + Arrays.toString(after) + ": " + fault);
    }
  }

  /** What breaks the contract, or null (the message is built only on a failure). */
  private static String fault(double[] before, double[] after, int lo, int hi, int k) {
    for (int i = 0; i < before.length; i++) {
      if ((i < lo || i > hi) && before[i] != after[i]) {
        return "row " + i + " outside the range changed";
      }
    }
    double[] sortedBefore = Arrays.copyOfRange(before, lo, hi + 1);
    double[] sortedAfter = Arrays.copyOfRange(after, lo, hi + 1);
    Arrays.sort(sortedBefore);
    Arrays.sort(sortedAfter);
    if (!Arrays.equals(sortedBefore, sortedAfter)) {
      return "not a permutation of the range";
    }
    if (after[k] != sortedBefore[k - lo]) {
      return "row k is not the k-th smallest " + sortedBefore[k - lo];
    }
    for (int i = lo; i < k; i++) {
      if (after[i] > after[k]) {
        return "row " + i + " before k is larger";
      }
    }
    for (int i = k + 1; i <= hi; i++) {
      if (after[i] < after[k]) {
        return "row " + i + " after k is smaller";
      }
    }
    return null;
  }

  /**
   * Every sequence, padded with a row below (-1) and above (n) the range that select must leave
   * alone, so the range is rows 1..n.
   */
  private static void forEveryRange(Selection selection) throws Exception {
    for (int n = 1; n <= MAX_N; n++) {
      int[] digits = new int[n];
      do {
        double[] values = new double[n + 2];
        values[0] = -1;
        values[n + 1] = n;
        for (int i = 0; i < n; i++) {
          values[i + 1] = digits[i];
        }
        for (int k = 1; k <= n; k++) {
          double[] after = selection.run(values.clone(), 1, n, k);
          assertSelected(values, after, 1, n, k, selection.toString());
        }
      } while (next(digits, n));
    }
  }

  private interface Selection {
    /** Runs select(lo, hi, k, 0) on a tree over the values and returns its rows in tree order. */
    double[] run(double[] values, int lo, int hi, int k) throws Exception;
  }

  private static double[][] column(double[] values) {
    double[][] points = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      points[i] = new double[] {values[i]};
    }
    return points;
  }

  @Test
  void kdTreeSelectPlacesTheKthSmallest() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> forEveryRange(new Selection() {
      @Override
      public double[] run(double[] values, int lo, int hi, int k) throws Exception {
        // at most MAX_N + 2 = 8 rows: one leaf, rows kept in input order
        KdTree tree = new KdTree(column(values), new MinkowskiMetric(2));
        if (!Arrays.equals(values, (double[]) field(tree, "coordinates"))) {
          throw new AssertionError("a leaf keeps the input order");
        }
        select(KdTree.class).invoke(tree, lo, hi, k, 0);
        double[] coordinates = (double[]) field(tree, "coordinates");
        int[] order = (int[]) field(tree, "order");
        for (int i = 0; i < order.length; i++) {
          // the rows move together with their original index
          if (values[order[i]] != coordinates[i]) {
            throw new AssertionError("row " + i + " lost its index");
          }
        }
        return coordinates.clone();
      }

      @Override
      public String toString() {
        return "KdTree.select";
      }
    }));
  }

  @Test
  void ballTreeSelectPlacesTheKthSmallest() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> forEveryRange(new Selection() {
      @Override
      public double[] run(double[] values, int lo, int hi, int k) throws Exception {
        BallTree tree = new BallTree(column(values), new MinkowskiMetric(2));
        int[] order = (int[]) field(tree, "order");
        for (int i = 0; i < order.length; i++) {
          if (order[i] != i) {
            throw new AssertionError("a leaf keeps the input order: " + Arrays.toString(order));
          }
        }
        select(BallTree.class).invoke(tree, lo, hi, k, 0);
        double[] after = new double[order.length];
        for (int i = 0; i < order.length; i++) {
          after[i] = values[order[i]];
        }
        return after;
      }

      @Override
      public String toString() {
        return "BallTree.select";
      }
    }));
  }
}
