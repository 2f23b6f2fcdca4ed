package fundamentos.umap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The layout's steps on cases small enough to work out by hand: the edge schedule, attraction and
 * repulsion (clipped both ways, coincident points), the breadth-first order and its blocks, and the
 * negative samples' random streams against SplitMix64 written out here from its definition and its
 * published outputs.
 *
 * <p>Most cases use the curve a = 0 (no attraction: its coefficient -2ab d^(2(b-1)) / (1 + a d^(2b))
 * is 0) and repulsion strength 0 (no repulsion between distinct positions: its coefficient 2 gamma b
 * / ((0.001 + d^2)(1 + a d^(2b))) is 0), so that the only move left is the push of 4 alpha per
 * coordinate that umap-learn gives a point coinciding with a different drawn vertex: which vertex
 * was drawn is then visible in the result.
 */
class LayoutOptimizerHandTest {

  /** SplitMix64's increment, the golden ratio times 2^64. */
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** SplitMix64's output function (Steele, Lea and Flood 2014), written out from the paper. */
  private static long splitMix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The generator itself: state += increment, output = the function of the state. */
  private static long[] splitMix64Outputs(long seed, int count) {
    long[] out = new long[count];
    long state = seed;
    for (int i = 0; i < count; i++) {
      state += GOLDEN;
      out[i] = splitMix64(state);
    }
    return out;
  }

  /**
   * The p-th negative sample (p = 1, 2, ...) of vertex i at an epoch, among n vertices: the
   * vertex's stream starts at splitmix64(splitmix64(seed * increment + epoch) + vertex), advances by
   * the increment per sample, and the top 32 bits of each output are scaled to [0, n) by a
   * multiplication (Lemire's reduction).
   */
  private static int negativeSample(long seed, int epoch, int vertex, int p, int n) {
    long state = splitMix64(splitMix64(seed * GOLDEN + epoch) + vertex) + p * GOLDEN;
    return (int) (((splitMix64(state) >>> 32) * n) >>> 32);
  }

  /** A symmetric graph from undirected edges {i, j}, every edge of the given weight. */
  private static SparseGraph graph(int n, int[][] edges, double weight) {
    double[][] weighted = new double[edges.length][];
    for (int e = 0; e < edges.length; e++) {
      weighted[e] = new double[] {edges[e][0], edges[e][1], weight};
    }
    return SpectralLayoutHandTest.graph(n, weighted);
  }

  private static double[] epochsPerSample(SparseGraph g) {
    double[] w = new double[g.entries()];
    for (int e = 0; e < w.length; e++) {
      w[e] = g.value(e);
    }
    return LayoutOptimizer.epochsPerSample(w, g.maxValue());
  }

  @Test
  void finaliseIsSplitMix64sOutputFunction() {
    // SplitMix64 seeded with 0, its first outputs as published (the reference implementation
    // splitmix64.c by Vigna, and the outputs quoted with it)
    long[] published = {0xE220A8397B1DCDAFL, 0x6E789E6AA1B965F4L, 0x06C45D188009454FL};
    assertArrayEquals(published, splitMix64Outputs(0, 3), "the test's own SplitMix64");
    for (int i = 0; i < 3; i++) {
      assertEquals(published[i], LayoutOptimizer.finalise(GOLDEN * (i + 1)), "output " + i);
    }
    // and along another seed's stream
    long[] stream = splitMix64Outputs(0x0123456789ABCDEFL, 1000);
    long state = 0x0123456789ABCDEFL;
    for (int i = 0; i < stream.length; i++) {
      state += GOLDEN;
      assertEquals(stream[i], LayoutOptimizer.finalise(state), "output " + i);
    }
  }

  @Test
  void vertexStreamsStartAtSplitMix64OfSeedEpochAndVertex() {
    Set<Long> starts = new HashSet<>();
    for (long seed : new long[] {1, 7, -3}) {
      for (int epoch : new int[] {0, 1, 9}) {
        for (int vertex : new int[] {0, 1, 2047, 2048}) {
          long expected = splitMix64(splitMix64(seed * GOLDEN + epoch) + vertex);
          assertEquals(expected, LayoutOptimizer.mix(seed, epoch, vertex),
              "seed " + seed + ", epoch " + epoch + ", vertex " + vertex);
          starts.add(expected);
        }
      }
    }
    assertEquals(36, starts.size(), "every (seed, epoch, vertex) starts its own stream");
  }

