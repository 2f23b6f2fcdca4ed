package fundamentos.neighbours;

/**
 * The k best neighbours found so far for every point, as one bounded max-heap per point (the
 * farthest kept neighbour on top, so a candidate is rejected with one comparison), with the
 * "new" flag of NN-descent (Dong et al. 2011): a neighbour is new until it has taken part in a
 * local join.
 */
final class NeighbourHeap {

  private final int k;
  private final int[][] indices;
  private final float[][] reduced;
  private final boolean[][] fresh;

  NeighbourHeap(int n, int k) {
    this.k = k;
    indices = new int[n][k];
    reduced = new float[n][k];
    fresh = new boolean[n][k];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(indices[i], -1);
      java.util.Arrays.fill(reduced[i], Float.POSITIVE_INFINITY);
    }
  }

  int k() {
    return k;
  }

  /** The reduced distance a candidate must beat to enter row i. */
  float worst(int i) {
    return reduced[i][0];
  }

  int[] indices(int i) {
    return indices[i];
  }

  float[] reduced(int i) {
    return reduced[i];
  }

  boolean[] fresh(int i) {
    return fresh[i];
  }

  /**
   * Offers neighbour j at reduced distance d to row i; returns whether it was kept (closer than the
   * farthest kept one and not already there).
   */
  boolean push(int i, int j, float d, boolean isNew) {
    float[] dist = reduced[i];
    if (!(d < dist[0])) {
      return false;
    }
    int[] idx = indices[i];
    for (int s = 0; s < k; s++) {
      if (idx[s] == j) {
        return false;
      }
    }
    boolean[] flags = fresh[i];
    // replace the root and sift it down
    int pos = 0;
    while (true) {
      int left = 2 * pos + 1;
      if (left >= k) {
        break;
      }
      int right = left + 1;
      int bigger = right < k && dist[right] > dist[left] ? right : left;
      if (dist[bigger] <= d) {
        break;
      }
      dist[pos] = dist[bigger];
      idx[pos] = idx[bigger];
      flags[pos] = flags[bigger];
      pos = bigger;
    }
    dist[pos] = d;
    idx[pos] = j;
    flags[pos] = isNew;
    return true;
  }

  /**
   * The rows sorted nearest first, with each point's own index prepended at distance 0 and the
   * reduced distances turned into distances.
   */
  KnnGraph toGraphWithSelf(LpPoints points) {
    int n = indices.length;
    int[][] outIdx = new int[n][k + 1];
    double[][] outDist = new double[n][k + 1];
    Integer[] order = new Integer[k];
    for (int i = 0; i < n; i++) {
      final float[] dist = reduced[i];
      for (int s = 0; s < k; s++) {
        order[s] = s;
      }
      final int[] idx = indices[i];
      java.util.Arrays.sort(order, (a, b) -> dist[a] != dist[b] ? Float.compare(dist[a], dist[b])
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
