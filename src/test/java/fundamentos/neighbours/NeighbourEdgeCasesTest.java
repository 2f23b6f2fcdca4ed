package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The neighbour search's building blocks against brute force from the definitions: L_p distances
 * and dot products of every length (the unrolled loops have tails), the bounded heaps (ties broken
 * by the lower index), exact search at k = n and among duplicates, and arguments rejected.
 */
class NeighbourEdgeCasesTest {

  private static double[][] gaussian(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = Math.round(random.nextGaussian() * 1000) / 1000.0;
      }
    }
    return x;
  }

  /** sum |a_i - b_i|^p, or the largest |a_i - b_i| for p = infinity, in double precision. */
  private static double bruteReduced(float[] a, float[] b, double p) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double diff = Math.abs((double) a[i] - b[i]);
      s = Double.isInfinite(p) ? Math.max(s, diff) : s + Math.pow(diff, p);
    }
    return s;
  }

  @Test
  void reducedDistancesAndDotProductsOfEveryLength() {
    double[] orders = {1, 1.5, 2, 3, Double.POSITIVE_INFINITY};
    for (int d = 0; d <= 9; d++) {
      double[][] x = gaussian(2, d, 40 + d);
      for (double p : orders) {
        LpPoints points = LpPoints.of(x, p);
        float[] a = points.row(0);
        float[] b = points.row(1);
        double expected = bruteReduced(a, b, p);
        String what = "p = " + p + ", d = " + d;
        assertEquals(expected, points.reduced(0, 1), 1e-5 * Math.max(1, expected), what);
        assertEquals(expected, points.reduced(a, b), 1e-5 * Math.max(1, expected), what);
        assertEquals(expected, points.reduced(a, b, points.scratch()),
            1e-5 * Math.max(1, expected), what);
        // distance = reduced^(1/p) (the root skipped by the search is put back)
        double distance = Double.isInfinite(p) ? expected : Math.pow(expected, 1 / p);
        assertEquals(distance, points.unreduce(expected), 1e-9 * Math.max(1, distance), what);
      }
      float[] a = LpPoints.toFloat(x[0]);
      float[] b = LpPoints.toFloat(x[1]);
      double dot = 0;
      for (int i = 0; i < d; i++) {
        dot += (double) a[i] * b[i];
      }
      assertEquals(dot, LpPoints.dot(a, b), 1e-5, "dot, d = " + d);
      assertEquals(dot, LpPoints.dot(a, b, new float[d]), 1e-5, "dot with scratch, d = " + d);
    }
  }

  @Test
  void pointsRejectOrdersBelowOneAndRaggedRows() {
    assertThrows(IllegalArgumentException.class, () -> new LpPoints(new float[0][], 0.999));
    assertThrows(IllegalArgumentException.class, () -> new LpPoints(new float[0][], Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> new LpPoints(new float[][] {{1, 2}, {3}}, 2));
    LpPoints empty = new LpPoints(new float[0][], 1);
    assertEquals(0, empty.size());
    assertEquals(0, empty.dimension());
    assertEquals(3, new LpPoints(new float[][] {{1, 2, 3}}, 1).dimension());
  }

  @Test
  void boundedHeapKeepsTheSmallestAndBreaksTiesByTheLowerIndex() {
    SplittableRandom random = new SplittableRandom(8);
    LpPoints squared = new LpPoints(new float[0][], 1); // unreduce is the identity for p = 1
    for (int capacity = 1; capacity <= 9; capacity++) {
      for (int trial = 0; trial < 20; trial++) {
        int m = random.nextInt(25);
        float[] keys = new float[m];
        BoundedHeap heap = new BoundedHeap(capacity);
        for (int j = 0; j < m; j++) {
          // few distinct values: many ties
          keys[j] = random.nextInt(5);
          heap.offer(j, keys[j]);
          assertEquals(Math.min(j + 1, capacity), heap.size());
          assertEquals(j + 1 >= capacity, heap.full());
        }
        Integer[] order = new Integer[m];
        for (int j = 0; j < m; j++) {
          order[j] = j;
        }
        Arrays.sort(order, (p, q) -> keys[p] != keys[q] ? Float.compare(keys[p], keys[q])
            : Integer.compare(p, q));
        int kept = Math.min(m, capacity);
        if (kept > 0) {
          assertEquals(keys[order[kept - 1]], heap.worstKey());
        }
        int[] idx = new int[kept + 2];
        double[] dist = new double[kept + 2];
        Arrays.fill(idx, -7);
        heap.drainSorted(idx, dist, 1, squared);
        assertEquals(0, heap.size());
        assertEquals(-7, idx[0]);
        assertEquals(-7, idx[kept + 1]);
        for (int s = 0; s < kept; s++) {
          assertEquals(order[s].intValue(), idx[s + 1], "capacity " + capacity + " rank " + s);
          assertEquals(keys[order[s]], dist[s + 1], 0);
        }
      }
    }
    BoundedHeap none = new BoundedHeap(0);
    none.offer(3, 1f);
    assertEquals(0, none.size());
    assertTrue(none.full());
    BoundedHeap reused = new BoundedHeap(2);
    reused.offer(1, 5f);
    reused.offer(2, 6f);
    reused.clear();
    assertEquals(0, reused.size());
    assertFalse(reused.full());
  }

  @Test
  void neighbourHeapKeepsTheClosestDistinctNeighbours() {
    SplittableRandom random = new SplittableRandom(12);
    LpPoints manhattan = new LpPoints(new float[0][], 1);
    for (int k = 1; k <= 7; k++) {
      NeighbourHeap heap = new NeighbourHeap(1, k);
      assertEquals(k, heap.k());
      assertEquals(Float.POSITIVE_INFINITY, heap.worst(0));
      float[] best = new float[40];
      Arrays.fill(best, Float.POSITIVE_INFINITY);
      for (int t = 0; t < 60; t++) {
        int j = random.nextInt(40);
        float d = random.nextInt(30);
        // the heap's answer: kept when closer than its farthest and not already present
        float[] kept = heap.reduced(0).clone();
        Arrays.sort(kept);
        boolean present = false;
        for (int s : heap.indices(0)) {
          present |= s == j;
        }
        boolean expected = d < kept[k - 1] && !present;
        assertEquals(expected, heap.push(0, j, d, t % 2 == 0), "push " + t);
        if (expected) {
          best[j] = d;
        }
        float[] after = heap.reduced(0).clone();
        Arrays.sort(after);
        assertEquals(after[k - 1], heap.worst(0), "the farthest kept is on top");
        for (int s = 0; s < k; s++) {
          int idx = heap.indices(0)[s];
          if (idx >= 0) {
            assertEquals(best[idx], heap.reduced(0)[s]);
          }
        }
      }
      KnnGraph graph = heap.toGraphWithSelf(manhattan);
      assertEquals(k + 1, graph.k());
      assertEquals(0, graph.indices(0)[0]);
      assertEquals(0.0, graph.distances(0)[0]);
      for (int s = 2; s <= k; s++) {
        double prev = graph.distances(0)[s - 1];
        double cur = graph.distances(0)[s];
        assertTrue(prev < cur || prev == cur && graph.indices(0)[s - 1] < graph.indices(0)[s],
            "sorted nearest first, ties by index");
      }
    }
  }

  @Test
  void neighbourHeapFlagsFollowTheirEntries() {
    NeighbourHeap heap = new NeighbourHeap(1, 3);
    heap.push(0, 5, 3f, true);
    heap.push(0, 6, 2f, false);
    heap.push(0, 7, 1f, true);
    heap.push(0, 8, 0.5f, false); // evicts 5
    for (int s = 0; s < 3; s++) {
      int j = heap.indices(0)[s];
      assertEquals(j == 7, heap.fresh(0)[s], "flag of " + j);
    }
    assertEquals(2f, heap.worst(0));
  }

  @Test
  void exactSearchAtKEqualToNAndAmongTies() {
    // the four corners of a square and its centre: many equal distances
    double[][] x = {{0, 0}, {2, 0}, {0, 2}, {2, 2}, {1, 1}};
    KnnGraph graph = ExactKnn.ofPoints(LpPoints.of(x, 2), 5, 1);
    assertArrayEquals(new int[] {0, 4, 1, 2, 3}, graph.indices(0));
    assertArrayEquals(new int[] {3, 4, 1, 2, 0}, graph.indices(3));
    assertArrayEquals(new int[] {4, 0, 1, 2, 3}, graph.indices(4));
    assertEquals(Math.sqrt(2), graph.distances(4)[1], 1e-7);
    assertEquals(Math.sqrt(8), graph.distances(0)[4], 1e-6);
    // one point: itself only
    KnnGraph one = ExactKnn.ofPoints(LpPoints.of(new double[][] {{3, 4}}, 2), 1, 1);
    assertArrayEquals(new int[] {0}, one.indices(0));
    assertEquals(0.0, one.distances(0)[0]);
    LpPoints points = LpPoints.of(x, 2);
    assertThrows(IllegalArgumentException.class, () -> ExactKnn.ofPoints(points, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> ExactKnn.ofPoints(points, 6, 1));
    assertThrows(IllegalArgumentException.class,
        () -> ExactKnn.ofQueries(points, new float[][] {{0, 0}}, 6, 1));
    // a query on a duplicate: lower index first
    KnnGraph q = ExactKnn.ofQueries(points, new float[][] {{1, 1}, {2, 1}}, 5, 1);
    assertArrayEquals(new int[] {4, 0, 1, 2, 3}, q.indices(0));
    assertArrayEquals(new int[] {1, 3, 4, 0, 2}, q.indices(1));
  }

  @Test
  void recallCountsTheExactNeighboursFound() {
    KnnGraph exact = new KnnGraph(new int[][] {{0, 1, 2}, {1, 0, 3}},
        new double[][] {{0, 1, 2}, {0, 1, 2}});
    KnnGraph approx = new KnnGraph(new int[][] {{0, 2, 3}, {1, 3, 0}},
        new double[][] {{0, 1, 2}, {0, 1, 2}});
    assertEquals(5.0 / 6, approx.recall(exact), 1e-15);
    assertEquals(1.0, exact.recall(exact));
    assertEquals(1.0, new KnnGraph(new int[0][], new double[0][]).recall(
        new KnnGraph(new int[0][], new double[0][])));
    assertEquals(0, new KnnGraph(new int[0][], new double[0][]).k());
    assertThrows(IllegalArgumentException.class,
        () -> approx.recall(new KnnGraph(new int[][] {{0}}, new double[][] {{0}})));
    assertThrows(IllegalArgumentException.class,
        () -> new KnnGraph(new int[][] {{0}}, new double[0][]));
  }

  /** Every row: itself first, then neighbours at their true distances, nearest first. */
  private static void assertConsistent(KnnGraph graph, LpPoints points, int k) {
    for (int i = 0; i < graph.size(); i++) {
      int[] idx = graph.indices(i);
      assertEquals(k, idx.length);
      assertEquals(i, idx[0]);
      assertEquals(0.0, graph.distances(i)[0]);
      for (int s = 1; s < k; s++) {
        assertTrue(idx[s] != i && idx[s] >= 0, "row " + i);
        assertEquals(points.unreduce(points.reduced(i, idx[s])), graph.distances(i)[s], 1e-6,
            "row " + i + " neighbour " + s);
        assertTrue(graph.distances(i)[s] >= graph.distances(i)[s - 1]);
        for (int t = 1; t < s; t++) {
          assertTrue(idx[t] != idx[s], "row " + i + " lists " + idx[s] + " twice");
        }
      }
    }
  }

  @Test
  void nnDescentIsExactWhenTheWholeSetIsOneLeaf() {
    // n <= leaf size (max(10, k)): every tree is one leaf, the start graph compares all pairs
    for (double p : new double[] {1, 2, Double.POSITIVE_INFINITY}) {
      LpPoints points = LpPoints.of(gaussian(12, 3, 5), p);
      NearestNeighbourDescent.Result result = new NearestNeighbourDescent(4, 3, 1).build(points);
      KnnGraph exact = ExactKnn.ofPoints(points, 4, 1);
      assertConsistent(result.graph, points, 4);
      assertEquals(1.0, result.graph.recall(exact));
      assertTrue(result.rounds >= 1 && result.rounds <= 5, "rounds " + result.rounds);
    }
    LpPoints two = LpPoints.of(new double[][] {{0}, {1}}, 2);
    KnnGraph pair = new NearestNeighbourDescent(2, 1, 1).build(two).graph;
    assertArrayEquals(new int[] {0, 1}, pair.indices(0));
    assertArrayEquals(new int[] {1, 0}, pair.indices(1));
    assertEquals(1.0, pair.distances(0)[1], 0);
    assertThrows(IllegalArgumentException.class,
        () -> new NearestNeighbourDescent(1, 1, 1).build(two));
    assertThrows(IllegalArgumentException.class,
        () -> new NearestNeighbourDescent(3, 1, 1).build(two));
  }

  @Test
  void nnDescentFindsTheTrueNeighboursOfLowDimensionalData() {
    // 1,500 points in 3-D, several leaves per tree: the joins must repair the start graph
    LpPoints points = LpPoints.of(gaussian(1500, 3, 77), 2);
    KnnGraph exact = ExactKnn.ofPoints(points, 8, 2);
    VectorIndex index = VectorIndex.build(points, 8, 100, 9, 2);
    assertFalse(index.isExact());
    assertTrue(index.rounds() >= 1 && index.rounds() <= 11, "rounds " + index.rounds());
    KnnGraph graph = index.trainingGraph();
    assertConsistent(graph, points, 8);
    double recall = graph.recall(exact);
    assertTrue(recall >= 0.99, "recall " + recall);
    // queries through the graph: the training points' own neighbourhoods and fresh points
    float[][] queries = new float[300][];
    double[][] fresh = gaussian(300, 3, 78);
    for (int q = 0; q < queries.length; q++) {
      queries[q] = LpPoints.toFloat(fresh[q]);
    }
    KnnGraph found = index.query(queries, 6, 2);
    KnnGraph truth = ExactKnn.ofQueries(points, queries, 6, 2);
    double queryRecall = found.recall(truth);
    assertTrue(queryRecall >= 0.98, "query recall " + queryRecall);
    for (int q = 0; q < queries.length; q++) {
      for (int s = 0; s < 6; s++) {
        int j = found.indices(q)[s];
        assertEquals(points.unreduce(points.reduced(queries[q], points.row(j))),
            found.distances(q)[s], 1e-6);
        if (s > 0) {
          assertTrue(found.distances(q)[s] >= found.distances(q)[s - 1]);
        }
      }
    }
  }

  @Test
  void indexOverFewerPointsThanNeighboursAnswersExactly() {
    LpPoints points = LpPoints.of(gaussian(40, 2, 3), 2);
    VectorIndex exact = VectorIndex.build(points, 5, 41, 1, 1);
    assertTrue(exact.isExact());
    assertEquals(0, exact.rounds());
    assertEquals(points, exact.points());
    VectorIndex approx = VectorIndex.build(points, 5, 40, 1, 1);
    assertFalse(approx.isExact());
    float[][] queries = {{0.1f, 0.2f}, {5f, 5f}};
    // k >= n: every point, nearest first
    KnnGraph all = approx.query(queries, 40, 1);
    KnnGraph truth = ExactKnn.ofQueries(points, queries, 40, 1);
    assertArrayEquals(truth.indices(0), all.indices(0));
    assertArrayEquals(truth.indices(1), all.indices(1));
    KnnGraph more = approx.query(queries, 45, 1);
    assertEquals(40, more.k());
    // below n, the graph search: k distinct points at their true distances, nearest first
    KnnGraph some = approx.query(queries, 12, 1);
    for (int q = 0; q < 2; q++) {
      for (int s = 0; s < 12; s++) {
        int j = some.indices(q)[s];
        assertEquals(points.unreduce(points.reduced(queries[q], points.row(j))),
            some.distances(q)[s], 1e-6);
        for (int t = 0; t < s; t++) {
          assertTrue(some.indices(q)[t] != j);
        }
        if (s > 0) {
          assertTrue(some.distances(q)[s] >= some.distances(q)[s - 1]);
        }
      }
    }
    assertTrue(some.recall(ExactKnn.ofQueries(points, queries, 12, 1)) >= 0.9);
  }

  @Test
  void graphSearchThatRunsOutOfCandidatesComparesWithEveryPoint() {
    // two clusters far apart: the 5-neighbour graph never links them, so a search for 30 of the
    // 40 points reaches at most the 20 of one cluster and must fall back to comparing with all
    double[][] x = gaussian(40, 2, 13);
    for (int i = 20; i < 40; i++) {
      x[i][0] += 1000;
    }
    LpPoints points = LpPoints.of(x, 2);
    VectorIndex index = VectorIndex.build(points, 5, 0, 3, 1);
    float[][] queries = {{0.2f, -0.1f}, {1000f, 0.5f}};
    KnnGraph found = index.query(queries, 30, 1);
    KnnGraph truth = ExactKnn.ofQueries(points, queries, 30, 1);
    for (int q = 0; q < 2; q++) {
      assertArrayEquals(truth.indices(q), found.indices(q));
      assertArrayEquals(truth.distances(q), found.distances(q), 1e-9);
    }
  }

  @Test
  void treeLeavesPartitionThePoints() {
    for (int d : new int[] {2, 70}) {
      LpPoints points = LpPoints.of(gaussian(500, d, 21), 2);
      TreeSpace space = TreeSpace.of(points, 4, 1);
      RandomProjectionTree tree = new RandomProjectionTree(space.points(), space.squaredNorms(), 10,
          new SplittableRandom(6));
      int[] leaf = tree.leafOfEachPoint();
      int[] count = new int[500];
      for (int i = 0; i < 500; i++) {
        int l = leaf[i];
        assertTrue(tree.leafEnd(l) - tree.leafStart(l) <= 10, "leaf size");
        assertTrue(tree.leafEnd(l) - tree.leafStart(l) >= 1, "leaf size");
        boolean inside = false;
        for (int s = tree.leafStart(l); s < tree.leafEnd(l); s++) {
          inside |= tree.pointAt(s) == i;
        }
        assertTrue(inside, "point " + i + " in its leaf");
        count[tree.pointAt(i)]++;
        // a training point off every hyperplane descends to its own leaf
        assertEquals(l, tree.leafOf(space.project(points.row(i)), space.points(),
            space.squaredNorms()), "leaf of point " + i);
      }
      for (int c : count) {
        assertEquals(1, c);
      }
    }
  }

  @Test
  void duplicatesEndInSmallLeavesAndAtDistanceZero() {
    double[][] same = new double[37][3];
    for (double[] row : same) {
      Arrays.fill(row, 2.5);
    }
    LpPoints points = LpPoints.of(same, 2);
    TreeSpace space = TreeSpace.of(points, 1, 1);
    RandomProjectionTree tree = new RandomProjectionTree(space.points(), space.squaredNorms(), 10,
        new SplittableRandom(2));
    int[] leaf = tree.leafOfEachPoint();
    boolean[] seen = new boolean[37];
    for (int i = 0; i < 37; i++) {
      int l = leaf[i];
      int size = tree.leafEnd(l) - tree.leafStart(l);
      // every point is on the hyperplane of two equal pivots: sides are drawn at random, and
      // splitting goes on until leaves are small
      assertTrue(size >= 1 && size <= 10, "leaf of " + size);
      seen[tree.pointAt(i)] = true;
    }
    for (boolean s : seen) {
      assertTrue(s);
    }
    // a query equal to the duplicates reaches a leaf
    int l = tree.leafOf(new float[] {2.5f, 2.5f, 2.5f}, space.points(), space.squaredNorms());
    assertTrue(tree.leafEnd(l) > tree.leafStart(l));
    // NN-descent over duplicates: every neighbour at distance 0
    KnnGraph graph = new NearestNeighbourDescent(5, 1, 1).build(points).graph;
    assertConsistent(graph, points, 5);
    for (int i = 0; i < 37; i++) {
      assertEquals(0.0, graph.distances(i)[4]);
    }
  }

  @Test
  void treeSpaceProjectsManyDimensionsToThirtyTwoKeepingNorms() {
    LpPoints low = LpPoints.of(gaussian(10, 64, 1), 2);
    TreeSpace same = TreeSpace.of(low, 1, 1);
    assertEquals(low, same.points());
    assertEquals(64, same.points().dimension());
    float[] q = low.row(3);
    assertEquals(q, same.project(q));
    double[][] x = gaussian(400, 65, 2);
    LpPoints high = LpPoints.of(x, 2);
    TreeSpace space = TreeSpace.of(high, 7, 2);
    assertEquals(TreeSpace.DIMENSION, space.points().dimension());
    assertEquals(400, space.points().size());
    double ratio = 0;
    for (int i = 0; i < 400; i++) {
      float[] projected = space.points().row(i);
      assertArrayEquals(projected, space.project(high.row(i)), 1e-5f);
      double norm = 0;
      double original = 0;
      for (float v : projected) {
        norm += v * v;
      }
      for (double v : x[i]) {
        original += v * v;
      }
      assertEquals(norm, space.squaredNorms()[i], 1e-3 * norm);
      ratio += norm / original / 400;
    }
    // Gaussian entries of variance 1 / 32: E |R^T x|^2 = |x|^2 (Johnson-Lindenstrauss)
    assertEquals(1.0, ratio, 0.15);
    // a zero row projects to zero
    float[] zero = space.project(new float[65]);
    assertArrayEquals(new float[TreeSpace.DIMENSION], zero);
  }
}
