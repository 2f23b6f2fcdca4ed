package fundamentos.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Barnes-Hut's sparse input similarities against a dense computation done here in double
 * precision: each row's conditional affinities over its exact u nearest neighbours, sigma found by
 * bisection on log beta, then (p_j|i + p_i|j) / 2n.
 */
class SparseAffinitiesTest {

  private static double[][] data(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        x[i][c] = random.nextGaussian() * 0.1 + (i % 3) * 0.5;
      }
    }
    return x;
  }

  private static double entropy(double[] p) {
    double h = 0;
    for (double v : p) {
      h -= v > 0 ? v * Math.log(v) : 0;
    }
    return h;
  }

  @Test
  void eachRowReachesThePerplexity() {
    SplittableRandom random = new SplittableRandom(2);
    for (double perplexity : new double[] {2, 5, 30}) {
      int u = SparseAffinities.neighbours(perplexity, 1000);
      assertEquals((int) (3 * perplexity) + 1, u);
      for (int row = 0; row < 50; row++) {
        double[] squared = new double[u];
        for (int s = 0; s < u; s++) {
          squared[s] = random.nextDouble(1e-3, 50) * (row + 1); // far and near rows
        }
        double[] p = new double[u];
        double beta = SparseAffinities.calibrate(squared, Math.log(perplexity), p);
        assertEquals(1, Arrays.stream(p).sum(), 1e-12);
        assertEquals(Math.log(perplexity), entropy(p), SparseAffinities.ENTROPY_TOLERANCE,
            "perplexity " + perplexity + " row " + row);
        // the Gaussian of that beta: p_s proportional to exp(-beta d_s)
        for (int s = 1; s < u; s++) {
          assertEquals(-beta * (squared[s] - squared[0]), Math.log(p[s] / p[0]), 1e-9);
        }
      }
    }
  }

  @Test
  void matchesADenseComputationIsSymmetricAndSumsToOne() {
    int n = 120;
    double perplexity = 7;
    double[][] x = data(n, 5, 9);
    SparseAffinities p = SparseAffinities.of(x, perplexity, 1, 2);
    int u = SparseAffinities.neighbours(perplexity, n);
    double[][] dense = new double[n][n];
    for (int i = 0; i < n; i++) {
      double[] d2 = new double[n];
      Integer[] order = new Integer[n];
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int c = 0; c < 5; c++) {
          s += (x[i][c] - x[j][c]) * (x[i][c] - x[j][c]);
        }
        d2[j] = j == i ? Double.POSITIVE_INFINITY : s;
        order[j] = j;
      }
      Arrays.sort(order, (a, b) -> Double.compare(d2[a], d2[b]));
      // bisection on log beta for entropy log(perplexity), 200 halvings
      double lo = -30;
      double hi = 30;
      double[] row = new double[u];
      for (int step = 0; step < 200; step++) {
        double beta = Math.exp((lo + hi) / 2);
        double sum = 0;
        for (int s = 0; s < u; s++) {
          row[s] = Math.exp(-beta * (d2[order[s]] - d2[order[0]]));
          sum += row[s];
        }
        for (int s = 0; s < u; s++) {
          row[s] /= sum;
        }
        if (entropy(row) > Math.log(perplexity)) {
          lo = (lo + hi) / 2;
        } else {
          hi = (lo + hi) / 2;
        }
      }
      for (int s = 0; s < u; s++) {
        dense[i][order[s]] += row[s] / (2 * n);
        dense[order[s]][i] += row[s] / (2 * n);
      }
    }
    double total = 0;
    int nonZero = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        // the search stops within 1e-5 nats of the entropy; the distances are single precision
        assertEquals(dense[i][j], p.get(i, j), 1e-4 * dense[i][j] + 1e-12, "p_" + i + "," + j);
        assertEquals(p.get(i, j), p.get(j, i), 0, "symmetric");
        total += p.get(i, j);
        nonZero += dense[i][j] > 0 ? 1 : 0;
      }
    }
    assertEquals(1, total, 1e-12);
    assertEquals(nonZero, p.entries(), "one stored entry per pair of neighbours");
    for (int i = 0; i < n; i++) {
      for (int e = p.rowStart(i) + 1; e < p.rowStart(i + 1); e++) {
        assertTrue(p.column(e) > p.column(e - 1), "columns ascend in row " + i);
      }
    }
  }

  @Test
  void allNeighboursOnSmallDataAndDuplicates() {
    // 7 points, perplexity (7 - 1) / 3 = 2: every other point is a neighbour; two rows equal
    double[][] x = {{0, 0}, {1, 0}, {0, 1}, {5, 5}, {6, 5}, {5, 6}, {0, 0}};
    SparseAffinities p = SparseAffinities.of(x, 2, 1, 1);
    assertEquals(6, SparseAffinities.neighbours(2, 7));
    assertEquals(7 * 6, p.entries());
    assertEquals(p.get(0, 1), p.get(6, 1), 1e-15, "equal rows, equal affinities");
    for (int i = 0; i < 7; i++) {
      assertEquals(0, p.get(i, i), 0);
    }
  }
}
