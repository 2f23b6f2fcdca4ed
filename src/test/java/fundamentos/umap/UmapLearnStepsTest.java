package fundamentos.umap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.neighbours.KnnGraph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each step of UMAP against umap-learn 0.5.3 on inputs small enough to follow: the numbers come from
 * src/test/resources/reference/umap_learn_layout.py (committed beside its output), which says why
 * each case was chosen.
 */
class UmapLearnStepsTest {

  private static Map<String, double[]> reference;

  /** The connected 40-point fuzzy graph of umap-learn's spectral_layout case, from its dense form. */
  static SparseGraph spectralGraph() throws IOException {
    double[] dense = reference().get("spectral_graph");
    int n = 40;
    int[][] cols = new int[n][];
    double[][] vals = new double[n][];
    for (int i = 0; i < n; i++) {
      int m = 0;
      for (int j = 0; j < n; j++) {
        if (dense[i * n + j] != 0) {
          m++;
        }
      }
      cols[i] = new int[m];
      vals[i] = new double[m];
      for (int j = 0, s = 0; j < n; j++) {
        if (dense[i * n + j] != 0) {
          cols[i][s] = j;
          vals[i][s++] = dense[i * n + j];
        }
      }
    }
    return SparseGraph.ofRows(n, cols, vals);
  }

