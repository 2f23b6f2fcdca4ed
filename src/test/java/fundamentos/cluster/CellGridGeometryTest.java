package fundamentos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.neighbours.BruteForceSearch;
import fundamentos.neighbours.CellGrid;
import fundamentos.neighbours.MetricSpace;
import fundamentos.neighbours.MinkowskiMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The grid's geometry against its definitions, computed here by enumeration: which cells around a
 * cell can hold a point within a radius (Gunawan 2013: those whose gap, the smallest distance
 * between points of the two cells, is at most the radius), in which order they are tried, the
 * widened cell box of a range query, and the tie and boundary rules of its nearest-point search.
 */
class CellGridGeometryTest {

  /** The gap between a cell and the cell at integer offset o: sum of max(0, |o_j| - 1)^2 side^2. */
  private static double gap(int[] offset, double side) {
    double sum = 0;
    for (int v : offset) {
      double cells = Math.max(0, Math.abs(v) - 1);
      sum += cells * cells * side * side;
    }
    return sum;
  }

  private static int squaredLength(int[] offset) {
    int sum = 0;
    for (int v : offset) {
      sum += v * v;
    }
    return sum;
  }

  /** Every non-zero offset within `bound` cells per coordinate whose gap is at most the radius. */
  private static Set<List<Integer>> expectedOffsets(int d, double side, double radius) {
    int bound = (int) Math.ceil(radius / side) + 3;
    Set<List<Integer>> expected = new HashSet<>();
    int[] o = new int[d];
    Arrays.fill(o, -bound);
    while (true) {
      boolean zero = Arrays.stream(o).allMatch(v -> v == 0);
      if (!zero && gap(o, side) <= radius * radius) {
        expected.add(Arrays.stream(o).boxed().toList());
      }
      int j = 0;
      while (j < d && o[j] == bound) {
        o[j++] = -bound;
      }
      if (j == d) {
        return expected;
      }
      o[j]++;
    }
  }

