package fundamentos.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.linalg.RowSource;
import java.util.SplittableRandom;
import smile.feature.extraction.PCA;
import org.junit.jupiter.api.Test;

/**
 * The PCA engine's eigenvalues against Smile's PCA ({@code smile.feature.extraction.PCA}, an
 * independent SVD-based implementation) on small random data sets with correlated columns and no
 * constant one, n > d. Smile's variance() is the squared singular values of the centred data, not
 * divided by n - 1: ours times n - 1 (for n < d Smile takes another path whose variances are scaled
 * differently again, (n - 1) / n of ours as measured on 10 x 30, so the test stays with n > d).
 */
class PcaSmileTest {

  private static double[][] correlated(SplittableRandom random, int n, int d) {
    double[][] mixing = new double[d][d];
    for (double[] row : mixing) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextGaussian();
      }
    }
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      double[] z = new double[d];
      for (int j = 0; j < d; j++) {
        z[j] = random.nextGaussian() * (j + 1);
      }
      for (int j = 0; j < d; j++) {
        double v = 3 * j; // a mean away from 0
        for (int m = 0; m < d; m++) {
          v += mixing[j][m] * z[m];
        }
        x[i][j] = v;
      }
    }
    return x;
  }

  @Test
  void eigenvaluesAgreeWithSmileOnEverySolver() {
    int[][] shapes = {{40, 5}, {25, 12}, {200, 8}, {60, 20}};
    for (int[] shape : shapes) {
      int n = shape[0];
      int d = shape[1];
      double[][] x = correlated(new SplittableRandom(31L * n + d), n, d);
      double[] reference = PCA.fit(x).variance();
      for (PcaSolver solver : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.FULL_SVD}) {
        PcaModel ours = new PrincipalComponentAnalysis().standardise(false).varianceCovered(1)
            .solver(solver).fit(RowSource.of(x), null);
        double[] eigenvalues = ours.eigenvalues();
        int rank = Math.min(n - 1, d);
        String where = n + " x " + d + ", " + solver;
        assertTrue(eigenvalues.length >= rank && reference.length >= rank, where);
        for (int i = 0; i < rank; i++) {
          assertEquals(reference[i], eigenvalues[i] * (n - 1), 1e-9 * reference[0], where + ", eigenvalue "
              + i);
        }
      }
    }
  }
}
