package fundamentos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The agreement metrics on the course's worked example and on limiting cases. */
class ClusterAgreementTest {

  /**
   * The course's 17 points in three clusters of 6, 6 and 5 against three classes (x, o, diamond):
   * cluster 1 = 5 x + 1 o, cluster 2 = 1 x + 4 o + 1 diamond, cluster 3 = 2 x + 3 diamonds.
   */
  private static final double[][] COURSE = {{5, 1, 0}, {1, 4, 1}, {2, 0, 3}};

  @Test
  void courseWorkedExample() {
    ClusterAgreement agreement = new ClusterAgreement(COURSE);
    assertEquals(20, agreement.truePositives());
    assertEquals(20, agreement.falsePositives());
    assertEquals(24, agreement.falseNegatives());
    assertEquals(72, agreement.trueNegatives());
    assertEquals(92.0 / 136.0, agreement.randIndex(), 1e-15);
    // scikit-learn 1.2.1 on the same labels: adjusted_rand_score, normalized_mutual_info_score
    assertEquals(0.242914979757085, agreement.adjustedRandIndex(), 1e-12);
    assertEquals(0.36456177185718996, agreement.normalizedMutualInformation(), 1e-12);
  }

  @Test
  void labelsGiveTheSameTableAsCounts() {
    int[] clusters = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
    int[] classes = {0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 2, 0, 0, 2, 2, 2};
    assertEquals(92.0 / 136.0, ClusterAgreement.of(clusters, classes).randIndex(), 1e-15);
  }

  @Test
  void identicalPartitionsUpToRenamingAgreeFully() {
    int[] a = {0, 0, 1, 1, 2, 2, 2};
    int[] b = {2, 2, 0, 0, 1, 1, 1};
    ClusterAgreement agreement = ClusterAgreement.of(a, b);
    assertEquals(1.0, agreement.randIndex());
    assertEquals(1.0, agreement.adjustedRandIndex(), 1e-15);
    assertEquals(1.0, agreement.normalizedMutualInformation(), 1e-15);
  }

  @Test
  void independentLabelsHaveAdjustedRandNearZero() {
    java.util.Random random = new java.util.Random(1);
    int[] a = new int[20000];
    int[] b = new int[20000];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextInt(5);
      b[i] = random.nextInt(4);
    }
    ClusterAgreement agreement = ClusterAgreement.of(a, b);
    assertEquals(0.0, agreement.adjustedRandIndex(), 2e-3);
    assertEquals(0.0, agreement.normalizedMutualInformation(), 2e-3);
  }


  /**
   * Tables without pairs or without spread, where the formulas divide 0 by 0; the values are
   * scikit-learn 1.2.1's (rand_score, adjusted_rand_score and normalized_mutual_info_score give 1.0
   * for one point, and for one cluster that is also one class).
   */
  @Test
  void degenerateTablesAgreeFully() {
    for (double[][] table : new double[][][] {{}, {{1}}, {{4}}, {{0, 3}}}) {
      ClusterAgreement agreement = new ClusterAgreement(table);
      String what = java.util.Arrays.deepToString(table);
      assertEquals(1.0, agreement.randIndex(), what);
      assertEquals(1.0, agreement.adjustedRandIndex(), what);
      assertEquals(1.0, agreement.normalizedMutualInformation(), what);
    }
    ClusterAgreement none = new ClusterAgreement(new double[0][0]);
    assertEquals(0, none.truePositives(), 1e-15);
    assertEquals(0, none.trueNegatives(), 1e-15);
  }

  /** An empty cluster (a row of zeros, as a skipped label number gives) counts for nothing. */
  @Test
  void emptyRowsAndColumnsAreIgnored() {
    // labels [0, 0, 2, 2] against [0, 0, 1, 1]: the same partition
    ClusterAgreement same = ClusterAgreement.of(new int[] {0, 0, 2, 2}, new int[] {0, 0, 1, 1});
    assertEquals(1.0, same.normalizedMutualInformation(), 1e-15);
    assertEquals(1.0, same.adjustedRandIndex(), 1e-15);
    ClusterAgreement gaps = new ClusterAgreement(new double[][] {{2, 0, 0}, {0, 0, 0}, {0, 0, 2}});
    assertEquals(1.0, gaps.normalizedMutualInformation(), 1e-15);
    assertEquals(1.0, gaps.randIndex(), 1e-15);
  }

  /**
   * Two clusters crossing two classes evenly: H(C) = H(K) = ln 2 and I = 0, so NMI = 0; pairs: TP
   * 0, FP 2, FN 2, TN 2, Rand 2/6, adjusted Rand (0 - 1/3) / (1 - 1/3) = -1/2 (scikit-learn agrees).
   */
  @Test
  void independentTwoByTwo() {
    ClusterAgreement agreement = new ClusterAgreement(new double[][] {{1, 1}, {1, 1}});
    assertEquals(0.0, agreement.normalizedMutualInformation(), 1e-15);
    assertEquals(0, agreement.truePositives());
    assertEquals(2, agreement.falsePositives());
    assertEquals(2, agreement.falseNegatives());
    assertEquals(2, agreement.trueNegatives());
    assertEquals(2.0 / 6.0, agreement.randIndex(), 1e-15);
    assertEquals(-0.5, agreement.adjustedRandIndex(), 1e-15);
  }
}
