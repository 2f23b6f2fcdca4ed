package fundamentos.umap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The spectral start on hand-made graphs: the eigenmap of a path (its cosine modes, known in closed
 * form), when an eigenmap is possible at all, and the placement of several components (anchors,
 * half the gap to the nearest other anchor, each component's own layout stretched to it).
 */
class SpectralLayoutHandTest {

  /** A symmetric graph from undirected edges {i, j, weight} (also LayoutOptimizerHandTest's). */
  static SparseGraph graph(int n, double[][] edges) {
    int[] degree = new int[n];
    for (double[] e : edges) {
      degree[(int) e[0]]++;
      degree[(int) e[1]]++;
    }
    int[][] cols = new int[n][];
    double[][] vals = new double[n][];
    for (int i = 0; i < n; i++) {
      cols[i] = new int[degree[i]];
      vals[i] = new double[degree[i]];
      degree[i] = 0;
    }
    for (double[] e : edges) {
      for (int side = 0; side < 2; side++) {
        int from = (int) e[side];
        cols[from][degree[from]] = (int) e[1 - side];
        vals[from][degree[from]++] = e[2];
      }
    }
    return SparseGraph.ofRows(n, cols, vals);
  }

  /** Per coordinate, the members' smallest value is anchor - range and the largest anchor + range. */
  private static void assertSpans(double[][] out, int[] members, double[] anchor, double range) {
    for (int d = 0; d < anchor.length; d++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i : members) {
        lo = Math.min(lo, out[i][d]);
        hi = Math.max(hi, out[i][d]);
      }
      assertEquals(anchor[d] - range, lo, 1e-12, "lowest coordinate " + d);
      assertEquals(anchor[d] + range, hi, 1e-12, "highest coordinate " + d);
    }
  }

  /**
   * The path 0-1-...-7 with unit weights: the random walk D^-1 W has the eigenvectors cos(pi k i / 7)
   * with eigenvalues cos(pi k / 7) (at the ends the single neighbour gives the same value), so the
   * normalised Laplacian's are sqrt(degree_i) cos(pi k i / 7), eigenvalues 1 - cos(pi k / 7). The
   * two smallest non-zero ones are k = 1 and k = 2, equal to the closed form to 1e-8 (up to sign).
   */
  @Test
  void eigenmapOfAPathIsItsCosineModes() {
    int n = 8;
    double[][] edges = new double[n - 1][];
    for (int i = 0; i + 1 < n; i++) {
      edges[i] = new double[] {i, i + 1, 1};
    }
    double[][] y = SpectralLayout.connected(graph(n, edges), 2);
    for (int c = 0; c < 2; c++) {
      int k = c + 1;
      double[] v = new double[n];
      double norm = 0;
      for (int i = 0; i < n; i++) {
        double degree = i == 0 || i == n - 1 ? 1 : 2;
        v[i] = Math.sqrt(degree) * Math.cos(Math.PI * k * i / (n - 1));
        norm += v[i] * v[i];
      }
      double dot = 0;
      for (int i = 0; i < n; i++) {
        v[i] /= Math.sqrt(norm);
        dot += v[i] * y[i][c];
      }
      double sign = Math.signum(dot);
      for (int i = 0; i < n; i++) {
        assertEquals(sign * v[i], y[i][c], 1e-8, "mode " + k + ", vertex " + i);
      }
    }
  }

  /**
   * An eigenmap in dim coordinates needs more than dim + 1 vertices (the top eigenvector is skipped)
   * and a connected graph (otherwise eigenvalue 1 repeats).
   */
  @Test
  void eigenmapNeedsMoreThanDimPlusOneVerticesAndOneComponent() {
    assertNull(SpectralLayout.connected(graph(3, new double[][] {{0, 1, 1}, {1, 2, 1}, {0, 2, 1}}),
        2));
    assertNotNull(SpectralLayout.connected(graph(4,
        new double[][] {{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {0, 3, 0.5}}), 2));
    assertNull(SpectralLayout.connected(graph(8, new double[][] {{0, 1, 1}, {1, 2, 1}, {2, 3, 1},
        {4, 5, 1}, {5, 6, 1}, {6, 7, 1}}), 2));
  }

  /**
   * Components {0}, {1, 2}, {3, 4} in 2-D: at most 2 dim components sit at +e1, +e2, -e1, each
   * spread over half the distance to the nearest other anchor, sqrt(2) / 2, in every coordinate; a
   * lone vertex sits on its anchor.
   */
  @Test
  void fewComponentsSitAtUnitAnchors() {
    SparseGraph g = graph(5, new double[][] {{1, 2, 1}, {3, 4, 1}});
    int[] labels = g.components();
    assertArrayEquals(new int[] {0, 1, 1, 2, 2}, labels);
    double[][] out = SpectralLayout.multiComponent(g, labels, 3, 2, null, 9);
    double r = Math.sqrt(2) / 2;
    assertArrayEquals(new double[] {1, 0}, out[0], 0);
    assertSpans(out, new int[] {1, 2}, new double[] {0, 1}, r);
    assertSpans(out, new int[] {3, 4}, new double[] {-1, 0}, r);
    // four lone vertices, 2 dim components: +e1, +e2, -e1, -e2
    SparseGraph none = graph(4, new double[0][]);
    double[][] four = SpectralLayout.multiComponent(none, none.components(), 4, 2, null, 9);
    assertArrayEquals(new double[] {1, 0}, four[0], 0);
    assertArrayEquals(new double[] {0, 1}, four[1], 0);
    assertArrayEquals(new double[] {-1, 0}, four[2], 0);
    assertArrayEquals(new double[] {0, -1}, four[3], 0);
    // one component of 5 = 2 dim + 1 vertices, too few for an eigenmap: no other anchor, range 1
    // around +e1; the vertices at uniform draws in [-1, 1] from the seed's stream (vertex by
    // vertex), stretched to that box
    SparseGraph path = graph(5, new double[][] {{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 4, 1}});
    double[][] one = SpectralLayout.multiComponent(path, new int[5], 1, 2, null, 9);
    assertSpans(one, new int[] {0, 1, 2, 3, 4}, new double[] {1, 0}, 1);
    SplittableRandom random = new SplittableRandom(9);
    double[][] draws = new double[5][2];
    for (double[] row : draws) {
      for (int d = 0; d < 2; d++) {
        row[d] = random.nextDouble() * 2 - 1;
      }
    }
    double[] anchor = {1, 0};
    for (int d = 0; d < 2; d++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] row : draws) {
        lo = Math.min(lo, row[d]);
        hi = Math.max(hi, row[d]);
      }
      for (int i = 0; i < 5; i++) {
        // the same operations in the same order: equal to the last bit
        assertEquals(anchor[d] + 1 * (2 * (draws[i][d] - lo) / (hi - lo) - 1), one[i][d], 0,
            "vertex " + i + ", coordinate " + d);
      }
    }
  }

  /** Components {0}, {1, 2}, {3, 4, 5} of a graph, laid out in one dimension. */
  private static SparseGraph threeComponents() {
    return graph(6, new double[][] {{1, 2, 1}, {3, 4, 1}, {4, 5, 1}});
  }

  /**
   * More than 2 dim components (dim 1, three of them): anchors at the components' mean principal
   * scores 4, (1 + 3) / 2 = 2 and (-2 - 3 - 1) / 3 = -2, divided by the largest |mean|, 4: 1, 0.5,
   * -0.5; ranges half the nearest gap: 0.25, 0.25, 0.5.
   */
  @Test
  void manyComponentsSitAtTheirMeanPrincipalScores() {
    int[] labels = {0, 1, 1, 2, 2, 2};
    double[][] scores = {{4, 9}, {1, 9}, {3, 9}, {-2, 9}, {-3, 9}, {-1, 9}};
    double[][] out = SpectralLayout.multiComponent(threeComponents(), labels, 3, 1, scores, 9);
    assertEquals(1, out[0][0], 0);
    assertSpans(out, new int[] {1, 2}, new double[] {0.5}, 0.25);
    assertSpans(out, new int[] {3, 4, 5}, new double[] {-0.5}, 0.5);
    // all scores 0: every anchor 0, no gap to halve: range 1
    double[][] zero = SpectralLayout.multiComponent(threeComponents(), labels, 3, 1,
        new double[6][1], 9);
    assertEquals(0, zero[0][0], 0);
    assertSpans(zero, new int[] {1, 2}, new double[] {0}, 1);
    assertSpans(zero, new int[] {3, 4, 5}, new double[] {0}, 1);
  }

  /**
   * Without scores the anchors are uniform in [-1, 1] per coordinate, drawn from the seed's stream
   * component by component, then divided by the largest |anchor coordinate|.
   */
  @Test
  void manyComponentsWithoutScoresSitAtRandomAnchors() {
    int[] labels = {0, 1, 1, 2, 2, 2};
    double[][] out = SpectralLayout.multiComponent(threeComponents(), labels, 3, 1, null, 21);
    SplittableRandom random = new SplittableRandom(21);
    double[] a = new double[3];
    double maxAbs = 0;
    for (int c = 0; c < 3; c++) {
      a[c] = random.nextDouble() * 2 - 1;
      maxAbs = Math.max(maxAbs, Math.abs(a[c]));
    }
    double[] r = new double[3];
    for (int c = 0; c < 3; c++) {
      a[c] /= maxAbs;
    }
    for (int c = 0; c < 3; c++) {
      r[c] = Double.POSITIVE_INFINITY;
      for (int o = 0; o < 3; o++) {
        if (o != c) {
          r[c] = Math.min(r[c], Math.abs(a[c] - a[o]) / 2);
        }
      }
    }
    assertEquals(a[0], out[0][0], 1e-15);
    assertSpans(out, new int[] {1, 2}, new double[] {a[1]}, r[1]);
    assertSpans(out, new int[] {3, 4, 5}, new double[] {a[2]}, r[2]);
  }

  /**
   * Vertex 0 alone, vertices 1..40 a ring with chords (weights from a seeded stream), vertices 41..45
   * a path. The ring, more than 2 dim + 1 vertices, gets its own eigenmap (seeded with seed +
   * component), stretched coordinate by coordinate to [anchor - range, anchor + range]; the path of
   * 2 dim + 1 = 5 vertices is too small and starts at random in its box, so its edge weights do not
   * matter.
   */
  @Test
  void largeComponentsGetTheirOwnEigenmapSmallOnesIgnoreTheirEdges() {
    SplittableRandom weights = new SplittableRandom(17);
    List<double[]> ring = new ArrayList<>();
    for (int s = 0; s < 40; s++) {
      ring.add(new double[] {s, (s + 1) % 40, 0.5 + weights.nextDouble() / 2});
      ring.add(new double[] {s, (s + 7) % 40, 0.1 + weights.nextDouble() / 4});
    }
    double[][] pathWeights = {{1, 1, 1, 1}, {1, 0.2, 1, 0.5}};
    double[][][] outs = new double[2][][];
    for (int variant = 0; variant < 2; variant++) {
      List<double[]> edges = new ArrayList<>();
      for (double[] e : ring) {
        edges.add(new double[] {1 + e[0], 1 + e[1], e[2]});
      }
      for (int s = 0; s < 4; s++) {
        edges.add(new double[] {41 + s, 42 + s, pathWeights[variant][s]});
      }
      SparseGraph g = graph(46, edges.toArray(new double[0][]));
      int[] labels = g.components();
      assertEquals(1, labels[40]);
      assertEquals(2, labels[45]);
      outs[variant] = SpectralLayout.multiComponent(g, labels, 3, 2, null, 9);
    }
    double[][] eigenmap = SpectralLayout.connected(graph(40, ring.toArray(new double[0][])), 2);
    double[] anchor = {0, 1};
    double r = Math.sqrt(2) / 2;
    for (int d = 0; d < 2; d++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] row : eigenmap) {
        lo = Math.min(lo, row[d]);
        hi = Math.max(hi, row[d]);
      }
      for (int s = 0; s < 40; s++) {
        double unit = 2 * (eigenmap[s][d] - lo) / (hi - lo) - 1;
        assertEquals(anchor[d] + r * unit, outs[0][1 + s][d], 1e-12, "ring vertex " + s);
      }
    }
    assertSpans(outs[0], new int[] {41, 42, 43, 44, 45}, new double[] {-1, 0}, r);
    for (int i = 0; i < 46; i++) {
      assertArrayEquals(outs[0][i], outs[1][i], 0, "vertex " + i);
    }
  }
}
