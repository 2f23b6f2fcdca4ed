package fundamentos.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.linalg.NativeMatrix;
import fundamentos.linalg.RowSource;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The data matrix's statistics against the textbook weighted formulas whichever pass computes
 * them first, scikit-learn's solver choice and power-iteration rules at their boundaries, the sign
 * convention, and the edge cases: one row, weights summing to one or less, zero weights, constant
 * columns, whitening a null direction, arguments rejected.
 */
class PcaEdgeCasesTest {

  /** Correlated columns of different means and spreads (also PcaMagnitudeTest's data). */
  static double[][] correlated(int n, int d, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      double common = random.nextGaussian();
      for (int j = 0; j < d; j++) {
        row[j] = 3 + j + (j + 1) * random.nextGaussian() + common * j;
      }
    }
    return x;
  }

  /** Weighted mean and covariance with the W - 1 denominator (W when W <= 1), Eq. 5.3. */
  private static double[][] textbookCovariance(double[][] x, double[] w, double[] meanOut) {
    int d = x[0].length;
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      total += w[i];
      for (int j = 0; j < d; j++) {
        meanOut[j] += w[i] * x[i][j];
      }
    }
    for (int j = 0; j < d; j++) {
      meanOut[j] /= total;
    }
    double denominator = total > 1 ? total - 1 : total;
    double[][] c = new double[d][d];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          c[j][k] += w[i] * (x[i][j] - meanOut[j]) * (x[i][k] - meanOut[k]) / denominator;
        }
      }
    }
    return c;
  }

  private static double[] randomWeights(int n, long seed) {
    Random random = new Random(seed);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.1 + 2 * random.nextDouble();
    }
    return w;
  }

  /** C (or the correlation matrix) from the data matrix against the textbook, entry by entry. */
  private static void assertGram(double[][] c, double[] gram, boolean standardise, String what) {
    int d = c.length;
    for (int j = 0; j < d; j++) {
      for (int k = j; k < d; k++) {
        double expected = standardise ? c[j][k] / Math.sqrt(c[j][j] * c[k][k]) : c[j][k];
        assertEquals(expected, gram[j * d + k], 1e-10 * Math.max(1, Math.abs(c[j][j])),
            what + " C[" + j + "][" + k + "]");
      }
    }
  }

  @Test
  void statisticsAgreeWhicheverPassComesFirst() {
    double[][] x = correlated(50, 4, 1);
    double[] w = randomWeights(50, 2);
    double[] mean = new double[4];
    double[][] c = textbookCovariance(x, w, mean);
    for (boolean standardise : new boolean[] {false, true}) {
      for (int order = 0; order < 4; order++) {
        String what = "standardise " + standardise + ", order " + order;
        DataMatrix a = new DataMatrix(RowSource.of(x), w, standardise);
        assertEquals(50, a.rows());
        assertEquals(4, a.columns());
        double[] gram;
        double[] variance;
        if (order == 0) {
          // one pass: statistics from the shifted covariance
          gram = a.gramUpper();
          variance = a.columnVariance();
        } else if (order == 1) {
          // variances first, then C about the known mean
          variance = a.columnVariance();
          gram = a.gramUpper();
        } else if (order == 2) {
          // means first, then C about them
          a.mean();
          gram = a.gramUpper();
          variance = a.columnVariance();
        } else {
          // the materialised A first: A^T A is C
          try (NativeMatrix m = a.materialise()) {
            double[] values = m.toArray();
            gram = new double[16];
            for (int r = 0; r < 50; r++) {
              for (int j = 0; j < 4; j++) {
                for (int k = j; k < 4; k++) {
                  gram[j * 4 + k] += values[r * 4 + j] * values[r * 4 + k];
                }
              }
            }
          }
          variance = a.columnVariance();
        }
        assertGram(c, gram, standardise, what);
        double total = 0;
        for (int j = 0; j < 4; j++) {
          assertEquals(mean[j], a.mean()[j], 1e-11 * Math.abs(mean[j]), what + " mean " + j);
          double scale = standardise ? Math.sqrt(c[j][j]) : 1;
          assertEquals(scale, a.scale()[j], 1e-12 * scale, what + " scale " + j);
          double v = standardise ? 1 : c[j][j];
          assertEquals(v, variance[j], 1e-10 * v, what + " variance " + j);
          total += v;
        }
        assertEquals(total, a.totalVariance(), 1e-10 * total, what);
      }
    }
  }

  @Test
  void materialisedMatrixAfterTheVariancesIsTheSame() {
    double[][] x = correlated(30, 3, 5);
    double[] mean = new double[3];
    double[] ones = new double[30];
    java.util.Arrays.fill(ones, 1);
    double[][] c = textbookCovariance(x, ones, mean);
    DataMatrix a = new DataMatrix(RowSource.of(x), null, true);
    double[] variance = a.columnVariance();
    try (NativeMatrix m = a.materialise()) {
      double[] values = m.toArray();
      for (int r = 0; r < 30; r++) {
        for (int j = 0; j < 3; j++) {
          // A = (x - m) / s / sqrt(n - 1)
          double expected = (x[r][j] - mean[j]) / Math.sqrt(c[j][j]) / Math.sqrt(29);
          assertEquals(expected, values[r * 3 + j], 1e-12);
        }
      }
    }
    assertArrayEquals(variance, a.columnVariance(), 1e-15);
  }

  @Test
  void weightsSummingToOneOrLessDivideByTheirSum() {
    // W - 1 would be 0 or negative: the denominator is then W itself
    double[][] x = {{1, 0}, {3, 4}, {5, 2}};
    for (double[] w : new double[][] {{0.25, 0.5, 0.25}, {0.1, 0.2, 0.3}, {0.5, 0.5, 1.0}}) {
      double[] mean = new double[2];
      double[][] c = textbookCovariance(x, w, mean);
      for (int pass = 0; pass < 2; pass++) {
        DataMatrix a = new DataMatrix(RowSource.of(x), w, false);
        if (pass == 1) {
          a.columnVariance();
        }
        assertGram(c, a.gramUpper(), false, "weights " + java.util.Arrays.toString(w));
      }
      PcaModel model = new PrincipalComponentAnalysis().solver(PcaSolver.FULL_SVD)
          .varianceCovered(1.0).fit(RowSource.of(x), w);
      assertEquals(c[0][0] + c[1][1], model.totalVariance(), 1e-12);
      double trace = model.eigenvalues()[0] + model.eigenvalues()[1];
      assertEquals(c[0][0] + c[1][1], trace, 1e-10);
    }
  }

  @Test
  void zeroWeightRowsAreIgnored() {
    double[][] x = correlated(40, 3, 9);
    double[] w = new double[40];
    double[][] kept = new double[20][];
    for (int i = 0; i < 40; i++) {
      w[i] = i % 2;
      if (i % 2 == 1) {
        kept[i / 2] = x[i];
      }
    }
    for (PcaSolver solver : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.FULL_SVD}) {
      PcaModel weighted = new PrincipalComponentAnalysis().solver(solver).varianceCovered(1.0)
          .fit(RowSource.of(x), w);
      PcaModel subset = new PrincipalComponentAnalysis().solver(solver).varianceCovered(1.0)
          .fit(RowSource.of(kept), null);
      for (int i = 0; i < 3; i++) {
        assertEquals(subset.eigenvalues()[i], weighted.eigenvalues()[i],
            1e-10 * subset.eigenvalues()[0], solver + " eigenvalue " + i);
        assertArrayEquals(subset.axis(i), weighted.axis(i), 1e-8);
        assertEquals(subset.mean()[i], weighted.mean()[i], 1e-12);
      }
    }
  }

  @Test
  void badWeightsAndShapesAreRejected() {
    RowSource x = RowSource.of(correlated(3, 2, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new DataMatrix(x, new double[] {1, 1}, false));
    assertThrows(IllegalArgumentException.class,
        () -> new DataMatrix(x, null, false, new double[] {1, 2, 3}));
    for (double bad : new double[] {-1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class,
          () -> new DataMatrix(x, new double[] {1, bad, 1}, false), "weight " + bad);
    }
    assertThrows(IllegalArgumentException.class,
        () -> new DataMatrix(x, new double[] {0, 0, 0}, false));
    // a zero weight is allowed, and so is a hint of the right length
    new DataMatrix(x, new double[] {0, 1, 0}, false, new double[] {0, 0});
    assertThrows(IllegalArgumentException.class,
        () -> new PrincipalComponentAnalysis().fit(RowSource.of(new double[][] {{}, {}}), null));
    assertThrows(IllegalArgumentException.class,
        () -> new PrincipalComponentAnalysis().varianceCovered(1.0000001));
    assertThrows(IllegalArgumentException.class,
        () -> new PrincipalComponentAnalysis().varianceCovered(Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> new PrincipalComponentAnalysis().varianceCovered(-0.5));
    new PrincipalComponentAnalysis().varianceCovered(1.0);
    PcaModel model = new PrincipalComponentAnalysis().fit(x, null);
    assertThrows(IllegalArgumentException.class, () -> model.transform(
        RowSource.of(new double[][] {{1, 2, 3}}), PcaModel.Output.SCORES, false, 0));
  }

  @Test
  void oneRowHasOneComponentOfZeroVariance() {
    double[][] one = {{1.5, -2, 7}};
    for (PcaSolver solver : new PcaSolver[] {PcaSolver.AUTO, PcaSolver.COVARIANCE,
        PcaSolver.FULL_SVD, PcaSolver.RANDOMIZED}) {
      PcaModel model = new PrincipalComponentAnalysis().solver(solver).whiten(true)
          .fit(RowSource.of(one), null);
      assertEquals(1, model.numComponents(), solver.toString());
      assertEquals(0.0, model.totalVariance());
      assertEquals(0.0, model.eigenvalues()[0], solver.toString());
      assertEquals(0.0, model.explainedVarianceRatio(0));
      assertEquals(0.0, model.discardedVariance());
      assertArrayEquals(one[0], model.mean(), 0);
      // whitening a zero-variance direction gives 0, not NaN
      double[][] scores = model.transform(RowSource.of(new double[][] {{1.5, -2, 7}, {2, 0, 0}}),
          PcaModel.Output.SCORES, true, 0);
      assertEquals(0.0, scores[0][0]);
      assertEquals(0.0, scores[1][0]);
      // the error is the part of the deviation (0.5, 2, -7) off the kept axis
      double[] axis = model.axis(0);
      double along = 0.5 * axis[0] + 2 * axis[1] - 7 * axis[2];
      assertEquals(0.25 + 4 + 49 - along * along, scores[1][1], 1e-9, solver.toString());
    }
  }

  @Test
  void columnsConstantUpToRoundingCountAsConstant() {
    // the third column varies by 1e-7 around 1e6: below 1e-12 of its magnitude, it is noise
    double[][] x = correlated(30, 3, 4);
    for (int i = 0; i < x.length; i++) {
      x[i][2] = 1e6 + (i % 2) * 1e-7;
    }
    for (PcaSolver solver : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.FULL_SVD}) {
      for (boolean standardise : new boolean[] {false, true}) {
        PcaModel model = new PrincipalComponentAnalysis().solver(solver).standardise(standardise)
            .varianceCovered(1.0).fit(RowSource.of(x), null);
        String what = solver + " standardise " + standardise;
        assertEquals(2, model.numComponents(), what);
        assertEquals(1.0, model.scale()[2], what);
        assertEquals(0.0, model.axis(0)[2], 1e-6, what);
        assertEquals(0.0, model.axis(1)[2], 1e-6, what);
      }
    }
    DataMatrix a = new DataMatrix(RowSource.of(x), null, false);
    double[] gram = a.gramUpper();
    for (int j = 0; j < 3; j++) {
      assertEquals(0.0, gram[j * 3 + 2], "row and column of the constant are zero");
    }
    assertEquals(0.0, a.columnVariance()[2]);
    assertTrue(a.columnVariance()[0] > 0);
    // a column that varies by more than that is kept
    for (int i = 0; i < x.length; i++) {
      x[i][2] = 1e6 + (i % 2) * 1e-3;
    }
    assertTrue(new DataMatrix(RowSource.of(x), null, false).columnVariance()[2] > 0);
  }

  @Test
  void solverChoiceFollowsScikitLearnsRules() {
    // covariance when d <= 1000 and n >= 10 d
    assertEquals(PcaSolver.COVARIANCE, PcaSolver.choose(10000, 1000, 5));
    assertEquals(PcaSolver.COVARIANCE, PcaSolver.choose(50, 5, -1));
    assertEquals(PcaSolver.RANDOMIZED, PcaSolver.choose(10000, 1001, 5));
    assertEquals(PcaSolver.RANDOMIZED, PcaSolver.choose(9999, 1000, 5));
    assertEquals(PcaSolver.FULL_SVD, PcaSolver.choose(49, 5, 2));
    // randomized when larger than 500 and fewer components than 80% of min(n, d)
    assertEquals(PcaSolver.FULL_SVD, PcaSolver.choose(500, 400, 10));
    assertEquals(PcaSolver.RANDOMIZED, PcaSolver.choose(501, 400, 10));
    assertEquals(PcaSolver.RANDOMIZED, PcaSolver.choose(400, 501, 10));
    assertEquals(PcaSolver.RANDOMIZED, PcaSolver.choose(600, 400, 319));
    assertEquals(PcaSolver.FULL_SVD, PcaSolver.choose(600, 400, 320));
    assertEquals(PcaSolver.FULL_SVD, PcaSolver.choose(600, 400, -1));
    assertEquals(PcaSolver.FULL_SVD, PcaSolver.choose(600, 400, 0));
    assertEquals(PcaSolver.RANDOMIZED, PcaSolver.choose(600, 400, 1));
  }

  @Test
  void powerIterationsFollowScikitLearnsRule() {
    RandomizedSvdSolver auto = new RandomizedSvdSolver(1, -1);
    // 7 when k < 0.1 min(n, d), else 4
    assertEquals(7, auto.powerIterations(9, 100, 200));
    assertEquals(4, auto.powerIterations(10, 100, 200));
    assertEquals(7, auto.powerIterations(9, 200, 100));
    assertEquals(4, auto.powerIterations(10, 200, 100));
    assertEquals(0, new RandomizedSvdSolver(1, 0).powerIterations(9, 100, 200));
    assertEquals(2, new RandomizedSvdSolver(1, 2).powerIterations(50, 100, 200));
  }

  @Test
  void powerIterationsSharpenTheRandomizedEstimate() {
    // a slowly decaying spectrum: without power iterations the estimate of the 3rd eigenvalue is
    // visibly low; with 7 it agrees with the exact solver
    double[][] x = new double[300][40];
    Random random = new Random(2);
    for (double[] row : x) {
      for (int j = 0; j < 40; j++) {
        row[j] = random.nextGaussian() * (1 + 1.0 / (j + 1));
      }
    }
    PcaModel exact = new PrincipalComponentAnalysis().solver(PcaSolver.FULL_SVD).varianceCovered(1)
        .maxComponents(3).fit(RowSource.of(x), null);
    PcaModel none = new PrincipalComponentAnalysis().solver(PcaSolver.RANDOMIZED).powerIterations(0)
        .varianceCovered(1).maxComponents(3).fit(RowSource.of(x), null);
    PcaModel seven = new PrincipalComponentAnalysis().solver(PcaSolver.RANDOMIZED)
        .powerIterations(7).varianceCovered(1).maxComponents(3).fit(RowSource.of(x), null);
    double errorNone = 0;
    double errorSeven = 0;
    for (int i = 0; i < 3; i++) {
      errorNone += Math.abs(none.eigenvalues()[i] - exact.eigenvalues()[i]);
      errorSeven += Math.abs(seven.eigenvalues()[i] - exact.eigenvalues()[i]);
      // a randomized estimate never exceeds the true eigenvalue (Rayleigh-Ritz in a subspace)
      assertTrue(none.eigenvalues()[i] <= exact.eigenvalues()[i] * (1 + 1e-12));
    }
    assertTrue(errorSeven < errorNone / 5, "7 iterations " + errorSeven + ", none " + errorNone);
  }

  @Test
  void randomizedByVarianceDoublesUntilItCoversTheFraction() {
    // 80 columns of decreasing variance: 90% needs many more than the first batch of 32
    double[][] x = new double[400][80];
    Random random = new Random(6);
    for (double[] row : x) {
      for (int j = 0; j < 80; j++) {
        row[j] = random.nextGaussian() * Math.sqrt(1 + (80 - j) / 80.0);
      }
    }
    PcaModel exact = new PrincipalComponentAnalysis().solver(PcaSolver.COVARIANCE)
        .varianceCovered(0.9).fit(RowSource.of(x), null);
    PcaModel randomized = new PrincipalComponentAnalysis().solver(PcaSolver.RANDOMIZED)
        .varianceCovered(0.9).fit(RowSource.of(x), null);
    assertTrue(exact.numComponents() > 32, "components " + exact.numComponents());
    assertEquals(exact.numComponents(), randomized.numComponents(), 1);
    double explained = 0;
    for (int i = 0; i < randomized.numComponents(); i++) {
      explained += randomized.eigenvalues()[i];
    }
    assertTrue(explained >= 0.9 * randomized.totalVariance() * (1 - 1e-3));
    // a cap below the rank is computed directly
    PcaModel capped = new PrincipalComponentAnalysis().solver(PcaSolver.RANDOMIZED)
        .varianceCovered(0.9).maxComponents(10).fit(RowSource.of(x), null);
    assertEquals(10, capped.numComponents());
    assertEquals(10, capped.eigenvalues().length);
  }

  @Test
  void signsMakeTheLargestLoadingPositive() {
    double[][] axes = {{0.6, -0.8, 0}, {-0.6, 0.6, 0.529}, {0.1, 0.2, -0.9}, {}};
    double[] values = {3, 2, -1e-17, 0};
    Spectrum s = new Spectrum(values, axes, PcaSolver.COVARIANCE).withDeterministicSigns();
    assertArrayEquals(new double[] {-0.6, 0.8, 0}, s.axes()[0], 0);
    // equal magnitudes: the first of them decides
    assertArrayEquals(new double[] {0.6, -0.6, -0.529}, s.axes()[1]);
    assertArrayEquals(new double[] {-0.1, -0.2, 0.9}, s.axes()[2]);
    assertEquals(0, s.axes()[3].length);
    // negative rounding noise is clipped
    assertArrayEquals(new double[] {3, 2, 0, 0}, s.eigenvalues());
    assertEquals(PcaSolver.COVARIANCE, s.solver());
  }

  @Test
  void autoChoosesBySizeAndComponents() {
    double[][] x = correlated(600, 60, 3);
    // n >= 10 d and d <= 1000: covariance
    assertEquals(PcaSolver.COVARIANCE, new PrincipalComponentAnalysis().fit(RowSource.of(x), null)
        .solver());
    double[][] wide = correlated(520, 100, 3);
    // n < 10 d, larger than 500, 5 < 80% of 100 components: randomized
    assertEquals(PcaSolver.RANDOMIZED, new PrincipalComponentAnalysis().maxComponents(5)
        .fit(RowSource.of(wide), null).solver());
    // a variance fraction and no cap: the whole spectrum may be needed, full SVD
    assertEquals(PcaSolver.FULL_SVD, new PrincipalComponentAnalysis().varianceCovered(0.9)
        .fit(RowSource.of(wide), null).solver());
    // every component by count (fraction 1): 100 is not below 80% of 100
    assertEquals(PcaSolver.FULL_SVD, new PrincipalComponentAnalysis().varianceCovered(1.0)
        .fit(RowSource.of(wide), null).solver());
    // 79 components: randomized
    assertEquals(PcaSolver.RANDOMIZED, new PrincipalComponentAnalysis().varianceCovered(1.0)
        .maxComponents(79).fit(RowSource.of(wide), null).solver());
    assertEquals(PcaSolver.FULL_SVD, new PrincipalComponentAnalysis().varianceCovered(0.9)
        .maxComponents(80).fit(RowSource.of(wide), null).solver());
  }

  @Test
  void approximateMeanHintGivesTheSameModel() {
    double[][] x = correlated(60, 4, 8);
    PcaModel plain = new PrincipalComponentAnalysis().solver(PcaSolver.COVARIANCE)
        .varianceCovered(1.0).fit(RowSource.of(x), null);
    PcaModel hinted = new PrincipalComponentAnalysis().solver(PcaSolver.COVARIANCE)
        .varianceCovered(1.0).fit(RowSource.of(x), null, new double[] {100, -50, 3, 0});
    for (int i = 0; i < 4; i++) {
      assertEquals(plain.eigenvalues()[i], hinted.eigenvalues()[i], 1e-9 * plain.eigenvalues()[0]);
      assertEquals(plain.mean()[i], hinted.mean()[i], 1e-12 * Math.abs(plain.mean()[i]) + 1e-12);
    }
  }

  @Test
  void aFractionReachedExactlyKeepsThatComponent() {
    // "at least the fraction": with the fraction set to exactly lambda_1 / trace, one component
    double[][] x = correlated(60, 4, 8);
    for (PcaSolver solver : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.FULL_SVD}) {
      PcaModel all = new PrincipalComponentAnalysis().solver(solver).varianceCovered(1.0)
          .fit(RowSource.of(x), null);
      double first = all.eigenvalues()[0] / all.totalVariance();
      double two = (all.eigenvalues()[0] + all.eigenvalues()[1]) / all.totalVariance();
      assertEquals(1, new PrincipalComponentAnalysis().solver(solver).varianceCovered(first)
          .fit(RowSource.of(x), null).numComponents(), solver.toString());
      assertEquals(2, new PrincipalComponentAnalysis().solver(solver).varianceCovered(two)
          .fit(RowSource.of(x), null).numComponents(), solver.toString());
      assertEquals(2, new PrincipalComponentAnalysis().solver(solver)
          .varianceCovered(Math.nextUp(first)).fit(RowSource.of(x), null).numComponents());
    }
  }
}
