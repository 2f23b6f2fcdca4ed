package fundamentos.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.linalg.RowSource;
import fundamentos.testing.ScaledData;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PCA of data of magnitude 1e-300, 1 and 1e300: the same axes, variance ratios and (up to the
 * factor) scores, never a dropped column or a zero component; all-missing (encoded as a constant)
 * and constant columns; the one-pass covariance's shift when the first row has weight 0.
 */
class PcaMagnitudeTest {

  private static PrincipalComponentAnalysis pca(boolean standardise, PcaSolver solver) {
    return new PrincipalComponentAnalysis().standardise(standardise).varianceCovered(1)
        .solver(solver);
  }

  @Test
  void extremeMagnitudesGiveTheAxesRatiosAndScoresOfTheDataNearOne() {
    double[][] x = PcaEdgeCasesTest.correlated(200, 5, 3);
    for (PcaSolver solver : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.FULL_SVD,
        PcaSolver.RANDOMIZED}) {
      for (boolean standardise : new boolean[] {false, true}) {
        PcaModel one = pca(standardise, solver).fit(RowSource.of(x), null);
        double[][] scoresOne = one.transform(RowSource.of(x), PcaModel.Output.SCORES, false, 0);
        for (double factor : new double[] {1e-300, 1e300, 0x1p-1000, 0x1p1000}) {
          String what = solver + " standardise " + standardise + " factor " + factor;
          double[][] y = ScaledData.times(x, factor);
          PcaModel other = pca(standardise, solver).fit(RowSource.of(y), null);
          assertEquals(one.numComponents(), other.numComponents(), what);
          assertEquals(5, other.numComponents(), what + ": no column dropped");
          for (int i = 0; i < one.numComponents(); i++) {
            assertEquals(one.explainedVarianceRatio(i), other.explainedVarianceRatio(i), 1e-12,
                what);
            assertArrayEquals(one.axis(i), other.axis(i), 1e-9, what + " axis " + i);
          }
          double[][] scores = other.transform(RowSource.of(y), PcaModel.Output.SCORES, false, 0);
          double unit = standardise ? 1 : factor;
          for (int r = 0; r < scores.length; r++) {
            for (int i = 0; i < scores[r].length; i++) {
              assertEquals(scoresOne[r][i], scores[r][i] / unit, 1e-9, what + " row " + r);
            }
          }
          double[][] rebuilt = other.transform(RowSource.of(y), PcaModel.Output.RECONSTRUCTION,
              false, 0);
          for (int r = 0; r < rebuilt.length; r++) {
            for (int j = 0; j < 5; j++) {
              assertEquals(x[r][j], rebuilt[r][j] / factor, 1e-9, what + " rebuilt " + r);
            }
          }
          double[] mean = other.mean();
          double[] meanOne = one.mean();
          for (int j = 0; j < 5; j++) {
            assertEquals(meanOne[j], mean[j] / factor, 1e-12 * Math.abs(meanOne[j]), what);
          }
        }
      }
    }
  }

  @Test
  void powerOfTwoFactorsScaleEveryOutputExactly() {
    double[][] x = PcaEdgeCasesTest.correlated(100, 4, 8);
    // 0x1p-600 * x, 0x1p-900 * x and 0x1p1000 * x are all computed as the same data (x divided
    // by the power of two that brings its range into [1, 2)): exactly the same numbers
    double[][] near = ScaledData.times(x, 0x1p-600);
    PcaModel reference = pca(false, PcaSolver.COVARIANCE).fit(RowSource.of(near), null);
    double[][] expected = reference.transform(RowSource.of(near), PcaModel.Output.SCORES, true, 0);
    // (not below 2^-900: scores of the rounding-level last component would become subnormal)
    for (double factor : new double[] {0x1p-900, 0x1p-600, 0x1p1000}) {
      double[][] y = ScaledData.times(x, factor);
      PcaModel model = pca(false, PcaSolver.COVARIANCE).fit(RowSource.of(y), null);
      double[][] scores = model.transform(RowSource.of(y), PcaModel.Output.SCORES, true, 0);
      for (int r = 0; r < scores.length; r++) {
        for (int i = 0; i < model.numComponents(); i++) {
          assertEquals(expected[r][i], Math.scalb(scores[r][i], -600 - Math.getExponent(factor)),
              0.0);
        }
      }
      // the eigenvalues in squared input units: near 2^2000 and 2^-2000 they are beyond double
      // range, and say so (infinite, 0) instead of being wrong
      if (factor != 0x1p-600) {
        assertEquals(factor > 1 ? Double.POSITIVE_INFINITY : 0.0, model.eigenvalues()[0]);
      }
      assertEquals(reference.explainedVarianceRatio(0), model.explainedVarianceRatio(0), 0.0);
    }
    // whitened scores have no units: the same for every factor
    PcaModel whitened = pca(false, PcaSolver.COVARIANCE).whiten(true).fit(RowSource.of(near), null);
    double[][] white = whitened.transform(RowSource.of(near), PcaModel.Output.SCORES, false, 0);
    double[][] y = ScaledData.times(x, 1e300);
    PcaModel big = pca(false, PcaSolver.COVARIANCE).whiten(true).fit(RowSource.of(y), null);
    double[][] bigWhite = big.transform(RowSource.of(y), PcaModel.Output.SCORES, false, 0);
    for (int r = 0; r < white.length; r++) {
      assertArrayEquals(white[r], bigWhite[r], 1e-9);
    }
  }

  @Test
  void constantColumnsGetZeroLoadingsAndDoNotChangeTheRest() {
    double[][] x = PcaEdgeCasesTest.correlated(150, 3, 5);
    double[][] withConstant = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      // an all-missing column reaches the engine as its replacement, a constant (0): the same case
      withConstant[i] = new double[] {x[i][0], 1e300, x[i][1], 0.0, x[i][2]};
    }
    for (boolean standardise : new boolean[] {false, true}) {
      PcaModel plain = pca(standardise, PcaSolver.COVARIANCE).fit(RowSource.of(x), null);
      PcaModel model = pca(standardise, PcaSolver.COVARIANCE).fit(RowSource.of(withConstant),
          null);
      assertEquals(3, model.numComponents(), "constant columns add no component");
      for (int i = 0; i < 3; i++) {
        double[] axis = model.axis(i);
        assertEquals(0.0, axis[1], 1e-15);
        assertEquals(0.0, axis[3], 1e-15);
        assertArrayEquals(plain.axis(i), new double[] {axis[0], axis[2], axis[4]}, 1e-9);
        assertEquals(plain.explainedVarianceRatio(i), model.explainedVarianceRatio(i), 1e-12);
      }
      double[][] rebuilt = model.transform(RowSource.of(withConstant),
          PcaModel.Output.RECONSTRUCTION, false, 0);
      assertEquals(1e300, rebuilt[7][1], 1e288);
      assertEquals(0.0, rebuilt[7][3], 1e-12);
    }
  }

  /**
   * Without a mean hint the one-pass covariance is shifted by an estimate of the mean: a first row
   * far from the data with weight 0 must not make C = G - t t^T / (W (W - 1)) cancel.
   */
  @Test
  void aFarFirstRowWithWeightZeroDoesNotSpoilTheCovariance() {
    Random random = new Random(4);
    int n = 1000;
    double[][] x = new double[n][2];
    double[] w = new double[n];
    for (int i = 1; i < n; i++) {
      x[i][0] = 1e8 + random.nextGaussian();
      x[i][1] = 1e8 + 0.5 * x[i][0] - 0.5e8 + 0.1 * random.nextGaussian();
      w[i] = 1;
    }
    x[0] = new double[] {-1e9, 1e9};
    w[0] = 0;
    double[][] rest = java.util.Arrays.copyOfRange(x, 1, n);
    double[] exact = new DataMatrix(RowSource.of(rest), null, false, null).gramUpper();
    double[] hinted = new DataMatrix(RowSource.of(x), w, false, new double[] {1e8, 1e8})
        .gramUpper();
    double[] unhinted = new DataMatrix(RowSource.of(x), w, false).gramUpper();
    for (int k : new int[] {0, 1, 3}) {
      assertEquals(hinted[k], unhinted[k], 1e-9 * Math.abs(hinted[k]), "entry " + k);
      assertEquals(exact[k], unhinted[k], 1e-9 * Math.abs(exact[k]), "entry " + k);
    }
    // every row weighted 0 in the first block but one far later still gives a shift
    double[] sparse = new double[n];
    sparse[n - 1] = 1;
    sparse[n - 2] = 1;
    double[] c = new DataMatrix(RowSource.of(x), sparse, false).gramUpper();
    double dx = x[n - 1][0] - x[n - 2][0];
    assertEquals(dx * dx / 2, c[0], 1e-6 * dx * dx);
  }
}
