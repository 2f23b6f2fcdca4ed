package fundamentos.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.linalg.NativeMatrix;
import fundamentos.linalg.RowSource;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Behaviour the other PCA tests left unobserved (issue 18, PIT survivors of fundamentos.pca): the
 * messages that name what is wrong, the statistics asked for in an unusual order or with a mean
 * hint, maxComponents(0) as "no limit", the solver AUTO reports, and the randomized solver's
 * doubling rule and power iterations, each checked against its definition.
 */
class PcaSurvivorsTest {

  /** n x d Gaussian rows whose column j has standard deviation decay^j (a slowly decaying spectrum). */
  private static double[][] decaying(int n, int d, double decay, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextGaussian() * Math.pow(decay, j) + 3;
      }
    }
    return x;
  }

  @Test
  void negativeWeightMessageNamesTheRow() {
    RowSource x = RowSource.of(new double[][] {{1, 2}, {3, 4}, {5, 7}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DataMatrix(x, new double[] {1, -1, 1}, false));
    assertTrue(e.getMessage().startsWith("Row 2 has weight -1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new DataMatrix(x, new double[] {1, 1, Double.NaN}, false));
    assertTrue(e.getMessage().startsWith("Row 3 has weight NaN"), e.getMessage());
  }

  @Test
  void emptySourcesAreRejectedWithTheirOwnReason() {
    IllegalArgumentException noRows = assertThrows(IllegalArgumentException.class,
        () -> new PrincipalComponentAnalysis().fit(RowSource.of(new double[0][]), null));
    assertEquals("PCA needs at least one training row", noRows.getMessage());
    IllegalArgumentException noColumns = assertThrows(IllegalArgumentException.class,
        () -> new PrincipalComponentAnalysis().fit(RowSource.of(new double[][] {{}, {}}), null));
    assertEquals("PCA needs at least one attribute to decompose", noColumns.getMessage());
  }

  @Test
  void scaleFirstOnAFreshMatrixIsTheWeightedStandardDeviation() {
    double[][] rows = {{1, 10}, {2, 10}, {4, 10}, {9, 10}};
    double[] w = {1, 2, 1, 0.5};
    DataMatrix a = new DataMatrix(RowSource.of(rows), w, true);
    double[] scale = a.scale();
    double wSum = 4.5;
    double mean = (1 * 1 + 2 * 2 + 1 * 4 + 0.5 * 9) / wSum;
    double ss = 1 * (1 - mean) * (1 - mean) + 2 * (2 - mean) * (2 - mean)
        + 1 * (4 - mean) * (4 - mean) + 0.5 * (9 - mean) * (9 - mean);
    // the constant column keeps scale 1
    assertArrayEquals(new double[] {Math.sqrt(ss / (wSum - 1)), 1}, scale, 1e-12);
    // and unscaled PCA has unit scales, also when asked first
    assertArrayEquals(new double[] {1, 1},
        new DataMatrix(RowSource.of(rows), w, false).scale(), 0);
  }

  /**
   * Rows around (0, 0) of spread ~1 after a zero-weight row far away at (1e8, -1e8): the zero-weight
   * row does not count, so the covariance is that of the other rows. Shifting the one-pass formula
   * by that far row would cancel 1e16-sized terms; the mean hint (or already known statistics)
   * must be used instead.
   */
  private static final double[][] FAR_FIRST = {
      {1e8, -1e8}, {1, 0.5}, {-1, 0.25}, {0.5, -1}, {-0.5, 0.25}, {2, 1}, {-2, -1}};
  private static final double[] FAR_WEIGHTS = {0, 1, 1, 1, 1, 1, 1};

  private static double[][] covarianceOfTheWeightedRows() {
    double[] mean = new double[2];
    for (int i = 1; i < FAR_FIRST.length; i++) {
      for (int j = 0; j < 2; j++) {
        mean[j] += FAR_FIRST[i][j] / 6;
      }
    }
    double[][] c = new double[2][2];
    for (int i = 1; i < FAR_FIRST.length; i++) {
      for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 2; k++) {
          c[j][k] += (FAR_FIRST[i][j] - mean[j]) * (FAR_FIRST[i][k] - mean[k]) / 5;
        }
      }
    }
    return c;
  }

  private static void assertUpper(double[][] c, double[] upper, double tolerance) {
    assertEquals(c[0][0], upper[0], tolerance);
    assertEquals(c[0][1], upper[1], tolerance);
    assertEquals(c[1][1], upper[3], tolerance);
  }

  @Test
  void theMeanHintIsTheShiftOfTheOnePassCovariance() {
    double[] hint = {0, 0};
    DataMatrix a = new DataMatrix(RowSource.of(FAR_FIRST), FAR_WEIGHTS, false, hint);
    assertUpper(covarianceOfTheWeightedRows(), a.gramUpper(), 1e-9);
  }

  @Test
  void knownStatisticsAreNotRecomputedByTheOnePassFormula() {
    DataMatrix a = new DataMatrix(RowSource.of(FAR_FIRST), FAR_WEIGHTS, false);
    double[] mean = a.mean();
    assertEquals(0, mean[0], 1e-7);
    assertEquals(0, mean[1], 1e-7);
    // the centre is known: C comes from the centred rows, not from the far shift
    assertUpper(covarianceOfTheWeightedRows(), a.gramUpper(), 1e-6);
  }

  @Test
  void maxComponentsZeroMeansNoLimit() {
    for (int n : new int[] {5, 40}) { // full SVD and covariance shapes
      double[][] x = decaying(n, 3, 0.7, n);
      PcaModel model = new PrincipalComponentAnalysis().maxComponents(0).varianceCovered(1.0)
          .fit(RowSource.of(x), null);
      assertEquals(3, model.numComponents());
      double[] expected = JacobiReference.ofCovariance(x).eigenvalues;
      assertArrayEquals(expected, model.eigenvalues(), 1e-9 * expected[0]);
    }
  }

  @Test
  void autoReportsTheRandomizedSolverForFewComponentsOfAWideEnoughMatrix() {
    // n = 600 > 500, n < 10 d, 5 < 0.8 min(n, d): scikit-learn's rules pick the randomized SVD,
    // also when a variance fraction then picks among the 5
    double[][] x = decaying(600, 100, 0.98, 3);
    PcaModel model = new PrincipalComponentAnalysis().maxComponents(5).varianceCovered(0.95)
        .fit(RowSource.of(x), null);
    assertEquals(PcaSolver.RANDOMIZED, model.solver());
    assertEquals(PcaSolver.RANDOMIZED, PcaSolver.choose(600, 100, 5));
  }

  private static double[] randomizedEigenvalues(double[][] x, long seed, int q, int k) {
    try (NativeMatrix m = new DataMatrix(RowSource.of(x), null, false).materialise()) {
      return new RandomizedSvdSolver(seed, q).solve(m, k).eigenvalues();
    }
  }

  private static void assertLeading(double[] expected, double[] actual) {
    assertTrue(actual.length <= expected.length);
    assertArrayEquals(Arrays.copyOf(expected, actual.length), actual, 1e-12 * expected[0]);
  }

  @Test
  void aVarianceFractionDoublesTheRandomizedComponentsFrom32() {
    // rank 80 > 32, and 32 components explain far more than half: the doubling stops at 32, so the
    // kept eigenvalues are those of the 32-component sketch (without power iterations these differ
    // from the 80-component, that is exact, ones)
    double[][] x = decaying(200, 80, 0.96, 11);
    PcaModel model = new PrincipalComponentAnalysis().solver(PcaSolver.RANDOMIZED)
        .powerIterations(0).seed(5).varianceCovered(0.5).fit(RowSource.of(x), null);
    double[] at32 = randomizedEigenvalues(x, 5, 0, 32);
    double[] atCap = randomizedEigenvalues(x, 5, 0, 80);
    assertTrue(Math.abs(at32[0] - atCap[0]) > 1e-6 * atCap[0], "the sketches must differ");
    assertLeading(at32, model.eigenvalues());
  }

  @Test
  void aKnownMaximumIsSolvedDirectlyEvenWithAVarianceFraction() {
    // maxComponents 40 < rank 80: the randomized solver runs once at 40, not doubling from 32
    double[][] x = decaying(200, 80, 0.96, 12);
    PcaModel model = new PrincipalComponentAnalysis().solver(PcaSolver.RANDOMIZED)
        .powerIterations(0).seed(6).maxComponents(40).varianceCovered(0.5)
        .fit(RowSource.of(x), null);
    double[] at40 = randomizedEigenvalues(x, 6, 0, 40);
    double[] at32 = randomizedEigenvalues(x, 6, 0, 32);
    assertTrue(Math.abs(at32[0] - at40[0]) > 1e-6 * at40[0], "the sketches must differ");
    assertLeading(at40, model.eigenvalues());
  }

  /**
   * Without power iterations the randomized solver is, by definition, the exact PCA of A projected
   * on the range of A Omega (Omega: d x l Gaussian from the seed, filled row by row): the
   * eigenvalues of B B^T with B = Q^T A, Q an orthonormal basis of that range.
   */
  @Test
  void zeroPowerIterationsIsTheProjectionOnTheSketch() {
    int n = 60;
    int d = 30;
    int k = 4;
    int l = k + RandomizedSvdSolver.OVERSAMPLING;
    long seed = 9;
    double[][] x = decaying(n, d, 0.9, 4);
    double[] a;
    try (NativeMatrix m = new DataMatrix(RowSource.of(x), null, false).materialise()) {
      a = m.toArray();
    }
    Random random = new Random(seed);
    double[][] omega = new double[d][l];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < l; j++) {
        omega[i][j] = random.nextGaussian();
      }
    }
    // Y = A Omega, columns orthonormalised by modified Gram-Schmidt, twice
    double[][] q = new double[l][n];
    for (int j = 0; j < l; j++) {
      for (int r = 0; r < n; r++) {
        double s = 0;
        for (int c = 0; c < d; c++) {
          s += a[r * d + c] * omega[c][j];
        }
        q[j][r] = s;
      }
    }
    for (int pass = 0; pass < 2; pass++) {
      for (int j = 0; j < l; j++) {
        for (int p = 0; p < j; p++) {
          double dot = 0;
          for (int r = 0; r < n; r++) {
            dot += q[p][r] * q[j][r];
          }
          for (int r = 0; r < n; r++) {
            q[j][r] -= dot * q[p][r];
          }
        }
        double norm = 0;
        for (int r = 0; r < n; r++) {
          norm += q[j][r] * q[j][r];
        }
        norm = Math.sqrt(norm);
        for (int r = 0; r < n; r++) {
          q[j][r] /= norm;
        }
      }
    }
    double[][] b = new double[l][d];
    for (int j = 0; j < l; j++) {
      for (int c = 0; c < d; c++) {
        for (int r = 0; r < n; r++) {
          b[j][c] += q[j][r] * a[r * d + c];
        }
      }
    }
    double[][] bbt = new double[l][l];
    for (int i = 0; i < l; i++) {
      for (int j = 0; j < l; j++) {
        for (int c = 0; c < d; c++) {
          bbt[i][j] += b[i][c] * b[j][c];
        }
      }
    }
    double[] expected = Arrays.copyOf(JacobiReference.decompose(bbt).eigenvalues, k);
    double[] actual = randomizedEigenvalues(x, seed, 0, k);
    assertArrayEquals(expected, actual, 1e-9 * expected[0]);
    // one power iteration gives other (better) estimates, so the check above can tell them apart
    double[] onePower = randomizedEigenvalues(x, seed, 1, k);
    assertTrue(Math.abs(onePower[k - 1] - expected[k - 1]) > 1e-6 * expected[0]);
  }
}