  static synchronized Map<String, double[]> reference() throws IOException {
    if (reference == null) {
      reference = new HashMap<>();
      try (InputStream in = UmapLearnStepsTest.class.getResourceAsStream(
          "/reference/umap_learn_layout.txt")) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (line.startsWith("#") || line.isBlank()) {
            continue;
          }
          String[] parts = line.trim().split(" ");
          double[] v = new double[parts.length - 1];
          for (int i = 1; i < parts.length; i++) {
            v[i - 1] = Double.parseDouble(parts[i]);
          }
          reference.put(parts[0], v);
        }
      }
    }
    return reference;
  }

  private static KnnGraph handRows(Map<String, double[]> ref) {
    double[] d = ref.get("hand_dists");
    int rows = d.length / 5;
    int[][] idx = new int[rows][5];
    double[][] dist = new double[rows][5];
    for (int i = 0; i < rows; i++) {
      for (int s = 0; s < 5; s++) {
        idx[i][s] = (i + s) % rows;
        dist[i][s] = d[i * 5 + s];
      }
    }
    return new KnnGraph(idx, dist);
  }

  /** The 15 x 5 neighbour lists of umap_learn_fuzzy_set.py's points. */
  private static KnnGraph fifteen(Map<String, double[]> ref) {
    int[][] idx = new int[15][5];
    double[][] dist = new double[15][5];
    for (int i = 0; i < 15; i++) {
      for (int s = 0; s < 5; s++) {
        idx[i][s] = (int) ref.get("knn_indices")[i * 5 + s];
        dist[i][s] = ref.get("knn_dists")[i * 5 + s];
      }
    }
    return new KnnGraph(idx, dist);
  }

  private static void assertGraphEquals(double[] expected, SparseGraph graph, double tolerance,
      String what) {
    int n = graph.vertices();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(expected[i * n + j], graph.get(i, j), tolerance, what + " w(" + i + ", " + j + ")");
      }
    }
  }

  /**
   * rho with local connectivity 0 (none: rho = 0), 0.5 (half the nearest non-zero distance), 4.5
   * (more than the non-zero distances of a row: the largest of them), and sigma where the floor of
   * 1e-3 times the row's mean (rho > 0) or the mean of all distances (rho = 0) binds.
   */
  @Test
  void rhoAndSigmaOfHandRowsEqualUmapLearns() throws IOException {
    Map<String, double[]> ref = reference();
    KnnGraph knn = handRows(ref);
    for (String local : new String[] {"0", "0.5", "1", "4.5"}) {
      SmoothKnnDistances ours = SmoothKnnDistances.of(knn, 5, Double.parseDouble(local));
      double[] rho = ref.get("hand_rho_" + local);
      double[] sigma = ref.get("hand_sigma_" + local);
      for (int i = 0; i < knn.size(); i++) {
        String what = "row " + i + ", local connectivity " + local;
        assertEquals(rho[i], ours.rho(i), 1e-12, "rho of " + what);
        // umap-learn stores sigma in single precision
        assertEquals(sigma[i], ours.sigma(i), 1e-6 * sigma[i], "sigma of " + what);
      }
    }
  }

  /** Eq. 5.14 mixed with the intersection: set_op_mix_ratio 0 and 0.5; local connectivity 1.5. */
  @Test
  void fuzzySetMixesAndLocalConnectivityEqualUmapLearns() throws IOException {
    Map<String, double[]> ref = reference();
    KnnGraph knn = fifteen(ref);
    assertGraphEquals(ref.get("graph_mix_0"), FuzzySimplicialSet.of(knn, 5, 1, 0.0), 1e-5, "mix 0");
    assertGraphEquals(ref.get("graph_mix_0.5"), FuzzySimplicialSet.of(knn, 5, 1, 0.5), 1e-5, "mix 0.5");
    assertGraphEquals(ref.get("graph_local_1.5"), FuzzySimplicialSet.of(knn, 5, 1.5, 1.0), 1e-5,
        "local connectivity 1.5");
  }

  /**
   * Supervised UMAP: edges across classes weakened by exp(-2.5 / (1 - weight)), to unknowns by
   * exp(-1), rows rescaled to a maximum of 1 and united again (reset_local_connectivity).
   */
  @Test
  void classIntersectionEqualsUmapLearns() throws IOException {
    Map<String, double[]> ref = reference();
    SparseGraph graph = FuzzySimplicialSet.of(fifteen(ref), 5, 1, 1.0);
    assertGraphEquals(ref.get("graph"), graph, 1e-5, "unsupervised");
    int[] target = new int[15];
    for (int i = 0; i < 15; i++) {
      target[i] = (int) ref.get("target")[i];
    }
    for (String weight : new String[] {"0.5", "0.8", "1"}) {
      SparseGraph supervised = FuzzySimplicialSet.intersectWithTarget(graph, target,
          Double.parseDouble(weight));
      assertGraphEquals(ref.get("target_graph_" + weight), supervised, 1e-5, "target weight " + weight);
    }
  }

  @Test
  void epochsPerSampleEqualUmapLearns() throws IOException {
    Map<String, double[]> ref = reference();
    assertArrayEquals(ref.get("epochs_per_sample"),
        LayoutOptimizer.epochsPerSample(ref.get("weights"), 1.0), 1e-12);
  }

  /**
   * Epochs of the fitted layout's attraction (no negative sample falls due at rate 0.01): six for
   * the default curve, three for a = 100, b = 1 on a start so small that a gradient reaches the
   * clip at 4. The graph's
   * breadth-first order is 0..5, so our per-vertex sweep visits the edges in umap-learn's order.
   */
  @Test
  void attractionEpochsEqualUmapLearns() throws IOException {
    Map<String, double[]> ref = reference();
    double[] head = ref.get("layout_head");
    double[] tail = ref.get("layout_tail");
    double[] weight = ref.get("layout_weight");
    int[][] cols = new int[6][];
    double[][] vals = new double[6][];
    int e = 0;
    for (int i = 0; i < 6; i++) {
      int start = e;
      while (e < head.length && head[e] == i) {
        e++;
      }
      cols[i] = new int[e - start];
      vals[i] = new double[e - start];
      for (int s = start; s < e; s++) {
        cols[i][s - start] = (int) tail[s];
        vals[i][s - start] = weight[s];
      }
    }
    SparseGraph graph = SparseGraph.ofRows(6, cols, vals);
    double[] w = new double[graph.entries()];
    for (int s = 0; s < w.length; s++) {
      w[s] = graph.value(s);
    }
    double[] epochsPerSample = LayoutOptimizer.epochsPerSample(w, graph.maxValue());
    double[] ab = ref.get("layout_ab");
    String[] names = {"default", "clipped"};
    MembershipCurve[] curves = {new MembershipCurve(ab[0], ab[1]), new MembershipCurve(100, 1)};
    int[] epochs = {6, 3};
    for (int c = 0; c < 2; c++) {
      double[] y = ref.get("layout_start_" + names[c]).clone();
      new LayoutOptimizer(curves[c], 1.0, 0.01).fit(y, 2, graph, epochsPerSample, epochs[c], 1.0,
          1, 1);
      // umap-learn's embedding is single precision
      assertArrayEquals(ref.get("layout_fit_" + names[c]), y, 1e-5, names[c]);
    }
  }

  /**
   * Placing a new point (only it moves) with every negative sample drawn from the one tail vertex
   * that counts: attraction to three training points, repulsion with gamma 1 and 50 (clipped at 4).
   */
  @Test
  void transformEpochsEqualUmapLearns() throws IOException {
    Map<String, double[]> ref = reference();
    double[] ab = ref.get("layout_ab");
    MembershipCurve curve = new MembershipCurve(ab[0], ab[1]);
    double[] tails = ref.get("transform_tail_embedding");
    for (String gamma : new String[] {"1", "50"}) {
      double[] y = {1.2, 2.1};
      double[] before = tails.clone();
      new LayoutOptimizer(curve, Double.parseDouble(gamma), 5.0).optimize(y, tails, 2,
          new int[] {0, 0, 0}, new int[] {0, 1, 2}, ref.get("transform_epochs_per_sample"), 1, 12,
          0.25, false, new SplittableRandom(1));
      assertArrayEquals(ref.get("transform_gamma_" + gamma), y, 1e-4, "gamma " + gamma);
      assertArrayEquals(before, tails, 0, "the training embedding does not move");
    }
    // head vertex 1 starts on tail vertex 0, the negative sample: pushed by 4 alpha per coordinate
    double[] y = {9, 9, 1, 2};
    new LayoutOptimizer(curve, 1.0, 2.0).optimize(y, tails, 2, new int[] {1}, new int[] {1},
        new double[] {1}, 1, 3, 0.25, false, new SplittableRandom(1));
    assertArrayEquals(ref.get("transform_coincident"), y, 1e-4, "coincident");
  }

  /**
   * The spectral start of a connected 40-point fuzzy graph: the eigenvectors of the normalised
   * Laplacian with the two smallest non-zero eigenvalues, as umap-learn's spectral_layout finds them
   * (equal up to sign).
   */
  @Test
  void spectralLayoutEqualsUmapLearnsUpToSign() throws IOException {
    Map<String, double[]> ref = reference();
    int n = 40;
    double[][] ours = SpectralLayout.connected(spectralGraph(), 2);
    double[] theirs = ref.get("spectral_layout");
    for (int c = 0; c < 2; c++) {
      double dot = 0;
      double nOurs = 0;
      double nTheirs = 0;
      for (int i = 0; i < n; i++) {
        dot += ours[i][c] * theirs[i * 2 + c];
        nOurs += ours[i][c] * ours[i][c];
        nTheirs += theirs[i * 2 + c] * theirs[i * 2 + c];
      }
      // both are unit eigenvectors
      assertEquals(1, nOurs, 1e-6, "coordinate " + c + " is a unit vector");
      assertTrue(Math.abs(dot) / Math.sqrt(nOurs * nTheirs) > 0.9999,
          "coordinate " + c + ": |cos| " + Math.abs(dot) / Math.sqrt(nOurs * nTheirs));
    }
  }
}