  /** Edges 0-3, 0-5, 3-1, 2-4: from 0, its neighbours 3 and 5, then 3's neighbour 1; then 2, 4. */
  @Test
  void breadthFirstOrderOfAHandGraph() {
    SparseGraph g = graph(6, new int[][] {{0, 3}, {0, 5}, {3, 1}, {2, 4}}, 1);
    assertArrayEquals(new int[] {0, 3, 5, 1, 2, 4}, LayoutOptimizer.breadthFirstOrder(g));
    // no edges: every vertex its own component, in index order
    assertArrayEquals(new int[] {0, 1, 2}, LayoutOptimizer.breadthFirstOrder(graph(3,
        new int[0][], 1)));
  }

  /**
   * Two joined vertices on the same spot, one negative sample per edge sample (rate 2): an edge of
   * weight max(w) is due once per epoch from epoch 1, so in 2 epochs each vertex draws one sample at
   * alpha 0.25. Vertex 0 is visited first: if it draws vertex 1 it is pushed by 4 alpha = 1, and
   * vertex 1 then sees it moved; if it draws itself nothing happens, and vertex 1 is pushed if it
   * draws vertex 0. Over 400 seeds the four (draw of 0, draw of 1) outcomes are uniform
   * (chi-square, 3 degrees of freedom, below 16.27, p = 0.001).
   */
  @Test
  void negativeSamplesAreTheVertexStreamsDraws() {
    LayoutOptimizer optimizer = new LayoutOptimizer(new MembershipCurve(0, 1), 0.0, 2.0);
    SparseGraph pair = graph(2, new int[][] {{0, 1}}, 1);
    double[] perSample = epochsPerSample(pair);
    int[] outcomes = new int[4];
    int seeds = 400;
    for (long seed = 1; seed <= seeds; seed++) {
      double[] y = {0, 0};
      optimizer.fit(y, 1, pair, perSample, 2, 0.25, seed, 1);
      int k0 = negativeSample(seed, 1, 0, 1, 2);
      int k1 = negativeSample(seed, 1, 1, 1, 2);
      double[] expected = k0 == 1 ? new double[] {1, 0}
          : k1 == 0 ? new double[] {0, 1} : new double[] {0, 0};
      assertArrayEquals(expected, y, 0, "seed " + seed + ", draws " + k0 + ", " + k1);
      outcomes[2 * k0 + k1]++;
    }
    double chi2 = 0;
    for (int count : outcomes) {
      chi2 += (count - seeds / 4.0) * (count - seeds / 4.0) / (seeds / 4.0);
    }
    assertTrue(chi2 < 16.27, "chi-square " + chi2);
  }

  /**
   * Vertices 0..2046 have no edge and 2047-2048 are joined, so breadth-first order is 0..2048 and
   * the edge straddles the layout's blocks of 2,048 (block 0 and block 1).
   */
  private static SparseGraph straddlingPair() {
    int n = 2049;
    int[][] cols = new int[n][0];
    double[][] vals = new double[n][0];
    cols[2047] = new int[] {2048};
    vals[2047] = new double[] {1};
    cols[2048] = new int[] {2047};
    vals[2048] = new double[] {1};
    return SparseGraph.ofRows(n, cols, vals);
  }

