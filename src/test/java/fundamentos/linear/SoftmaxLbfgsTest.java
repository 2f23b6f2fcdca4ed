package fundamentos.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.memory.MemoryEstimate;
import fundamentos.progress.Cancelled;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The full-batch L-BFGS solver: its gradient is the loss's, its answer is the optimum (the gradient of
 * the independent ND4J implementation in {@link SoftmaxModel} vanishes there), weights are copies,
 * it is deterministic, it stops when interrupted, and its memory estimate counts what it allocates.
 */
class SoftmaxLbfgsTest {

  /** Three overlapping classes in 3-D (the optimum is finite even without a penalty). */
  private static final int N = 90;
  private static final int D = 3;
  private static final int K = 3;
  private static final double[][] X = new double[N][D];
  private static final int[] Y = new int[N];
  private static final double[] W = new double[N];

  static {
    Random r = new Random(7);
    for (int i = 0; i < N; i++) {
      Y[i] = i % K;
      for (int j = 0; j < D; j++) {
        X[i][j] = r.nextGaussian() * 1.5 + (j == Y[i] ? 1 : 0);
      }
      W[i] = r.nextInt(4);
    }
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return w;
  }

  @Test
  void gradientIsTheLossDerivative() {
    SoftmaxLbfgs.Objective objective = new SoftmaxLbfgs.Objective(X, D, Y, W, K, 0.3);
    Random r = new Random(1);
    double[] theta = new double[(D + 1) * K];
    for (int p = 0; p < theta.length; p++) {
      theta[p] = r.nextGaussian();
    }
    double[] gradient = new double[theta.length];
    objective.evaluate(theta, gradient);
    double h = 1e-6;
    for (int p = 0; p < theta.length; p++) {
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[p] += h;
      down[p] -= h;
      double[] ignored = new double[theta.length];
      double numeric = (objective.evaluate(up, ignored) - objective.evaluate(down, ignored)) / (2 * h);
      assertEquals(numeric, gradient[p], 1e-6, "parameter " + p);
    }
  }

  @Test
  void theSolutionIsTheOptimumOfTheNd4jLoss() {
    double l2 = 0.01;
    SoftmaxLbfgs.Result result = SoftmaxLbfgs.fit(X, D, Y, W, K, l2, 1e-10, 1000);
    assertTrue(result.converged(), "iterations " + result.iterations());
    assertTrue(result.gradientNorm() < 1e-6, "gradient norm " + result.gradientNorm());
    // the mini-batch path's own loss and gradient (ND4J) at the L-BFGS answer
    SoftmaxModel model = result.model(D, K);
    double[][] targets = new double[N][K];
    for (int i = 0; i < N; i++) {
      targets[i][Y[i]] = 1;
    }
    var inputs = SoftmaxModel.withBias(X, D);
    var weights = Nd4j.createFromArray(W).reshape(N, 1);
    double total = Arrays.stream(W).sum();
    double[] gradient = Nd4j.toFlattened(model.gradient(inputs, Nd4j.createFromArray(targets), weights, total, l2))
        .toDoubleVector();
    for (double g : gradient) {
      assertEquals(0, g, 1e-6);
    }
    assertEquals(model.loss(inputs, Nd4j.createFromArray(targets), weights, l2), result.loss(), 1e-10);
    // the loss only fell
    for (int i = 1; i < result.lossCurve().size(); i++) {
      assertTrue(result.lossCurve().get(i) <= result.lossCurve().get(i - 1) + 1e-12, "iteration " + i);
    }
  }

  @Test
  void weightsAreCopiesAndZeroWeightIsNoRow() {
    int n = (int) Arrays.stream(W).sum();
    double[][] x = new double[n][];
    int[] y = new int[n];
    int row = 0;
    for (int i = 0; i < N; i++) {
      for (int c = 0; c < W[i]; c++) {
        x[row] = X[i];
        y[row++] = Y[i];
      }
    }
    double[] weighted = SoftmaxLbfgs.fit(X, D, Y, W, K, 0.01, 1e-10, 1000).parameters();
    double[] copies = SoftmaxLbfgs.fit(x, D, y, ones(n), K, 0.01, 1e-10, 1000).parameters();
    assertArrayEquals(copies, weighted, 1e-6);
    // scaling every weight changes nothing (the loss is the weighted mean)
    double[] doubled = Arrays.stream(W).map(w -> 2 * w).toArray();
    assertArrayEquals(weighted, SoftmaxLbfgs.fit(X, D, Y, doubled, K, 0.01, 1e-10, 1000).parameters(), 1e-6);
  }

  @Test
  void theSameDataGivesTheSameModel() {
    double[] one = SoftmaxLbfgs.fit(X, D, Y, W, K, 1e-3, 1e-8, 500).parameters();
    double[] two = SoftmaxLbfgs.fit(X, D, Y, W, K, 1e-3, 1e-8, 500).parameters();
    assertArrayEquals(one, two, 0.0);
  }

  @Test
  void theIterationCapIsReported() {
    SoftmaxLbfgs.Result result = SoftmaxLbfgs.fit(X, D, Y, W, K, 1e-3, 1e-12, 2);
    assertEquals(2, result.iterations());
    assertFalse(result.converged());
  }