  private static double[][] somePoints(int d) {
    double[][] x = new double[5][d];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = (i * 7 + j * 3) % 5;
      }
    }
    return x;
  }

  @Test
  void neighbourOffsetsAreExactlyTheCellsWhoseGapIsWithinTheRadius() {
    // sides other than 1 (the reach scales with radius / side), radii at exact gaps (side 1,
    // radius 1, 2: the offsets (2, 0) and (3, 0) have gap exactly 1 and 4 and belong to the set)
    double[] sides = {1, 0.5, 2, 0.35};
    double[] radii = {0.5, 1, 1.5, 2, 2.5, 3.2};
    for (int d = 1; d <= 3; d++) {
      for (double side : sides) {
        for (double radius : radii) {
          CellGrid grid = new CellGrid(somePoints(d), side);
          CellGrid.Offsets offsets = grid.neighbourOffsets(radius);
          int[] cells = offsets.cells();
          Set<List<Integer>> actual = new HashSet<>();
          int reach = 0;
          for (int o = 0; o < offsets.count(); o++) {
            List<Integer> offset = new ArrayList<>();
            for (int j = 0; j < d; j++) {
              offset.add(cells[o * d + j]);
              reach = Math.max(reach, Math.abs(cells[o * d + j]));
            }
            actual.add(offset);
          }
          String where = "d " + d + ", side " + side + ", radius " + radius;
          assertEquals(offsets.count(), actual.size(), where + ": no offset twice");
          assertEquals(expectedOffsets(d, side, radius), actual, where);
          assertEquals(reach, offsets.reach(), where + ": the largest coordinate offset");
        }
      }
    }
  }

  /** Nearest cells first: by gap, then (among cells of equal gap) by squared offset length. */
  @Test
  void neighbourOffsetsComeNearestFirst() {
    for (int d = 1; d <= 3; d++) {
      for (double radius : new double[] {1, 2.5, 4}) {
        CellGrid.Offsets offsets = new CellGrid(somePoints(d), 1).neighbourOffsets(radius);
        int[] cells = offsets.cells();
        double previousGap = -1;
        int previousLength = -1;
        for (int o = 0; o < offsets.count(); o++) {
          int[] offset = Arrays.copyOfRange(cells, o * d, o * d + d);
          double gap = gap(offset, 1);
          int length = squaredLength(offset);
          String where = "d " + d + ", radius " + radius + ", offset " + Arrays.toString(offset);
          assertTrue(gap > previousGap || gap == previousGap && length >= previousLength, where);
          previousGap = gap;
          previousLength = length;
        }
      }
    }
  }

  /**
   * A point that its cell number puts in cell 0 while it lies a hair below the cell's upper face
   * (1 - 1e-10 with side 1): a query 2 beyond it must still find it. The cell's box is widened by
   * 1e-9 cells for this (a rounded division can put a point on the wrong side of a face); a box
   * narrowed instead would lie more than the radius from the query and be skipped.
   */
  @Test
  void aPointJustBelowItsCellsUpperFaceIsFoundFromTheRadiusAway() {
    double p = 1 - 1e-10;
    double[][] x = {{0}, {p}, {5}};
    CellGrid grid = new CellGrid(x, 1);
    double q = 3 - 1e-10;
    double radius = Math.abs(q - p) * (1 + 1e-12);
    List<Integer> found = new ArrayList<>();
    grid.within(new double[] {q}, radius, (index, distance) -> found.add(index));
    assertEquals(List.of(1), found);
    assertEquals(1, grid.nearest(new double[] {q}, radius, i -> true));
  }

  /** A point at exactly the radius is within it (distances 2 and 1 are exact in binary). */
  @Test
  void nearestFindsAPointAtExactlyTheRadius() {
    double[][] x = {{2, 0}, {-5, 0}, {0, 3}};
    CellGrid grid = new CellGrid(x, CellGrid.sideFor(2, 2));
    assertEquals(0, grid.nearest(new double[] {0, 0}, 2, i -> true));
    assertEquals(-1, grid.nearest(new double[] {0, 0}, 2, i -> i != 0));
    assertEquals(2, grid.nearest(new double[] {0, 0}, 3, i -> i != 0));
  }

  /** Of equally near points the smallest index, whichever order the cells are searched in. */
  @Test
  void nearestBreaksTiesBySmallestIndexInBothDataOrders() {
    double[][][] orders = {
      {{-1, 0}, {1, 0}, {0, 1}, {6, 6}},
      {{1, 0}, {-1, 0}, {0, 1}, {6, 6}},
      {{0, 1}, {1, 0}, {-1, 0}, {6, 6}},
      {{6, 6}, {0, 1}, {-1, 0}, {1, 0}},
    };
    int[] expected = {0, 0, 0, 1};
    for (int k = 0; k < orders.length; k++) {
      for (double side : new double[] {0.4, 1, 3}) {
        CellGrid grid = new CellGrid(orders[k], side);
        assertEquals(expected[k], grid.nearest(new double[] {0, 0}, 1.5, i -> true),
            "order " + k + ", side " + side);
        BruteForceSearch brute = new BruteForceSearch(orders[k], new MinkowskiMetric(2)::distance);
        assertEquals(expected[k], brute.nearest(new double[] {0, 0}, 1.5, i -> true),
            "order " + k + ", brute force");
      }
    }
  }

  /**
   * The cell of the first point is cell 0: a lattice whose first point is its centre, so that the
   * cells around it, far from the grid's border, count that point through the interior path of
   * the neighbour-cell lookup. On a 21 x 21 lattice with eps 1.5 each inner point has exactly 9
   * points within eps (itself included): with minPts 9 all inner points are core, and a neighbour
   * of the centre that lost it would have 8.
   */
  @Test
  void theFirstCellCountsForTheInteriorCellsAroundIt() {
    List<double[]> lattice = new ArrayList<>();
    lattice.add(new double[] {10, 10});
    for (int i = 0; i <= 20; i++) {
      for (int j = 0; j <= 20; j++) {
        if (i != 10 || j != 10) {
          lattice.add(new double[] {i, j});
        }
      }
    }
    double[][] x = lattice.toArray(new double[0][]);
    DbscanResult result = new GridDbscan(1.5, 9).cluster(new CellGrid(x, CellGrid.sideFor(1.5, 2)), null);
    for (int i = 0; i < x.length; i++) {
      boolean inner = x[i][0] > 0 && x[i][0] < 20 && x[i][1] > 0 && x[i][1] < 20;
      assertEquals(inner, result.core()[i], "point " + Arrays.toString(x[i]));
    }
    DbscanTest.assertGridSameClustering(x, MetricSpace.euclidean(), 1.5, 9);
  }

  /**
   * Random small sets where cells mix core and border points: the grid DBSCAN against the
   * definitions (DbscanTest's reference). Two core cells are joined only through core points; a
   * border point of one cell within eps of a core point of another does not join them.
   */
  @Test
  void gridDbscanAgreesWithTheDefinitionsOnManySmallSets() {
    Random random = new Random(7);
    for (int trial = 0; trial < 400; trial++) {
      int n = 20 + random.nextInt(30);
      double[][] x = new double[n][2];
      for (double[] row : x) {
        row[0] = random.nextInt(40) / 8.0;
        row[1] = random.nextInt(40) / 8.0;
      }
      int minPts = 3 + random.nextInt(5);
      DbscanTest.assertGridSameClustering(x, MetricSpace.euclidean(), 1, minPts);
    }
  }
}
