package fundamentos.neighbours;

import fundamentos.parallel.Blocks;

/**
 * Exact k nearest neighbours by comparing every query with every point: O(n m d), the reference
 * the approximate search is measured against and the search umap-learn also uses below 4,096
 * points.
 */
public final class ExactKnn {

  private ExactKnn() {
  }

  /**
   * The k nearest neighbours of every indexed point, itself first (at distance 0, even when it has
   * duplicates), then k - 1 others nearest first; ties broken by the lower index.
   */
  public static KnnGraph ofPoints(LpPoints points, int k, int threads) {
    int n = points.size();
    checkK(k, n);
    int[][] idx = new int[n][];
    double[][] dist = new double[n][];
    // a block of rows is compared with every point, point by point, so each point is read from
    // memory once per block rather than once per row
    Blocks.run(n, 64, threads, (b, from, to) -> {
      BoundedHeap[] heaps = new BoundedHeap[to - from];
      for (int r = 0; r < heaps.length; r++) {
        heaps[r] = new BoundedHeap(k - 1);
      }
      float[] scratch = points.scratch();
      for (int j = 0; j < n; j++) {
        float[] xj = points.row(j);
        for (int i = from; i < to; i++) {
          if (j != i) {
            heaps[i - from].offer(j, points.reduced(points.row(i), xj, scratch));
          }
        }
      }
      for (int i = from; i < to; i++) {
        idx[i] = new int[k];
        dist[i] = new double[k];
        idx[i][0] = i;
        heaps[i - from].drainSorted(idx[i], dist[i], 1, points);
      }
    });
    return new KnnGraph(idx, dist);
  }

  /** The k nearest indexed points of every query, nearest first. */
  public static KnnGraph ofQueries(LpPoints points, float[][] queries, int k, int threads) {
    checkK(k, points.size() + 1);
    int m = queries.length;
    int[][] idx = new int[m][];
    double[][] dist = new double[m][];
    Blocks.run(m, 64, threads, (b, from, to) -> {
      BoundedHeap[] heaps = new BoundedHeap[to - from];
      for (int r = 0; r < heaps.length; r++) {
        heaps[r] = new BoundedHeap(k);
      }
      float[] scratch = points.scratch();
      for (int j = 0; j < points.size(); j++) {
        float[] xj = points.row(j);
        for (int i = from; i < to; i++) {
          heaps[i - from].offer(j, points.reduced(queries[i], xj, scratch));
        }
      }
      for (int i = from; i < to; i++) {
        idx[i] = new int[k];
        dist[i] = new double[k];
        heaps[i - from].drainSorted(idx[i], dist[i], 0, points);
      }
    });
    return new KnnGraph(idx, dist);
  }

  private static void checkK(int k, int n) {
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k = " + k + " neighbours need at least " + k
          + " points, there are " + n);
    }
  }

  /** The k smallest (reduced distance, index) pairs seen, as a max-heap. */
  static final class BoundedHeap {
    private final int capacity;
    private final int[] index;
    private final float[] key;
    private int size;

    BoundedHeap(int capacity) {
      this.capacity = capacity;
      index = new int[capacity];
      key = new float[capacity];
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

    /** The largest kept reduced distance (the root). */
    float worstKey() {
      return key[0];
    }

    /** Keeps (j, d) if it is among the k smallest; among equal distances the lower index wins. */
    void offer(int j, float d) {
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
      if (!greater(key[0], index[0], d, j)) {
        return;
      }
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

    private static boolean greater(float d1, int j1, float d2, int j2) {
      return d1 > d2 || (d1 == d2 && j1 > j2);
    }

    /** Writes the kept pairs nearest first from {@code offset}, as distances; empties the heap. */
    void drainSorted(int[] outIndex, double[] outDist, int offset, LpPoints points) {
      for (int pos = offset + size - 1; size > 0; pos--) {
        outIndex[pos] = index[0];
        outDist[pos] = points.unreduce(key[0]);
        // pop the root
        size--;
        float d = key[size];
        int j = index[size];
        int p = 0;
        while (true) {
          int left = 2 * p + 1;
          if (left >= size) {
            break;
          }
          int right = left + 1;
          int big = right < size && greater(key[right], index[right], key[left], index[left])
              ? right : left;
          if (!greater(key[big], index[big], d, j)) {
            break;
          }
          key[p] = key[big];
          index[p] = index[big];
          p = big;
        }
        key[p] = d;
        index[p] = j;
      }
    }
  }
}