  @Test
  void anInterruptedThreadStopsAtTheNextPass() {
    Thread.currentThread().interrupt();
    try {
      assertThrows(Cancelled.class, () -> SoftmaxLbfgs.fit(X, D, Y, W, K, 1e-3, 1e-8, 500));
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void badWeightsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> SoftmaxLbfgs.fit(X, D, Y, new double[N], K, 0, 1e-6, 10));
    double[] negative = ones(N);
    negative[3] = -1;
    assertThrows(IllegalArgumentException.class, () -> SoftmaxLbfgs.fit(X, D, Y, negative, K, 0, 1e-6, 10));
  }

  @Test
  void memoryCountsRowsAndSolverStateOnTheHeapOnly() {
    MemoryEstimate small = SoftmaxLbfgs.memory(100, 10, 3);
    // rows 100 x 10, 18 vectors of 33 parameters, 3 logits
    assertEquals(8L * (100 * 10 + 18 * 33 + 3), small.heapBytes());
    assertEquals(0, small.offHeapBytes());
    assertTrue(SoftmaxLbfgs.memory(1000, 10, 3).heapBytes() > small.heapBytes());
  }

  @Test
  void smallMeansAFewMillionMultiplyAddsPerPass() {
    assertTrue(SoftmaxLbfgs.isSmall(1500, 19, 7)); // segment-challenge
    assertTrue(SoftmaxLbfgs.isSmall(683, 97, 19)); // soybean
    assertFalse(SoftmaxLbfgs.isSmall(10_000, 784, 10)); // 10k Fashion-MNIST images
    assertFalse(SoftmaxLbfgs.isSmall(Long.MAX_VALUE / 2, 10, 3)); // no overflow
  }

