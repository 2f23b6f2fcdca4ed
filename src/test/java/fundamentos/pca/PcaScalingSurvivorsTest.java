package fundamentos.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.linalg.NativeMatrix;
import fundamentos.linalg.RowSource;
import fundamentos.progress.Cancelled;
import fundamentos.testing.ScaledData;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Behaviour issue 19's changes to DataMatrix and PcaModel left unobserved (PIT survivors, see
 * doc/mutants/pca.md): the power-of-two exponents of hand-made columns, the scales reported in
 * input units, a mean hint for extreme data, the shift of the one-pass covariance when the first
 * block of rows is far off or carries no weight (a matrix of 1024 columns, whose blocks hold 1024
 * rows, so that 1030 rows make two blocks), and the stop check of every pass.
 */
class PcaScalingSurvivorsTest {

  private static final double P300 = 0x1p300;

  // ---- exponents, by hand

  @Test
  void covariancePcaScalesEveryColumnByTheLargestHalfRange() {
    // column 0 spans [0, 2^300]: half range 2^299, exponent 300; column 1 spans [1, 2]
    DataMatrix a = new DataMatrix(RowSource.of(new double[][] {{0, 1}, {P300, 2}}), null, false);
    assertArrayEquals(new int[] {300, 300}, a.columnExponents());
    assertEquals(600, a.varianceExponent());
    // a column of negative values only: [-2^301, -2^300], half range 2^299
    DataMatrix negative = new DataMatrix(RowSource.of(new double[][] {{-P300}, {-2 * P300}}),
        null, false);
    assertArrayEquals(new int[] {300}, negative.columnExponents());
  }

  @Test
  void correlationPcaScalesEachColumnByItsOwnAndKeepsUnitVariances() {
    DataMatrix a = new DataMatrix(RowSource.of(new double[][] {{0, 1}, {P300, 2}}), null, true);
    assertArrayEquals(new int[] {300, 0}, a.columnExponents());
    assertEquals(0, a.varianceExponent());
    // a constant column keeps exponent 0 (its half range is 0)
    DataMatrix constant = new DataMatrix(RowSource.of(new double[][] {{5, 0}, {5, P300}}), null,
        true);
    assertArrayEquals(new int[] {0, 300}, constant.columnExponents());
    // the limits: half range 2^-200 is ordinary, 2^200 is not
    DataMatrix limits = new DataMatrix(
        RowSource.of(new double[][] {{0, 0}, {0x1p-199, 0x1p201}}), null, true);
    assertArrayEquals(new int[] {0, 201}, limits.columnExponents());
  }

  @Test
  void aMatrixWithoutColumnsHasNoScaling() {
    DataMatrix a = new DataMatrix(RowSource.of(new double[][] {{}, {}}), null, false);
    assertEquals(0, a.varianceExponent());
    assertEquals(0, a.columnExponents().length);
  }

  // ---- scales and a hint in input units

  @Test
  void covariancePcaOfExtremeDataReportsUnitScales() {
    double[][] y = ScaledData.times(PcaEdgeCasesTest.correlated(50, 3, 5), 0x1p400);
    DataMatrix a = new DataMatrix(RowSource.of(y), null, false);
    assertArrayEquals(new double[] {1, 1, 1}, a.scale(), 0);
    PcaModel model = new PrincipalComponentAnalysis().standardise(false)
        .solver(PcaSolver.COVARIANCE).fit(RowSource.of(y), null);
    assertArrayEquals(new double[] {1, 1, 1}, model.scale(), 0);
  }

  @Test
  void aMeanHintForExtremeDataIsReadInInputUnits() {
    double[][] x = PcaEdgeCasesTest.correlated(50, 3, 6);
    double[] mean = new DataMatrix(RowSource.of(x), null, false).mean();
    double[][] y = ScaledData.times(x, 0x1p400);
    double[] hint = new double[3];
    for (int j = 0; j < 3; j++) {
      hint[j] = Math.scalb(mean[j], 400);
    }
    double[] got = new DataMatrix(RowSource.of(y), null, false, hint).mean();
    for (int j = 0; j < 3; j++) {
      assertEquals(1, got[j] / hint[j], 1e-12, "column " + j);
    }
  }

