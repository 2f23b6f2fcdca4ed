package fundamentos.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.linalg.RowSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Chan et al.'s pairwise merge against the textbook two-pass covariance (mean first, then the
 * centred products), on any split of the rows, and a PCA fitted from merged parts against one
 * fitted from the rows.
 */
class CovarianceAccumulatorTest {

  /** n rows of d correlated columns around {@code offset}. */
  private static double[][] data(int n, int d, double offset, long seed) {
    Random random = new Random(seed);
    double[][] mixing = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        mixing[i][j] = random.nextGaussian() / (1 + j);
      }
    }
    double[][] x = new double[n][d];
    for (int r = 0; r < n; r++) {
      double[] z = new double[d];
      for (int j = 0; j < d; j++) {
        z[j] = random.nextGaussian();
      }
      for (int i = 0; i < d; i++) {
        double v = offset + i;
        for (int j = 0; j < d; j++) {
          v += mixing[i][j] * z[j];
        }
        x[r][i] = v;
      }
    }
    return x;
  }

  /** Two passes: the mean, then sum (x - m)(x - m)^T / (n - 1), upper triangle. */
  private static double[] twoPass(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] c = new double[d * d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        for (int k = j; k < d; k++) {
          c[j * d + k] += (row[j] - mean[j]) * (row[k] - mean[k]);
        }
      }
    }
    for (int i = 0; i < c.length; i++) {
      c[i] /= n - 1;
    }
    return c;
  }

  private static double largest(double[] values) {
    double m = 0;
    for (double v : values) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static void assertClose(double[] expected, double[] actual, double relative) {
    double tolerance = relative * largest(expected);
    assertArrayEquals(expected, actual, tolerance);
  }

  @Test
  void oneAccumulatorEqualsTheTwoPassCovariance() {
    double[][] x = data(10_000, 6, 0, 1); // 10000 rows: several blocks of the accumulator
    CovarianceAccumulator all = new CovarianceAccumulator(6);
    for (double[] row : x) {
      all.add(row);
    }
    assertEquals(10_000, all.rows());
    assertEquals(10_000, all.weight(), 0);
    assertClose(twoPass(x), all.covarianceUpper(), 1e-13);
  }

  @Test
  void anySplitMergedInAnyOrderGivesTheSameCovariance() {
    double[][] x = data(3_001, 5, 0, 2);
    double[] expected = twoPass(x);
    // uneven parts, one of them empty, merged as a tree and as a chain in reverse
    int[] cuts = {0, 1, 17, 17, 1_000, 2_999, 3_001};
    CovarianceAccumulator[] parts = new CovarianceAccumulator[cuts.length - 1];
    for (int p = 0; p < parts.length; p++) {
      parts[p] = new CovarianceAccumulator(5);
      for (int r = cuts[p]; r < cuts[p + 1]; r++) {
        parts[p].add(x[r]);
      }
    }
    CovarianceAccumulator chain = new CovarianceAccumulator(5);
    for (int p = parts.length - 1; p >= 0; p--) {
      chain.merge(parts[p]);
    }
    CovarianceAccumulator tree = parts[0].merge(parts[1]).merge(parts[2].merge(parts[3]))
        .merge(parts[4].merge(parts[5]));
    assertClose(expected, chain.covarianceUpper(), 1e-13);
    assertClose(expected, tree.covarianceUpper(), 1e-13);
    assertEquals(3_001, tree.rows());
  }

  @Test
  void dataFarFromTheOriginLosesNothingToCancellation() {
    // values near 1e9 with unit spread: the textbook one-pass formula (sum of squares minus n times
    // the squared mean) loses every digit here; the pairwise merge loses only what the means
    // themselves carry (their last bit at 1e9 is 1.2e-7), about 1e-9 of the variance
    double[][] x = data(5_000, 4, 1e9, 3);
    CovarianceAccumulator[] halves = {new CovarianceAccumulator(4), new CovarianceAccumulator(4)};
    for (int r = 0; r < x.length; r++) {
      halves[r % 2].add(x[r]);
    }
    double[] merged = halves[0].merge(halves[1]).covarianceUpper();
    double[] expected = twoPass(x);
    double sum = 0;
    double squares = 0;
    for (double[] row : x) {
      sum += row[0];
      squares += row[0] * row[0];
    }
    double textbook = (squares - sum * sum / x.length) / (x.length - 1);
    assertTrue(Math.abs(textbook - expected[0]) > 0.01 * expected[0],
        "the one-pass formula should fail here: " + textbook + " against " + expected[0]);
    for (int j = 0; j < 4; j++) { // each variance, not just the largest entry
      assertEquals(expected[j * 4 + j], merged[j * 4 + j], 1e-7 * expected[j * 4 + j]);
    }
    assertClose(expected, merged, 1e-7);
  }

  @Test
  void weightsCountAsRepeatedRows() {
    double[][] x = data(50, 3, 5, 4);
    CovarianceAccumulator weighted = new CovarianceAccumulator(3);
    CovarianceAccumulator repeated = new CovarianceAccumulator(3);
    for (int r = 0; r < x.length; r++) {
      weighted.add(x[r], r % 3);
      for (int c = 0; c < r % 3; c++) {
        repeated.add(x[r]);
      }
    }
    assertEquals(repeated.weight(), weighted.weight(), 0);
    assertClose(repeated.mean(), weighted.mean(), 1e-14);
    assertClose(repeated.covarianceUpper(), weighted.covarianceUpper(), 1e-13);
  }

  @Test
  void pendingRowsSurviveSerialization() throws Exception {
    double[][] x = data(100, 3, 0, 5);
    CovarianceAccumulator part = new CovarianceAccumulator(3);
    for (double[] row : x) {
      part.add(row);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(part);
    }
    CovarianceAccumulator copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (CovarianceAccumulator) in.readObject();
    }
    assertEquals(100, copy.rows());
    assertClose(twoPass(x), copy.covarianceUpper(), 1e-13);
    copy.add(x[0]); // a copy accepts more rows
    assertEquals(101, copy.rows());
  }

  @Test
  void refusesRowsOfAnotherWidthAndBadWeights() {
    CovarianceAccumulator a = new CovarianceAccumulator(3);
    assertThrows(IllegalArgumentException.class, () -> a.add(new double[2]));
    assertThrows(IllegalArgumentException.class, () -> a.add(new double[3], -1));
    assertThrows(IllegalArgumentException.class, () -> a.add(new double[3], Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> a.merge(new CovarianceAccumulator(4)));
  }

  @Test
  void pcaOfMergedPartsEqualsPcaOfTheRows() {
    double[][] x = data(2_000, 8, 3, 6);
    for (double[] row : x) {
      row[5] = 42; // a constant column: no spurious component from it
    }
    for (boolean standardise : new boolean[] {false, true}) {
      PrincipalComponentAnalysis pca = new PrincipalComponentAnalysis().standardise(standardise)
          .varianceCovered(0.99).solver(PcaSolver.COVARIANCE);
      PcaModel rows = pca.fit(RowSource.of(x), null);
      CovarianceAccumulator left = new CovarianceAccumulator(8);
      CovarianceAccumulator right = new CovarianceAccumulator(8);
      for (int r = 0; r < x.length; r++) {
        (r < 700 ? left : right).add(x[r]);
      }
      PcaModel merged = pca.fit(left.merge(right));
      assertEquals(rows.numComponents(), merged.numComponents());
      double[] expected = rows.eigenvalues();
      double[] actual = merged.eigenvalues();
      assertEquals(expected.length, actual.length);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 1e-11 * expected[0], "eigenvalue " + i);
      }
      for (int i = 0; i < rows.numComponents(); i++) {
        assertClose(rows.axis(i), merged.axis(i), 1e-9);
      }
      assertClose(rows.mean(), merged.mean(), 1e-14);
      assertClose(rows.scale(), merged.scale(), 1e-12);
      assertEquals(rows.totalVariance(), merged.totalVariance(), 1e-12 * rows.totalVariance());
      double[][] a = rows.transform(RowSource.of(x), PcaModel.Output.SCORES, true, 0);
      double[][] b = merged.transform(RowSource.of(x), PcaModel.Output.SCORES, true, 0);
      for (int r = 0; r < x.length; r += 97) {
        assertClose(a[r], b[r], 1e-9);
      }
    }
  }
}
