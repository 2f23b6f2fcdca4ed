package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The L_p distances, their reduced (root-free) forms and the point-to-box bound, from the definitions. */
class MinkowskiMetricTest {

  private static final double[] ORDERS = {1, 2, 3, 1.5, Double.POSITIVE_INFINITY};

  /** sum |a_i - b_i|^p, or the largest difference for p = infinity. */
  private static double reducedByDefinition(double[] a, double[] b, double p) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double t = Math.abs(a[i] - b[i]);
      sum = Double.isInfinite(p) ? Math.max(sum, t) : sum + Math.pow(t, p);
    }
    return sum;
  }

  private static double rootOf(double reduced, double p) {
    return Double.isInfinite(p) ? reduced : Math.pow(reduced, 1 / p);
  }

  @Test
  void distancesFollowTheDefinition() {
    Random random = new Random(11);
    for (double p : ORDERS) {
      MinkowskiMetric metric = new MinkowskiMetric(p);
      assertEquals(p, metric.order());
      for (int trial = 0; trial < 200; trial++) {
        int d = 1 + random.nextInt(5);
        double[] a = new double[d];
        double[] b = new double[d];
        for (int j = 0; j < d; j++) {
          a[j] = random.nextGaussian() * 3;
          b[j] = random.nextGaussian() * 3;
        }
        double reduced = reducedByDefinition(a, b, p);
        double distance = rootOf(reduced, p);
        double[] flat = new double[d + 2];
        System.arraycopy(b, 0, flat, 2, d);
        assertEquals(reduced, metric.reduced(a, flat, 2), 1e-12 * reduced);
        assertEquals(distance, metric.distance(a, b), 1e-12 * distance);
        assertEquals(distance, metric.unreduce(metric.reduced(a, flat, 2)), 1e-12 * distance);
        assertEquals(reduced, metric.reduce(distance), 1e-11 * reduced);
        if (p == 2) {
          // the Euclidean distance is the root of the sum of squares, to the last bit
          double squares = 0;
          for (int j = 0; j < d; j++) {
            squares += (a[j] - b[j]) * (a[j] - b[j]);
          }
          assertEquals(Math.sqrt(squares), metric.distance(a, b), 0.0);
          assertEquals(squares, metric.reduced(a, flat, 2), 0.0);
        }
      }
    }
  }

  @Test
  void handDistances() {
    double[] a = {0, 0};
    double[] b = {3, 4};
    assertEquals(7, new MinkowskiMetric(1).distance(a, b), 0.0);
    assertEquals(5, new MinkowskiMetric(2).distance(a, b), 0.0);
    assertEquals(4, new MinkowskiMetric(Double.POSITIVE_INFINITY).distance(a, b), 0.0);
    assertEquals(Math.cbrt(91), new MinkowskiMetric(3).distance(a, b), 1e-14);
    assertEquals(25, new MinkowskiMetric(2).reduce(5), 0.0);
    assertEquals(5, new MinkowskiMetric(1).reduce(5), 0.0);
    assertEquals(5, new MinkowskiMetric(Double.POSITIVE_INFINITY).reduce(5), 0.0);
    assertEquals(125, new MinkowskiMetric(3).reduce(5), 1e-12);
  }

  @Test
  void theBoxBoundIsTheDistanceToTheNearestPointOfTheBox() {
    // box [1, 2] x [1, 3] x [-1, 0], stored at offset 3 of flat arrays
    double[] low = {9, 9, 9, 1, 1, -1};
    double[] high = {9, 9, 9, 2, 3, 0};
    double[][] queries = {{0, 0, 0}, {1.5, 2, -0.5}, {1, 1, -1}, {2, 3, 0}, {5, 2, 3}, {1.5, -4, -0.5},
        {1, 3, 0.5}};
    for (double p : ORDERS) {
      MinkowskiMetric metric = new MinkowskiMetric(p);
      for (double[] q : queries) {
        // the nearest point of the box: q clamped to it coordinate by coordinate
        double[] nearest = new double[3];
        for (int j = 0; j < 3; j++) {
          nearest[j] = Math.min(high[3 + j], Math.max(low[3 + j], q[j]));
        }
        double reduced = reducedByDefinition(q, nearest, p);
        assertEquals(reduced, metric.reducedToBox(q, low, high, 3), 1e-12, "p " + p);
        assertEquals(rootOf(reduced, p), metric.distanceToBox(q, low, high, 3), 1e-12, "p " + p);
      }
    }
  }

  @Test
  void ordersBelowOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new MinkowskiMetric(0.5));
    assertThrows(IllegalArgumentException.class, () -> new MinkowskiMetric(Double.NaN));
  }
}
