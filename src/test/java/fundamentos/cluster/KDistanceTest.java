package fundamentos.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The k-distance curve and its knee (Ester et al. 1996, Section 4.2) on curves whose knee is known. */
class KDistanceTest {

  /**
   * A steep part falling from 1 to 0.2 over 10 points, then a gentle one to 0 at point 100. With
   * both axes in [0, 1], the gap below the chord is 0.07 i up to i = 10 and falls after it: the
   * knee is point 10.
   */
  private static double[] elbowAt10() {
    double[] d = new double[101];
    for (int i = 0; i <= 100; i++) {
      d[i] = i <= 10 ? 1 - 0.08 * i : 0.2 - 0.2 * (i - 10) / 90.0;
    }
    return d;
  }

  @Test
  void theKneeOfAConstructedCurve() {
    assertEquals(10, KDistance.knee(elbowAt10()));
    // shifted and scaled curves have the same knee (both axes are scaled to [0, 1])
    double[] shifted = elbowAt10();
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] = 3 + 5 * shifted[i];
    }
    assertEquals(10, KDistance.knee(shifted));
  }

  @Test
  void aKneeRightAfterTheFirstPoint() {
    // one outlier at 1, then a straight gentle fall from 0.1 to 0 over points 1..20: gap 0.85 at
    // point 1, 0.805 at point 2, less after
    double[] d = new double[21];
    d[0] = 1;
    for (int i = 1; i <= 20; i++) {
      d[i] = 0.1 * (20 - i) / 19.0;
    }
    assertEquals(1, KDistance.knee(d));
  }

  /** A curve above its chord (flat, then falling) has no point below it: the first point is returned. */
  @Test
  void aConcaveCurveHasItsKneeAtTheStart() {
    double[] d = new double[51];
    for (int i = 0; i <= 50; i++) {
      d[i] = i <= 40 ? 1 - 0.001 * i : 0.96 * (50 - i) / 10.0;
    }
    assertEquals(0, KDistance.knee(d));
  }

  @Test
  void curvesWithoutAKnee() {
    assertEquals(0, KDistance.knee(new double[] {}));
    assertEquals(0, KDistance.knee(new double[] {2, 1}));
    assertEquals(0, KDistance.knee(new double[] {0.5, 0.5, 0.5, 0.5}));
  }

  @Test
  void sortedDecreasingLeavesItsInputAlone() {
    double[] k = {0.3, 1.5, -0.0, 0.7, 0.3};
    assertArrayEquals(new double[] {1.5, 0.7, 0.3, 0.3, -0.0}, KDistance.sortedDecreasing(k), 0.0);
    assertArrayEquals(new double[] {0.3, 1.5, -0.0, 0.7, 0.3}, k, 0.0);
    assertArrayEquals(new double[] {4, 3, 2, 1}, KDistance.sortedDecreasing(new double[] {1, 2, 3, 4}), 0.0);
    assertArrayEquals(new double[] {}, KDistance.sortedDecreasing(new double[] {}), 0.0);
  }


  /** Three points are enough for a knee: (0, 1), (0.5, 0.1), (1, 0) has gap 0.4 at the middle. */
  @Test
  void threePointsHaveAKnee() {
    assertEquals(1, KDistance.knee(new double[] {10, 1, 0}));
    assertEquals(1, KDistance.knee(new double[] {12, 3, 2}));
  }

  /**
   * The y axis is scaled by the curve's own range, first - last: a curve falling at slope -1.5
   * (in scaled units) up to x = 0.4, then at -2/3, has its knee at point 4 of 11 whatever its
   * offset (here 3) and its range (here 5); scaled by any other range the slopes would change.
   */
  @Test
  void theKneeUsesTheRangeOfTheCurve() {
    double[] d = new double[11];
    for (int i = 0; i <= 10; i++) {
      double x = i / 10.0;
      double y = x <= 0.4 ? 1 - 1.5 * x : 0.4 - (0.4 / 0.6) * (x - 0.4);
      d[i] = 3 + 5 * y;
    }
    assertEquals(4, KDistance.knee(d));
  }
}
