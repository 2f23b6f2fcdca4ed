package fundamentos.umap;

import fundamentos.linalg.ImplicitlyRestartedLanczos;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * UMAP's spectral initialisation (umap-learn's {@code spectral_layout}): the eigenvectors of the
 * normalised graph Laplacian L = I - D^(-1/2) W D^(-1/2) with the smallest non-zero eigenvalues, a
 * Laplacian-eigenmap embedding of the fuzzy graph (Belkin and Niyogi 2003).
 *
 * <p>They are the top eigenvectors of M = (I + D^(-1/2) W D^(-1/2)) / 2, whose spectrum lies in
 * [0, 1], found by ARPACK's implicitly restarted Lanczos method ({@link ImplicitlyRestartedLanczos})
 * with umap-learn's {@code eigsh} settings (tolerance 1e-4, a start vector of ones, 5n restarts;
 * {@link #arpack} says where it differs); the top one, sqrt(degree) with eigenvalue 1, is skipped.
 * Only for a connected graph: with several components the eigenvalue 1 repeats and the
 * eigenvectors only say which component a point is in.
 *
 * <p>Contract of {@link #connected}: each returned column y is a unit eigenvector estimate of M
 * that ARPACK accepted, its residual ||M y - theta y|| at most 1e-4 max(eps^(2/3), theta) (ARPACK's
 * relative test, eigsh's tol), theta its Ritz value; or null when ARPACK does not converge within
 * 5n restarts. The start vector is fixed, so the result is deterministic; signs and, for a repeated
 * eigenvalue, the basis of its eigenspace are ARPACK's.
 */
final class SpectralLayout {

  private static final double TOLERANCE = 1e-4;

  /**
   * ARPACK's basis size ncv (at least 2k + 1): scipy's default, 20, rather than umap-learn's
   * sqrt(n). On the 60,000 Fashion-MNIST images 20 vectors took 0.53 s, sqrt(n) = 244 took 2.96 s
   * (the basis is reorthogonalised at every step) with eigenvalues equal to 1e-8 (doc/UMAP.md).
   */
  private static final int BASIS = 20;

  private SpectralLayout() {
  }

  /**
   * The spectral layout of every component, placed apart (umap-learn's
   * {@code multi_component_layout}): component c's layout, scaled to half the distance from its
   * anchor to the nearest other anchor, is centred on its anchor; anchors are the unit vectors
   * +-e_i while there are at most 2 dim components, else the components' mean principal-component
   * scores (or random points when those are not available). Components too small for an eigenmap
   * start at random in their box.
   *
   * @param principalScores n x dim principal-component scores of the data, or null
   */
  static double[][] multiComponent(SparseGraph graph, int[] component, int count, int dim,
      double[][] principalScores, long seed) {
    int n = graph.vertices();
    SplittableRandom random = new SplittableRandom(seed);
    double[][] anchor = new double[count][dim];
    if (count <= 2 * dim) {
      for (int c = 0; c < count; c++) {
        anchor[c][c % dim] = c < dim ? 1 : -1;
      }
    } else {
      int[] size = new int[count];
      for (int i = 0; i < n; i++) {
        size[component[i]]++;
        for (int d = 0; d < dim; d++) {
          anchor[component[i]][d] += principalScores != null ? principalScores[i][d]
              : 0;
        }
      }
      double maxAbs = 0;
      for (int c = 0; c < count; c++) {
        for (int d = 0; d < dim; d++) {
          anchor[c][d] = principalScores != null ? anchor[c][d] / size[c]
              : random.nextDouble() * 2 - 1;
          maxAbs = Math.max(maxAbs, Math.abs(anchor[c][d]));
        }
      }
      for (double[] a : anchor) {
        for (int d = 0; d < dim; d++) {
          a[d] = maxAbs > 0 ? a[d] / maxAbs : 0;
        }
      }
    }
    int[][] members = new int[count][];
    int[] fill = new int[count];
    for (int i = 0; i < n; i++) {
      fill[component[i]]++;
    }
    for (int c = 0; c < count; c++) {
      members[c] = new int[fill[c]];
      fill[c] = 0;
    }
    int[] local = new int[n];
    for (int i = 0; i < n; i++) {
      local[i] = fill[component[i]];
      members[component[i]][fill[component[i]]++] = i;
    }
    double[][] out = new double[n][dim];
    for (int c = 0; c < count; c++) {
      double range = Double.POSITIVE_INFINITY;
      for (int o = 0; o < count; o++) {
        if (o != c) {
          double dist = 0;
          for (int d = 0; d < dim; d++) {
            dist += (anchor[c][d] - anchor[o][d]) * (anchor[c][d] - anchor[o][d]);
          }
          range = Math.min(range, Math.sqrt(dist) / 2);
        }
      }
      if (Double.isInfinite(range) || range == 0) {
        range = 1;
      }
      double[][] layout = members[c].length > 2 * dim + 1
          ? connected(subgraph(graph, members[c], local), dim) : null;
      for (int s = 0; s < members[c].length; s++) {
        for (int d = 0; d < dim; d++) {
          double v = layout != null ? layout[s][d] : random.nextDouble() * 2 - 1;
          out[members[c][s]][d] = v;
        }
      }
      // scale the component to [-range, range] around its anchor
      for (int d = 0; d < dim; d++) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i : members[c]) {
          lo = Math.min(lo, out[i][d]);
          hi = Math.max(hi, out[i][d]);
        }
        for (int i : members[c]) {
          double unit = hi > lo ? 2 * (out[i][d] - lo) / (hi - lo) - 1 : 0;
          out[i][d] = anchor[c][d] + range * unit;
        }
      }
    }
    return out;
  }

  private static SparseGraph subgraph(SparseGraph graph, int[] members, int[] local) {
    int m = members.length;
    int[][] cols = new int[m][];
    double[][] vals = new double[m][];
    for (int s = 0; s < m; s++) {
      int i = members[s];
      int len = graph.rowEnd(i) - graph.rowStart(i);
      cols[s] = new int[len];
      vals[s] = new double[len];
      for (int e = graph.rowStart(i), t = 0; e < graph.rowEnd(i); e++, t++) {
        cols[s][t] = local[graph.column(e)];
        vals[s][t] = graph.value(e);
      }
    }
    return SparseGraph.ofRows(m, cols, vals);
  }

  /** Coordinates n x dim of a connected graph, or null when it is disconnected or too small. */
  static double[][] connected(SparseGraph graph, int dim) {
    int n = graph.vertices();
    int want = dim + 1;
    if (n <= want || max(graph.components()) > 0) {
      return null;
    }
    double[] deg = graph.rowSums();
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      scale[i] = deg[i] > 0 ? 1 / Math.sqrt(deg[i]) : 0;
    }
    return arpack(graph, scale, dim);
  }

  /**
   * umap-learn's {@code eigsh} settings (k = dim + 1 pairs, tol 1e-4, v0 = ones, maxiter = 5n; ncv
   * see {@link #BASIS}) on M = (I + D^(-1/2) W D^(-1/2)) / 2, whose k largest eigenpairs are the k
   * smallest of umap-learn's L = I - D^(-1/2) W D^(-1/2) (lambda_L = 2 (1 - theta)); the top one,
   * theta = 1, is skipped. Not {@code which="SM"} on L as umap-learn asks: ARPACK's test is relative
   * to |value|, which for L's eigenvalue 0 asks for a residual near 1e-15, and on the 40-point graph
   * of UmapLearnStepsTest ARPACK (here and in scipy 1.17) then returns L's three smallest non-zero
   * eigenvalues and misses the 0. Null when ARPACK does not converge; umap-learn then falls back to a
   * random start, as the caller does.
   */
  private static double[][] arpack(SparseGraph graph, double[] scale, int dim) {
    int n = graph.vertices();
    int want = dim + 1;
    int ncv = Math.min(n, Math.max(2 * want + 1, BASIS));
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    ImplicitlyRestartedLanczos.Eigenpairs pairs;
    try {
      pairs = ImplicitlyRestartedLanczos.largest((x, y) -> apply(graph, scale, x, y), n, want,
          ncv, TOLERANCE, 5 * n, ones);
    } catch (ArithmeticException e) {
      return null;
    }
    double[][] coordinates = new double[n][dim];
    for (int c = 0; c < dim; c++) {
      double[] v = pairs.vectors()[c + 1];
      for (int i = 0; i < n; i++) {
        coordinates[i][c] = v[i];
      }
    }
    return coordinates;
  }

  /** y = M x = (x + D^(-1/2) W D^(-1/2) x) / 2, scale = D^(-1/2). */
  private static void apply(SparseGraph graph, double[] scale, double[] x, double[] y) {
    int n = graph.vertices();
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int e = graph.rowStart(i); e < graph.rowEnd(i); e++) {
        int j = graph.column(e);
        s += graph.value(e) * scale[j] * x[j];
      }
      y[i] = 0.5 * (x[i] + scale[i] * s);
    }
  }

  private static int max(int[] labels) {
    int m = 0;
    for (int l : labels) {
      m = Math.max(m, l);
    }
    return m;
  }
}
