package fundamentos.neighbours;

/**
 * The k best neighbours found so far for every point: one bounded {@link PairHeap} per point (the
 * farthest kept neighbour on top, so a candidate is rejected with one comparison), each entry
 * carrying the "new" flag of NN-descent (Dong et al. 2011): a neighbour is new until it has taken
 * part in a local join. Rows start full of empty slots (no point, -1, at infinite distance). There
 * is no index tie rule: a candidate as far as the farthest kept
 * is rejected, and which of several equally far neighbours is evicted is the one the sifts left on
 * top; UMAP's graph depends on that choice, so it is kept as it is. Since that order never compares
 * indices, an entry's index is stored as 2 j + flag, so the flag moves with it (points j &lt; 2^30).
 */
final class NeighbourHeap {

  private final int k;
  private final PairHeap[] rows;

  NeighbourHeap(int n, int k) {
    this.k = k;
    rows = new PairHeap[n];
    for (int i = 0; i < n; i++) {
      rows[i] = new PairHeap(k, false);
      rows[i].fill(stored(-1, false), Float.POSITIVE_INFINITY);
    }
  }

  private static int stored(int j, boolean isNew) {
    return 2 * j + (isNew ? 1 : 0);
  }

  int k() {
    return k;
  }

  /** The reduced distance a candidate must beat to enter row i. */
  float worst(int i) {
    return (float) rows[i].topKey();
  }

  /** The neighbour in slot s of row i (-1 for an empty slot); slot 0 is the farthest. */
  int neighbour(int i, int s) {
    return rows[i].indices()[s] >> 1;
  }

  /** Whether the neighbour in slot s of row i is new (has not yet taken part in a local join). */
  boolean isNew(int i, int s) {
    return (rows[i].indices()[s] & 1) != 0;
  }

  /** Marks the neighbour in slot s of row i as old. */
  void markOld(int i, int s) {
    rows[i].indices()[s] &= ~1;
  }

  /** Row i's neighbours in slot order (a copy; -1 for an empty slot). */
  int[] indices(int i) {
    int[] out = new int[k];
    for (int s = 0; s < k; s++) {
      out[s] = neighbour(i, s);
    }
    return out;
  }

  /** Row i's reduced distances, in slot order (a copy). */
  float[] reduced(int i) {
    double[] keys = rows[i].keys();
    float[] out = new float[k];
    for (int s = 0; s < k; s++) {
      out[s] = (float) keys[s];
    }
    return out;
  }

  /** Row i's "new" flags, in slot order (a copy). */
  boolean[] fresh(int i) {
    boolean[] out = new boolean[k];
    for (int s = 0; s < k; s++) {
      out[s] = isNew(i, s);
    }
    return out;
  }

  /**
   * Offers neighbour j at reduced distance d to row i; returns whether it was kept (closer than the
   * farthest kept one and not already there).
   */
  boolean push(int i, int j, float d, boolean isNew) {
    PairHeap row = rows[i];
    if (!row.admits(j, d)) {
      return false;
    }
    int[] idx = row.indices();
    for (int s = 0; s < k; s++) {
      if (idx[s] >> 1 == j) {
        return false;
      }
    }
    row.replaceTop(stored(j, isNew), d);
    return true;
  }

  /**
   * The rows sorted nearest first, with each point's own index prepended at distance 0 and the
   * reduced distances turned into distances.
   */
  KnnGraph toGraphWithSelf(LpPoints points) {
    int n = rows.length;
    int[][] outIdx = new int[n][k + 1];
    double[][] outDist = new double[n][k + 1];
    Integer[] order = new Integer[k];
    int[] idx = new int[k];
    for (int i = 0; i < n; i++) {
      final double[] dist = rows[i].keys();
      for (int s = 0; s < k; s++) {
        order[s] = s;
        idx[s] = neighbour(i, s);
      }
      java.util.Arrays.sort(order, (a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b])
          : Integer.compare(idx[a], idx[b]));
      outIdx[i][0] = i;
      for (int s = 0; s < k; s++) {
        outIdx[i][s + 1] = idx[order[s]];
        outDist[i][s + 1] = points.unreduce(dist[order[s]]);
      }
    }
    return new KnnGraph(outIdx, outDist);
  }
}
