package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.cluster.DbscanTest;
import org.junit.jupiter.api.Test;

/**
 * The index chosen from n, d and the metric: a grid for Euclidean distance in up to 3
 * coordinates, a k-d tree up to 30, a ball tree above, brute force only when asked for; refusals
 * of what cannot be built; and the k-nearest query every structure answers (against a sort of all
 * distances written in the test).
 */
class IndexChoiceTest {

  private static double[][] points(int n, int d, long seed) {
    return DbscanTest.blobs(n, d, 2, seed);
  }

  @Test
  void automaticChoiceFollowsDimensionAndMetric() {
    MetricSpace euclidean = MetricSpace.euclidean();
    assertEquals(IndexChoice.Kind.GRID,
        IndexChoice.forRadius(IndexChoice.Kind.AUTO, points(50, 2, 1), euclidean, 0.5).kind());
    assertEquals(IndexChoice.Kind.GRID,
        IndexChoice.forRadius(IndexChoice.Kind.AUTO, points(50, 3, 1), euclidean, 0.5).kind());
    assertEquals(IndexChoice.Kind.KD_TREE,
        IndexChoice.forRadius(IndexChoice.Kind.AUTO, points(50, 4, 1), euclidean, 0.5).kind());
    assertEquals(IndexChoice.Kind.KD_TREE,
        IndexChoice.forRadius(IndexChoice.Kind.AUTO, points(50, 30, 1), euclidean, 0.5).kind());
    assertEquals(IndexChoice.Kind.BALL_TREE,
        IndexChoice.forRadius(IndexChoice.Kind.AUTO, points(50, 31, 1), euclidean, 0.5).kind());
    // Manhattan in the plane: no grid (its cells are sized for Euclidean distance)
    IndexChoice manhattan = IndexChoice.forRadius(IndexChoice.Kind.AUTO, points(50, 2, 1),
        MetricSpace.minkowski(1), 0.5);
    assertEquals(IndexChoice.Kind.KD_TREE, manhattan.kind());
    assertNull(manhattan.grid());
    assertEquals(2, manhattan.dimension());
    IndexChoice brute = IndexChoice.forRadius(IndexChoice.Kind.BRUTE_FORCE, points(50, 2, 1),
        euclidean, 0.5);
    assertTrue(brute.search() instanceof BruteForceSearch);
  }

  @Test
  void refusesWhatCannotBeBuilt() {
    assertThrows(IndexChoice.Refused.class,
        () -> IndexChoice.forRadius(IndexChoice.Kind.GRID, points(20, 2, 2),
            MetricSpace.minkowski(1), 0.5));
    for (IndexChoice.Kind kind : new IndexChoice.Kind[] {IndexChoice.Kind.KD_TREE,
        IndexChoice.Kind.BALL_TREE, IndexChoice.Kind.GRID}) {
      assertThrows(IndexChoice.Refused.class, () -> IndexChoice.checkIndexable(kind, null));
    }
    IndexChoice.checkIndexable(IndexChoice.Kind.AUTO, null);
    IndexChoice.checkIndexable(IndexChoice.Kind.BRUTE_FORCE, null);
  }

  @Test
  void aGridHandsKNearestQueriesToATree() {
    double[][] x = points(60, 2, 3);
    IndexChoice grid = IndexChoice.forRadius(IndexChoice.Kind.AUTO, x, MetricSpace.euclidean(),
        0.4);
    assertSame(grid.search(), grid.grid());
    assertTrue(grid.nearestSearch(x, MetricSpace.euclidean()) instanceof KdTree);
    IndexChoice tree = IndexChoice.forRadius(IndexChoice.Kind.KD_TREE, x,
        MetricSpace.euclidean(), 0.4);
    assertSame(tree.search(), tree.nearestSearch(x, MetricSpace.euclidean()));
    assertTrue(IndexChoice.forNearest(points(10, 31, 3), MetricSpace.euclidean())
        instanceof BallTree);
  }

  /** Every structure answers the k-nearest query with the same distances as a full sort. */
  @Test
  void everyStructureAnswersTheKNearestQuery() {
    double[][] x = points(80, 2, 4);
    MinkowskiMetric metric = new MinkowskiMetric(2);
    NeighbourSearch[] searches = {new CellGrid(x, 0.3), new KdTree(x, metric),
        new BallTree(x, metric), new BruteForceSearch(x, metric::distance)};
    for (double[] q : points(10, 2, 5)) {
      double[] all = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        all[i] = metric.distance(q, x[i]);
      }
      java.util.Arrays.sort(all);
      for (int k : new int[] {1, 6, 80}) {
        double[] expected = java.util.Arrays.copyOf(all, k);
        for (NeighbourSearch search : searches) {
          assertArrayEquals(expected, search.nearestDistances(q, k), 1e-12,
              search.getClass().getSimpleName() + " k " + k);
        }
      }
    }
  }
}