  // ---- the shift of the one-pass covariance, on two blocks of rows

  private static final int WIDE = 1024;

  /** Six rows near (0, 0) of spread ~1 (columns 0 and 1; the other columns are 0). */
  private static final double[][] NEAR = {
      {1, 0.5}, {-1, 0.25}, {0.5, -1}, {-0.5, 0.25}, {2, 1}, {-2, -1}};

  /**
   * 1024 rows at (1e8, -1e8) (the whole first block) then the six NEAR rows moved by offset; the
   * first block's rows get firstWeight, the others 1.
   */
  private static double[][] twoBlocks(double offset) {
    double[][] x = new double[WIDE + NEAR.length][WIDE];
    for (int i = 0; i < WIDE; i++) {
      x[i][0] = 1e8;
      x[i][1] = -1e8;
    }
    for (int i = 0; i < NEAR.length; i++) {
      x[WIDE + i][0] = NEAR[i][0] + offset;
      x[WIDE + i][1] = NEAR[i][1] + offset;
    }
    return x;
  }

  private static double[] weights(double firstWeight) {
    double[] w = new double[WIDE + NEAR.length];
    java.util.Arrays.fill(w, 0, WIDE, firstWeight);
    java.util.Arrays.fill(w, WIDE, w.length, 1);
    return w;
  }

