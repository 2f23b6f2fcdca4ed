package fundamentos.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.linalg.RowSource;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Data larger than a block of about 131 thousand doubles (1,000 rows x 1,100 columns: blocks of 119
 * rows in the covariance pass and the transform) is read in several blocks of rows; the weighted
 * statistics, C and the scores must be those of the textbook formulas for rows in every block.
 */
class PcaBlocksTest {

  private static final int N = 1000;
  private static final int D = 1100;

  private static double[][] data() {
    Random random = new Random(17);
    double[][] x = new double[N][D];
    for (double[] row : x) {
      double common = random.nextGaussian();
      for (int j = 0; j < D; j++) {
        row[j] = 5 + (j % 7) + common * (j % 3) + random.nextGaussian();
      }
    }
    return x;
  }

  private static double[] weights() {
    Random random = new Random(18);
    double[] w = new double[N];
    for (int i = 0; i < N; i++) {
      w[i] = 0.5 + random.nextDouble();
    }
    return w;
  }

  @Test
  void statisticsAndCovarianceOfSeveralBlocks() {
    double[][] x = data();
    double[] w = weights();
    double total = 0;
    double[] mean = new double[D];
    for (int i = 0; i < N; i++) {
      total += w[i];
      for (int j = 0; j < D; j++) {
        mean[j] += w[i] * x[i][j];
      }
    }
    for (int j = 0; j < D; j++) {
      mean[j] /= total;
    }
    int[][] pairs = {{0, 0}, {1, 2}, {5, 1099}, {700, 701}, {1099, 1099}};
    double[] covariance = new double[pairs.length];
    double[] variance = new double[D];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        double c = x[i][j] - mean[j];
        variance[j] += w[i] * c * c / (total - 1);
      }
      for (int p = 0; p < pairs.length; p++) {
        covariance[p] += w[i] * (x[i][pairs[p][0]] - mean[pairs[p][0]])
            * (x[i][pairs[p][1]] - mean[pairs[p][1]]) / (total - 1);
      }
    }
    // one pass (C first), and C about the means of an earlier pass
    for (int order = 0; order < 2; order++) {
      DataMatrix a = new DataMatrix(RowSource.of(x), w, false);
      if (order == 1) {
        a.mean();
      }
      double[] gram = a.gramUpper();
      for (int p = 0; p < pairs.length; p++) {
        assertEquals(covariance[p], gram[pairs[p][0] * D + pairs[p][1]], 1e-10,
            "order " + order + ", C" + java.util.Arrays.toString(pairs[p]));
      }
      double[] m = a.mean();
      double[] v = a.columnVariance();
      for (int j = 0; j < D; j++) {
        assertEquals(mean[j], m[j], 1e-12 * mean[j]);
        assertEquals(variance[j], v[j], 1e-10 * variance[j]);
      }
    }
    // standardised, variances first: every block scaled alike
    DataMatrix s = new DataMatrix(RowSource.of(x), w, true);
    double[] v = s.columnVariance();
    double[] scale = s.scale();
    for (int j = 0; j < D; j++) {
      assertEquals(1.0, v[j], 1e-12);
      assertEquals(Math.sqrt(variance[j]), scale[j], 1e-10 * scale[j]);
    }
    assertEquals(D, s.totalVariance(), 1e-9);
  }

  @Test
  void scoresAndReconstructionsOfSeveralBlocks() {
    double[][] x = data();
    double[] w = weights();
    PcaModel model = new PrincipalComponentAnalysis().solver(PcaSolver.RANDOMIZED)
        .powerIterations(1).maxComponents(2).varianceCovered(1.0).fit(RowSource.of(x), w);
    assertEquals(2, model.numComponents());
    double[] mean = model.mean();
    double[][] scores = model.transform(RowSource.of(x), PcaModel.Output.SCORES, true, 0);
    double[][] rebuilt = model.transform(RowSource.of(x), PcaModel.Output.RECONSTRUCTION, false,
        0);
    double[][] axes = {model.axis(0), model.axis(1)};
    for (int r : new int[] {0, 500, 952, 953, 999}) {
      double norm = 0;
      double[] y = new double[2];
      for (int j = 0; j < D; j++) {
        double c = x[r][j] - mean[j];
        norm += c * c;
        y[0] += axes[0][j] * c;
        y[1] += axes[1][j] * c;
      }
      for (int i = 0; i < 2; i++) {
        assertEquals(y[i], scores[r][i], 1e-9 * Math.sqrt(norm), "row " + r + " score " + i);
      }
      // Pythagoras: the error is what the two axes leave of the deviation
      assertEquals(norm - y[0] * y[0] - y[1] * y[1], scores[r][2], 1e-8 * norm, "row " + r);
      for (int j = 0; j < D; j += 99) {
        assertEquals(mean[j] + y[0] * axes[0][j] + y[1] * axes[1][j], rebuilt[r][j], 1e-9,
            "row " + r + " column " + j);
      }
    }
    assertTrue(model.eigenvalues()[0] > model.eigenvalues()[1]);
  }
}
