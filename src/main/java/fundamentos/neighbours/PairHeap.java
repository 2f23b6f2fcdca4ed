package fundamentos.neighbours;

import java.util.Arrays;

/**
 * The one binary heap of the package (Williams 1964): (key, index) pairs in two arrays, the largest
 * key on top, sifted up and down with a hole instead of swapping pairs; of equal keys the higher
 * index sits above, or, without that tie rule, whichever the sifts leave there. Every heap of the
 * neighbour searches is one of these:
 *
 * <ul>
 *   <li>{@link BoundedHeap}: the k smallest distances of a k-nearest query, largest on top so that
 *   a farther candidate is rejected with one comparison, with the tie rule (the lower index is
 *   kept);</li>
 *   <li>{@link NeighbourHeap}: one such bounded heap per point for NN-descent, without the tie
 *   rule: which of two equally far neighbours NN-descent keeps is the order its pushes and sifts
 *   leave them in, and UMAP's graph depends on it (as indices are then never compared, NN-descent
 *   keeps its "new" flag in the index's lowest bit);</li>
 *   <li>{@link VectorIndex.CandidateQueue}: the unbounded min-queue of a graph search, this heap
 *   over negated distances, without the tie rule.</li>
 * </ul>
 *
 * <p>Keys are doubles: distances of the trees, and float reduced distances widened exactly (so
 * comparisons are those of the floats). The comparison is one for every use, branch-free until two
 * keys are equal (the tie rule is a mask on the indices, 0 without it), and nothing else moves with
 * an entry: a test of the order or a flag array sifted along made the k-nearest scan of 4,000
 * Fashion-MNIST images 25-40% slower.
 */
class PairHeap {

  /** Of equal keys the higher index sits above: -1, the indices are compared; 0, never. */
  private final int tieMask;
  /** Entries kept at most ({@link Integer#MAX_VALUE}: the arrays grow). */
  private final int capacity;
  private int[] index;
  private double[] key;
  private int size;

  /**
   * @param capacity the most entries kept, or {@link Integer#MAX_VALUE} for a heap that grows
   * @param indexTies whether of equal keys the higher index sits above (is evicted first)
   */
  PairHeap(int capacity, boolean indexTies) {
    this.capacity = capacity;
    this.tieMask = indexTies ? -1 : 0;
    int initial = capacity == Integer.MAX_VALUE ? 64 : capacity;
    index = new int[initial];
    key = new double[initial];
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

  /** Fills every place with the same entry: a bounded heap full of sentinels. */
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

  /** Whether entry (j, d) would enter: there is room, or it sits below the top entry. */
  final boolean admits(int j, double d) {
    return size < capacity || above(key[0], index[0], d, j);
  }

  /** Keeps (j, d) if it is among the {@code capacity} lowest (a bounded heap). */
  final void offer(int j, double d) {
    if (size < capacity) {
      add(j, d);
    } else if (capacity > 0 && above(key[0], index[0], d, j)) {
      replaceTop(j, d);
    }
  }

  /** Adds (j, d), growing the arrays of an unbounded heap. */
  final void add(int j, double d) {
    if (size == index.length) {
      index = Arrays.copyOf(index, size * 2);
      key = Arrays.copyOf(key, size * 2);
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
    replaceTop(index[size], key[size]);
  }

  /** Puts (j, d) in the top's place and sifts it down among the first size. */
  final void replaceTop(int j, double d) {
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
  }

  /**
   * Writes the entries from {@code offset} lowest key first (for the bounded heaps: nearest first),
   * as keys; empties the heap.
   */
  final void drain(int[] outIndex, double[] outKey, int offset) {
    for (int pos = offset + size - 1; size > 0; pos--) {
      outIndex[pos] = index[0];
      outKey[pos] = key[0];
      pop();
    }
  }

  /** Whether entry 1 sits above entry 2 (indices are points, never negative). */
  private boolean above(double d1, int j1, double d2, int j2) {
    return d1 > d2 || d1 == d2 && (j1 & tieMask) > (j2 & tieMask);
  }

  private void move(int from, int to) {
    key[to] = key[from];
    index[to] = index[from];
  }
}