  /** The covariance of the NEAR rows by the two-pass formula (the far rows weigh nothing). */
  private static double[][] nearCovariance() {
    double[] mean = new double[2];
    for (double[] row : NEAR) {
      for (int j = 0; j < 2; j++) {
        mean[j] += row[j] / NEAR.length;
      }
    }
    double[][] c = new double[2][2];
    for (double[] row : NEAR) {
      for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 2; k++) {
          c[j][k] += (row[j] - mean[j]) * (row[k] - mean[k]) / (NEAR.length - 1);
        }
      }
    }
    return c;
  }

  private static void assertNearCovariance(double[] upper) {
    double[][] c = nearCovariance();
    assertEquals(c[0][0], upper[0], 1e-6);
    assertEquals(c[0][1], upper[1], 1e-6);
    assertEquals(c[1][1], upper[WIDE + 1], 1e-6);
  }

  @Test
  void aHintIsTheShiftWhenTheFirstBlockIsFarOff() {
    // the far rows weigh 1e-30 each (about 2e-12 of the covariance): the first block's weighted
    // mean is (1e8, -1e8), a shift that cancels 1e16-sized terms; the hint (0, ...) does not
    DataMatrix a = new DataMatrix(RowSource.of(twoBlocks(0)), weights(1e-30), false,
        new double[WIDE]);
    assertNearCovariance(a.gramUpper());
  }

  @Test
  void theShiftIsTheFirstBlocksWeightedMeanNotItsFirstWeightedRow() {
    // one block: a far first row with a tiny positive weight (it adds about 4e-15 to the
    // covariance), then the NEAR rows; the weighted mean is near them, the first row with a
    // positive weight is 1e8 away and would cancel 1e16-sized terms
    double[][] x = new double[NEAR.length + 1][];
    x[0] = new double[] {1e8, -1e8};
    System.arraycopy(NEAR, 0, x, 1, NEAR.length);
    double[] w = new double[x.length];
    java.util.Arrays.fill(w, 1);
    w[0] = 1e-30;
    double[] upper = new DataMatrix(RowSource.of(x), w, false).gramUpper();
    double[][] c = nearCovariance();
    assertEquals(c[0][0], upper[0], 1e-6);
    assertEquals(c[0][1], upper[1], 1e-6);
    assertEquals(c[1][1], upper[3], 1e-6);
  }

  @Test
  void aFirstBlockWithoutWeightShiftsByTheFirstWeightedRow() {
    // the rows that count sit near (1e6, 1e6): a shift of 0 would cancel 1e12-sized terms (errors
    // near 1e-4), the first row would cancel 1e16-sized ones; the first weighted row is exact
    DataMatrix a = new DataMatrix(RowSource.of(twoBlocks(1e6)), weights(0), false);
    assertNearCovariance(a.gramUpper());
  }

  @Test
  void knownStatisticsAreUsedAfterTheMeanWhenTheShiftIsFarOff() {
    DataMatrix a = new DataMatrix(RowSource.of(twoBlocks(0)), weights(1e-30), false);
    double[] mean = a.mean();
    assertEquals(0.0, mean[0], 1e-6);
    assertEquals(0.0, mean[1], 1e-6);
    assertNearCovariance(a.gramUpper());
  }

  @Test
  void extremeDataInSeveralBlocksIsScaledBlockByBlock() {
    double[][] x = twoBlocks(3);
    double[] expected = new DataMatrix(RowSource.of(x), weights(0), false).mean();
    double[] got = new DataMatrix(RowSource.of(ScaledData.times(x, 0x1p400)), weights(0), false).mean();
    for (int j = 0; j < 2; j++) {
      assertEquals(Math.scalb(expected[j], 400), got[j], Math.scalb(1e-12, 400), "column " + j);
    }
  }

  // ---- the stop check of every pass

  private static void interruptedThen(Runnable call) {
    Thread.currentThread().interrupt();
    try {
      assertThrows(Cancelled.class, call::run);
    } finally {
      Thread.interrupted();
    }
  }

  private static RowSource data() {
    return RowSource.of(PcaEdgeCasesTest.correlated(40, 3, 7));
  }

  @Test
  void everyPassStopsOnAnInterrupt() {
    // the mean pass
    interruptedThen(() -> new DataMatrix(data(), null, false).mean());
    // the one-pass covariance
    interruptedThen(() -> new DataMatrix(data(), null, false).gramUpper());
    // the covariance about known statistics, the variances, the copy
    DataMatrix known = new DataMatrix(data(), null, false);
    known.mean();
    interruptedThen(known::gramUpper);
    interruptedThen(known::columnVariance);
    interruptedThen(() -> known.materialise().close());
  }

  @Test
  void theDeviationPassOfCorrelationPcaStopsOnAnInterrupt() {
    // the constructor reads the rows twice (exponents, first block's mean), the mean pass once:
    // the interrupt arrives after that, before the pass for the deviations
    RowSource rows = data();
    AtomicInteger reads = new AtomicInteger();
    RowSource interrupting = new RowSource() {
      @Override
      public int rows() {
        return rows.rows();
      }

      @Override
      public int columns() {
        return rows.columns();
      }

      @Override
      public void copyRows(int from, int to, double[] target) {
        rows.copyRows(from, to, target);
        if (reads.incrementAndGet() == 3) {
          Thread.currentThread().interrupt();
        }
      }
    };
    DataMatrix a = new DataMatrix(interrupting, null, true);
    try {
      assertThrows(Cancelled.class, a::mean);
      assertEquals(3, reads.get(), "the deviation pass read rows after the interrupt");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void anInterruptedCopyFreesItsNativeMatrix() {
    DataMatrix a = new DataMatrix(RowSource.of(twoBlocks(0)), weights(1), false);
    a.mean();
    long before = Pointer.totalBytes();
    Thread.currentThread().interrupt();
    try {
      assertThrows(Cancelled.class, () -> {
        try (NativeMatrix all = a.materialise()) {
          assertTrue(all != null);
        }
      });
    } finally {
      Thread.interrupted();
    }
    long after = Pointer.totalBytes();
    // the copy would hold 1030 x 1024 doubles (8 MB)
    assertTrue(after - before < 4L << 20, "left allocated: " + (after - before) + " bytes");
  }
}
