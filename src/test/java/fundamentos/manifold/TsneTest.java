package fundamentos.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.linalg.RowSource;
import fundamentos.neighbours.LpPoints;
import fundamentos.neighbours.Trustworthiness;
import fundamentos.progress.Cancelled;
import fundamentos.testing.BundledData;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

/**
 * The t-SNE engine: embedding quality on the 8 x 8 digits (the floors scikit-learn's TSNE reaches
 * there), the seed, the inputs Smile would misread or fail on, interruption and the memory estimate.
 */
class TsneTest {

  static double[][] features(Instances data) {
    double[][] x = new double[data.numInstances()][data.numAttributes() - 1];
    for (int i = 0; i < x.length; i++) {
      for (int a = 0, c = 0; a < data.numAttributes(); a++) {
        if (a != data.classIndex()) {
          x[i][c++] = data.instance(i).value(a);
        }
      }
    }
    return x;
  }

  /** Leave-one-out k-NN accuracy in the embedding (ties to the lowest class). */
  static double leaveOneOutAccuracy(double[][] y, int[] label, int k, int classes) {
    int right = 0;
    for (int i = 0; i < y.length; i++) {
      double[] d = new double[y.length];
      Integer[] order = new Integer[y.length];
      for (int j = 0; j < y.length; j++) {
        d[j] = j == i ? Double.POSITIVE_INFINITY : squared(y[i], y[j]);
        order[j] = j;
      }
      Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
      int[] votes = new int[classes];
      for (int s = 0; s < k; s++) {
        votes[label[order[s]]]++;
      }
      int best = 0;
      for (int c = 1; c < classes; c++) {
        best = votes[c] > votes[best] ? c : best;
      }
      right += best == label[i] ? 1 : 0;
    }
    return right / (double) y.length;
  }

  private static double squared(double[] a, double[] b) {
    double s = 0;
    for (int c = 0; c < a.length; c++) {
      s += (a[c] - b[c]) * (a[c] - b[c]);
    }
    return s;
  }

