package fundamentos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.validation.metric.AdjustedRandIndex;
import smile.validation.metric.NormalizedMutualInformation;
import smile.validation.metric.RandIndex;

/**
 * The package's Rand index, adjusted Rand index and normalised mutual information against Smile's
 * (smile.validation.metric), an implementation written independently, on random labelings: several
 * sizes and numbers of groups, fixed seeds. ClusterAgreement's NMI divides by the arithmetic mean
 * of the entropies (scikit-learn's default), which is Smile's SUM method: 2 I / (H1 + H2).
 */
class ClusterAgreementSmileTest {

  private static int[] labels(SplittableRandom random, int n, int groups) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(groups);
    }
    return y;
  }

  @Test
  void randAdjustedRandAndNmiAgreeWithSmileOnRandomLabelings() {
    int[] sizes = {7, 30, 200, 1000}; // Smile's Rand index of 2 points is NaN
    int[] groupCounts = {2, 3, 5, 12};
    int cases = 0;
    for (int n : sizes) {
      for (int clusters : groupCounts) {
        for (int classes : groupCounts) {
          SplittableRandom random = new SplittableRandom(1000L * n + 10L * clusters + classes);
          int[] k = labels(random, n, clusters);
          int[] c = labels(random, n, classes);
          // a labeling that is partly the other, so that agreement is not only near 0
          for (int i = 0; i < n; i += 2) {
            k[i] = c[i] % clusters;
          }
          ClusterAgreement ours = ClusterAgreement.of(k, c);
          String where = "n = " + n + ", " + clusters + " clusters, " + classes + " classes";
          assertEquals(RandIndex.of(c, k), ours.randIndex(), 1e-12, where);
          assertEquals(AdjustedRandIndex.of(c, k), ours.adjustedRandIndex(), 1e-12, where);
          if (distinct(k) > 1 && distinct(c) > 1) {
            // Smile divides 0 by 0 where one labeling has a single group
            assertEquals(NormalizedMutualInformation.sum(c, k),
                ours.normalizedMutualInformation(), 1e-12, where);
          }
          cases++;
        }
      }
    }
    assertEquals(64, cases);
  }

  @Test
  void identicalAndUnrelatedLabelingsAtTheEnds() {
    int[] y = labels(new SplittableRandom(3), 500, 4);
    ClusterAgreement same = ClusterAgreement.of(y, y);
    assertEquals(RandIndex.of(y, y), same.randIndex(), 1e-12);
    assertEquals(1.0, same.adjustedRandIndex(), 1e-12);
    assertEquals(NormalizedMutualInformation.sum(y, y), same.normalizedMutualInformation(), 1e-12);
    assertEquals(1.0, same.normalizedMutualInformation(), 1e-12);
  }

  private static int distinct(int[] y) {
    return (int) java.util.Arrays.stream(y).distinct().count();
  }
}
