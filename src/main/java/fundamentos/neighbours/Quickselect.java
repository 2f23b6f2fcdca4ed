package fundamentos.neighbours;

/**
 * The median split of the k-d tree and the ball tree: Hoare's quickselect (Hoare 1961, "Algorithm
 * 65: Find") on rows from..to (inclusive) by one coordinate, so that row k holds the k-th smallest
 * value, no row before it a larger one and no row after it a smaller one. Expected O(to - from)
 * comparisons; the pivot is the middle row's value, so sorted input costs no more than random.
 * The rows are the tree's own layout ({@link Rows}): a k-d tree swaps whole rows of its flat
 * coordinates, a ball tree only its order of indices.
 */
final class Quickselect {

  private Quickselect() {
  }

  /** What a quickselect reads and reorders. */
  interface Rows {
    /** Coordinate j of the row at position i. */
    double value(int i, int j);

    /** Exchanges the rows at positions a and b. */
    void swap(int a, int b);
  }

  static void select(Rows rows, int from, int to, int k, int j) {
    while (to > from) {
      double pivot = rows.value((from + to) >>> 1, j);
      int i = from;
      int m = to;
      while (i <= m) {
        while (rows.value(i, j) < pivot) {
          i++;
        }
        while (rows.value(m, j) > pivot) {
          m--;
        }
        if (i <= m) {
          rows.swap(i, m);
          i++;
          m--;
        }
      }
      if (k <= m) {
        to = m;
      } else if (k >= i) {
        from = i;
      } else {
        return;
      }
    }
  }
}
