package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Trustworthiness (Venna and Kaski 2001) computed in the test straight from its definition,
 * T(k) = 1 - 2 / (n k (2n - 3k - 1)) sum_i sum_{j in U_i(k)} (r(i, j) - k), on sets large enough
 * to be split into several blocks of rows, and under the L_1 distance.
 */
class TrustworthinessDefinitionTest {

  /** Ranks by sorting all distances in double precision, row by row. */
  private static double definition(double[][] x, double[][] e, int k, double p) {
    int n = x.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      final int row = i;
      Integer[] byOriginal = new Integer[n - 1];
      Integer[] byEmbedded = new Integer[n - 1];
      for (int j = 0, c = 0; j < n; j++) {
        if (j != i) {
          byOriginal[c] = j;
          byEmbedded[c++] = j;
        }
      }
      Arrays.sort(byOriginal, (a, b) -> Double.compare(dist(x[row], x[a], p), dist(x[row], x[b], p)));
      Arrays.sort(byEmbedded, (a, b) -> Double.compare(dist(e[row], e[a], p), dist(e[row], e[b], p)));
      int[] rank = new int[n];
      for (int r = 0; r < n - 1; r++) {
        rank[byOriginal[r]] = r + 1;
      }
      for (int s = 0; s < k; s++) {
        int j = byEmbedded[s];
        if (rank[j] > k) {
          sum += rank[j] - k;
        }
      }
    }
    return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)) * sum;
  }

  private static double dist(double[] a, double[] b, double p) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += Math.pow(Math.abs(a[j] - b[j]), p);
    }
    return Math.pow(s, 1 / p);
  }

  @Test
  void trustworthinessEqualsItsDefinition() {
    SplittableRandom random = new SplittableRandom(31);
    int n = 97;
    double[][] x = new double[n][6];
    double[][] e = new double[n][2];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 6; j++) {
        x[i][j] = random.nextGaussian();
      }
      // a noisy view of the first two coordinates: partly trustworthy
      e[i][0] = x[i][0] + 0.5 * random.nextGaussian();
      e[i][1] = x[i][1] + 0.5 * random.nextGaussian();
    }
    for (double p : new double[] {1, 2}) {
      for (int k : new int[] {1, 4, 10, 31}) {
        double expected = definition(x, e, k, p);
        for (int threads : new int[] {1, 3}) {
          assertEquals(expected, Trustworthiness.of(LpPoints.of(x, p), LpPoints.of(e, p), k,
              threads), 1e-12, "p = " + p + ", k = " + k + ", threads " + threads);
        }
      }
    }
  }
}
