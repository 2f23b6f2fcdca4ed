package fundamentos.umap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fundamentos.neighbours.ExactKnn;
import fundamentos.neighbours.LpPoints;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The settings' ranges as umap-learn checks them (each bound itself is allowed or refused as there),
 * umap-learn's epoch defaults at their thresholds, and what a fitted model reports.
 */
class UmapSettingsTest {

  @Test
  void settingsRefuseValuesOutsideUmapLearnsRanges() {
    Umap u = new Umap();
    assertThrows(IllegalArgumentException.class, () -> u.neighbours(0));
    assertThrows(IllegalArgumentException.class, () -> u.components(0));
    assertThrows(IllegalArgumentException.class, () -> u.learningRate(0));
    assertThrows(IllegalArgumentException.class, () -> u.learningRate(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> u.negativeSampleRate(0));
    assertThrows(IllegalArgumentException.class, () -> u.repulsionStrength(-1e-9));
    assertThrows(IllegalArgumentException.class, () -> u.setOpMixRatio(-1e-9));
    assertThrows(IllegalArgumentException.class, () -> u.setOpMixRatio(1 + 1e-9));
    assertThrows(IllegalArgumentException.class, () -> u.localConnectivity(-1e-9));
    assertThrows(IllegalArgumentException.class, () -> u.targetWeight(-1e-9));
    assertThrows(IllegalArgumentException.class, () -> u.targetWeight(1 + 1e-9));
    // the bounds themselves are allowed, and every setter returns the same Umap for chaining
    assertSame(u, u.neighbours(1));
    assertSame(u, u.components(1));
    assertSame(u, u.learningRate(1e-9));
    assertSame(u, u.negativeSampleRate(1e-9));
    assertSame(u, u.repulsionStrength(0));
    assertSame(u, u.setOpMixRatio(0));
    assertSame(u, u.setOpMixRatio(1));
    assertSame(u, u.localConnectivity(0));
    assertSame(u, u.targetWeight(0));
    assertSame(u, u.targetWeight(1));
    assertSame(u, u.spread(2));
    assertSame(u, u.minDist(0.5));
    assertSame(u, u.initialisation(Initialisation.RANDOM));
    assertSame(u, u.epochs(3));
    assertSame(u, u.seed(3));
    assertSame(u, u.threads(0));
  }

  /** find_ab_params needs spread > 0 and 0 <= min_dist <= spread (both ends allowed). */
  @Test
  void curveRefusesMinDistOutsideZeroToSpread() {
    assertThrows(IllegalArgumentException.class, () -> MembershipCurve.fit(0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> MembershipCurve.fit(-1e-9, 1));
    assertThrows(IllegalArgumentException.class, () -> MembershipCurve.fit(1 + 1e-9, 1));
    // min_dist = spread: the target curve is 1 up to x = spread; min_dist = 0 is allowed too
    MembershipCurve atSpread = MembershipCurve.fit(1, 1);
    MembershipCurve atZero = MembershipCurve.fit(0, 1);
    // 1 / (1 + a d^(2b)) falls through 1/2 where a d^(2b) = 1; the wider plateau falls later
    double halfAtSpread = Math.pow(1 / atSpread.a(), 1 / (2 * atSpread.b()));
    double halfAtZero = Math.pow(1 / atZero.a(), 1 / (2 * atZero.b()));
    assertEquals(0.5, atSpread.membership(halfAtSpread), 1e-12);
    assertEquals(true, halfAtSpread > halfAtZero, halfAtSpread + " vs " + halfAtZero);
  }

  /** umap-learn: 500 epochs up to 10,000 points, 200 above; transform 100 / 30, or a third. */
  @Test
  void epochDefaultsSwitchAtTenThousandPoints() {
    assertEquals(500, Umap.defaultEpochs(10_000));
    assertEquals(200, Umap.defaultEpochs(10_001));
    assertEquals(100, Umap.defaultTransformEpochs(10_000, 0));
    assertEquals(30, Umap.defaultTransformEpochs(10_001, 0));
    assertEquals(100, Umap.defaultTransformEpochs(10_000, -1));
    assertEquals(3, Umap.defaultTransformEpochs(10, 9));
    assertEquals(3, Umap.defaultTransformEpochs(10, 11));
    // never fewer than one
    assertEquals(1, Umap.defaultTransformEpochs(10, 1));
    assertEquals(1, Umap.defaultTransformEpochs(10, 2));
  }

  @Test
  void fittedModelReportsItsSettings() {
    SplittableRandom random = new SplittableRandom(4);
    double[][] x = new double[30][3];
    for (double[] row : x) {
      for (int j = 0; j < 3; j++) {
        row[j] = random.nextGaussian();
      }
    }
    UmapModel model = new Umap().neighbours(6).components(3).epochs(9).seed(4)
        .fit(ExactKnn.ofPoints(LpPoints.of(x, 2), 6, 1), null, null);
    assertEquals(30, model.trainingSize());
    assertEquals(3, model.dimension());
    assertEquals(6, model.neighbours());
    assertEquals(3, model.transformEpochs());
    assertEquals(9, model.report().epochs());
    assertEquals(MembershipCurve.fit(0.1, 1).a(), model.curve().a(), 1e-12);
    assertEquals(3, model.embeddingOf(0).length);
  }
}