  /**
   * Across blocks an edge moves only the visited end, towards where the other end stood at the start
   * of the epoch. a = b = 1, 2047 at 0 and 2048 at 1, alpha 0.5, no negative sample (rate 0.01): the
   * coefficient is -2 / (1 + d^2) = -1, so each end moves by 0.5 towards the other's start: both end
   * at 0.5, with any thread count. Two joined points on the same spot do not attract (d = 0).
   */
  @Test
  void attractionAcrossBlocksSeesTheEpochsStart() {
    SparseGraph g = straddlingPair();
    double[] perSample = epochsPerSample(g);
    LayoutOptimizer optimizer = new LayoutOptimizer(new MembershipCurve(1, 1), 1.0, 0.01);
    for (int threads : new int[] {1, 2}) {
      double[] y = new double[2049];
      for (int i = 0; i < 2047; i++) {
        y[i] = 100 + i;
      }
      y[2047] = 0;
      y[2048] = 1;
      double[] expected = y.clone();
      expected[2047] = 0.5;
      expected[2048] = 0.5;
      optimizer.fit(y, 1, g, perSample, 2, 0.5, 3, threads);
      assertArrayEquals(expected, y, 1e-15, threads + " threads");
    }
    SparseGraph pair = graph(2, new int[][] {{0, 1}}, 1);
    double[] y = {3, 3};
    optimizer.fit(y, 1, pair, epochsPerSample(pair), 3, 0.5, 3, 1);
    assertArrayEquals(new double[] {3, 3}, y, 0, "coincident ends");
  }

  /**
   * Negative samples of another block are seen at the start of the epoch, those of the own block as
   * they are. a = 0, gamma 0: only coincidence pushes. The isolated vertices stand far apart (100 +
   * i); 2047 and 2048 start at 0 and draw 8,191 samples each (rate 8,192) at alpha 0.25. 2047 (block
   * 0) is pushed to 1 by its first draw of 2048; 2048 (block 1) is pushed by its first draw of 2047,
   * which it sees at its start, 0, although 2047 has already moved.
   */
  @Test
  void negativeSamplesOfAnotherBlockAreSeenAtTheEpochsStart() {
    SparseGraph g = straddlingPair();
    double[] perSample = epochsPerSample(g);
    LayoutOptimizer optimizer = new LayoutOptimizer(new MembershipCurve(0, 1), 0.0, 8192);
    long seed = 5;
    boolean draws2048 = false;
    boolean draws2047 = false;
    for (int p = 1; p <= 8191; p++) {
      draws2048 |= negativeSample(seed, 1, 2047, p, 2049) == 2048;
      draws2047 |= negativeSample(seed, 1, 2048, p, 2049) == 2047;
    }
    assertTrue(draws2048 && draws2047, "the seed draws both (probability about 0.96)");
    for (int threads : new int[] {1, 2}) {
      double[] y = new double[2049];
      for (int i = 0; i < 2047; i++) {
        y[i] = 100 + i;
      }
      double[] expected = y.clone();
      expected[2047] = 1;
      expected[2048] = 1;
      optimizer.fit(y, 1, g, perSample, 2, 0.25, seed, threads);
      assertArrayEquals(expected, y, 0, threads + " threads");
    }
  }

