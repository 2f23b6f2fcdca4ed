package fundamentos.umap;

import fundamentos.neighbours.KnnGraph;

/**
 * UMAP's high-dimensional fuzzy simplicial set (McInnes et al. 2018, Sect. 3.1; course Eqs.
 * 5.12-5.14): each point's k-neighbour memberships exp(-(d_ij - rho_i) / sigma_i), then the fuzzy
 * union of the directed memberships, w_ij = a + b - a b with a = w(i -> j), b = w(j -> i), mixed
 * with the fuzzy intersection a b by {@code setOpMixRatio} (1 = pure union, umap-learn's default).
 */
public final class FuzzySimplicialSet {

  private FuzzySimplicialSet() {
  }

  /**
   * The directed memberships of each row's neighbours (Eq. 5.12). Outside {@code bipartite} mode the
   * point itself gets 0 (it is not its own neighbour).
   */
  static double[][] memberships(KnnGraph knn, SmoothKnnDistances local, boolean bipartite) {
    double[][] w = new double[knn.size()][];
    for (int i = 0; i < knn.size(); i++) {
      int[] idx = knn.indices(i);
      double[] d = knn.distances(i);
      w[i] = new double[idx.length];
      for (int s = 0; s < idx.length; s++) {
        if (!bipartite && idx[s] == i) {
          w[i][s] = 0;
        } else if (d[s] - local.rho(i) <= 0 || local.sigma(i) == 0) {
          w[i][s] = 1;
        } else {
          w[i][s] = Math.exp(-(d[s] - local.rho(i)) / local.sigma(i));
        }
      }
    }
    return w;
  }

  /** The symmetric fuzzy set of the training points' k-neighbour graph. */
  public static SparseGraph of(KnnGraph knn, double k, double localConnectivity,
      double setOpMixRatio) {
    SmoothKnnDistances local = SmoothKnnDistances.of(knn, k, localConnectivity);
    double[][] w = memberships(knn, local, false);
    int n = knn.size();
    int[][] cols = new int[n][];
    double[][] vals = new double[n][];
    for (int i = 0; i < n; i++) {
      int m = 0;
      for (double v : w[i]) {
        if (v != 0) {
          m++;
        }
      }
      cols[i] = new int[m];
      vals[i] = new double[m];
      int s = 0;
      for (int j = 0; j < w[i].length; j++) {
        if (w[i][j] != 0) {
          cols[i][s] = knn.indices(i)[j];
          vals[i][s++] = w[i][j];
        }
      }
    }
    SparseGraph directed = SparseGraph.ofRows(n, cols, vals);
    return union(directed, setOpMixRatio);
  }

  /** Eq. 5.14 mixed with the intersection: mix (a + b - ab) + (1 - mix) ab. */
  static SparseGraph union(SparseGraph directed, double mix) {
    return directed.combine(directed.transpose(),
        (a, b) -> mix * (a + b - a * b) + (1 - mix) * a * b);
  }

  /**
   * Supervised UMAP with a nominal target (umap-learn's {@code discrete_metric_simplicial_set_
   * intersection} and {@code reset_local_connectivity}): an edge between different classes is
   * weakened by exp(-farDist), an edge to a point of unknown class (-1) by exp(-1); then each row is
   * scaled so its strongest edge is 1 and the fuzzy union is taken again.
   *
   * @param targetWeight umap-learn's target_weight in [0, 1]: farDist = 2.5 / (1 - weight), or 1e12
   *     at weight 1
   */
  public static SparseGraph intersectWithTarget(SparseGraph graph, int[] target,
      double targetWeight) {
    double farDist = targetWeight < 1 ? 2.5 * (1 / (1 - targetWeight)) : 1e12;
    double unknownFactor = Math.exp(-1.0);
    double farFactor = Math.exp(-farDist);
    SparseGraph weighted = graph.mapEntries((i, j, v) -> {
      if (target[i] < 0 || target[j] < 0) {
        return v * unknownFactor;
      }
      return target[i] != target[j] ? v * farFactor : v;
    });
    double[] rowMax = new double[weighted.vertices()];
    for (int i = 0; i < weighted.vertices(); i++) {
      for (int e = weighted.rowStart(i); e < weighted.rowEnd(i); e++) {
        rowMax[i] = Math.max(rowMax[i], weighted.value(e));
      }
    }
    SparseGraph normalised = weighted.mapEntries((i, j, v) -> rowMax[i] > 0 ? v / rowMax[i] : 0);
    return union(normalised, 1.0);
  }
}
