package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * NN-descent watched round by round and checked against its definition (Dong, Charikar and Li
 * 2011; pynndescent's variant), computed here by brute force from the state before each step:
 *
 * <ul>
 *   <li>the start graph: each point's k - 1 nearest among the members of its leaves in every tree
 *       of the forest (and every other point when the leaves hold fewer), all flagged new;
 *   <li>a round: the candidates of v are its neighbours and reverse neighbours, split by their
 *       "new" flag; every pair of candidates with at least one new member is compared; each row
 *       ends as its k - 1 nearest among what it held and every point it was compared with; a
 *       neighbour flagged new was joined, so after the round exactly the neighbours that arrived in
 *       it are new; the updates counted lie between the entries gained and the improving proposals;
 *   <li>the stopping rule: a round with at most 0.001 n (k - 1) updates is the last, and no more
 *       than max(5, round(log2 n)) rounds run.
 * </ul>
 *
 * <p>The data keep every candidate pool within 60 (asserted), so no candidate is left out by the
 * sampling; the sampling itself is tested on {@code CandidateLists} in NeighbourSamplingTest.
 */
class NearestNeighbourDescentRoundsTest {

  /** The heap's rows at one moment: neighbours, reduced distances, new flags. */
  static final class Snapshot {
    final int[][] idx;
    final float[][] dist;
    final boolean[][] fresh;

    Snapshot(NeighbourHeap heap, int n) {
      idx = new int[n][];
      dist = new float[n][];
      fresh = new boolean[n][];
      for (int i = 0; i < n; i++) {
        idx[i] = heap.indices(i).clone();
        dist[i] = heap.reduced(i).clone();
        fresh[i] = heap.fresh(i).clone();
      }
    }

    Set<Integer> row(int i) {
      Set<Integer> out = new HashSet<>();
      for (int j : idx[i]) {
        out.add(j);
      }
      return out;
    }

    float worst(int i) {
      float w = Float.NEGATIVE_INFINITY;
      for (float d : dist[i]) {
        w = Math.max(w, d);
      }
      return w;
    }
  }

  /** Keeps a copy of the start graph, the forest and the heap after every round. */
  static final class Recorder implements NearestNeighbourDescent.Observer {
    final int n;
    Snapshot start;
    RandomProjectionTree[] forest;
    final List<Integer> roundIds = new ArrayList<>();
    final List<Long> updates = new ArrayList<>();
    final List<Snapshot> after = new ArrayList<>();

    Recorder(int n) {
      this.n = n;
    }

    @Override
    public void started(NeighbourHeap heap, RandomProjectionTree[] trees) {
      start = new Snapshot(heap, n);
      forest = trees.clone();
    }

    @Override
    public void round(int round, long count, NeighbourHeap heap) {
      roundIds.add(round);
      updates.add(count);
      after.add(new Snapshot(heap, n));
    }
  }

  static double[][] gaussian(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return x;
  }

  /** The m nearest of a set of candidates to point p, by (reduced distance, index). */
  private static Set<Integer> nearest(LpPoints points, int p, Set<Integer> candidates, int m) {
    List<Integer> sorted = new ArrayList<>(candidates);
    sorted.sort((x, y) -> {
      float dx = points.reduced(p, x);
      float dy = points.reduced(p, y);
      return dx != dy ? Float.compare(dx, dy) : Integer.compare(x, y);
    });
    return new HashSet<>(sorted.subList(0, Math.min(m, sorted.size())));
  }

  static int[][] leafOfEachPoint(RandomProjectionTree[] forest) {
    int[][] leafOf = new int[forest.length][];
    for (int t = 0; t < forest.length; t++) {
      leafOf[t] = forest[t].leafOfEachPoint();
    }
    return leafOf;
  }

  /** The other members of point i's leaves, over the whole forest. */
  private static Set<Integer> leafMembers(RandomProjectionTree[] forest, int[][] leafOf, int i) {
    Set<Integer> union = new TreeSet<>();
    for (int t = 0; t < forest.length; t++) {
      RandomProjectionTree tree = forest[t];
      int leaf = leafOf[t][i];
      for (int s = tree.leafStart(leaf); s < tree.leafEnd(leaf); s++) {
        union.add(tree.pointAt(s));
      }
    }
    union.remove(i);
    return union;
  }

  /** The start graph against the forest's leaves. */
  private static void assertStartGraph(LpPoints points, int k, Recorder rec) {
    int n = points.size();
    int others = k - 1;
    int[][] leafOf = leafOfEachPoint(rec.forest);
    for (int i = 0; i < n; i++) {
      Set<Integer> union = leafMembers(rec.forest, leafOf, i);
      Set<Integer> row = rec.start.row(i);
      assertFalse(row.contains(-1), "start row " + i + " is full");
      assertFalse(row.contains(i), "start row " + i + " holds the point itself");
      assertEquals(others, row.size(), "start row " + i + " holds distinct points");
      if (union.size() >= others) {
        assertEquals(nearest(points, i, union, others), row, "start row " + i);
      } else {
        // fewer leaf members than neighbours: all of them, the rest drawn at random
        assertTrue(row.containsAll(union), "start row " + i + " keeps its leaf members");
      }
      for (int s = 0; s < others; s++) {
        assertTrue(rec.start.fresh[i][s], "start entries are new");
        assertEquals(points.reduced(i, rec.start.idx[i][s]), rec.start.dist[i][s], 0f);
      }
    }
  }

  /** One round against the definition, from the state before it. */
  private static void assertRound(LpPoints points, int k, Snapshot pre, Snapshot post,
      long updates, String what) {
    int n = points.size();
    int others = k - 1;
    List<Set<Integer>> fresh = new ArrayList<>();
    List<Set<Integer>> old = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      fresh.add(new TreeSet<>());
      old.add(new TreeSet<>());
    }
    for (int v = 0; v < n; v++) {
      for (int s = 0; s < others; s++) {
        int u = pre.idx[v][s];
        assertTrue(u >= 0, what + ": row " + v + " full before the round");
        List<Set<Integer>> lists = pre.fresh[v][s] ? fresh : old;
        lists.get(v).add(u);
        lists.get(u).add(v);
      }
    }
    List<Set<Integer>> joined = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      assertTrue(fresh.get(v).size() <= 60 && old.get(v).size() <= 60,
          what + ": precondition, no sampling (pools of " + v + ": " + fresh.get(v).size() + ", "
              + old.get(v).size() + ")");
      joined.add(new HashSet<>());
    }
    for (int v = 0; v < n; v++) {
      for (int p : fresh.get(v)) {
        for (int q : fresh.get(v)) {
          if (p != q) {
            joined.get(p).add(q);
          }
        }
        for (int q : old.get(v)) {
          if (p != q) {
            joined.get(p).add(q);
            joined.get(q).add(p);
          }
        }
      }
    }
    long gained = 0;
    long improving = 0;
    for (int p = 0; p < n; p++) {
      Set<Integer> before = pre.row(p);
      Set<Integer> pool = new HashSet<>(before);
      pool.addAll(joined.get(p));
      Set<Integer> expected = nearest(points, p, pool, others);
      Set<Integer> row = post.row(p);
      assertEquals(expected, row, what + ": row " + p);
      for (int s = 0; s < others; s++) {
        int q = post.idx[p][s];
        assertEquals(!before.contains(q), post.fresh[p][s],
            what + ": flag of " + q + " in row " + p + " (new exactly when it arrived now)");
        if (!before.contains(q)) {
          gained++;
        }
      }
      float worst = pre.worst(p);
      for (int q : joined.get(p)) {
        if (!before.contains(q) && points.reduced(p, q) < worst) {
          improving++;
        }
      }
    }
    assertTrue(updates >= gained, what + ": " + updates + " updates, " + gained + " entries gained");
    assertTrue(updates <= improving,
        what + ": " + updates + " updates, " + improving + " improving proposals");
  }

  /** Rounds and the stopping rule. */
  private static void assertStopping(int n, int k, int cap, Recorder rec, int resultRounds) {
    int rounds = rec.updates.size();
    int max = cap > 0 ? cap : NearestNeighbourDescent.maxRounds(n);
    assertEquals(rounds, resultRounds, "rounds reported");
    assertTrue(rounds >= 1 && rounds <= max, rounds + " rounds, at most " + max);
    double threshold = 0.001 * n * (k - 1);
    for (int r = 0; r < rounds; r++) {
      assertEquals(r, rec.roundIds.get(r).intValue());
      if (r < rounds - 1) {
        assertTrue(rec.updates.get(r) > threshold, "round " + r + " had " + rec.updates.get(r)
            + " updates, at most " + threshold + ", and was not the last");
      }
    }
    long last = rec.updates.get(rounds - 1);
    assertTrue(last <= threshold || rounds == max,
        "stopped after round " + (rounds - 1) + " with " + last + " updates");
  }

  /** Builds with a recorder and checks the start graph, every round and the stopping rule. */
  private static Recorder check(LpPoints points, int k, long seed, int cap) {
    Recorder rec = new Recorder(points.size());
    NearestNeighbourDescent.Result result =
        new NearestNeighbourDescent(k, seed, 1, cap, rec).build(points);
    assertStartGraph(points, k, rec);
    Snapshot pre = rec.start;
    for (int r = 0; r < rec.after.size(); r++) {
      assertRound(points, k, pre, rec.after.get(r), rec.updates.get(r), "round " + r);
      pre = rec.after.get(r);
    }
    assertStopping(points.size(), k, cap, rec, result.rounds);
    // the graph returned is the last heap, sorted, each point first
    for (int i = 0; i < points.size(); i++) {
      Set<Integer> row = new HashSet<>();
      for (int s = 1; s < k; s++) {
        row.add(result.graph.indices(i)[s]);
      }
      assertEquals(pre.row(i), row, "graph row " + i);
      assertEquals(i, result.graph.indices(i)[0]);
    }
    return rec;
  }

  @Test
  void roundsFollowTheDefinitionOnHardData() {
    // 10-D: the forest's leaves miss many true neighbours, several rounds repair them
    LpPoints points = LpPoints.of(gaussian(600, 10, 31), 2);
    Recorder rec = check(points, 4, 7, 0);
    assertTrue(rec.updates.get(0) > 0.001 * 600 * 3, "the first round improves the start graph");
  }

  @Test
  void roundsFollowTheDefinitionOnEasyDataAndStopEarly() {
    // 2-D: the start graph is nearly exact, the rounds stop before the maximum
    LpPoints points = LpPoints.of(gaussian(300, 2, 32), 2);
    Recorder rec = check(points, 4, 8, 0);
    assertTrue(rec.updates.size() < NearestNeighbourDescent.maxRounds(300),
        rec.updates.size() + " rounds");
  }

  @Test
  void roundsFollowTheDefinitionInHighDimension() {
    // 80-D: the trees split a 32-D projection, the joins measure the full distance
    LpPoints points = LpPoints.of(gaussian(250, 80, 33), 2);
    check(points, 4, 9, 0);
    LpPoints manhattan = LpPoints.of(gaussian(200, 6, 34), 1);
    check(manhattan, 4, 10, 0);
  }

  @Test
  void aCapOnTheRoundsIsKept() {
    LpPoints points = LpPoints.of(gaussian(600, 10, 31), 2);
    for (int cap = 1; cap <= 2; cap++) {
      Recorder rec = check(points, 4, 7, cap);
      assertEquals(cap, rec.updates.size(), "the first rounds all improve more than the threshold");
    }
  }

  @Test
  void moreThanOneChunkOfJoins() {
    // joins are applied chunk by chunk (16 blocks of 256 points): n above 4,096 uses two
    LpPoints points = LpPoints.of(gaussian(4300, 2, 35), 2);
    check(points, 3, 11, 2);
  }

  @Test
  void leavesWithFewerMembersThanNeighboursAreFilledAtRandom() {
    // 11 points on a line at 1, 2, 4, ..., 1024 (no two distances from a point alike), 10
    // neighbours (9 others) each, leaves of at most 10: a tree splits the 11 once, at the midpoint
    // of two random pivots, so the first point's leaves reach 1024 only if a tree takes 1024 and
    // 256 or 512 as pivots; where the leaves hold fewer than 9 others, the random fill completes
    // the row (checked in assertStartGraph), and the rounds then find the exact neighbours
    double[][] x = new double[11][1];
    for (int i = 0; i < 11; i++) {
      x[i][0] = 1 << i;
    }
    LpPoints points = LpPoints.of(x, 2);
    int fewest = 11;
    for (long seed = 1; seed <= 3; seed++) {
      Recorder rec = check(points, 10, seed, 0);
      int[][] leafOf = leafOfEachPoint(rec.forest);
      for (int i = 0; i < 11; i++) {
        fewest = Math.min(fewest, leafMembers(rec.forest, leafOf, i).size());
      }
    }
    assertTrue(fewest < 9, "some start row needed the random fill (fewest leaf members " + fewest
        + ")");
  }

  @Test
  void aFullStartRowIsNotRefilledWhenPointZeroIsItsFarthest() {
    // the random fill runs only while a row has an empty slot (index -1): a full row whose
    // farthest neighbour is point 0 stays the nearest of its leaf members, even when a point
    // outside its leaves is nearer (checked by assertStartGraph for every seed); some seed must
    // give such a row
    LpPoints points = LpPoints.of(gaussian(200, 10, 37), 2);
    int k = 4;
    boolean seen = false;
    for (long seed = 1; seed <= 20 && !seen; seed++) {
      Recorder rec = check(points, k, seed, 0);
      int[][] leafOf = leafOfEachPoint(rec.forest);
      for (int i = 1; i < points.size() && !seen; i++) {
        Set<Integer> union = leafMembers(rec.forest, leafOf, i);
        if (union.size() < k - 1) {
          continue;
        }
        Set<Integer> row = nearest(points, i, union, k - 1);
        float toZero = points.reduced(i, 0);
        boolean zeroFarthest = row.contains(0);
        for (int j : row) {
          zeroFarthest &= points.reduced(i, j) <= toZero;
        }
        boolean nearerOutside = false;
        for (int j = 0; j < points.size(); j++) {
          nearerOutside |= j != i && !union.contains(j) && points.reduced(i, j) < toZero;
        }
        seen = zeroFarthest && nearerOutside;
      }
    }
    assertTrue(seen, "a start row with point 0 farthest and a nearer point outside its leaves");
  }

  @Test
  void rowsThatCannotBeFilledStopTheFill() {
    // the two points are at an infinite float distance: no neighbour can enter a row (push needs
    // d < infinity), so the fill gives up after 100 k draws and the graph says infinity
    LpPoints points = new LpPoints(new float[][] {{0f, 0f}, {3e38f, 3e38f}}, 2);
    NearestNeighbourDescent.Result result = new NearestNeighbourDescent(2, 1, 1).build(points);
    assertEquals(Double.POSITIVE_INFINITY, result.graph.distances(0)[1]);
    assertEquals(Double.POSITIVE_INFINITY, result.graph.distances(1)[1]);
    assertEquals(1, result.rounds, "no update: one round");
  }

  @Test
  void theStoppingThresholdIsDeltaNTimesNeighbours() {
    // delta = 0.001: 1,000 points with one neighbour stop at 1 update, not at 2
    assertTrue(NearestNeighbourDescent.converged(0, 1000, 1));
    assertTrue(NearestNeighbourDescent.converged(1, 1000, 1));
    assertFalse(NearestNeighbourDescent.converged(2, 1000, 1));
    assertTrue(NearestNeighbourDescent.converged(3, 1000, 3));
    assertFalse(NearestNeighbourDescent.converged(4, 1000, 3));
    assertTrue(NearestNeighbourDescent.converged(18, 2000, 9));
    assertFalse(NearestNeighbourDescent.converged(19, 2000, 9));
    assertFalse(NearestNeighbourDescent.converged(1, 10, 3), "below one update: only 0 stops");
    assertTrue(NearestNeighbourDescent.converged(0, 10, 3));
  }

  @Test
  void roundAndTreeCountsFollowUmapLearnAndPynndescent() {
    // n_iters = max(5, round(log2 n)): log2 of 46 is 5.52, of 100 6.64, of 1,500 10.55
    assertEquals(5, NearestNeighbourDescent.maxRounds(2));
    assertEquals(5, NearestNeighbourDescent.maxRounds(32));
    assertEquals(6, NearestNeighbourDescent.maxRounds(46));
    assertEquals(7, NearestNeighbourDescent.maxRounds(100));
    assertEquals(10, NearestNeighbourDescent.maxRounds(1000));
    assertEquals(11, NearestNeighbourDescent.maxRounds(1500));
    assertEquals(12, NearestNeighbourDescent.maxRounds(4096));
    assertEquals(20, NearestNeighbourDescent.maxRounds(1_000_000));
    // n_trees = min(32, 5 + round(sqrt(n) / 20)): sqrt(1500) / 20 = 1.94, sqrt(250000) / 20 = 25
    assertEquals(5, NearestNeighbourDescent.defaultTrees(1));
    assertEquals(6, NearestNeighbourDescent.defaultTrees(400));
    assertEquals(7, NearestNeighbourDescent.defaultTrees(1500));
    assertEquals(10, NearestNeighbourDescent.defaultTrees(10_000));
    assertEquals(20, NearestNeighbourDescent.defaultTrees(90_000));
    assertEquals(30, NearestNeighbourDescent.defaultTrees(250_000));
    assertEquals(32, NearestNeighbourDescent.defaultTrees(291_600));
    assertEquals(32, NearestNeighbourDescent.defaultTrees(1_000_000));
    // a half rounds up here (Python rounds it to even: 5 trees for 100 points there)
    assertEquals(6, NearestNeighbourDescent.defaultTrees(100));
  }

  @Test
  void observedBuildIsTheBuild() {
    // the observer only reads: the graph is the same with and without it
    LpPoints points = LpPoints.of(gaussian(300, 5, 36), 2);
    KnnGraph plain = new NearestNeighbourDescent(5, 4, 1).build(points).graph;
    KnnGraph watched =
        new NearestNeighbourDescent(5, 4, 1, 0, new Recorder(300)).build(points).graph;
    for (int i = 0; i < 300; i++) {
      assertArrayEquals(plain.indices(i), watched.indices(i));
    }
  }
}
