package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The index's graph search against its definition, computed here from the same tree and search
 * graph (pynndescent's query): start with every point of the query's leaf; repeatedly take the
 * nearest candidate not yet expanded, stop when the k best are found and it is farther than
 * (1 + 0.1) times the k-th best distance, else measure its not yet visited neighbours and keep as
 * candidates those within (1 + 0.1) of the k-th best (all of them while fewer than k are found);
 * compare with every point if fewer than k were reached. The number of distances computed must be
 * the definition's, query by query. And the search graph: per point its neighbours and reverse
 * neighbours, each once, nearest first (ties by index), at most 2 (k - 1).
 */
class GraphSearchTest {

  static float[][] gaussian(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] x = new float[n][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    return x;
  }

  /** The search by its definition; writes the answer, returns the distances computed. */
  static int simulate(VectorIndex index, float[] x, int k, int[] answer) {
    LpPoints points = index.points();
    int n = points.size();
    RandomProjectionTree tree = index.tree();
    TreeSpace space = index.treeSpace();
    int leaf = tree.leafOf(space.project(x), space.points(), space.squaredNorms());
    boolean[] visited = new boolean[n];
    float[] dist = new float[n];
    Comparator<Integer> nearer = (p, q) -> dist[p] != dist[q] ? Float.compare(dist[p], dist[q])
        : Integer.compare(p, q);
    TreeSet<Integer> best = new TreeSet<>(nearer);
    PriorityQueue<Integer> candidates = new PriorityQueue<>(nearer);
    int evaluations = 0;
    for (int s = tree.leafStart(leaf); s < tree.leafEnd(leaf); s++) {
      int j = tree.pointAt(s);
      visited[j] = true;
      dist[j] = points.reduced(x, points.row(j));
      evaluations++;
      keep(best, j, k);
      candidates.add(j);
    }
    while (!candidates.isEmpty()) {
      int c = candidates.peek();
      if (best.size() == k
          && points.unreduce(dist[c]) > (1 + 0.1) * points.unreduce(dist[best.last()])) {
        break;
      }
      candidates.poll();
      for (int u : index.searchNeighbours(c)) {
        if (visited[u]) {
          continue;
        }
        visited[u] = true;
        dist[u] = points.reduced(x, points.row(u));
        evaluations++;
        if (best.size() < k
            || points.unreduce(dist[u]) < (1 + 0.1) * points.unreduce(dist[best.last()])) {
          candidates.add(u);
          keep(best, u, k);
        }
      }
    }
    if (best.size() < k) {
      best.clear();
      for (int j = 0; j < n; j++) {
        dist[j] = points.reduced(x, points.row(j));
        keep(best, j, k);
      }
      evaluations += n;
    }
    int s = 0;
    for (int j : best) {
      answer[s++] = j;
    }
    return evaluations;
  }

  private static void keep(TreeSet<Integer> best, int j, int k) {
    best.add(j);
    if (best.size() > k) {
      best.pollLast();
    }
  }

  private static void assertSearchesAsDefined(VectorIndex index, float[][] queries, int k) {
    int[] work = new int[queries.length];
    KnnGraph found = index.query(queries, k, 1, work);
    for (int q = 0; q < queries.length; q++) {
      int[] answer = new int[k];
      int expected = simulate(index, queries[q], k, answer);
      assertEquals(expected, work[q], "distances computed for query " + q);
      assertArrayEquals(answer, found.indices(q), "answer to query " + q);
    }
  }

  @Test
  void graphSearchDoesTheWorkOfItsDefinition() {
    float[][] x = gaussian(400, 3, 41);
    LpPoints points = new LpPoints(x, 2);
    VectorIndex index = VectorIndex.build(points, 6, 0, 5, 1);
    assertFalse(index.isExact());
    // 100 queries (two blocks of 64 share their buffers): fresh points, training points, far ones
    float[][] queries = new float[100][];
    float[][] fresh = gaussian(100, 3, 42);
    for (int q = 0; q < queries.length; q++) {
      queries[q] = q % 5 == 1 ? x[q] : q % 5 == 2 ? new float[] {9 * fresh[q][0], 9, -9} : fresh[q];
    }
    assertSearchesAsDefined(index, queries, 5);
    assertSearchesAsDefined(index, queries, 1);
    assertSearchesAsDefined(index, queries, 30);
    // the search prunes: fewer distances than a comparison with all 400 points
    int[] work = new int[queries.length];
    index.query(queries, 5, 1, work);
    long total = 0;
    for (int w : work) {
      total += w;
    }
    assertTrue(total < 100 * 400 / 2, total + " distances for 100 queries");
    // k of n or more: answered by comparing with all (no graph search)
    int[] none = new int[queries.length];
    java.util.Arrays.fill(none, -1);
    KnnGraph all = index.query(queries, 400, 1, none);
    for (int q = 0; q < queries.length; q++) {
      assertEquals(-1, none[q], "query " + q + " left alone");
    }
    assertEquals(400, all.k());
  }

  @Test
  void graphSearchDoesTheWorkOfItsDefinitionUnderManhattanDistance() {
    float[][] x = gaussian(300, 4, 43);
    LpPoints points = new LpPoints(x, 1);
    VectorIndex index = VectorIndex.build(points, 5, 0, 6, 1);
    assertSearchesAsDefined(index, gaussian(70, 4, 44), 4);
  }

  @Test
  void aQueryOnManyCopiesStopsAtTheCopiesTheLeafHolds() {
    // 30 copies of one point among 200 others; a query equal to the copies: once k copies are
    // found the k-th best distance is 0, a candidate is kept only if nearer than 0 (none), and
    // the search stops at the first candidate farther than 0
    int k = 3;
    boolean tried = false;
    for (long seed = 1; seed <= 30 && !tried; seed++) {
      float[][] x = gaussian(230, 3, 45 + seed);
      for (int i = 200; i < 230; i++) {
        x[i] = new float[] {0.25f, 0.25f, 0.25f};
      }
      LpPoints points = new LpPoints(x, 2);
      VectorIndex index = VectorIndex.build(points, 6, 0, seed, 1);
      float[] query = {0.25f, 0.25f, 0.25f};
      RandomProjectionTree tree = index.tree();
      TreeSpace space = index.treeSpace();
      int leaf = tree.leafOf(space.project(query), space.points(), space.squaredNorms());
      int copies = 0;
      for (int s = tree.leafStart(leaf); s < tree.leafEnd(leaf); s++) {
        copies += tree.pointAt(s) >= 200 ? 1 : 0;
      }
      if (copies < k) {
        continue;
      }
      tried = true;
      assertSearchesAsDefined(index, new float[][] {query}, k);
      int[] work = new int[1];
      index.query(new float[][] {query}, k, 1, work);
      assertTrue(work[0] > tree.leafEnd(leaf) - tree.leafStart(leaf),
          "the copies in the leaf are expanded");
    }
    assertTrue(tried, "some seed puts k copies in the query's leaf");
  }


  @Test
  void aSearchThatCannotFillFallsBackAsDefined() {
    // two clusters 1,000 apart: the graph never links them, so 30 of 40 points cannot be reached
    // from one cluster and the search compares with all 40 after what it did
    float[][] x = gaussian(40, 2, 13);
    for (int i = 20; i < 40; i++) {
      x[i][0] += 1000;
    }
    VectorIndex index = VectorIndex.build(new LpPoints(x, 2), 5, 0, 3, 1);
    float[][] queries = {{0.2f, -0.1f}, {1000f, 0.5f}};
    assertSearchesAsDefined(index, queries, 30);
    int[] work = new int[2];
    index.query(queries, 30, 1, work);
    assertTrue(work[0] > 40 && work[1] > 40, "fell back: " + work[0] + ", " + work[1]);
  }

  @Test
  void farPointsAreKeptWhileFewerThanKAreFound() {
    // ten points within 0.5 of the origin and ten far out on a line (2, 4, ..., 1024): fifteen
    // neighbours of the origin need five far ones, each beyond 1.1 times every distance found
    // before it; until k are found every point reached must be kept
    for (long seed = 1; seed <= 5; seed++) {
      float[][] x = gaussian(20, 2, 60 + seed);
      for (int i = 0; i < 10; i++) {
        x[i][0] *= 0.2f;
        x[i][1] *= 0.2f;
        x[10 + i] = new float[] {(float) Math.pow(2, i + 1), 0f};
      }
      VectorIndex index = VectorIndex.build(new LpPoints(x, 2), 6, 0, seed, 1);
      assertSearchesAsDefined(index, new float[][] {{0f, 0f}, {0.1f, -0.1f}, {3.3f, 0.7f}}, 15);
    }
  }

  @Test
  void copiesOutsideTheLeafAreNotKeptOnceKCopiesAreFound() {
    // 30 copies and 9 neighbours per point: a copy's row holds copies from other leaves, so the
    // search meets copies at distance 0 outside the query's leaf; with the k-th best at 0 a
    // candidate must be nearer than 0 to be kept: those copies are measured, not kept
    int k = 3;
    boolean tried = false;
    for (long seed = 1; seed <= 30 && !tried; seed++) {
      float[][] x = gaussian(230, 3, 70 + seed);
      for (int i = 200; i < 230; i++) {
        x[i] = new float[] {0.25f, 0.25f, 0.25f};
      }
      VectorIndex index = VectorIndex.build(new LpPoints(x, 2), 10, 0, seed, 1);
      float[] query = {0.25f, 0.25f, 0.25f};
      RandomProjectionTree tree = index.tree();
      TreeSpace space = index.treeSpace();
      int leaf = tree.leafOf(space.project(query), space.points(), space.squaredNorms());
      java.util.Set<Integer> inLeaf = new java.util.HashSet<>();
      int copies = 0;
      for (int s = tree.leafStart(leaf); s < tree.leafEnd(leaf); s++) {
        inLeaf.add(tree.pointAt(s));
        copies += tree.pointAt(s) >= 200 ? 1 : 0;
      }
      boolean outside = false;
      for (int c : inLeaf) {
        if (c >= 200) {
          for (int u : index.searchNeighbours(c)) {
            outside |= u >= 200 && !inLeaf.contains(u);
          }
        }
      }
      if (copies < k || !outside) {
        continue;
      }
      tried = true;
      assertSearchesAsDefined(index, new float[][] {query}, k);
    }
    assertTrue(tried, "some seed puts k copies in the query's leaf, linked to copies outside it");
  }

  /** The search graph against its definition. */
  private static void assertSearchGraph(VectorIndex index) {
    KnnGraph graph = index.trainingGraph();
    int n = graph.size();
    int k = graph.k();
    List<Map<Integer, Double>> candidates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      candidates.add(new HashMap<>());
    }
    for (int i = 0; i < n; i++) {
      for (int s = 1; s < k; s++) {
        int j = graph.indices(i)[s];
        double d = graph.distances(i)[s];
        candidates.get(i).merge(j, d, Double::min);
        candidates.get(j).merge(i, d, Double::min);
      }
    }
    for (int i = 0; i < n; i++) {
      Map<Integer, Double> c = candidates.get(i);
      List<Integer> sorted = new ArrayList<>(c.keySet());
      sorted.sort((p, q) -> c.get(p).doubleValue() != c.get(q).doubleValue()
          ? Double.compare(c.get(p), c.get(q)) : Integer.compare(p, q));
      int[] expected = new int[Math.min(2 * (k - 1), sorted.size())];
      for (int s = 0; s < expected.length; s++) {
        expected[s] = sorted.get(s);
      }
      assertArrayEquals(expected, index.searchNeighbours(i), "search graph of " + i);
    }
  }

  @Test
  void theSearchGraphHoldsNeighboursAndReverseNeighboursNearestFirst() {
    LpPoints points = new LpPoints(gaussian(300, 3, 46), 2);
    assertSearchGraph(VectorIndex.build(points, 5, 0, 2, 1));
    // a grid: many equal distances, ordered by index
    float[][] grid = new float[216][];
    for (int i = 0; i < 216; i++) {
      grid[i] = new float[] {i % 6, (i / 6) % 6, i / 36};
    }
    assertSearchGraph(VectorIndex.build(new LpPoints(grid, 2), 7, 0, 3, 1));
    assertSearchGraph(VectorIndex.build(new LpPoints(grid, 1), 4, 0, 4, 1));
    // a hub: ten points on the unit circle (neighbours 0.62 apart, next ones 1.18) and its
    // centre, the third neighbour of every one of them: the centre's ten candidates are cut to
    // 2 (5 - 1) = 8
    float[][] ring = new float[11][];
    ring[0] = new float[] {0f, 0f};
    for (int i = 1; i <= 10; i++) {
      double angle = 2 * Math.PI * i / 10;
      ring[i] = new float[] {(float) Math.cos(angle), (float) Math.sin(angle)};
    }
    VectorIndex hub = VectorIndex.build(new LpPoints(ring, 2), 5, 0, 5, 1);
    assertSearchGraph(hub);
    assertEquals(8, hub.searchNeighbours(0).length);
  }

  @Test
  void anExactIndexKeepsNoTreeNorGraph() {
    LpPoints points = new LpPoints(gaussian(50, 2, 47), 2);
    VectorIndex exact = VectorIndex.build(points, 4, 51, 1, 1);
    assertTrue(exact.isExact());
    assertNull(exact.tree());
    assertNull(exact.treeSpace());
    assertNull(exact.searchNeighbours(0));
    int[] work = {-1, -1};
    exact.query(new float[][] {{0f, 0f}, {1f, 1f}}, 3, 1, work);
    assertEquals(-1, work[0], "an exact index does no graph search");
  }
}
