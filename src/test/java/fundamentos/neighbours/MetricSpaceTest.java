package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The distances on hand cases with negative coordinates, zeros and equal points (course Eqs. 4.1-4.5
 * and 4.13), and the changes of coordinates that let an index search them.
 */
class MetricSpaceTest {

  private static final double[] A = {-1, 2, 0};
  private static final double[] B = {2, -2, 0};
  private static final double[] ZERO = {0, 0, 0};

  @Test
  void minkowskiDistancesOnAHandCase() {
    // |A - B| = (3, 4, 0)
    assertEquals(7, new MinkowskiMetric(1).distance(A, B), 1e-15);
    assertEquals(5, new MinkowskiMetric(2).distance(A, B), 1e-15);
    assertEquals(Math.cbrt(27 + 64), new MinkowskiMetric(3).distance(A, B), 1e-14);
    assertEquals(4, new MinkowskiMetric(Double.POSITIVE_INFINITY).distance(A, B), 1e-15);
    for (double p : new double[] {1, 2, 3, Double.POSITIVE_INFINITY}) {
      MinkowskiMetric metric = new MinkowskiMetric(p);
      assertEquals(0, metric.distance(A, A), 0.0, "equal points, p = " + p);
      assertEquals(0, metric.distance(ZERO, ZERO), 0.0, "zeros, p = " + p);
      assertEquals(metric.distance(A, B), metric.distance(B, A), 0.0, "symmetry, p = " + p);
      assertEquals(p, metric.order(), 0.0);
    }
    // from the origin: the p-norm of A = (1, 2, 0)
    assertEquals(Math.sqrt(5), new MinkowskiMetric(2).distance(A, ZERO), 1e-15);
    assertEquals(3, new MinkowskiMetric(1).distance(ZERO, A), 1e-15);
  }

  @Test
  void reducedDistancesAreTheSumsBeforeTheRoot() {
    double[] flat = {9, 9, 2, -2, 0}; // B at offset 2
    assertEquals(25, new MinkowskiMetric(2).reduced(A, flat, 2), 1e-15);
    assertEquals(7, new MinkowskiMetric(1).reduced(A, flat, 2), 1e-15);
    assertEquals(91, new MinkowskiMetric(3).reduced(A, flat, 2), 1e-12);
    assertEquals(4, new MinkowskiMetric(Double.POSITIVE_INFINITY).reduced(A, flat, 2), 1e-15);
    MinkowskiMetric cube = new MinkowskiMetric(3);
    assertEquals(8, cube.reduce(2), 1e-12);
    assertEquals(2, cube.unreduce(8), 1e-12);
    assertEquals(9, new MinkowskiMetric(2).reduce(3), 0.0);
    assertEquals(3, new MinkowskiMetric(2).unreduce(9), 0.0);
    assertEquals(3, new MinkowskiMetric(1).reduce(3), 0.0);
    assertEquals(3, new MinkowskiMetric(1).unreduce(3), 0.0);
    assertEquals(3, new MinkowskiMetric(Double.POSITIVE_INFINITY).reduce(3), 0.0);
    assertEquals(3, new MinkowskiMetric(Double.POSITIVE_INFINITY).unreduce(3), 0.0);
  }

  @Test
  void distanceToABoxIsToItsNearestPoint() {
    // the box [-1, 1] x [0, 1] stored at offset 1
    double[] low = {7, -1, 0};
    double[] high = {7, 1, 1};
    double[] left = {-3, 0.5}; // gap (2, 0)
    double[] corner = {2, 3}; // gap (1, 2)
    double[] inside = {0.5, 0.5};
    double[] below = {0, -4}; // gap (0, 4)
    assertEquals(4, new MinkowskiMetric(2).reducedToBox(left, low, high, 1), 1e-15);
    assertEquals(5, new MinkowskiMetric(2).reducedToBox(corner, low, high, 1), 1e-15);
    assertEquals(16, new MinkowskiMetric(2).reducedToBox(below, low, high, 1), 1e-15);
    assertEquals(3, new MinkowskiMetric(1).reducedToBox(corner, low, high, 1), 1e-15);
    assertEquals(9, new MinkowskiMetric(3).reducedToBox(corner, low, high, 1), 1e-12);
    assertEquals(2, new MinkowskiMetric(Double.POSITIVE_INFINITY).reducedToBox(corner, low, high, 1), 1e-15);
    assertEquals(Math.sqrt(5), new MinkowskiMetric(2).distanceToBox(corner, low, high, 1), 1e-15);
    assertEquals(Math.cbrt(9), new MinkowskiMetric(3).distanceToBox(corner, low, high, 1), 1e-12);
    for (double p : new double[] {1, 2, 3, Double.POSITIVE_INFINITY}) {
      assertEquals(0, new MinkowskiMetric(p).distanceToBox(inside, low, high, 1), 0.0);
    }
  }

