package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Ball-tree range queries at exactly the radius, where the pruning bound is tight. */
class BallTreeTest {

  /**
   * Points {6, 9, 2}: one ball, centre 17/3, radius 11/3 (to the point 2). From q = -3 the point 2
   * lies at exactly 5, and so does the ball's bound d(q, c) - radius; computed in floating point
   * the bound came out as 5.000000000000001, which pruned the ball and lost the only neighbour.
   */
  @Test
  void aPointAtExactlyTheRadiusIsFoundWhenTheBallBoundIsTight() {
    double[][] x = {{6}, {9}, {2}};
    for (double p : new double[] {1, 2, 3, Double.POSITIVE_INFINITY}) {
      BallTree tree = new BallTree(x, new MinkowskiMetric(p));
      TreeMap<Integer, Double> found = new TreeMap<>();
      tree.within(new double[] {-3}, 5, found::put);
      assertEquals(java.util.Set.of(2), found.keySet(), "p " + p);
      assertEquals(5.0, found.get(2), 1e-15);
      assertEquals(2, tree.nearest(new double[] {-3}, 5, i -> true));
      assertArrayEquals(new double[] {5, 9, 12}, tree.nearestDistances(new double[] {-3}, 3), 1e-14);
    }
  }
}
