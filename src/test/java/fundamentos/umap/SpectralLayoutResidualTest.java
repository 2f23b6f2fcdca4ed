package fundamentos.umap;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The eigenmap's stated accuracy, checked on the vectors it returns: each column y is an
 * eigenvector estimate of M = (I + D^(-1/2) W D^(-1/2)) / 2 whose residual ||M y - theta y|| / ||y||
 * (theta the Rayleigh quotient) is at most 1e-4 max(1e-3, theta), computed here from the graph's
 * entries, not from ARPACK's own estimate. The graphs are random weighted rings with chords, dense
 * enough that the wanted eigenvalues lie between 0.7 and 0.9, where a stopping test looser than
 * the stated one (e.g. 1e-4 / theta) would let a residual above 1e-4 theta through.
 */
class SpectralLayoutResidualTest {

  /** A ring 0-1-...-(n-1)-0 plus {@code chords} distinct random edges, weights in [0.1, 1.1). */
  static SparseGraph ringWithChords(int n, int chords, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      edges.add(new double[] {i, (i + 1) % n, 0.1 + random.nextDouble()});
    }
    Set<Long> seen = new HashSet<>();
    while (edges.size() < n + chords) {
      int i = random.nextInt(n);
      int j = random.nextInt(n);
      int lo = Math.min(i, j);
      int hi = Math.max(i, j);
      if (hi - lo <= 1 || (lo == 0 && hi == n - 1) || !seen.add((long) lo * n + hi)) {
        continue; // a loop, a ring edge or a chord drawn before
      }
      edges.add(new double[] {lo, hi, 0.1 + random.nextDouble()});
    }
    return SpectralLayoutHandTest.graph(n, edges.toArray(new double[0][]));
  }

  /** M x = (x + D^(-1/2) W D^(-1/2) x) / 2. */
  static double[] applyM(SparseGraph g, double[] x) {
    double[] deg = g.rowSums();
    int n = g.vertices();
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int e = g.rowStart(i); e < g.rowEnd(i); e++) {
        int j = g.column(e);
        s += g.value(e) * x[j] / Math.sqrt(deg[i] * deg[j]);
      }
      y[i] = 0.5 * (x[i] + s);
    }
    return y;
  }

  private static void assertResidualsWithinTolerance(int n, int chords, int dim, long seed) {
    SparseGraph g = ringWithChords(n, chords, seed);
    double[][] y = SpectralLayout.connected(g, dim);
    assertNotNull(y);
    for (int c = 0; c < dim; c++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = y[i][c];
      }
      double[] mv = applyM(g, v);
      double vv = 0;
      double vmv = 0;
      for (int i = 0; i < n; i++) {
        vv += v[i] * v[i];
        vmv += v[i] * mv[i];
      }
      double theta = vmv / vv;
      double r2 = 0;
      for (int i = 0; i < n; i++) {
        r2 += (mv[i] - theta * v[i]) * (mv[i] - theta * v[i]);
      }
      double residual = Math.sqrt(r2 / vv);
      assertTrue(theta > 0.6 && theta < 0.95, "theta " + theta);
      assertTrue(residual <= 1e-4 * Math.max(1e-3, theta),
          "n " + n + ", chords " + chords + ", dim " + dim + ", seed " + seed + ", column " + c
              + ": residual " + residual + ", theta " + theta);
    }
  }

  @Test
  void returnedVectorsMeetTheStatedResidual() {
    assertResidualsWithinTolerance(60, 480, 2, 1);
    assertResidualsWithinTolerance(120, 240, 2, 3);
    assertResidualsWithinTolerance(120, 960, 3, 1);
    assertResidualsWithinTolerance(120, 960, 3, 3);
    assertResidualsWithinTolerance(250, 2000, 3, 1);
    assertResidualsWithinTolerance(390, 780, 2, 3);
    assertResidualsWithinTolerance(390, 3120, 2, 2);
  }
}
