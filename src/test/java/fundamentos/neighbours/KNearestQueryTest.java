package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The k-nearest query of {@link NeighbourSearch} (indices and distances, nearest first, ties to the
 * lower index) answered by every structure, against the definition computed here; its batch form
 * against the single query; and the k-neighbour graph of {@link KnnGraphSearch} against "the k
 * nearest of the point's own coordinates, the point moved to the front". Points lie on an integer
 * lattice: many duplicates and equal distances, all exact in float and double, so indices and
 * distances are compared exactly.
 */
class KNearestQueryTest {

  private static final double[] ORDERS = {1, 2, Double.POSITIVE_INFINITY};

  static double[][] lattice(int n, int d, int side, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextInt(side);
      }
    }
    return x;
  }

  /** The definition: every point sorted by distance, then index; the first k. */
  static NeighbourSearch.Nearest definition(double[][] x, double[] q, int k, double p) {
    MinkowskiMetric metric = new MinkowskiMetric(p);
    double[] d = new double[x.length];
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = metric.distance(q, x[i]);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b])
        : Integer.compare(a, b));
    int kept = Math.min(k, x.length);
    int[] idx = new int[kept];
    double[] dist = new double[kept];
    for (int s = 0; s < kept; s++) {
      idx[s] = order[s];
      dist[s] = d[order[s]];
    }
    return new NeighbourSearch.Nearest(idx, dist);
  }

  static List<NeighbourSearch> searches(double[][] x, double p) {
    MinkowskiMetric metric = new MinkowskiMetric(p);
    List<NeighbourSearch> out = new ArrayList<>();
    out.add(new KdTree(x, metric));
    out.add(new BallTree(x, metric));
    out.add(new BruteForceSearch(x, metric::distance));
    out.add(new ExactKnn(LpPoints.of(x, p)));
    // an index below its exact threshold, and one whose queries fall back to exact search
    out.add(VectorIndex.build(LpPoints.of(x, p), 4, x.length + 1, 1, 1));
    if (p == 2) {
      out.add(new CellGrid(x, 1));
    }
    return out;
  }

  @Test
  void everyStructureAnswersTheDefinition() {
    for (double p : ORDERS) {
      double[][] x = lattice(80, 3, 4, 1);
      double[][] queries = lattice(25, 3, 5, 2);
      for (NeighbourSearch search : searches(x, p)) {
        String name = search.getClass().getSimpleName() + " p = " + p;
        for (int k : new int[] {1, 5, 17, 80, 95}) {
          KnnGraph batch = search.kNearest(queries, k, 3);
          assertEquals(queries.length, batch.size());
          for (int q = 0; q < queries.length; q++) {
            NeighbourSearch.Nearest expected = definition(x, queries[q], k, p);
            NeighbourSearch.Nearest found = search.kNearest(queries[q], k);
            assertArrayEquals(expected.indices(), found.indices(), name + " k " + k + " q " + q);
            assertArrayEquals(expected.distances(), found.distances(), 0, name);
            assertArrayEquals(expected.distances(), search.nearestDistances(queries[q], k), 0,
                name);
            assertArrayEquals(found.indices(), batch.indices(q), name + " batch");
            assertArrayEquals(found.distances(), batch.distances(q), 0, name + " batch");
          }
        }
      }
    }
  }

  @Test
  void aGraphRowIsThePointThenItsNearestOthers() {
    // few distinct points: every point has duplicates, some with lower indices
    double[][] x = lattice(60, 2, 3, 3);
    for (double p : ORDERS) {
      LpPoints points = LpPoints.of(x, p);
      for (KnnGraphSearch search : new KnnGraphSearch[] {new ExactKnn(points),
          VectorIndex.build(points, 7, 100, 1, 1)}) {
        for (int k : new int[] {1, 7, 12}) {
          KnnGraph graph = search.graph(k, 2);
          for (int i = 0; i < x.length; i++) {
            NeighbourSearch.Nearest all = definition(x, x[i], k, p);
            List<Integer> expected = new ArrayList<>();
            expected.add(i);
            for (int j : all.indices()) {
              if (j != i && expected.size() < k) {
                expected.add(j);
              }
            }
            int[] row = graph.indices(i);
            assertEquals(k, row.length);
            for (int s = 0; s < k; s++) {
              assertEquals(expected.get(s).intValue(), row[s], "p " + p + " k " + k + " i " + i);
              assertEquals(new MinkowskiMetric(p).distance(x[i], x[row[s]]),
                  graph.distances(i)[s], 0);
            }
          }
        }
      }
    }
  }

  @Test
  void theApproximateIndexAnswersWithItsGraphAndGraphSearch() {
    double[][] x = new double[600][];
    Random random = new Random(4);
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(),
          random.nextGaussian() + 6 * (i % 3)};
    }
    LpPoints points = LpPoints.of(x, 2);
    VectorIndex index = VectorIndex.build(points, 10, 0, 3, 2);
    // the graph is the one NN-descent built, and only that k is available
    assertSame(index.trainingGraph(), index.graph(10, 1));
    assertThrows(IllegalArgumentException.class, () -> index.graph(9, 1));
    double[][] queries = lattice(50, 4, 3, 5);
    float[][] rows = new float[queries.length][];
    for (int q = 0; q < rows.length; q++) {
      rows[q] = LpPoints.toFloat(queries[q]);
    }
    // the query of the interface is the index's graph search, not an exact scan
    KnnGraph searched = index.query(rows, 10, 1);
    KnnGraph viaInterface = index.kNearest(queries, 10, 2);
    for (int q = 0; q < queries.length; q++) {
      assertArrayEquals(searched.indices(q), viaInterface.indices(q));
      assertArrayEquals(searched.distances(q), viaInterface.distances(q), 0);
      assertArrayEquals(searched.indices(q), index.kNearest(queries[q], 10).indices());
    }
    KnnGraph exact = new ExactKnn(points).kNearest(queries, 10, 1);
    assertTrue(viaInterface.recall(exact) >= 0.95, "recall " + viaInterface.recall(exact));
    // a range query is exact: every point within the radius, with its distance
    ExactKnn scan = new ExactKnn(points);
    for (double[] q : queries) {
      List<String> fromIndex = new ArrayList<>();
      List<String> fromScan = new ArrayList<>();
      index.within(q, 2.5, (i, d) -> fromIndex.add(i + ":" + d));
      scan.within(q, 2.5, (i, d) -> fromScan.add(i + ":" + d));
      assertEquals(fromScan, fromIndex);
      for (String hit : fromScan) {
        int i = Integer.parseInt(hit.substring(0, hit.indexOf(':')));
        assertTrue(new MinkowskiMetric(2).distance(q, x[i]) <= 2.5 + 1e-5);
      }
      assertEquals(definitionCount(x, q, 2.5), fromScan.size(), 1);
    }
  }

  /** Points within r by double distances (the float search may differ at the boundary by one). */
  private static int definitionCount(double[][] x, double[] q, double r) {
    int count = 0;
    for (double[] row : x) {
      if (new MinkowskiMetric(2).distance(q, row) <= r) {
        count++;
      }
    }
    return count;
  }

  @Test
  void aQueryOfMoreNeighboursThanThereArePoints() {
    double[][] x = lattice(6, 2, 3, 6);
    for (NeighbourSearch search : searches(x, 2)) {
      assertEquals(6, search.kNearest(new double[] {1, 1}, 10).indices().length);
      assertEquals(6, search.kNearest(new double[][] {{1, 1}, {0, 2}}, 10, 2).k());
    }
  }
}
