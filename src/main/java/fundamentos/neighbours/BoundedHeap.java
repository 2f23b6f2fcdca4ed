package fundamentos.neighbours;

/**
 * The k smallest (distance, index) pairs offered so far: a {@link PairHeap} with the largest kept
 * on top, so a farther candidate is rejected with one comparison; among equal distances the lower
 * index is kept. The heap of every k-nearest query: the trees' and a range scan's (double
 * distances), exact and graph searches over {@link LpPoints} (float reduced distances, widened
 * exactly).
 */
final class BoundedHeap extends PairHeap {

  BoundedHeap(int capacity) {
    super(capacity, true);
  }

  /** The largest kept distance (the root; meaningful once full). */
  double worstKey() {
    return topKey();
  }

  /** The kept distances, nearest first (the heap is left as it is). */
  double[] sortedKeys() {
    double[] out = java.util.Arrays.copyOf(keys(), size());
    java.util.Arrays.sort(out);
    return out;
  }

  /** Writes the kept pairs nearest first from {@code offset}, as distances; empties the heap. */
  void drainSorted(int[] outIndex, double[] outDist, int offset, LpPoints points) {
    int kept = size();
    drain(outIndex, outDist, offset);
    for (int pos = offset; pos < offset + kept; pos++) {
      outDist[pos] = points.unreduce(outDist[pos]);
    }
  }
}