  /**
   * The native objective of large data computes the Java objective's loss and gradient (to
   * rounding), on rows spread over several of its blocks, with instance weights and rows of weight
   * 0 (no row), and frees its native memory on close.
   */
  @Test
  void theNativeObjectiveIsTheJavaObjective() {
    int n = 2 * SoftmaxLbfgs.NativeObjective.BLOCK_ROWS + 37;
    int d = 13;
    int k = 4;
    Random r = new Random(11);
    double[][] x = new double[n][d];
    int[] y = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(k);
      for (int j = 0; j < d; j++) {
        x[i][j] = r.nextGaussian() + (j % k == y[i] ? 0.8 : 0);
      }
      w[i] = i % 9 == 0 ? 0 : 0.5 + r.nextDouble();
    }
    double[] theta = new double[(d + 1) * k];
    for (int p = 0; p < theta.length; p++) {
      theta[p] = 0.3 * r.nextGaussian();
    }
    double[] expected = new double[theta.length];
    double loss = new SoftmaxLbfgs.Objective(x, d, y, w, k, 0.01).evaluate(theta, expected);
    double[] actual = new double[theta.length];
    double nativeLoss;
    try (SoftmaxLbfgs.NativeObjective objective = new SoftmaxLbfgs.NativeObjective(x, d, y, w, k, 0.01)) {
      nativeLoss = objective.evaluate(theta, actual);
      // a second pass over the same parameters gives the same answer (the blocks start afresh)
      double[] again = new double[theta.length];
      assertEquals(nativeLoss, objective.evaluate(theta, again));
      assertArrayEquals(actual, again);
    }
    assertEquals(loss, nativeLoss, 1e-12 * Math.abs(loss));
    assertArrayEquals(expected, actual, 1e-12);
    assertTrue(loss > 0.5, "a loss far from 0, so that the comparison means something: " + loss);
  }

  /**
   * Large data (above isSmall) takes the native objective: the fit reaches the Java solver's
   * optimum, and the loss tolerance stops it once 5 iterations in a row have not lowered the loss
   * by that much, earlier than the gradient test.
   */
  @Test
  void largeDataFitsNativelyAndTheLossToleranceStopsEarly() {
    int n = 4000;
    int d = 60;
    int k = 20; // 4000 x 61 x 20 = 4.9 million: above SMALL
    assertFalse(SoftmaxLbfgs.isSmall(n, d, k));
    int[] y = new int[n];
    double[][] x = gaussianClasses(n, d, k, 5, 1, k, y);
    double[] w = ones(n);
    fundamentos.optim.Lbfgs.Settings exact = new fundamentos.optim.Lbfgs.Settings(1e-9, 1000, 5);
    SoftmaxLbfgs.Result fit = SoftmaxLbfgs.fit(x, d, y, w, k, 1e-3, exact, 1);
    assertTrue(fit.converged(), "converged in " + fit.iterations() + " iterations");
    // at the optimum the Java objective's gradient vanishes
    double[] gradient = new double[fit.parameters().length];
    double loss = new SoftmaxLbfgs.Objective(x, d, y, w, k, 1e-3).evaluate(fit.parameters(), gradient);
    assertEquals(fit.loss(), loss, 1e-10);
    for (double g : gradient) {
      assertEquals(0, g, 1e-6);
    }
    SoftmaxLbfgs.Result loose = SoftmaxLbfgs.fit(x, d, y, w, k, 1e-3, exact.withLossTolerance(1e-3), 1);
    assertTrue(loose.converged());
    assertTrue(loose.iterations() < fit.iterations(), loose.iterations() + " vs " + fit.iterations());
    assertTrue(loose.loss() - fit.loss() < 0.05 && loose.loss() >= fit.loss(),
        loose.loss() + " vs " + fit.loss());
    // it stopped on the test: the last 5 losses failed to beat the best before them by 1e-3
    java.util.List<Double> curve = loose.lossCurve();
    int last = curve.size() - 1;
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i <= last - 5; i++) {
      best = Math.min(best, curve.get(i));
    }
    for (int i = last - 4; i <= last; i++) {
      assertTrue(curve.get(i) > best - 1e-3, "iteration " + i);
      best = Math.min(best, curve.get(i));
    }
  }

  /**
   * Early stopping on held-out rows, on data large enough for the native products (above SMALL)
   * and with many noise columns, so that the optimum overfits: the held-out rows are the stratified
   * draw of ValidationSplit with the seed, the rest train; the held-out curve is their loss
   * (cross-entropy without the penalty, the Java objective on those rows) at each iterate; the fit
   * keeps the iterate of the lowest one and stops PATIENCE iterations after it.
   */
  @Test
  void heldOutRowsStopTheFitAtTheirLowestLoss() {
    int n = 3000;
    int d = 120;
    int k = 12; // 3000 x 121 x 12 = 4.4 million: above SMALL
    assertFalse(SoftmaxLbfgs.isSmall(n, d, k));
    int[] y = new int[n];
    double[][] x = gaussianClasses(n, d, k, 3, 0.7, d, y); // one signal column per class
    double[] w = ones(n);
    fundamentos.optim.Lbfgs.Settings settings = new fundamentos.optim.Lbfgs.Settings(1e-9, 1000, 5);
    SoftmaxLbfgs.HeldOut heldOut = new SoftmaxLbfgs.HeldOut(0.2, 5, SoftmaxLbfgs.PATIENCE);
    SoftmaxLbfgs.Result fit = SoftmaxLbfgs.fit(x, d, y, w, k, 1e-6, settings, 1, heldOut);
    fundamentos.training.ValidationSplit split = fundamentos.training.ValidationSplit.of(y, w, k,
        SoftmaxLbfgs.PATIENCE, 0.2, 5);
    int[] v = split.validation();
    assertEquals(v.length, fit.heldOut());
    assertEquals(600, v.length, 1);
    double[][] xv = new double[v.length][];
    int[] yv = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      xv[i] = x[v[i]];
      yv[i] = y[v[i]];
    }
    java.util.List<Double> curve = fit.validationCurve();
    int best = fit.bestIteration();
    double heldOutLoss = new SoftmaxLbfgs.Objective(xv, d, yv, ones(v.length), k, 0)
        .evaluate(fit.parameters(), new double[fit.parameters().length]);
    assertEquals(curve.get(best), heldOutLoss, 1e-10);
    assertEquals(best + SoftmaxLbfgs.PATIENCE, fit.iterations());
    for (int i = 0; i < curve.size(); i++) {
      assertTrue(curve.get(i) >= curve.get(best), "iteration " + i);
    }
    // the optimum of the training loss overfits: its held-out loss is well above the kept one
    int[] t = split.training();
    double[][] xt = new double[t.length][];
    int[] yt = new int[t.length];
    for (int i = 0; i < t.length; i++) {
      xt[i] = x[t[i]];
      yt[i] = y[t[i]];
    }
    SoftmaxLbfgs.Result optimum = SoftmaxLbfgs.fit(xt, d, yt, ones(t.length), k, 1e-6, settings, 1);
    assertTrue(optimum.iterations() > fit.iterations(), optimum.iterations() + " vs " + fit.iterations());
    double overfit = new SoftmaxLbfgs.Objective(xv, d, yv, ones(v.length), k, 0)
        .evaluate(optimum.parameters(), new double[fit.parameters().length]);
    assertTrue(overfit > heldOutLoss + 0.1, overfit + " vs " + heldOutLoss);
    // the training loss reported is the kept iterate's
    double training = new SoftmaxLbfgs.Objective(xt, d, yt, ones(t.length), k, 1e-6)
        .evaluate(fit.parameters(), new double[fit.parameters().length]);
    assertEquals(training, fit.loss(), 1e-10);
    assertTrue(SoftmaxLbfgs.fit(x, d, y, w, k, 1e-6, settings, 1).validationCurve().isEmpty());
  }

  /**
   * n rows of d standard normal columns with a random class of k each (written into labels); the
   * columns j with j % period equal to the row's class are shifted by {@code shift}, the signal.
   */
  private static double[][] gaussianClasses(int n, int d, int k, long seed, double shift, int period,
      int[] labels) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(k);
      for (int j = 0; j < d; j++) {
        x[i][j] = r.nextGaussian() + (j % period == labels[i] ? shift : 0);
      }
    }
    return x;
  }
}