  /**
   * Fitting with optimize (both ends move): a = b = 1, ends (0, 0) and (1, 1), alpha 0.5 at epoch 1:
   * d^2 = 2, coefficient -2 / (1 + 2) = -2/3, the head moves by 1/3 towards the tail in each
   * coordinate and the tail by 1/3 towards the head. Epoch 0 samples nothing (the edge is due from
   * epoch 1).
   */
  @Test
  void optimizeMovesBothEndsWhenFitting() {
    LayoutOptimizer optimizer = new LayoutOptimizer(new MembershipCurve(1, 1), 1.0, 0.01);
    double[] y = {0, 0, 1, 1};
    optimizer.optimize(y, y, 2, new int[] {0}, new int[] {1}, new double[] {1}, 2, 2, 0.5, true,
        new SplittableRandom(1));
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 2.0 / 3, 2.0 / 3}, y, 1e-15);
    // one epoch only: the edge is never due
    double[] z = {0, 0, 1, 1};
    optimizer.optimize(z, z, 2, new int[] {0}, new int[] {1}, new double[] {1}, 2, 1, 0.5, true,
        new SplittableRandom(1));
    assertArrayEquals(new double[] {0, 0, 1, 1}, z, 0);
  }

  /**
   * Transform mode, head 1 at (1, -1), tail 0 at the origin, a = b = 1, gamma 100, one negative
   * sample (rate 2, one tail vertex), alpha 0.25 at epoch 1. Attraction: coefficient -2/3, moves
   * (-1/6, +1/6) to (5/6, -5/6). Repulsion from the tail: 2 gamma b / ((0.001 + d^2)(1 + d^2)) times
   * (5/6, -5/6) is about (+50, -50), clipped to (+4, -4): moves (+1, -1).
   */
  @Test
  void repulsionIsClippedAtFourBothWays() {
    LayoutOptimizer optimizer = new LayoutOptimizer(new MembershipCurve(1, 1), 100, 2);
    double[] head = {9, 9, 1, -1};
    double[] tail = {0, 0};
    optimizer.optimize(head, tail, 2, new int[] {1}, new int[] {0}, new double[] {1}, 1, 2, 0.25,
        false, new SplittableRandom(1));
    assertArrayEquals(new double[] {9, 9, 5.0 / 6 + 1, -5.0 / 6 - 1}, head, 1e-15);
    assertArrayEquals(new double[] {0, 0}, tail, 0);
  }

  /**
   * Repulsion unclipped, by hand: 1-D, head 1 at 1, tail 0 at 0, a = b = 1, gamma 1, alpha 0.25.
   * Attraction: coefficient -1, to 0.75; repulsion at d^2 = 0.5625: coefficient 2 / ((0.001 +
   * 0.5625)(1 + 0.5625)), times 0.75, times alpha.
   */
  @Test
  void repulsionByHand() {
    LayoutOptimizer optimizer = new LayoutOptimizer(new MembershipCurve(1, 1), 1, 2);
    double[] head = {9, 1};
    optimizer.optimize(head, new double[] {0}, 1, new int[] {1}, new int[] {0}, new double[] {1},
        1, 2, 0.25, false, new SplittableRandom(1));
    double coefficient = 2.0 / ((0.001 + 0.5625) * (1 + 0.5625));
    assertEquals(0.75 + 0.25 * coefficient * 0.75, head[1], 1e-12);
    assertEquals(9, head[0], 0);
  }

  /**
   * A new point on a training point (a = 0, gamma 0: only the coincidence push): head 1 and tail 0
   * both at the origin, rate 2, 3 epochs. Epoch 1 (alpha 0.25): no attraction (d = 0), one negative
   * sample, the tail: pushed by 4 alpha = 1 in each coordinate. Epoch 2: two samples, nothing
   * coincides any more. Head index 0 and tail index 0 count as the same vertex (umap-learn's j == k
   * test): not pushed.
   */
  @Test
  void coincidentPointsArePushedByFourAlphaUnlessTheSameIndex() {
    LayoutOptimizer optimizer = new LayoutOptimizer(new MembershipCurve(0, 1), 0, 2);
    double[] head = {7, 7, 0, 0};
    optimizer.optimize(head, new double[] {0, 0}, 2, new int[] {1}, new int[] {0},
        new double[] {1}, 1, 3, 0.25, false, new SplittableRandom(1));
    assertArrayEquals(new double[] {7, 7, 1, 1}, head, 0);
    double[] same = {0, 0};
    optimizer.optimize(same, new double[] {0, 0}, 2, new int[] {0}, new int[] {0},
        new double[] {1}, 1, 3, 0.25, false, new SplittableRandom(1));
    assertArrayEquals(new double[] {0, 0}, same, 0);
  }

  /**
   * Negative samples are drawn among all tail vertices and read at their own coordinates: tails 0 at
   * the origin and 1 at (3, 3), the head (index 0) at (3, 3), a = 0, gamma 0, 15 samples (rate 16)
   * at alpha 0.25: the first draw of tail 1 (this seed draws it; all 15 draws tail 0 has
   * probability 2^-15) pushes the head to (4, 4); draws of tail 0 do nothing.
   */
  @Test
  void negativeSamplesReadTheDrawnTail() {
    LayoutOptimizer optimizer = new LayoutOptimizer(new MembershipCurve(0, 1), 0, 16);
    double[] head = {3, 3};
    optimizer.optimize(head, new double[] {0, 0, 3, 3}, 2, new int[] {0}, new int[] {0},
        new double[] {1}, 2, 2, 0.25, false, new SplittableRandom(5));
    assertArrayEquals(new double[] {4, 4}, head, 0);
  }
}
