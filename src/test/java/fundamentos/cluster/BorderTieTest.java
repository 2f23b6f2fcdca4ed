package fundamentos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import fundamentos.neighbours.BallTree;
import fundamentos.neighbours.BruteForceSearch;
import fundamentos.neighbours.CellGrid;
import fundamentos.neighbours.KdTree;
import fundamentos.neighbours.MinkowskiMetric;
import fundamentos.neighbours.NeighbourSearch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A border point at exactly eps from two core points of two clusters, on a line (eps = 1, minPts =
 * 4):
 *
 * <pre>
 *   L: -3  -2.75  -2.5  -2          B: -1          R: 0  0.25  0.5  0.75
 * </pre>
 *
 * -2 and 0 are core (4 points within 1 each, themselves included); B has only -2, 0 and itself
 * (3 &lt; 4): a border point, equally near (distance exactly eps, all values exact in binary) to
 * the core points -2 and 0. The rule (class comment of {@link Dbscan}, {@link NearestCoreRule}):
 * of equally near core points the first in data order decides. The two data orders put L first
 * and then R first, so that an index that keeps the last tie it visits, or drops the tie test, or
 * loses a neighbour at exactly eps, gives the wrong cluster (or noise) in at least one of them.
 */
class BorderTieTest {

  private static final double EPS = 1;
  private static final int MIN_PTS = 4;
  private static final double[] LEFT = {-3, -2.75, -2.5, -2};
  private static final double[] RIGHT = {0, 0.25, 0.5, 0.75};
  private static final double BORDER = -1;

  /** The first group, then the second, then B (the last index). */
  private static double[][] points(double[] first, double[] second) {
    double[][] x = new double[first.length + second.length + 1][];
    int i = 0;
    for (double v : first) {
      x[i++] = new double[] {v};
    }
    for (double v : second) {
      x[i++] = new double[] {v};
    }
    x[i] = new double[] {BORDER};
    return x;
  }

  private static Map<String, Function<double[][], NeighbourSearch>> indexes() {
    MinkowskiMetric euclid = new MinkowskiMetric(2);
    Map<String, Function<double[][], NeighbourSearch>> all = new LinkedHashMap<>();
    all.put("k-d tree", x -> new KdTree(x, euclid));
    all.put("ball tree", x -> new BallTree(x, euclid));
    all.put("brute force", x -> new BruteForceSearch(x, euclid::distance));
    all.put("grid", x -> new CellGrid(x, CellGrid.sideFor(EPS, 1)));
    return all;
  }

  private static DbscanResult cluster(String name, double[][] x, NeighbourSearch search) {
    return name.equals("grid")
        ? new GridDbscan(EPS, MIN_PTS).cluster((CellGrid) search, null)
        : new Dbscan(EPS, MIN_PTS).cluster(x, search, null, EPS);
  }

  private static void assertTieGoesToTheFirstCorePoint(double[] first, double[] second) {
    double[][] x = points(first, second);
    int b = x.length - 1;
    int firstCore = first[0] == 0 ? 0 : 3; // 0 is R's first point, -2 is L's last
    int secondCore = first.length + (second[0] == 0 ? 0 : 3);
    for (Map.Entry<String, Function<double[][], NeighbourSearch>> index : indexes().entrySet()) {
      String name = index.getKey();
      NeighbourSearch search = index.getValue().apply(x);
      DbscanResult result = cluster(name, x, search);
      assertEquals(2, result.numClusters(), name);
      assertFalse(result.core()[b], name + ": B has 3 < minPts points within eps");
      assertEquals(result.labels()[firstCore], result.labels()[b],
          name + ": B joins the cluster of the first of its two equally near core points");
      assertEquals(result.labels()[0], result.labels()[first.length - 1], name);
      assertEquals(1 - result.labels()[0], result.labels()[first.length], name);
      // an unseen point at B's place is labelled by the same rule
      NearestCoreRule rule = NearestCoreRule.overAllPoints(search, result, EPS);
      assertEquals(result.labels()[firstCore], rule.label(new double[] {BORDER}), name);
      // and the nearest accepted core point itself is the first in data order
      assertEquals(firstCore, search.nearest(new double[] {BORDER}, EPS, i -> result.core()[i]),
          name + ": nearest of two core points at exactly the radius");
      assertEquals(secondCore,
          search.nearest(new double[] {BORDER}, EPS, i -> result.core()[i] && i != firstCore),
          name + ": the other one when the first is not accepted");
    }
  }

  @Test
  void leftGroupFirst() {
    assertTieGoesToTheFirstCorePoint(LEFT, RIGHT);
  }

  @Test
  void rightGroupFirst() {
    assertTieGoesToTheFirstCorePoint(RIGHT, LEFT);
  }
}
