package fundamentos.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.optim.AdamRule;
import fundamentos.optim.SgdRule;
import fundamentos.optim.UpdateRule;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Instance weights mean copies (see {@link SoftmaxTrainer}): weight w trains like w copies of the
 * instance, at every mini-batch size, and weight 0 like no instance at all.
 */
class InstanceWeightsTest {

  /** Two overlapping classes in 2-D (the optimum is finite) with integer weights 0, 1, 2 or 3. */
  private static final int N = 40;
  private static final double[][] X = new double[N][2];
  private static final int[] Y = new int[N];
  private static final double[] W = new double[N];

  static {
    Random r = new Random(3);
    for (int i = 0; i < N; i++) {
      Y[i] = i % 2;
      X[i][0] = r.nextGaussian() + (Y[i] == 1 ? 1 : -1);
      X[i][1] = r.nextGaussian() * 2;
      W[i] = r.nextInt(4);
    }
  }

  private static SoftmaxTrainer.Batch batch(double[][] x, int[] y, double[] w) {
    double[][] targets = new double[x.length][2];
    for (int i = 0; i < x.length; i++) {
      targets[i][y[i]] = 1;
    }
    return new SoftmaxTrainer.Batch(SoftmaxModel.withBias(x, 2), Nd4j.createFromArray(targets), w);
  }

  private static SoftmaxTrainer.Batch weighted() {
    return batch(X, Y, W);
  }

  /** Each row i copied W[i] times, every copy of weight 1. */
  private static SoftmaxTrainer.Batch duplicated() {
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
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    return batch(x, y, ones);
  }

  private static double[] train(SoftmaxTrainer.Batch data, UpdateRule rule, int batchSize, int epochs, long seed) {
    SoftmaxModel model = new SoftmaxModel(2, 2);
    SoftmaxTrainer trainer = new SoftmaxTrainer(model, data, null, rule, batchSize, 0.01, 0, seed);
    for (int e = 0; e < epochs; e++) {
      trainer.runEpoch();
    }
    return Nd4j.toFlattened(model.parameters()).toDoubleVector();
  }

  /** A full batch sees the exact gradient of the duplicated data: the same steps, the same optimum. */
  @Test
  void fullBatchTrainingWithWeightsEqualsTrainingOnCopies() {
    SoftmaxTrainer.Batch copies = duplicated();
    for (Supplier<UpdateRule> rule : java.util.List.<Supplier<UpdateRule>>of(() -> new SgdRule(0.5),
        () -> new AdamRule(0.05, 0.9, 0.999, 1e-8))) {
      double[] withWeights = train(weighted(), rule.get(), N, 300, 1);
      double[] withCopies = train(copies, rule.get(), copies.size(), 300, 1);
      assertArrayEquals(withCopies, withWeights, 1e-10);
    }
  }

  /** Weight 0 is no instance: training with zero-weight rows equals training without them. */
  @Test
  void zeroWeightIsNoInstance() {
    int kept = (int) Arrays.stream(W).filter(w -> w > 0).count();
    double[][] x = new double[kept][];
    int[] y = new int[kept];
    double[] w = new double[kept];
    for (int i = 0, j = 0; i < N; i++) {
      if (W[i] > 0) {
        x[j] = X[i];
        y[j] = Y[i];
        w[j++] = W[i];
      }
    }
    double[] without = train(batch(x, y, w), new SgdRule(0.5), kept, 200, 1);
    double[] with = train(weighted(), new SgdRule(0.5), N, 200, 1);
    assertArrayEquals(without, with, 1e-10);
  }