  @Test
  void digitsKeepTheirNeighboursAndClasses() throws Exception {
    Instances data = BundledData.load("digits8x8-train.arff");
    double[][] x = features(data);
    int[] label = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      label[i] = (int) data.instance(i).classValue();
    }
    // defaults: perplexity 30, PCA to 50 of the 64 pixels, 1000 iterations; Smile's exact method
    // (auto would choose Barnes-Hut for 1,347 rows: BarnesHutTsneTest)
    TsneEmbedding embedding = new Tsne().method(Tsne.Method.EXACT).seed(3)
        .fit(RowSource.of(x), null);
    double[][] y = embedding.coordinates();
    assertEquals(x.length, y.length);
    assertEquals(2, y[0].length);
    assertEquals(50, embedding.inputColumns());
    assertTrue(embedding.varianceKept() > 0.95 && embedding.varianceKept() < 1,
        "50 of 64 components keep most of the variance: " + embedding.varianceKept());
    double trust = Trustworthiness.of(LpPoints.of(x, 2), LpPoints.of(y, 2), 10, 2);
    // scikit-learn's TSNE (perplexity 30) on the digits reaches about 0.99 at k = 10
    assertTrue(trust > 0.97, "trustworthiness (k = 10) " + trust);
    double accuracy = leaveOneOutAccuracy(y, label, 5, data.numClasses());
    assertTrue(accuracy > 0.95, "leave-one-out 5-NN accuracy in the embedding " + accuracy);
    // the figures doc/TSNE.md quotes
    System.out.printf(java.util.Locale.ROOT, "digits: trustworthiness %.4f, 5-NN %.4f, KL %.4f, "
        + "variance kept %.4f%n", trust, accuracy, embedding.klDivergence(),
        embedding.varianceKept());
    assertTrue(embedding.klDivergence() > 0 && embedding.klDivergence() < 3,
        "KL divergence " + embedding.klDivergence());
  }

  @Test
  void theSeedFixesTheEmbedding() throws Exception {
    double[][] x = features(BundledData.load("iris.arff"));
    Tsne tsne = new Tsne().iterations(300).seed(7);
    double[][] a = tsne.fit(RowSource.of(x), null).coordinates();
    double[][] b = tsne.fit(RowSource.of(x), null).coordinates();
    double[][] c = tsne.seed(8).fit(RowSource.of(x), null).coordinates();
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 0, "row " + i);
    }
    assertFalse(Arrays.deepEquals(a, c), "another seed, another start");
  }

  @Test
  void squareDataIsReadAsPointsNotAsADistanceMatrix() {
    // Smile reads an n x n input as distances: 40 points in 40 dimensions must embed as the same
    // points with a 41st zero column do
    SplittableRandom random = new SplittableRandom(5);
    double[][] square = new double[40][40];
    double[][] wider = new double[40][41];
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < 40; j++) {
        square[i][j] = random.nextGaussian() + (i < 20 ? 0 : 4);
        wider[i][j] = square[i][j];
      }
    }
    Tsne tsne = new Tsne().iterations(300).pcaComponents(0).perplexity(5);
    double[][] a = tsne.fit(RowSource.of(square), null).coordinates();
    double[][] b = tsne.fit(RowSource.of(wider), null).coordinates();
    for (int i = 0; i < 40; i++) {
      assertArrayEquals(b[i], a[i], 1e-9, "row " + i);
    }
  }

  @Test
  void hugeValuesEmbedLikeTheSameDataAtUnitScale() {
    SplittableRandom random = new SplittableRandom(6);
    double[][] unit = new double[30][3];
    double[][] huge = new double[30][3];
    for (int i = 0; i < 30; i++) {
      for (int j = 0; j < 3; j++) {
        unit[i][j] = random.nextDouble(-1, 1);
        huge[i][j] = unit[i][j] * 0x1p1000; // squares would overflow
      }
    }
    // both are scaled to the same values before the distances: the same embedding
    Tsne tsne = new Tsne().iterations(100).perplexity(5);
    double[][] a = tsne.fit(RowSource.of(unit), null).coordinates();
    double[][] b = tsne.fit(RowSource.of(huge), null).coordinates();
    for (int i = 0; i < 30; i++) {
      assertArrayEquals(a[i], b[i], 1e-9, "row " + i);
    }
  }

  @Test
  void degenerateDataLandsAtTheOrigin() {
    double[][] one = tsneOf(new double[][] {{1, 2}});
    assertArrayEquals(new double[] {0, 0}, one[0], 0);
    double[][] same = tsneOf(new double[][] {{1, 2}, {1, 2}, {1, 2}});
    for (double[] row : same) {
      assertArrayEquals(new double[] {0, 0}, row, 0);
    }
  }

  private static double[][] tsneOf(double[][] x) {
    return new Tsne().iterations(50).fit(RowSource.of(x), null).coordinates();
  }

  @Test
  void smallDataLowersThePerplexityAndStaysFinite() {
    double[][] x = {{0, 0}, {1, 0}, {0, 1}, {5, 5}, {6, 5}, {5, 6}, {6, 6}};
    TsneEmbedding e = new Tsne().iterations(300).fit(RowSource.of(x), null);
    assertEquals(2.0, e.perplexity(), 0, "(7 - 1) / 3");
    for (double[] row : e.coordinates()) {
      assertTrue(Double.isFinite(row[0]) && Double.isFinite(row[1]));
    }
    // the two groups stay apart: each point's nearest neighbour is in its own group
    double[][] y = e.coordinates();
    for (int i = 0; i < y.length; i++) {
      int nearest = -1;
      for (int j = 0; j < y.length; j++) {
        if (j != i && (nearest < 0 || squared(y[i], y[j]) < squared(y[i], y[nearest]))) {
          nearest = j;
        }
      }
      assertEquals(i < 3, nearest < 3, "point " + i + " next to " + nearest);
    }
  }

  @Test
  void anInterruptedFitStopsBetweenChunks() {
    double[][] x = new double[200][2];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = i % 7;
      x[i][1] = i / 7;
    }
    Thread.currentThread().interrupt();
    try {
      assertThrows(Cancelled.class, () -> new Tsne().fit(RowSource.of(x), null));
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void chunksShrinkWithTheData() {
    assertEquals(Tsne.MAX_CHUNK, Tsne.chunk(150));
    assertEquals(8, Tsne.chunk(5000));
    assertEquals(1, Tsne.chunk(100_000));
  }

  @Test
  void memoryIsThreeSquareMatricesAndThePcaOnes() {
    long n = 10_000;
    long bare = new Tsne().method(Tsne.Method.EXACT).pcaComponents(0).memory(n, 784).heapBytes();
    assertEquals(3 * n * n * 8 + n * 784 * 8 + 4 * n * 2 * 8, bare);
    long reduced = new Tsne().method(Tsne.Method.EXACT).memory(n, 784).heapBytes();
    assertTrue(reduced > 3 * n * n * 8, "the PCA's share comes on top: " + reduced);
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Tsne().perplexity(0.5));
    assertThrows(IllegalArgumentException.class, () -> new Tsne().learningRate(0));
    assertThrows(IllegalArgumentException.class, () -> new Tsne().iterations(0));
    assertThrows(IllegalArgumentException.class, () -> new Tsne().pcaComponents(-1));
    assertThrows(IllegalArgumentException.class, () -> new Tsne().dimensions(0));
    assertThrows(IllegalArgumentException.class,
        () -> new Tsne().fit(RowSource.of(new double[][] {{1}, {Double.NaN}}), null));
  }
}
