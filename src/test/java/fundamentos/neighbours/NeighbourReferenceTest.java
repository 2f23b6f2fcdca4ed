package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exact neighbour distances under L_1, L_2, L_3 and L_infinity, and trustworthiness, against
 * scikit-learn 1.2.1 (numbers made by src/test/resources/reference/sklearn_neighbours.py,
 * committed beside it).
 */
class NeighbourReferenceTest {

  static Map<String, double[]> reference() throws IOException {
    Map<String, double[]> values = new HashMap<>();
    try (InputStream in = NeighbourReferenceTest.class.getResourceAsStream(
        "/reference/sklearn_neighbours.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
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

  static double[][] rows(double[] flat, int d) {
    double[][] x = new double[flat.length / d][d];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(flat, i * d, x[i], 0, d);
    }
    return x;
  }

  private static float[][] floats(double[][] x) {
    float[][] f = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      f[i] = LpPoints.toFloat(x[i]);
    }
    return f;
  }

  @Test
  void queryDistancesEqualScikitLearnsForEveryOrder() throws IOException {
    Map<String, double[]> ref = reference();
    double[][] x = rows(ref.get("x"), 5);
    float[][] queries = floats(rows(ref.get("queries"), 5));
    String[] names = {"1", "2", "3", "inf"};
    double[] orders = {1, 2, 3, Double.POSITIVE_INFINITY};
    for (int o = 0; o < orders.length; o++) {
      LpPoints points = LpPoints.of(x, orders[o]);
      double[] expected = ref.get("query_dists_p" + names[o]);
      for (int threads : new int[] {1, 2}) {
        KnnGraph graph = ExactKnn.ofQueries(points, queries, 4, threads);
        assertEquals(queries.length, graph.size());
        assertEquals(4, graph.k());
        for (int q = 0; q < queries.length; q++) {
          for (int s = 0; s < 4; s++) {
            // single precision: relative error about 1e-6
            assertEquals(expected[q * 4 + s], graph.distances(q)[s], 1e-5,
                "p = " + names[o] + ", query " + q + ", neighbour " + s);
          }
        }
      }
      // the exact index answers queries the same way
      VectorIndex index = VectorIndex.build(points, 4, 1000, 1, 1);
      KnnGraph viaIndex = index.query(queries, 4, 1);
      for (int q = 0; q < queries.length; q++) {
        for (int s = 0; s < 4; s++) {
          assertEquals(expected[q * 4 + s], viaIndex.distances(q)[s], 1e-5);
        }
      }
    }
  }

  @Test
  void selfDistancesEqualScikitLearnsForEveryOrder() throws IOException {
    Map<String, double[]> ref = reference();
    double[][] x = rows(ref.get("x"), 5);
    String[] names = {"1", "2", "3", "inf"};
    double[] orders = {1, 2, 3, Double.POSITIVE_INFINITY};
    for (int o = 0; o < orders.length; o++) {
      LpPoints points = LpPoints.of(x, orders[o]);
      assertEquals(orders[o], points.order());
      double[] expected = ref.get("self_dists_p" + names[o]);
      KnnGraph graph = ExactKnn.ofPoints(points, 5, 2);
      for (int i = 0; i < x.length; i++) {
        assertEquals(i, graph.indices(i)[0]);
        for (int s = 0; s < 5; s++) {
          assertEquals(expected[i * 5 + s], graph.distances(i)[s], 1e-5,
              "p = " + names[o] + ", point " + i + ", neighbour " + s);
        }
      }
    }
  }

  @Test
  void trustworthinessEqualsScikitLearns() throws IOException {
    Map<String, double[]> ref = reference();
    LpPoints x = LpPoints.of(rows(ref.get("x"), 5), 2);
    LpPoints firstTwo = LpPoints.of(rows(ref.get("embedding_first_two"), 2), 2);
    LpPoints projected = LpPoints.of(rows(ref.get("embedding_projected"), 2), 2);
    for (int k = 1; k <= 5; k++) {
      assertEquals(ref.get("trust_first_two_k" + k)[0], Trustworthiness.of(x, firstTwo, k, 1),
          1e-12, "first two coordinates, k = " + k);
      assertEquals(ref.get("trust_projected_k" + k)[0], Trustworthiness.of(x, projected, k, 2),
          1e-12, "projection, k = " + k);
    }
  }

  @Test
  void trustworthinessRejectsNeighbourhoodsTooLargeForItsFormula() throws IOException {
    Map<String, double[]> ref = reference();
    LpPoints x = LpPoints.of(rows(ref.get("x"), 5), 2);
    LpPoints e = LpPoints.of(rows(ref.get("embedding_first_two"), 2), 2);
    // the normaliser 2 / (n k (2n - 3k - 1)) needs 2n - 3k - 1 > 0: with n = 20, k = 12 is the
    // largest allowed (2n - 3k - 1 = 3), k = 13 makes it 0
    double t = Trustworthiness.of(x, e, 12, 1);
    assertEquals(true, t >= 0 && t <= 1, "trustworthiness " + t);
    assertThrows(IllegalArgumentException.class, () -> Trustworthiness.of(x, e, 13, 1));
    assertThrows(IllegalArgumentException.class, () -> Trustworthiness.of(x, e, 0, 1));
    LpPoints fewer = LpPoints.of(java.util.Arrays.copyOf(rows(ref.get("embedding_first_two"), 2),
        19), 2);
    assertThrows(IllegalArgumentException.class, () -> Trustworthiness.of(x, fewer, 3, 1));
  }
}
