package fundamentos.umap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.neighbours.ExactKnn;
import fundamentos.neighbours.KnnGraph;
import fundamentos.neighbours.LpPoints;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The start layout of the SGD as umap-learn's simplicial_set_embedding makes it, written out here
 * from its definition: random starts uniform in [-10, 10]; PCA and spectral starts through
 * noisy_scale_coords (times 10 / max |coordinate|, plus N(0, 1e-4) noise); then every coordinate
 * scaled to [0, 10]. With a single epoch no edge is due (an edge of weight w is first due at epoch
 * max(w) / w >= 1), so the fitted embedding is the start itself.
 */
class UmapStartLayoutTest {

  /** n points of one Gaussian blob in 3-D. */
  private static double[][] blob(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[n][3];
    for (double[] row : x) {
      for (int j = 0; j < 3; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return x;
  }

  private static KnnGraph knn(double[][] x, int k) {
    return ExactKnn.ofPoints(LpPoints.of(x, 2), k, 1);
  }

  /** Every coordinate to [0, 10]: 10 (y - min) / (max - min). */
  private static double[][] box(double[][] y) {
    int n = y.length;
    int c = y[0].length;
    double[][] out = new double[n][c];
    for (int d = 0; d < c; d++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] row : y) {
        lo = Math.min(lo, row[d]);
        hi = Math.max(hi, row[d]);
      }
      for (int i = 0; i < n; i++) {
        out[i][d] = 10 * (y[i][d] - lo) / (hi - lo);
      }
    }
    return out;
  }