  /**
   * With mini-batches, the weighted and the duplicated data give the same expected step: averaged
   * over seeds, SGD with a small step ends at the same parameters. With one row per mini-batch the
   * old per-mini-batch normalisation ignored the weights entirely and ended at the unweighted
   * optimum, which this data puts far from the weighted one.
   */
  @Test
  void miniBatchTrainingWithWeightsMatchesCopiesInExpectation() {
    SoftmaxTrainer.Batch copies = duplicated();
    double[] unweighted = train(batch(X, Y, ones(N)), new SgdRule(0.5), N, 2000, 1);
    double[] optimum = train(copies, new SgdRule(0.5), copies.size(), 2000, 1);
    double separation = distance(unweighted, optimum);
    assertTrue(separation > 0.1, "the test data must tell weights from no weights: " + separation);
    for (int batchSize : new int[] {1, 7}) {
      int seeds = 4;
      double[] meanWeighted = new double[6];
      double[] meanCopies = new double[6];
      for (int seed = 0; seed < seeds; seed++) {
        // the same number of steps: an epoch of the copies has W / n times as many mini-batches
        int stepsPerEpochWeighted = (N + batchSize - 1) / batchSize;
        int epochsWeighted = 2000 / stepsPerEpochWeighted;
        int epochsCopies = epochsWeighted * N / copies.size();
        add(meanWeighted, train(weighted(), new SgdRule(0.05), batchSize, epochsWeighted, seed), seeds);
        add(meanCopies, train(copies, new SgdRule(0.05), batchSize, Math.max(1, epochsCopies), 100 + seed), seeds);
      }
      double gap = distance(meanWeighted, meanCopies);
      assertTrue(gap < separation / 4, "mini-batch " + batchSize + ": weights end at " + Arrays.toString(meanWeighted)
          + ", copies at " + Arrays.toString(meanCopies) + " (unweighted optimum " + Arrays.toString(unweighted) + ")");
      assertTrue(distance(meanWeighted, optimum) < separation / 4, "mini-batch " + batchSize + ": "
          + distance(meanWeighted, optimum) + " from the optimum, " + separation + " between the optima");
    }
  }

  /** The gradient step of a mini-batch whose rows all weigh 0 is zero, not 0 / 0. */
  @Test
  void aMiniBatchOfZeroWeightsIsHarmless() {
    double[] w = new double[N];
    Arrays.fill(w, N / 2, N, 1.0); // the first half weighs nothing: with one row per mini-batch, each
    // of its rows is a mini-batch of zero weight
    SoftmaxModel model = new SoftmaxModel(2, 2);
    SoftmaxTrainer trainer = new SoftmaxTrainer(model, batch(X, Y, w), null, new SgdRule(0.1), 1, 0, 0, 1);
    for (int e = 0; e < 3; e++) {
      trainer.runEpoch();
    }
    for (double v : Nd4j.toFlattened(model.parameters()).toDoubleVector()) {
      assertTrue(Double.isFinite(v));
    }
    assertTrue(trainer.lossCurve().stream().allMatch(Double::isFinite));
  }

  @Test
  void weightsThatSumToZeroOrAreNotCopiesAreRefused() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxTrainer(new SoftmaxModel(2, 2), batch(X, Y, new double[N]), null, new SgdRule(0.1), 4, 0, 0, 1));
    assertTrue(zero.getMessage().contains("positive"), zero.getMessage());
    double[] negative = ones(N);
    negative[3] = -1;
    assertThrows(IllegalArgumentException.class, () -> batch(X, Y, negative));
    double[] nan = ones(N);
    nan[3] = Double.NaN;
    assertThrows(IllegalArgumentException.class, () -> batch(X, Y, nan));
  }

  /** Scaling every weight by the same factor changes nothing (copies of the whole data set). */
  @Test
  void uniformScalingOfTheWeightsChangesNothing() {
    double[] doubled = W.clone();
    for (int i = 0; i < N; i++) {
      doubled[i] *= 2.5;
    }
    assertArrayEquals(train(weighted(), new SgdRule(0.3), 5, 20, 4), train(batch(X, Y, doubled), new SgdRule(0.3), 5, 20, 4),
        1e-10);
  }

  private static double[] ones(int n) {
    double[] v = new double[n];
    Arrays.fill(v, 1);
    return v;
  }

  private static void add(double[] sum, double[] v, int count) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += v[i] / count;
    }
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }
}
