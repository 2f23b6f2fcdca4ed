package fundamentos.umap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fundamentos.neighbours.KnnGraph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * UMAP's fuzzy simplicial set against umap-learn 0.5.3 itself (numbers made by
 * src/test/resources/reference/umap_learn_fuzzy_set.py, committed beside it), and Eq. 5.13 solved
 * by hand on a small row.
 */
class UmapReferenceTest {

  private static Map<String, double[]> reference() throws IOException {
    Map<String, double[]> values = new HashMap<>();
    try (InputStream in = UmapReferenceTest.class.getResourceAsStream("/reference/umap_learn_fuzzy_set.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.startsWith("n ")) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        double[] v = new double[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
          v[i - 1] = Double.parseDouble(parts[i]);
        }
        values.put(parts[0], v);
      }
    }
    return values;
  }

  /** The reference's 15 x 5 neighbour lists, the point itself first. */
  private static KnnGraph knn(Map<String, double[]> ref) {
    int n = 15;
    int k = 5;
    int[][] indices = new int[n][k];
    double[][] distances = new double[n][k];
    for (int i = 0; i < n; i++) {
      for (int s = 0; s < k; s++) {
        indices[i][s] = (int) ref.get("knn_indices")[i * k + s];
        distances[i][s] = ref.get("knn_dists")[i * k + s];
      }
    }
    return new KnnGraph(indices, distances);
  }

  @Test
  void rhoAndSigmaEqualUmapLearns() throws IOException {
    Map<String, double[]> ref = reference();
    KnnGraph knn = knn(ref);
    for (String local : new String[] {"1", "1.5"}) {
      SmoothKnnDistances ours = SmoothKnnDistances.of(knn, 5, Double.parseDouble(local));
      double[] rho = ref.get("rho_" + local);
      double[] sigma = ref.get("sigma_" + local);
      for (int i = 0; i < 15; i++) {
        // umap-learn computes in single precision
        assertEquals(rho[i], ours.rho(i), 1e-6 * Math.max(1, rho[i]), "rho of point " + i + ", local connectivity " + local);
        assertEquals(sigma[i], ours.sigma(i), 1e-4 * sigma[i], "sigma of point " + i + ", local connectivity " + local);
      }
    }
  }

  @Test
  void fuzzySimplicialSetEqualsUmapLearns() throws IOException {
    Map<String, double[]> ref = reference();
    SparseGraph graph = FuzzySimplicialSet.of(knn(ref), 5, 1, 1.0);
    double[] expected = ref.get("graph");
    double[][] dense = new double[15][15];
    for (int i = 0; i < 15; i++) {
      for (int e = graph.rowStart(i); e < graph.rowEnd(i); e++) {
        dense[i][graph.column(e)] = graph.value(e);
      }
    }
    for (int i = 0; i < 15; i++) {
      for (int j = 0; j < 15; j++) {
        assertEquals(expected[i * 15 + j], dense[i][j], 1e-5, "w(" + i + ", " + j + ")");
      }
    }
  }

  @Test
  void membershipCurveEqualsUmapLearnsFit() throws IOException {
    Map<String, double[]> ref = reference();
    double[][] cases = {{1, 0.1}, {1, 0.5}, {2, 0.05}};
    String[] keys = {"ab_1_0.1", "ab_1_0.5", "ab_2_0.05"};
    for (int c = 0; c < cases.length; c++) {
      MembershipCurve curve = MembershipCurve.fit(cases[c][1], cases[c][0]);
      double[] ab = ref.get(keys[c]);
      assertEquals(ab[0], curve.a(), 1e-3 * ab[0], keys[c] + " a");
      assertEquals(ab[1], curve.b(), 1e-3 * ab[1], keys[c] + " b");
      // 1 / (1 + a d^(2b))
      assertEquals(1 / (1 + ab[0] * Math.pow(0.7, 2 * ab[1])), curve.membership(0.7), 1e-3, keys[c]);
    }
  }

  /**
   * One row by hand: distances 0 (the point itself), 1, 2, 3 and k = 4, local connectivity 1. rho is
   * the nearest other point's distance, 1; Eq. 5.13 asks 1 + x + x^2 = log2(4) = 2 over the three
   * neighbours after the point itself, with x = exp(-1 / sigma): x = (sqrt(5) - 1) / 2, sigma =
   * 1 / ln(1 / x) = 2.0780869...
   */
  @Test
  void equation513ByHand() {
    KnnGraph row = new KnnGraph(new int[][] {{0, 1, 2, 3}}, new double[][] {{0, 1, 2, 3}});
    SmoothKnnDistances local = SmoothKnnDistances.of(row, 4, 1);
    double x = (Math.sqrt(5) - 1) / 2;
    assertEquals(1, local.rho(0), 0.0);
    // the bisection stops once the sum is within 1e-5 of the target (umap-learn's tolerance)
    assertEquals(1 / Math.log(1 / x), local.sigma(0), 1e-4);
    assertEquals(2.0780869, local.sigma(0), 1e-4);
    // the sum of Eq. 5.13, written out: the point itself (distance 0) is not in it
    assertEquals(2, 1 + Math.exp(-1 / local.sigma(0)) + Math.exp(-2 / local.sigma(0)), 1e-5);
    assertEquals(1 + x + x * x, SmoothKnnDistances.membershipSum(new double[] {0, 1, 2, 3}, 1, 1 / Math.log(1 / x)), 1e-12);
    // local connectivity 0: rho = 0, and 0.5 halfway to the nearest neighbour
    assertEquals(0, SmoothKnnDistances.of(row, 4, 0).rho(0), 0.0);
    assertEquals(0.5, SmoothKnnDistances.of(row, 4, 0.5).rho(0), 1e-12);
    // local connectivity 1.5: halfway between the first and second neighbours
    assertEquals(1.5, SmoothKnnDistances.of(row, 4, 1.5).rho(0), 1e-12);
  }

  /**
   * A row without neighbours has no distance to average: rho 0 and a finite sigma (the bisection's
   * bound; the floor of 1e-3 times the mean of all distances is 0, not 0 / 0).
   */
  @Test
  void rowWithoutNeighboursHasAFiniteSigma() {
    SmoothKnnDistances empty = SmoothKnnDistances.of(
        new KnnGraph(new int[][] {{}}, new double[][] {{}}), 5, 1);
    assertEquals(0, empty.rho(0), 0.0);
    org.junit.jupiter.api.Assertions.assertTrue(Double.isFinite(empty.sigma(0))
        && empty.sigma(0) > 0, "sigma " + empty.sigma(0));
  }
}