  /** A standard normal by Box-Muller from two of the seed's uniforms (the first taken as 1 - u). */
  private static double normal(SplittableRandom random) {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * noisy_scale_coords: coordinates times 10 / max |coordinate| (1 when all are 0), missing columns
   * 0, plus 1e-4 times a standard normal per coordinate, drawn row by row from the seed's stream.
   */
  private static double[][] noisyScale(double[][] start, int components, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double maxAbs = 0;
    for (double[] row : start) {
      for (double v : row) {
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
    }
    double expansion = maxAbs > 0 ? 10 / maxAbs : 1;
    double[][] y = new double[start.length][components];
    for (int i = 0; i < start.length; i++) {
      for (int d = 0; d < components; d++) {
        double v = d < start[i].length ? start[i][d] : 0;
        y[i][d] = v * expansion + 1e-4 * normal(random);
      }
    }
    return y;
  }

  private static void assertRowsEqual(double[][] expected, double[][] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], tolerance, "row " + i);
    }
  }

  @Test
  void randomStartIsUniformDrawsScaledToTheBox() {
    double[][] x = blob(40, 3);
    KnnGraph knn = knn(x, 5);
    UmapModel model = new Umap().neighbours(5).components(3).initialisation(Initialisation.RANDOM)
        .epochs(1).seed(11).fit(knn, null, null);
    SplittableRandom random = new SplittableRandom(11);
    double[][] draws = new double[40][3];
    for (double[] row : draws) {
      for (int d = 0; d < 3; d++) {
        row[d] = random.nextDouble() * 20 - 10;
      }
    }
    // the same operations in the same order: equal to the last bit
    assertRowsEqual(box(draws), model.embedding(), 0);
    assertEquals(Initialisation.RANDOM, model.report().initialisation());
    assertFalse(model.report().spectralFellBack());
    // edges weaker than max / epochs are dropped: with one epoch only the strongest stay
    SparseGraph graph = FuzzySimplicialSet.of(knn, 5, 1, 1);
    for (int epochs : new int[] {1, 7}) {
      int kept = 0;
      for (int e = 0; e < graph.entries(); e++) {
        if (graph.value(e) >= graph.maxValue() / epochs) {
          kept++;
        }
      }
      assertTrue(kept > 0, "the strongest edges stay");
      if (epochs == 1) {
        assertTrue(kept < graph.entries(), "weaker edges dropped: " + kept);
      }
      UmapModel fitted = new Umap().neighbours(5).initialisation(Initialisation.RANDOM)
          .epochs(epochs).seed(11).fit(knn, null, null);
      assertEquals(kept, fitted.report().edges(), epochs + " epochs");
    }
  }

  /** A single point: nothing to scale, it starts (and stays) in the middle of the box. */
  @Test
  void onePointSitsInTheMiddleOfTheBox() {
    KnnGraph one = new KnnGraph(new int[][] {{0}}, new double[][] {{0}});
    UmapModel model = new Umap().neighbours(1).seed(2).fit(one, null, null);
    assertArrayEquals(new double[] {5, 5}, model.embeddingOf(0), 0);
    // too few points for an eigenmap: a random start
    assertTrue(model.report().spectralFellBack());
    assertEquals(Initialisation.RANDOM, model.report().initialisation());
  }

  @Test
  void noPointIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Umap().fit(new KnnGraph(new int[0][], new double[0][]), null, null));
    assertTrue(e.getMessage().contains("at least one point"), e.getMessage());
  }

  /**
   * PCA start from one score column for two components: the first coordinate is the scores times
   * 10 / 975 plus noise, the second noise alone; both scaled to the box. The noise, read back from
   * the first coordinate's residual from a straight line in the scores, has the standard deviation
   * 1e-4 (within the sampling error of 50 draws).
   */
  @Test
  void pcaStartIsTheScoresWithNoiseScaledToTheBox() {
    double[][] x = blob(50, 6);
    double[][] scores = new double[50][1];
    for (int i = 0; i < 50; i++) {
      scores[i][0] = 25 * (i - 10);
    }
    UmapModel model = new Umap().neighbours(5).initialisation(Initialisation.PCA).epochs(1)
        .seed(6).fit(knn(x, 5), null, () -> scores);
    double[][] y = model.embedding();
    assertRowsEqual(box(noisyScale(scores, 2, 6)), y, 1e-9);
    assertEquals(Initialisation.PCA, model.report().initialisation());
    assertFalse(model.report().spectralFellBack());
    // least-squares line of the first coordinate in the scores
    double ms = 0;
    double my = 0;
    for (int i = 0; i < 50; i++) {
      ms += scores[i][0] / 50;
      my += y[i][0] / 50;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < 50; i++) {
      sxy += (scores[i][0] - ms) * (y[i][0] - my);
      sxx += (scores[i][0] - ms) * (scores[i][0] - ms);
    }
    double slope = sxy / sxx;
    // y = (10 / 975 score + noise) times slope / (10 / 975): the noise is the residual over that
    double toNoise = (10.0 / 975) / slope;
    double ss = 0;
    for (int i = 0; i < 50; i++) {
      double residual = y[i][0] - my - slope * (scores[i][0] - ms);
      ss += residual * toNoise * residual * toNoise;
    }
    double sd = Math.sqrt(ss / 48);
    assertTrue(sd > 0.6e-4 && sd < 1.4e-4, "noise standard deviation " + sd);
  }

  /** All scores 0: nothing to expand (factor 1), the noise alone fills the box. */
  @Test
  void pcaStartOfZeroScoresIsNoise() {
    double[][] zeros = new double[30][2];
    UmapModel model = new Umap().neighbours(5).initialisation(Initialisation.PCA).epochs(1)
        .seed(3).fit(knn(blob(30, 5), 5), null, () -> zeros);
    assertRowsEqual(box(noisyScale(zeros, 2, 3)), model.embedding(), 1e-9);
  }

  /** Without scores (no supplier, or one that has none) PCA falls back to the random start. */
  @Test
  void pcaStartWithoutScoresIsTheRandomStart() {
    KnnGraph knn = knn(blob(30, 5), 5);
    double[][] random = new Umap().neighbours(5).initialisation(Initialisation.RANDOM).epochs(1)
        .seed(3).fit(knn, null, null).embedding();
    UmapModel noSupplier = new Umap().neighbours(5).initialisation(Initialisation.PCA).epochs(1)
        .seed(3).fit(knn, null, null);
    UmapModel noScores = new Umap().neighbours(5).initialisation(Initialisation.PCA).epochs(1)
        .seed(3).fit(knn, null, () -> null);
    for (UmapModel model : new UmapModel[] {noSupplier, noScores}) {
      assertRowsEqual(random, model.embedding(), 0);
      assertEquals(Initialisation.RANDOM, model.report().initialisation());
      assertTrue(model.report().spectralFellBack());
    }
  }

  /** A connected graph starts at its own eigenmap through noisy_scale_coords and the box. */
  @Test
  void spectralStartOfAConnectedGraphIsItsEigenmap() {
    KnnGraph knn = knn(blob(60, 8), 8);
    SparseGraph graph = FuzzySimplicialSet.of(knn, 8, 1, 1);
    for (int label : graph.components()) {
      assertEquals(0, label, "the blob's graph is connected");
    }
    double[][] eigenmap = SpectralLayout.connected(graph, 2);
    UmapModel model = new Umap().neighbours(8).epochs(1).seed(4).fit(knn, null, null);
    assertRowsEqual(box(noisyScale(eigenmap, 2, 4)), model.embedding(), 1e-9);
    assertEquals(Initialisation.SPECTRAL, model.report().initialisation());
    assertFalse(model.report().spectralFellBack());
    assertEquals(1, model.report().components());
  }
}
