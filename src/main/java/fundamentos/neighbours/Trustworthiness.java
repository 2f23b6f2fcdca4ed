package fundamentos.neighbours;

import fundamentos.parallel.Blocks;

/**
 * Trustworthiness of an embedding (Venna and Kaski 2001; scikit-learn's
 * {@code sklearn.manifold.trustworthiness}): 1 - 2 / (n k (2n - 3k - 1)) sum_i sum_{j in U_i}
 * (r(i, j) - k), where U_i are the k nearest neighbours of i in the embedding that are not among
 * its k nearest in the original space and r(i, j) is the rank of j by original distance from i.
 * 1 means every embedded neighbourhood is a true one. O(n^2 (d + log n)): meant for samples of a
 * few thousand points.
 */
public final class Trustworthiness {

  private Trustworthiness() {
  }

  public static double of(LpPoints original, LpPoints embedded, int k, int threads) {
    int n = original.size();
    if (embedded.size() != n) {
      throw new IllegalArgumentException("original has " + n + " points, embedding "
          + embedded.size());
    }
    if (k < 1 || 2 * n - 3 * k - 1 <= 0) {
      throw new IllegalArgumentException("k = " + k + " is too large for " + n + " points");
    }
    KnnGraph near = new ExactKnn(embedded).graph(k + 1, threads);
    long[] penalty = new long[Blocks.count(n, 32)];
    Blocks.run(n, 32, threads, (b, from, to) -> {
      float[] d = new float[n];
      Integer[] order = new Integer[n];
      int[] rank = new int[n];
      long sum = 0;
      for (int i = from; i < to; i++) {
        for (int j = 0; j < n; j++) {
          d[j] = j == i ? Float.POSITIVE_INFINITY : original.reduced(i, j);
          order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> d[x] != d[y] ? Float.compare(d[x], d[y])
            : Integer.compare(x, y));
        for (int r = 0; r < n; r++) {
          rank[order[r]] = r + 1;
        }
        int[] nbrs = near.indices(i);
        for (int s = 1; s < nbrs.length; s++) {
          int excess = rank[nbrs[s]] - k;
          if (excess > 0) {
            sum += excess;
          }
        }
      }
      penalty[b] = sum;
    });
    long total = 0;
    for (long p : penalty) {
      total += p;
    }
    return 1 - total * (2.0 / (n * (double) k * (2.0 * n - 3.0 * k - 1.0)));
  }
}
