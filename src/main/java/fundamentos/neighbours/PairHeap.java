package fundamentos.neighbours;

import java.util.Arrays;

/**
 * The one binary heap of the package (Williams 1964): (key, index) pairs in two arrays, the entry
 * that {@link Order} puts first on top, sifted up and down with a hole instead of swapping pairs.
 * Every heap of the neighbour searches is one of these:
 *
 * <ul>
 *   <li>{@link BoundedHeap}: the k smallest distances of a k-nearest query, largest on top so that
 *   a farther candidate is rejected with one comparison; ties to the lower index
 *   ({@link Order#FARTHEST_BY_INDEX});</li>
 *   <li>{@link NeighbourHeap}: one such bounded heap per point for NN-descent, with a flag moving
 *   along with each entry and without an index tie rule ({@link Order#FARTHEST}): which of two
 *   equally far neighbours NN-descent keeps is the order its pushes and sifts leave them in, and
 *   UMAP's graph depends on it;</li>
 *   <li>{@link VectorIndex.CandidateQueue}: the unbounded min-queue of a graph search
 *   ({@link Order#NEAREST}).</li>
 * </ul>
 *
 * <p>Keys are doubles: distances of the trees, and float reduced distances widened exactly (so
 * comparisons are those of the floats).
 */
class PairHeap {

  /** Which entry sits on top: the one this order puts before every other. */
  enum Order {
    /** Largest key on top; of equal keys the higher index (so the lower one is kept longer). */
    FARTHEST_BY_INDEX,
    /** Largest key on top; equal keys in the order the sifts leave them. */
    FARTHEST,
    /** Smallest key on top; equal keys in the order the sifts leave them. */
    NEAREST
  }

  private final boolean nearestOnTop;
  private final boolean indexTies;
  /** Entries kept at most ({@link Integer#MAX_VALUE}: the arrays grow). */
  private final int capacity;
  private int[] index;
  private double[] key;
  /** A flag per entry that moves with it (null when the heap carries none). */
  private boolean[] flag;
  private int size;

  /**
   * @param capacity the most entries kept, or {@link Integer#MAX_VALUE} for a heap that grows
   * @param withFlags whether each entry carries a flag ({@link #replaceTop(int, double, boolean)})
   */
  PairHeap(int capacity, Order order, boolean withFlags) {
    this.capacity = capacity;
    this.nearestOnTop = order == Order.NEAREST;
    this.indexTies = order == Order.FARTHEST_BY_INDEX;
    int initial = capacity == Integer.MAX_VALUE ? 64 : capacity;
    index = new int[initial];
    key = new double[initial];
    flag = withFlags ? new boolean[initial] : null;
  }

  final void clear() {
    size = 0;
  }

  final int size() {
    return size;
  }

  final boolean full() {
    return size == capacity;
  }

  /** The key on top (meaningful when not empty). */
  final double topKey() {
    return key[0];
  }

  final int topIndex() {
    return index[0];
  }

  /** Fills every place with the same entry (and a false flag): a bounded heap full of sentinels. */
  final void fill(int j, double d) {
    Arrays.fill(index, j);
    Arrays.fill(key, d);
    size = capacity;
  }

  /** The live arrays, entry s at position s (for reading; the order is the heap's). */
  final int[] indices() {
    return index;
  }

  final double[] keys() {
    return key;
  }

  final boolean[] flags() {
    return flag;
  }

  /** Whether entry (j, d) would enter: there is room, or it comes after the top entry. */
  final boolean admits(int j, double d) {
    return size < capacity || above(key[0], index[0], d, j);
  }

  /** Keeps (j, d) if it is among the best {@code capacity} by the order (a bounded heap). */
  final void offer(int j, double d) {
    if (size < capacity) {
      add(j, d);
    } else if (capacity > 0 && above(key[0], index[0], d, j)) {
      replaceTop(j, d, false);
    }
  }

  /** Adds (j, d), growing the arrays of an unbounded heap. */
  final void add(int j, double d) {
    if (size == index.length) {
      index = Arrays.copyOf(index, size * 2);
      key = Arrays.copyOf(key, size * 2);
      if (flag != null) {
        flag = Arrays.copyOf(flag, size * 2);
      }
    }
    int pos = size++;
    while (pos > 0) {
      int parent = (pos - 1) / 2;
      if (!above(d, j, key[parent], index[parent])) {
        break;
      }
      move(parent, pos);
      pos = parent;
    }
    key[pos] = d;
    index[pos] = j;
  }

  /** Removes the top entry. */
  final void pop() {
    size--;
    replaceTop(index[size], key[size], flag != null && flag[size]);
  }

  /** Puts (j, d) with its flag in the top's place and sifts it down among the first size. */
  final void replaceTop(int j, double d, boolean f) {
    int pos = 0;
    while (true) {
      int left = 2 * pos + 1;
      if (left >= size) {
        break;
      }
      int right = left + 1;
      int first = right < size && above(key[right], index[right], key[left], index[left])
          ? right : left;
      if (!above(key[first], index[first], d, j)) {
        break;
      }
      move(first, pos);
      pos = first;
    }
    key[pos] = d;
    index[pos] = j;
    if (flag != null) {
      flag[pos] = f;
    }
  }

  /**
   * Writes the entries from {@code offset} in the reverse of the order (for the bounded heaps:
   * nearest first), as keys; empties the heap.
   */
  final void drain(int[] outIndex, double[] outKey, int offset) {
    for (int pos = offset + size - 1; size > 0; pos--) {
      outIndex[pos] = index[0];
      outKey[pos] = key[0];
      pop();
    }
  }

  /** Whether entry 1 sits above entry 2. */
  private boolean above(double d1, int j1, double d2, int j2) {
    if (nearestOnTop) {
      return d1 < d2;
    }
    return d1 > d2 || indexTies && d1 == d2 && j1 > j2;
  }

  private void move(int from, int to) {
    key[to] = key[from];
    index[to] = index[from];
    if (flag != null) {
      flag[to] = flag[from];
    }
  }
}
