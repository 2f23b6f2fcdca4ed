package fundamentos.umap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import fundamentos.linalg.NativeLapack;
import fundamentos.neighbours.ExactKnn;
import fundamentos.neighbours.LpPoints;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The eigenvalues behind the spectral start, checked against a dense eigendecomposition (LAPACK
 * dsyevr of M = (I + D^(-1/2) W D^(-1/2)) / 2 written out in full) on the spectral tests' graphs:
 * the Rayleigh quotient of each returned column must be the matching eigenvalue of M (the second,
 * third, ... largest; the largest, 1, is skipped) to 1e-6. Before ARPACK replaced it, the
 * hand-written Lanczos with full reorthogonalisation (commit c62b17d) gave the same eigenvalues on
 * these graphs: ARPACK and Lanczos differed by at most 9e-8.
 */
class SpectralLayoutEigenvalueTest {

  static final double EIGENVALUE_TOLERANCE = 1e-6;

  /** The top dim + 1 eigenvalues of M, largest first, from the dense matrix. */
  static double[] denseEigenvalues(SparseGraph g, int dim) {
    int n = g.vertices();
    double[] m = new double[n * n];
    double[] unit = new double[n];
    for (int j = 0; j < n; j++) {
      unit[j] = 1;
      double[] column = SpectralLayoutResidualTest.applyM(g, unit);
      unit[j] = 0;
      for (int i = 0; i < n; i++) {
        m[i * n + j] = column[i];
      }
    }
    return NativeLapack.symmetricEigen(m, n, dim + 1).values();
  }

  /** The Rayleigh quotient y'My / y'y of each column of the layout. */
  static double[] rayleighQuotients(SparseGraph g, double[][] layout) {
    int n = g.vertices();
    int dim = layout[0].length;
    double[] theta = new double[dim];
    for (int c = 0; c < dim; c++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = layout[i][c];
      }
      double[] mv = SpectralLayoutResidualTest.applyM(g, v);
      double vv = 0;
      double vmv = 0;
      for (int i = 0; i < n; i++) {
        vv += v[i] * v[i];
        vmv += v[i] * mv[i];
      }
      theta[c] = vmv / vv;
    }
    return theta;
  }

  static void assertEigenvalues(SparseGraph g, int dim, String what) {
    double[][] layout = SpectralLayout.connected(g, dim);
    assertNotNull(layout, what);
    double[] expected = denseEigenvalues(g, dim);
    double[] theta = rayleighQuotients(g, layout);
    assertEquals(1, expected[0], 1e-12, what + ": the skipped top eigenvalue is 1");
    for (int c = 0; c < dim; c++) {
      assertEquals(expected[c + 1], theta[c], EIGENVALUE_TOLERANCE, what + ", column " + c);

    }
  }

  @Test
  void pathGraph() {
    int n = 8;
    double[][] edges = new double[n - 1][];
    for (int i = 0; i + 1 < n; i++) {
      edges[i] = new double[] {i, i + 1, 1};
    }
    assertEigenvalues(SpectralLayoutHandTest.graph(n, edges), 2, "path of 8");
  }

  @Test
  void ringsWithChords() {
    long[][] cases = {{60, 480, 2, 1}, {120, 240, 2, 3}, {120, 960, 3, 1}, {250, 2000, 3, 1},
        {390, 780, 2, 3}, {390, 3120, 2, 2}};
    for (long[] c : cases) {
      assertEigenvalues(SpectralLayoutResidualTest.ringWithChords((int) c[0], (int) c[1], c[3]),
          (int) c[2], "ring " + c[0] + " with " + c[1] + " chords");
    }
  }

  @Test
  void fuzzyGraphOfABlob() {
    SplittableRandom random = new SplittableRandom(8);
    double[][] x = new double[300][3];
    for (double[] row : x) {
      for (int d = 0; d < 3; d++) {
        row[d] = random.nextDouble();
      }
    }
    SparseGraph g = FuzzySimplicialSet.of(ExactKnn.ofPoints(LpPoints.of(x, 2), 10, 1), 10, 1, 1);
    assertEigenvalues(g, 2, "blob of 300, k = 10");
  }

  @Test
  void umapLearnsFortyPointGraph() throws IOException {
    SparseGraph g = UmapLearnStepsTest.spectralGraph();
    assertEigenvalues(g, 2, "umap-learn's 40-point graph");
  }
}
