package fundamentos.neighbours;

/**
 * The k smallest (distance, index) pairs offered so far, as a max-heap: the largest kept on top,
 * so a farther candidate is rejected with one comparison (Williams 1964; a hole is sifted instead
 * of swapping pairs). The one heap of every k-nearest query: the trees' and a range scan's
 * k-distances (double distances), exact and graph searches over {@link LpPoints} (float reduced
 * distances, widened exactly).
 */
final class BoundedHeap {
  private final int capacity;
  private final int[] index;
  private final double[] key;
  private int size;

  BoundedHeap(int capacity) {
    this.capacity = capacity;
    index = new int[capacity];
    key = new double[capacity];
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  boolean full() {
    return size == capacity;
  }

  /** The largest kept distance (the root; meaningful once full). */
  double worstKey() {
    return key[0];
  }

  /** Keeps (j, d) if it is among the k smallest; among equal distances the lower index wins. */
  void offer(int j, double d) {
    if (capacity == 0) {
      return;
    }
    if (size < capacity) {
      int pos = size++;
      while (pos > 0) {
        int parent = (pos - 1) / 2;
        if (!greater(d, j, key[parent], index[parent])) {
          break;
        }
        key[pos] = key[parent];
        index[pos] = index[parent];
        pos = parent;
      }
      key[pos] = d;
      index[pos] = j;
      return;
    }
    if (greater(key[0], index[0], d, j)) {
      replaceRoot(d, j);
    }
  }

  /** Puts (d, j) at the root and sifts it down to its place among the first {@code size}. */
  private void replaceRoot(double d, int j) {
    int pos = 0;
    while (true) {
      int left = 2 * pos + 1;
      if (left >= size) {
        break;
      }
      int right = left + 1;
      int big = right < size && greater(key[right], index[right], key[left], index[left])
          ? right : left;
      if (!greater(key[big], index[big], d, j)) {
        break;
      }
      key[pos] = key[big];
      index[pos] = index[big];
      pos = big;
    }
    key[pos] = d;
    index[pos] = j;
  }

  private static boolean greater(double d1, int j1, double d2, int j2) {
    return d1 > d2 || (d1 == d2 && j1 > j2);
  }

  /** The kept distances, nearest first (the heap is left as it is). */
  double[] sortedKeys() {
    double[] out = java.util.Arrays.copyOf(key, size);
    java.util.Arrays.sort(out);
    return out;
  }

  /** Writes the kept pairs nearest first from {@code offset}, as distances; empties the heap. */
  void drainSorted(int[] outIndex, double[] outDist, int offset, LpPoints points) {
    for (int pos = offset + size - 1; size > 0; pos--) {
      outIndex[pos] = index[0];
      outDist[pos] = points.unreduce(key[0]);
      // pop the root: the last entry takes its place
      size--;
      replaceRoot(key[size], index[size]);
    }
  }
}
