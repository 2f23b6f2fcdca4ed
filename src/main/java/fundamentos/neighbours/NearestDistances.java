package fundamentos.neighbours;

/**
 * The k smallest distances offered so far, as a max-heap (the largest kept on top, so a farther
 * candidate is rejected with one comparison): the result of a k-nearest-neighbour distance query.
 */
final class NearestDistances {

  private final double[] heap;
  private int size;

  NearestDistances(int k) {
    heap = new double[k];
  }

  boolean full() {
    return size == heap.length;
  }

  /** The k-th smallest distance so far (meaningful once full). */
  double worst() {
    return heap[0];
  }

  void offer(double d) {
    if (size < heap.length) {
      int i = size++;
      heap[i] = d;
      while (i > 0 && heap[(i - 1) / 2] < heap[i]) {
        int parent = (i - 1) / 2;
        double t = heap[parent];
        heap[parent] = heap[i];
        heap[i] = t;
        i = parent;
      }
    } else if (d < heap[0]) {
      heap[0] = d;
      int i = 0;
      while (true) {
        int l = 2 * i + 1;
        if (l >= size) {
          return;
        }
        int big = l + 1 < size && heap[l + 1] > heap[l] ? l + 1 : l;
        if (heap[i] >= heap[big]) {
          return;
        }
        double t = heap[i];
        heap[i] = heap[big];
        heap[big] = t;
        i = big;
      }
    }
  }

  /** The kept distances, nearest first. */
  double[] sorted() {
    double[] out = java.util.Arrays.copyOf(heap, size);
    java.util.Arrays.sort(out);
    return out;
  }
}
