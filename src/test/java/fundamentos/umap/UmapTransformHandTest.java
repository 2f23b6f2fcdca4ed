package fundamentos.umap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.neighbours.KnnGraph;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Placing new points (umap-learn's transform) on a hand-made training embedding of five points: the
 * start at the membership-weighted mean of the neighbours' embeddings (or on a training point the
 * new point coincides with), the memberships with the local connectivity lowered by one (rho = 0),
 * edges under 1 / epochs dropped, then the epochs at a quarter of the learning rate. A learning rate
 * of 0 keeps every point at its start.
 */
class UmapTransformHandTest {

  /** Five training points in 2-D: (2, 1), (4, 0), (0, 8), (10, 10), (-3, 5). */
  private static final double[] EMBEDDING = {2, 1, 4, 0, 0, 8, 10, 10, -3, 5};

  private static final MembershipCurve CURVE = new MembershipCurve(1.577, 0.895);

  private static UmapModel model(double repulsion, double learningRate, int transformEpochs) {
    return model(repulsion, learningRate, transformEpochs, 1);
  }

  private static UmapModel model(double repulsion, double learningRate, int transformEpochs,
      long seed) {
    return new UmapModel(EMBEDDING.clone(), 5, 2, CURVE, 3, repulsion, 5.0, learningRate,
        transformEpochs, 1.0, seed, null);
  }

  private static double[] weightedMean(int[] idx, double[] w) {
    double total = 0;
    double[] sum = new double[2];
    for (int s = 0; s < idx.length; s++) {
      total += w[s];
      for (int d = 0; d < 2; d++) {
        sum[d] += w[s] * EMBEDDING[idx[s] * 2 + d];
      }
    }
    return new double[] {sum[0] / total, sum[1] / total};
  }

  /**
   * Neighbours 1, 2, 0 at distances 1, 2, 3: local connectivity 1 is lowered to 0, so rho = 0 and
   * the memberships are exp(-d / sigma); the start is their weighted mean of (4, 0), (0, 8), (2, 1).
   */
  @Test
  void newPointStartsAtTheMembershipWeightedMean() {
    KnnGraph knn = new KnnGraph(new int[][] {{1, 2, 0}}, new double[][] {{1, 2, 3}});
    SmoothKnnDistances local = SmoothKnnDistances.of(knn, 3, 0);
    assertEquals(0, local.rho(0), 0);
    double sigma = local.sigma(0);
    double[] w = {Math.exp(-1 / sigma), Math.exp(-2 / sigma), Math.exp(-3 / sigma)};
    double[][] y = model(1, 0, 30).transform(knn, 1);
    assertArrayEquals(weightedMean(knn.indices(0), w), y[0], 1e-12);
  }

  /**
   * A new point at distance 0 from a training point (membership 1) starts on it, wherever it is in
   * the neighbour list; one whose memberships all vanish (one neighbour at distance 1000, sigma 1:
   * exp(-1000) = 0) starts on its nearest neighbour.
   */
  @Test
  void newPointOnATrainingPointStartsOnIt() {
    UmapModel model = model(1, 0, 30);
    double[][] y = model.transform(new KnnGraph(new int[][] {{1, 3, 2}, {1, 0, 2}},
        new double[][] {{1, 0, 2}, {1, 0, 2}}), 1);
    assertArrayEquals(new double[] {10, 10}, y[0], 0);
    assertArrayEquals(new double[] {2, 1}, y[1], 0);
    double[][] far = model.transform(new KnnGraph(new int[][] {{2}}, new double[][] {{1000}}), 1);
    assertArrayEquals(new double[] {0, 8}, far[0], 0);
  }

  @Test
  void noNewPointGivesNoRow() {
    double[][] y = model(1, 1, 30).transform(new KnnGraph(new int[0][], new double[0][]), 2);
    assertEquals(0, y.length);
  }

  /**
   * With the repulsion strength 0 the negative samples do not move the point, so the placement is
   * the weighted-mean start followed by optimize_layout_euclidean's epochs (checked against
   * umap-learn in UmapLearnStepsTest) over the kept edges: 4 epochs, floor 1 / 4 (the neighbour at
   * distance 30 falls under it), each kept edge due every 1 / w epochs, alpha = learning rate / 4.
   */
  @Test
  void newPointRunsTheEpochsAlongItsStrongEdges() {
    int epochs = 4;
    KnnGraph knn = new KnnGraph(new int[][] {{1, 2, 0, 4}},
        new double[][] {{1, 1.1, 1.2, 30}});
    SmoothKnnDistances local = SmoothKnnDistances.of(knn, 4, 0);
    assertEquals(0, local.rho(0), 0);
    double sigma = local.sigma(0);
    double[] d = knn.distances(0);
    int[] idx = knn.indices(0);
    double[] w = new double[4];
    int kept = 0;
    for (int s = 0; s < 4; s++) {
      w[s] = Math.exp(-d[s] / sigma);
      if (w[s] >= 1.0 / epochs) {
        kept++;
      }
    }
    assertEquals(3, kept, "memberships " + java.util.Arrays.toString(w));
    int[] tails = new int[kept];
    double[] perSample = new double[kept];
    for (int s = 0, e = 0; s < 4; s++) {
      if (w[s] >= 1.0 / epochs) {
        tails[e] = idx[s];
        perSample[e++] = 1 / w[s];
      }
    }
    double[] start = weightedMean(idx, w);
    double[] expected = start.clone();
    new LayoutOptimizer(CURVE, 0, 5).optimize(expected, EMBEDDING.clone(), 2, new int[kept], tails,
        perSample, 5, epochs, 1.0 / 4, false, new SplittableRandom(0));
    double[][] y = model(0, 1, epochs).transform(knn, 1);
    assertArrayEquals(expected, y[0], 1e-10);
    assertTrue(Math.hypot(y[0][0] - start[0], y[0][1] - start[1]) > 1e-3, "the point moved");
  }

  /**
   * One transform epoch (Umap.defaultTransformEpochs gives 1 for 1 or 2 epochs): the floor is
   * 1 / 1 = 1, so exactly the edges of membership 1 are kept (a new point at distance 0 from
   * training point 3); such an edge is first due at epoch 1 / 1 = 1, after the only epoch 0, so the
   * point stays where it starts, on training point 3, with repulsion and learning rate 1.
   */
  @Test
  void oneEpochKeepsTheEdgesAtTheFloorAndLeavesThePointAtItsStart() {
    double[][] y = model(1, 1, 1).transform(new KnnGraph(new int[][] {{3, 1, 2}},
        new double[][] {{0, 1, 2}}), 1);
    assertArrayEquals(new double[] {10, 10}, y[0], 0);
  }

  /**
   * The negative samples of a new point come from a stream seeded by the model's seed (and the
   * point's neighbours): the same seed places it the same, seeds 1 and 2 place it differently
   * (repulsion 1, so the training points drawn move it).
   */
  @Test
  void theSeedDecidesTheNegativeSamples() {
    KnnGraph knn = new KnnGraph(new int[][] {{1, 2, 0}}, new double[][] {{1, 2, 3}});
    double[] one = model(1, 1, 30, 1).transform(knn, 1)[0];
    assertArrayEquals(one, model(1, 1, 30, 1).transform(knn, 1)[0], 0);
    double[] two = model(1, 1, 30, 2).transform(knn, 1)[0];
    assertTrue(one[0] != two[0] || one[1] != two[1],
        "seeds 1 and 2 both give " + java.util.Arrays.toString(one));
  }
}