  @Test
  void anOrderBelowOneIsNoMetric() {
    assertThrows(IllegalArgumentException.class, () -> new MinkowskiMetric(0.5));
    assertThrows(IllegalArgumentException.class, () -> new MinkowskiMetric(Double.NaN));
  }

  @Test
  void cosineDistanceThroughUnitVectors() {
    MetricSpace cosine = MetricSpace.cosine();
    assertEquals(MetricSpace.Kind.COSINE, cosine.kind());
    // (3, -4) -> (0.6, -0.8, 0); the zero vector -> (0, 0, 1)
    assertArrayEquals(new double[] {0.6, -0.8, 0}, cosine.embed(new double[] {3, -4}), 1e-15);
    assertArrayEquals(new double[] {0, 0, 1}, cosine.embed(new double[] {0, 0}), 0.0);
    // cos((3, -4), (-4, -3)) = (-12 + 12) / 25 = 0: distance 1; opposite vectors: 2; same direction: 0
    assertEquals(1, cosine.distance(new double[] {3, -4}, new double[] {-4, -3}), 1e-15);
    assertEquals(2, cosine.distance(new double[] {3, -4}, new double[] {-6, 8}), 1e-15);
    assertEquals(0, cosine.distance(new double[] {3, -4}, new double[] {0.3, -0.4}), 1e-15);
    // cos((1, 0), (1, 1)) = 1 / sqrt(2)
    assertEquals(1 - Math.sqrt(0.5), cosine.distance(new double[] {1, 0}, new double[] {1, 1}), 1e-15);
    // the zero vector: distance 1 to every other vector, 0 to itself (as weka.core.CosineDistance)
    assertEquals(1, cosine.distance(new double[] {0, 0}, new double[] {-2, 5}), 1e-15);
    assertEquals(0, cosine.distance(new double[] {0, 0}, new double[] {0, 0}), 0.0);
    // ||u - v||^2 = 2 (1 - cos): a cosine radius eps is the Euclidean radius sqrt(2 eps), and back
    assertEquals(Math.sqrt(0.5), cosine.embeddedRadius(0.25), 1e-15);
    assertEquals(0.25, cosine.fromEmbedded(Math.sqrt(0.5)), 1e-15);
    assertEquals(0, cosine.embeddedRadius(-1), 0.0);
  }

  @Test
  void burstingDistanceKeepsTheSignOfEachRoot() {
    MetricSpace bursting = MetricSpace.bursting();
    assertEquals(MetricSpace.Kind.BURSTING, bursting.kind());
    // (-4, 9, 0) -> (-2, 3, 0); (1, -16, 0) -> (1, -4, 0)
    assertArrayEquals(new double[] {-2, 3, 0}, bursting.embed(new double[] {-4, 9, 0}), 0.0);
    assertArrayEquals(new double[] {1, -4, 0}, bursting.embed(new double[] {1, -16, 0}), 0.0);
    // (-2 - 1)^2 + (3 + 4)^2 = 58 (without the signs it would be 1 + 49 = 50)
    assertEquals(Math.sqrt(58), bursting.distance(new double[] {-4, 9, 0}, new double[] {1, -16, 0}), 1e-14);
    assertEquals(0, bursting.distance(new double[] {-4, 9}, new double[] {-4, 9}), 0.0);
    // a radius is a radius: no change of scale
    assertEquals(0.3, bursting.embeddedRadius(0.3), 0.0);
    assertEquals(0.3, bursting.fromEmbedded(0.3), 0.0);
  }

  @Test
  void minkowskiSpacesUseTheCoordinatesAsTheyAre() {
    MetricSpace manhattan = MetricSpace.minkowski(1);
    double[] x = {-1, 2};
    double[] embedded = manhattan.embed(x);
    assertArrayEquals(x, embedded, 0.0);
    embedded[0] = 5;
    assertEquals(-1, x[0], 0.0, "embed must copy");
    assertEquals(7, manhattan.distance(A, B), 1e-15);
    assertEquals(5, MetricSpace.euclidean().distance(A, B), 1e-15);
    assertEquals(2, MetricSpace.euclidean().metric().order(), 0.0);
    assertEquals(MetricSpace.Kind.MINKOWSKI, MetricSpace.euclidean().kind());
    assertEquals(0.7, manhattan.embeddedRadius(0.7), 0.0);
  }
}
