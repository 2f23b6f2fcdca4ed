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
 * The Barnes-Hut t-SNE engine: its gradient and KL divergence against dense formulas, the embedding
 * of the 8 x 8 digits against floors near scikit-learn's Barnes-Hut TSNE, the seed, the thread
 * count, the choice of method and the inputs that need care.
 */
class BarnesHutTsneTest {

  private static Tsne barnesHut() {
    return new Tsne().method(Tsne.Method.BARNES_HUT);
  }

  /** A small affinity matrix and a spread-out embedding to differentiate at. */
  private static double[][] blobs(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        x[i][c] = random.nextGaussian() + 3 * (i % 4) * (c % 2 == 0 ? 1 : -1);
      }
    }
    return x;
  }

  @Test
  void thetaZeroGradientAndKlAreTheDenseFormulas() {
    int n = 150;
    SparseAffinities p = SparseAffinities.of(blobs(n, 6, 1), 10, 1, 2);
    double[] y = new double[2 * n];
    SplittableRandom random = new SplittableRandom(4);
    for (int k = 0; k < y.length; k++) {
      y[k] = random.nextGaussian() * 3;
    }
    double[][] w = new double[n][n];
    double z = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          double dx = y[2 * i] - y[2 * j];
          double dy = y[2 * i + 1] - y[2 * j + 1];
          w[i][j] = 1 / (1 + dx * dx + dy * dy);
          z += w[i][j];
        }
      }
    }
    BarnesHutOptimizer optimizer = new BarnesHutOptimizer(p, 2, 0, 3);
    for (double exaggeration : new double[] {1, 12}) {
      double[] gradient = new double[2 * n];
      assertEquals(z, optimizer.gradient(y, exaggeration, gradient), 1e-12 * z);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < 2; c++) {
          // dC/dy_i = 4 sum_j (a p_ij - q_ij) w_ij (y_i - y_j)
          double want = 0;
          for (int j = 0; j < n; j++) {
            want += 4 * (exaggeration * p.get(i, j) - w[i][j] / z) * w[i][j]
                * (y[2 * i + c] - y[2 * j + c]);
          }
          assertEquals(want, gradient[2 * i + c], 1e-10 * Math.abs(want) + 1e-15,
              "exaggeration " + exaggeration + ", point " + i + ", coordinate " + c);
        }
      }
    }
    double kl = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double pij = p.get(i, j);
        kl += pij > 0 ? pij * Math.log(pij / (w[i][j] / z)) / Math.log(2) : 0;
      }
    }
    assertEquals(kl, optimizer.klDivergence(y), 1e-10 * kl);
  }

  @Test
  void theIterationsAreTheUsualUpdateRule() {
    // 252 iterations replayed here with the rule written out: exaggeration 12 and momentum 0.5
    // for iterations 0-249, then 1 and 0.8; gains +0.2 where the gradient's sign differs from the
    // last step's, times 0.8 elsewhere, at least 0.01; step = momentum step - eta gain gradient;
    // the result centred
    int n = 60;
    SparseAffinities p = SparseAffinities.of(blobs(n, 4, 6), 5, 1, 1);
    BarnesHutOptimizer optimizer = new BarnesHutOptimizer(p, 2, 0.5, 2);
    double[] start = BarnesHutOptimizer.start(n, 2, 9);
    SplittableRandom random = new SplittableRandom(9);
    for (int k = 0; k < start.length; k++) {
      assertEquals(1e-4 * random.nextGaussian(), start[k], 0, "the start, N(0, 1e-4^2)");
    }
    double eta = 50;
    double[] y = start.clone();
    double[] step = new double[2 * n];
    double[] gains = new double[2 * n];
    Arrays.fill(gains, 1);
    double[] gradient = new double[2 * n];
    for (int t = 0; t < 252; t++) {
      optimizer.gradient(y, t < 250 ? 12 : 1, gradient);
      for (int k = 0; k < y.length; k++) {
        gains[k] = Math.signum(gradient[k]) != Math.signum(step[k]) ? gains[k] + 0.2
            : Math.max(0.01, gains[k] * 0.8);
        step[k] = (t < 250 ? 0.5 : 0.8) * step[k] - eta * gains[k] * gradient[k];
        y[k] += step[k];
      }
    }
    for (int c = 0; c < 2; c++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += y[2 * i + c] / n;
      }
      for (int i = 0; i < n; i++) {
        y[2 * i + c] -= mean;
      }
    }
    double[] fitted = start.clone();
    double kl = optimizer.optimise(fitted, 252, eta);
    assertArrayEquals(y, fitted, 1e-9 * Arrays.stream(y).map(Math::abs).max().getAsDouble());
    assertEquals(optimizer.klDivergence(fitted), kl, 0);
  }

  @Test
  void digitsKeepTheirNeighboursAndClasses() throws Exception {
    Instances data = BundledData.load("digits8x8-train.arff");
    double[][] x = TsneTest.features(data);
    int[] label = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      label[i] = (int) data.instance(i).classValue();
    }
    // defaults (perplexity 30, PCA to 50, 1000 iterations, learning rate 200, theta 0.5)
    TsneEmbedding embedding = barnesHut().seed(3).fit(RowSource.of(x), null);
    double[][] y = embedding.coordinates();
    assertEquals(x.length, y.length);
    double trust = Trustworthiness.of(LpPoints.of(x, 2), LpPoints.of(y, 2), 10, 2);
    // scikit-learn 1.2.1's Barnes-Hut TSNE on these 1,347 digits (PCA to 50, perplexity 30, its
    // defaults: angle 0.5, init "pca", learning rate "auto"; random_state 0-4): trustworthiness
    // 0.9916-0.9919 at k = 10, leave-one-out 5-NN 0.9866 (doc/TSNE.md)
    assertTrue(trust > 0.988, "trustworthiness (k = 10) " + trust);
    double accuracy = TsneTest.leaveOneOutAccuracy(y, label, 5, data.numClasses());
    assertTrue(accuracy > 0.975, "leave-one-out 5-NN accuracy in the embedding " + accuracy);
    assertTrue(embedding.klDivergence() > 0.3 && embedding.klDivergence() < 1.5,
        "KL divergence (bits) " + embedding.klDivergence());
    System.out.printf(java.util.Locale.ROOT, "digits (Barnes-Hut): trustworthiness %.4f, 5-NN "
        + "%.4f, KL %.4f%n", trust, accuracy, embedding.klDivergence());
  }

  @Test
  void theSeedFixesTheEmbeddingOnAnyNumberOfThreads() {
    double[][] x = blobs(700, 8, 3);
    Tsne tsne = barnesHut().iterations(300).pcaComponents(0).seed(7);
    double[][] one = tsne.threads(1).fit(RowSource.of(x), null).coordinates();
    double[][] three = tsne.threads(3).fit(RowSource.of(x), null).coordinates();
    for (int i = 0; i < one.length; i++) {
      assertArrayEquals(one[i], three[i], 0, "row " + i);
    }
    double[][] other = tsne.seed(8).fit(RowSource.of(x), null).coordinates();
    assertFalse(Arrays.deepEquals(one, other), "another seed, another start");
  }

  @Test
  void autoKeepsTheExactMethodForSmallDataAndManyDimensions() {
    Tsne tsne = new Tsne();
    assertEquals(Tsne.Method.EXACT, tsne.methodFor(Tsne.AUTO_EXACT_BELOW - 1));
    assertEquals(Tsne.Method.BARNES_HUT, tsne.methodFor(Tsne.AUTO_EXACT_BELOW));
    assertEquals(Tsne.Method.EXACT, tsne.dimensions(4).methodFor(100_000));
    assertEquals(Tsne.Method.BARNES_HUT, tsne.dimensions(3).methodFor(100_000));
    assertEquals(Tsne.Method.BARNES_HUT, barnesHut().methodFor(10));
    assertEquals(Tsne.Method.EXACT, new Tsne().method(Tsne.Method.EXACT).methodFor(100_000));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> barnesHut().dimensions(4).fit(RowSource.of(blobs(20, 3, 1)), null));
    assertTrue(e.getMessage().contains("at most 3 dimensions"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Tsne().theta(-0.1));
    assertThrows(IllegalArgumentException.class, () -> new Tsne().theta(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Tsne().threads(0));
  }

  @Test
  void smallHugeAndDegenerateData() {
    double[][] x = {{0, 0}, {1, 0}, {0, 1}, {5, 5}, {6, 5}, {5, 6}, {6, 6}};
    double[][] huge = new double[7][];
    for (int i = 0; i < 7; i++) {
      huge[i] = new double[] {x[i][0] * 0x1p1000, x[i][1] * 0x1p1000};
    }
    // 1000 iterations: with Z over the pairs i != j only (Smile's adds n to it), 7 points spread far
    // at learning rate 200 before they settle
    Tsne tsne = barnesHut();
    TsneEmbedding e = tsne.fit(RowSource.of(x), null);
    assertEquals(2.0, e.perplexity(), 0, "(7 - 1) / 3");
    double[][] y = e.coordinates();
    double[][] h = tsne.fit(RowSource.of(huge), null).coordinates();
    for (int i = 0; i < y.length; i++) {
      assertArrayEquals(y[i], h[i], 1e-9, "scaled before the search: row " + i);
      int nearest = -1;
      for (int j = 0; j < y.length; j++) {
        if (j != i && (nearest < 0 || dist(y[i], y[j]) < dist(y[i], y[nearest]))) {
          nearest = j;
        }
      }
      assertEquals(i < 3, nearest < 3, "point " + i + " next to " + nearest);
    }
    for (double[] row : tsne.fit(RowSource.of(new double[][] {{1, 2}, {1, 2}, {1, 2}}), null)
        .coordinates()) {
      assertArrayEquals(new double[] {0, 0}, row, 0);
    }
    assertArrayEquals(new double[] {0, 0},
        tsne.fit(RowSource.of(new double[][] {{4, 2}}), null).coordinates()[0], 0);
    assertThrows(IllegalArgumentException.class,
        () -> tsne.fit(RowSource.of(new double[][] {{1}, {Double.NaN}}), null));
  }

  private static double dist(double[] a, double[] b) {
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  }

  @Test
  void anInterruptedFitStops() {
    double[][] x = blobs(300, 3, 2);
    Thread.currentThread().interrupt();
    try {
      assertThrows(Cancelled.class, () -> barnesHut().fit(RowSource.of(x), null));
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void memoryGrowsLinearly() {
    Tsne tsne = new Tsne().pcaComponents(0);
    long small = tsne.memory(100_000, 50).heapBytes();
    long large = tsne.memory(1_000_000, 50).heapBytes();
    assertEquals(10.0, large / (double) small, 0.01, "linear in n");
    // per point: the rows (2 x 50 doubles, 50 floats), 92 neighbours (int + 2 doubles), P (2 x 92
    // ints and doubles), the tree (4 nodes of 3 ints and 7 doubles) and 5 x 2 doubles
    long perPoint = 2 * 50 * 8 + 50 * 4 + 92 * 20 + 2 * 92 * 12 + 4 * (12 + 56) + 5 * 2 * 8;
    assertEquals(perPoint * 100_000, small, 8 * 100_001);
    assertTrue(new Tsne().method(Tsne.Method.EXACT).pcaComponents(0).memory(100_000, 50)
        .heapBytes() > 3L * 100_000 * 100_000 * 8, "the exact method: three n x n matrices");
  }
}
