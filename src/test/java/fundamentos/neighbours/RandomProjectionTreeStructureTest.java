package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random-projection trees node by node against their definition (Dasgupta and Freund 2008, as
 * pynndescent splits): a node holds more than leafSize points and is split in two non-empty
 * halves of its range; its hyperplane is the set of points equidistant from two of its points (the
 * pivots), each point going to the side of the nearer pivot unless it lies within the on-plane
 * margin (1e-6 of |a|^2 + |b|^2), where a coin decides; when every point falls on one side, the
 * node is cut into halves of a random order. A query descends by the same rule, points on the
 * plane going to the a side. Also the projection the trees split in: Gaussian entries of variance
 * 1 / 32 (Box-Muller), a different matrix for every seed.
 */
class RandomProjectionTreeStructureTest {

  static float[] squaredNorms(LpPoints points) {
    float[] out = new float[points.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = LpPoints.dot(points.row(i), points.row(i));
    }
    return out;
  }

  private static double squared(float[] x) {
    double s = 0;
    for (float v : x) {
      s += (double) v * v;
    }
    return s;
  }

  private static double distance2(float[] x, float[] y) {
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      double d = (double) x[j] - y[j];
      s += d * d;
    }
    return s;
  }

  /**
   * Checks every node; returns the number of nodes cut into halves (all points on one side).
   */
  static int assertStructure(RandomProjectionTree tree, LpPoints points, int leafSize) {
    int n = points.size();
    assertEquals(0, tree.leafStart(0));
    assertEquals(n, tree.leafEnd(0));
    int[] count = new int[n];
    for (int s = 0; s < n; s++) {
      count[tree.pointAt(s)]++;
    }
    for (int c : count) {
      assertEquals(1, c, "every point once");
    }
    int[] leafOf = tree.leafOfEachPoint();
    int halves = 0;
    for (int node = 0; node < tree.nodeCount(); node++) {
      int from = tree.leafStart(node);
      int to = tree.leafEnd(node);
      int a = tree.childA(node);
      int b = tree.childB(node);
      String what = "node " + node + " [" + from + ", " + to + ")";
      if (a < 0) {
        assertEquals(-1, b, what);
        assertTrue(to - from >= 1 && to - from <= leafSize, what + ": leaf size");
        for (int s = from; s < to; s++) {
          assertEquals(node, leafOf[tree.pointAt(s)], what + ": leaf of its points");
        }
        continue;
      }
      assertTrue(to - from > leafSize, what + ": only nodes above the leaf size are split");
      assertTrue(a > node && b > node, what);
      assertEquals(from, tree.leafStart(a), what);
      assertEquals(tree.leafEnd(a), tree.leafStart(b), what);
      assertEquals(to, tree.leafEnd(b), what);
      int mid = tree.leafEnd(a);
      assertTrue(mid > from && mid < to, what + ": both sides hold points, split at " + mid);
      int pa = tree.pivotA(node);
      if (pa < 0) {
        halves++;
        assertEquals(from + (to - from) / 2, mid, what + ": halves");
        continue;
      }
      int pb = tree.pivotB(node);
      assertTrue(pa != pb, what + ": two pivots");
      boolean aInside = false;
      boolean bInside = false;
      for (int s = from; s < to; s++) {
        aInside |= tree.pointAt(s) == pa;
        bInside |= tree.pointAt(s) == pb;
      }
      assertTrue(aInside && bInside, what + ": pivots are points of the node");
      float[] xa = points.row(pa);
      float[] xb = points.row(pb);
      double na = squared(xa);
      double nb = squared(xb);
      for (int s = from; s < to; s++) {
        float[] x = points.row(tree.pointAt(s));
        // half the difference of squared distances to the pivots: 0 on the hyperplane, > 0 on
        // the side of a; within the margin (plus float rounding) either side
        double m = (distance2(x, xb) - distance2(x, xa)) / 2;
        double slack = 1e-6 * (na + nb) + 1e-5 * (squared(x) + na + nb) + 1e-30;
        if (s < mid) {
          assertTrue(m >= -slack, what + ": point " + tree.pointAt(s) + " on the a side, m " + m);
        } else {
          assertTrue(m <= slack, what + ": point " + tree.pointAt(s) + " on the b side, m " + m);
        }
      }
    }
    return halves;
  }

  private static void assertEveryPointFindsItsLeaf(RandomProjectionTree tree, LpPoints points,
      float[] norms) {
    int[] leafOf = tree.leafOfEachPoint();
    for (int i = 0; i < points.size(); i++) {
      assertEquals(leafOf[i], tree.leafOf(points.row(i), points, norms), "leaf of point " + i);
    }
  }

  @Test
  void gaussianTreesFollowTheDefinition() {
    for (int leafSize : new int[] {1, 4, 10}) {
      SplittableRandom random = new SplittableRandom(leafSize);
      float[][] rows = new float[300][3];
      for (float[] row : rows) {
        for (int j = 0; j < 3; j++) {
          row[j] = (float) random.nextGaussian();
        }
      }
      LpPoints points = new LpPoints(rows, 2);
      float[] norms = squaredNorms(points);
      RandomProjectionTree tree =
          new RandomProjectionTree(points, norms, leafSize, new SplittableRandom(leafSize + 7));
      assertEquals(0, assertStructure(tree, points, leafSize), "distinct points: no halves");
      if (leafSize > 1) {
        assertEveryPointFindsItsLeaf(tree, points, norms);
      }
    }
  }

  @Test
  void tinyCoordinatesKeepARelativeMargin() {
    // coordinates of 1e-4: |a|^2 + |b|^2 is about 1e-8, and the margin 1e-6 of it; the points are
    // far outside it, so none may be sent to a side at random
    SplittableRandom random = new SplittableRandom(5);
    float[][] rows = new float[200][2];
    for (float[] row : rows) {
      row[0] = (float) (random.nextGaussian() * 1e-4);
      row[1] = (float) (random.nextGaussian() * 1e-4);
    }
    LpPoints points = new LpPoints(rows, 2);
    float[] norms = squaredNorms(points);
    RandomProjectionTree tree = new RandomProjectionTree(points, norms, 5, new SplittableRandom(3));
    assertEquals(0, assertStructure(tree, points, 5));
    assertEveryPointFindsItsLeaf(tree, points, norms);
  }

  @Test
  void aPointWithinTheMarginOfTheHyperplaneGetsACoin() {
    // pivots (1, 0) and (-1, 0): |a|^2 + |b|^2 = 2, margin 1e-6 * 2; the third point (t, 5) has
    // m = x.(a - b) - (|a|^2 - |b|^2) / 2 = +-2t. With t = 1e-6 (float) m is exactly the margin,
    // with t = 5e-7 half of it: within the margin, so it must land on either side, not always on
    // the side of the nearer pivot
    for (float t : new float[] {1e-6f, 5e-7f}) {
      LpPoints points = new LpPoints(new float[][] {{1f, 0f}, {-1f, 0f}, {t, 5f}}, 2);
      float[] norms = squaredNorms(points);
      boolean[][] seen = new boolean[2][2];
      for (long seed = 0; seed < 300; seed++) {
        RandomProjectionTree tree =
            new RandomProjectionTree(points, norms, 2, new SplittableRandom(seed));
        assertStructure(tree, points, 2);
        int pa = tree.pivotA(0);
        int pb = tree.pivotB(0);
        if (pa + pb != 1) {
          continue; // the third point is a pivot: far from the plane
        }
        int a = tree.childA(0);
        boolean onA = false;
        for (int s = tree.leafStart(a); s < tree.leafEnd(a); s++) {
          onA |= tree.pointAt(s) == 2;
        }
        seen[pa][onA ? 1 : 0] = true;
      }
      for (int pa = 0; pa < 2; pa++) {
        assertTrue(seen[pa][0] && seen[pa][1],
            "t = " + t + ", pivot a = point " + pa + ": the coin sends (t, 5) to both sides");
      }
    }
  }

  @Test
  void aSetOfLeafSizeIsOneLeaf() {
    SplittableRandom random = new SplittableRandom(2);
    float[][] rows = new float[10][2];
    for (float[] row : rows) {
      row[0] = (float) random.nextGaussian();
      row[1] = (float) random.nextGaussian();
    }
    LpPoints points = new LpPoints(rows, 2);
    RandomProjectionTree tree =
        new RandomProjectionTree(points, squaredNorms(points), 10, new SplittableRandom(1));
    assertEquals(1, tree.nodeCount());
    assertEquals(-1, tree.childA(0));
    assertEquals(10, tree.leafEnd(0) - tree.leafStart(0));
    RandomProjectionTree split =
        new RandomProjectionTree(points, squaredNorms(points), 9, new SplittableRandom(1));
    assertTrue(split.nodeCount() >= 3, "ten points in leaves of nine: split");
    assertStructure(split, points, 9);
  }

  @Test
  void orthogonalPointsPeelOneAtATimeIntoADeepTree() {
    // point i is s_i e_i with s_i = 1 + i / 256: for pivots a, b every other point is
    // equidistant from both but for the norms, so it falls on the side of the smaller pivot and
    // each split cuts off one point: a tree 199 levels deep (its build keeps a stack of pending
    // nodes far beyond its first 64 entries)
    int n = 200;
    float[][] rows = new float[n][n];
    for (int i = 0; i < n; i++) {
      rows[i][i] = 1 + i / 256f;
    }
    LpPoints points = new LpPoints(rows, 2);
    float[] norms = squaredNorms(points);
    RandomProjectionTree tree = new RandomProjectionTree(points, norms, 1, new SplittableRandom(4));
    assertEquals(2 * n - 1, tree.nodeCount());
    assertEquals(0, assertStructure(tree, points, 1));
    for (int node = 0; node < tree.nodeCount(); node++) {
      if (tree.childA(node) >= 0) {
        int a = tree.childA(node);
        int b = tree.childB(node);
        int small = Math.min(tree.leafEnd(a) - tree.leafStart(a), tree.leafEnd(b) - tree.leafStart(b));
        assertEquals(1, small, "node " + node + " cuts off one point");
      }
    }
    // every point, point 0 (the smallest, a pivot on the way down) included, finds its leaf
    assertEveryPointFindsItsLeaf(tree, points, norms);
  }

  @Test
  void aQueryOnTheHyperplaneGoesToTheASide() {
    // integer points: the midpoint of the root's pivots has margin exactly 0 in float
    SplittableRandom random = new SplittableRandom(12);
    float[][] rows = new float[30][];
    for (int i = 0; i < rows.length; i++) {
      boolean fresh;
      do {
        rows[i] = new float[] {random.nextInt(41) - 20, random.nextInt(41) - 20};
        fresh = true;
        for (int j = 0; j < i; j++) {
          fresh &= !Arrays.equals(rows[i], rows[j]);
        }
      } while (!fresh);
    }
    LpPoints points = new LpPoints(rows, 2);
    float[] norms = squaredNorms(points);
    for (long seed = 0; seed < 10; seed++) {
      RandomProjectionTree tree = new RandomProjectionTree(points, norms, 3, new SplittableRandom(seed));
      assertStructure(tree, points, 3);
      int pa = tree.pivotA(0);
      int pb = tree.pivotB(0);
      assertTrue(pa >= 0);
      float[] mid = {(rows[pa][0] + rows[pb][0]) / 2, (rows[pa][1] + rows[pb][1]) / 2};
      int leaf = tree.leafOf(mid, points, norms);
      int a = tree.childA(0);
      assertTrue(tree.leafStart(leaf) >= tree.leafStart(a) && tree.leafEnd(leaf) <= tree.leafEnd(a),
          "seed " + seed + ": the midpoint of the root's pivots descends on the a side");
      // and the pivots themselves on their own sides
      assertTrue(tree.leafEnd(tree.leafOf(rows[pb], points, norms)) > tree.leafEnd(a));
    }
  }

  @Test
  void duplicatesAreSplitAtRandom() {
    // 40 copies of one point: every point is on every hyperplane, so sides are drawn at random;
    // when the draws agree the node is cut in halves; leaves of one point in the end
    float[][] rows = new float[40][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new float[] {1.5f, -2f, 0.5f};
    }
    LpPoints points = new LpPoints(rows, 2);
    float[] norms = squaredNorms(points);
    RandomProjectionTree tree = new RandomProjectionTree(points, norms, 1, new SplittableRandom(8));
    int halves = assertStructure(tree, points, 1);
    assertEquals(79, tree.nodeCount());
    assertTrue(halves > 0, "some node had every draw agree");
    boolean drawn = false;
    for (int node = 0; node < tree.nodeCount(); node++) {
      drawn |= tree.childA(node) >= 0 && tree.pivotA(node) >= 0;
    }
    assertTrue(drawn, "some node was split by its coin flips");
    // the query equal to the copies goes to the a side everywhere: the first leaf
    int leaf = tree.leafOf(rows[0], points, norms);
    int node = 0;
    while (tree.childA(node) >= 0) {
      node = tree.childA(node);
    }
    assertEquals(node, leaf);
  }

  @Test
  void halvesAreOfARandomOrder() {
    // two copies: the root splits them by coin flips, or in halves of a shuffled order when both
    // flips agree; either copy must be able to come first
    LpPoints points = new LpPoints(new float[][] {{3f, 4f}, {3f, 4f}}, 2);
    float[] norms = squaredNorms(points);
    boolean[] firstInHalves = new boolean[2];
    int halvesRoots = 0;
    for (long seed = 0; seed < 200; seed++) {
      RandomProjectionTree tree = new RandomProjectionTree(points, norms, 1, new SplittableRandom(seed));
      int halves = assertStructure(tree, points, 1);
      if (halves > 0) {
        halvesRoots++;
        firstInHalves[tree.pointAt(0)] = true;
      }
      assertEquals(tree.childA(0), tree.leafOf(new float[] {3f, 4f}, points, norms));
    }
    assertTrue(halvesRoots > 50, halvesRoots + " roots cut in halves");
    assertTrue(firstInHalves[0] && firstInHalves[1], "both orders");
    // two pairs of copies far apart: the second pair's node starts at position 2
    LpPoints pairs = new LpPoints(new float[][] {{0f, 0f}, {0f, 0f}, {10f, 0f}, {10f, 0f}}, 2);
    float[] pairNorms = squaredNorms(pairs);
    int total = 0;
    for (long seed = 0; seed < 100; seed++) {
      RandomProjectionTree tree = new RandomProjectionTree(pairs, pairNorms, 1, new SplittableRandom(seed));
      total += assertStructure(tree, pairs, 1);
    }
    assertTrue(total > 20, total + " nodes cut in halves");
  }

  /** erf by Abramowitz and Stegun 7.1.26 (error below 1.5e-7). */
  private static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
        + 0.254829592) * t * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  }

  @Test
  void theProjectionHasGaussianEntriesOfVarianceOneOver32() {
    // x R with x the j-th unit vector is R's j-th row: 400 x 32 entries
    int d = 400;
    LpPoints points = new LpPoints(new float[2][d], 2);
    TreeSpace space = TreeSpace.of(points, 21, 1);
    double[] entries = new double[d * TreeSpace.DIMENSION];
    for (int j = 0; j < d; j++) {
      float[] unit = new float[d];
      unit[j] = 1;
      float[] row = space.project(unit);
      for (int r = 0; r < TreeSpace.DIMENSION; r++) {
        entries[j * TreeSpace.DIMENSION + r] = row[r];
      }
    }
    int m = entries.length;
    double mean = 0;
    for (double e : entries) {
      mean += e / m;
    }
    double variance = 0;
    for (double e : entries) {
      variance += (e - mean) * (e - mean) / m;
    }
    double sd = Math.sqrt(1.0 / 32);
    assertEquals(0, mean, 4 * sd / Math.sqrt(m), "mean");
    assertEquals(1.0 / 32, variance, 0.05 / 32, "variance");
    // Kolmogorov-Smirnov distance to N(0, 1/32), below its 0.1% critical value 1.95 / sqrt(m)
    double[] sorted = entries.clone();
    Arrays.sort(sorted);
    double ks = 0;
    for (int i = 0; i < m; i++) {
      double cdf = 0.5 * (1 + erf(sorted[i] / sd / Math.sqrt(2)));
      ks = Math.max(ks, Math.max((i + 1.0) / m - cdf, cdf - (double) i / m));
    }
    assertTrue(ks < 1.95 / Math.sqrt(m), "Kolmogorov-Smirnov distance " + ks);
  }

  @Test
  void everySeedHasItsOwnProjection() {
    int d = 70;
    LpPoints points = new LpPoints(new float[2][d], 2);
    float[] unit = new float[d];
    unit[0] = 1;
    // seeds that differ only in bits above the sixteenth
    float[] one = TreeSpace.of(points, 0x10000L, 1).project(unit);
    float[] two = TreeSpace.of(points, 0x20000L, 1).project(unit);
    float[] again = TreeSpace.of(points, 0x10000L, 1).project(unit);
    assertArrayEquals(one, again, "a seed gives one projection");
    assertFalse(Arrays.equals(one, two), "two seeds, two projections");
  }
}
