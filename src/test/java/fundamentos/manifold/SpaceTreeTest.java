package fundamentos.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Barnes-Hut tree against the exact sums it approximates: sum_{j != i} w_ij^2 (y_i - y_j) and
 * Z_i = sum_{j != i} w_ij, w_ij = (1 + ||y_i - y_j||^2)^-1, computed here pair by pair.
 */
class SpaceTreeTest {

  /** Points in clusters of different spreads, a few of them repeated exactly. */
  private static double[] points(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] y = new double[n * d];
    for (int i = 0; i < n; i++) {
      int cluster = i % 4;
      for (int c = 0; c < d; c++) {
        y[i * d + c] = 10 * cluster * (c == 0 ? 1 : -0.5) + random.nextGaussian() * (cluster + 1);
      }
    }
    for (int i = 0; i < 5; i++) { // duplicates: point 7 + 10 i equals point 3 + 10 i
      System.arraycopy(y, (3 + 10 * i) * d, y, (7 + 10 * i) * d, d);
    }
    return y;
  }

  /** The exact force (d values) and Z_i (the last value). */
  private static double[] exact(double[] y, int d, int i) {
    int n = y.length / d;
    double[] out = new double[d + 1];
    for (int j = 0; j < n; j++) {
      if (j == i) {
        continue;
      }
      double dist2 = 0;
      for (int c = 0; c < d; c++) {
        dist2 += (y[i * d + c] - y[j * d + c]) * (y[i * d + c] - y[j * d + c]);
      }
      double w = 1 / (1 + dist2);
      for (int c = 0; c < d; c++) {
        out[c] += w * w * (y[i * d + c] - y[j * d + c]);
      }
      out[d] += w;
    }
    return out;
  }

  @Test
  void thetaZeroIsTheExactSumInOneTwoAndThreeDimensions() {
    for (int d = 1; d <= 3; d++) {
      double[] y = points(300, d, 11 + d);
      SpaceTree tree = new SpaceTree(y, d);
      int[] stack = new int[tree.stackSize()];
      double[] force = new double[d];
      for (int i = 0; i < 300; i++) {
        double z = tree.repulsion(i, 0, force, stack);
        double[] want = exact(y, d, i);
        assertEquals(want[d], z, 1e-12 * want[d], "Z_" + i + " in " + d + "-D");
        for (int c = 0; c < d; c++) {
          assertEquals(want[c], force[c], 1e-12 * (Math.abs(want[c]) + 1e-3), "force " + i
              + " coordinate " + c + " in " + d + "-D");
        }
      }
    }
  }

  @Test
  void thetaHalfIsClose() {
    // stated tolerance: at theta = 0.5 every Z_i within 2%, and every force's error within 4% of
    // the sum of the magnitudes it adds up, sum_j w_ij^2 ||y_i - y_j|| (a force near 0 from
    // opposite pulls has no relative error to speak of)
    int d = 2;
    int n = 2000;
    double[] y = points(n, d, 5);
    SpaceTree tree = new SpaceTree(y, d);
    int[] stack = new int[tree.stackSize()];
    double[] force = new double[d];
    double worstZ = 0;
    double worstForce = 0;
    for (int i = 0; i < n; i++) {
      double z = tree.repulsion(i, 0.5, force, stack);
      double[] want = exact(y, d, i);
      worstZ = Math.max(worstZ, Math.abs(z - want[d]) / want[d]);
      double norm = 0;
      for (int j = 0; j < n; j++) {
        double dist = Math.hypot(y[2 * i] - y[2 * j], y[2 * i + 1] - y[2 * j + 1]);
        norm += dist / ((1 + dist * dist) * (1 + dist * dist));
      }
      worstForce = Math.max(worstForce, Math.hypot(force[0] - want[0], force[1] - want[1]) / norm);
    }
    System.out.printf(java.util.Locale.ROOT, "theta 0.5: Z_i within %.2e, force within %.2e%n",
        worstZ, worstForce);
    assertTrue(worstZ < 0.02, "largest relative error of Z_i " + worstZ);
    assertTrue(worstForce < 0.04, "largest relative error of the force " + worstForce);
    assertTrue(worstZ > 0, "theta 0.5 approximates: some cell was summarised");
  }

  @Test
  void aCellNeverCountsThePointItselfAndLargeThetaSummarisesWholeCells() {
    // three points: 0 and 1 close together, 2 far; at a huge theta point 2 sees {0, 1} as one
    // cell at their centre of mass, and 0 still sums 1 and 2 without itself
    double[] y = {0, 0, 0.5, 0, 100, 0};
    SpaceTree tree = new SpaceTree(y, 2);
    int[] stack = new int[tree.stackSize()];
    double[] force = new double[2];
    double z2 = tree.repulsion(2, 1e9, force, stack);
    double w = 1 / (1 + 99.75 * 99.75);
    assertEquals(2 * w, z2, 1e-15);
    assertEquals(2 * w * w * 99.75, force[0], 1e-18);
    assertEquals(0, force[1], 0);
    double z0 = tree.repulsion(0, 1e9, force, stack);
    assertEquals(1 / 1.25 + 1 / (1 + 100.0 * 100), z0, 1e-15);
    assertEquals(-0.5 / 1.25 / 1.25 - 100 / Math.pow(1 + 100.0 * 100, 2), force[0], 1e-15);
  }

  @Test
  void identicalPointsShareALeaf() {
    double[] y = new double[2 * 50];
    java.util.Arrays.fill(y, 3.0);
    SpaceTree tree = new SpaceTree(y, 2);
    assertEquals(1, tree.nodes(), "one leaf of 50 equal points, not a chain of cells");
    double[] force = new double[2];
    assertEquals(49, tree.repulsion(4, 0.5, force, new int[tree.stackSize()]), 0);
    assertEquals(0, force[0], 0);
  }

  @Test
  void dimensionsBeyondThreeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SpaceTree(new double[8], 4));
    assertThrows(IllegalArgumentException.class, () -> new SpaceTree(new double[8], 0));
  }
}
