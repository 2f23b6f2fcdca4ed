package fundamentos.umap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.neighbours.ExactKnn;
import fundamentos.neighbours.KnnGraph;
import fundamentos.neighbours.LpPoints;
import fundamentos.neighbours.Trustworthiness;
import fundamentos.neighbours.VectorIndex;
import fundamentos.testing.BundledData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

/** The UMAP engine against the equations and umap-learn's own quality floors. */
class UmapTest {

  static double[][] features(Instances data) {
    double[][] x = new double[data.numInstances()][data.numAttributes() - 1];
    for (int i = 0; i < x.length; i++) {
      for (int a = 0; a < x[i].length; a++) {
        x[i][a] = data.instance(i).value(a);
      }
    }
    return x;
  }

  static int[] labels(Instances data) {
    int[] y = new int[data.numInstances()];
    for (int i = 0; i < y.length; i++) {
      y[i] = (int) data.instance(i).classValue();
    }
    return y;
  }

  @Test
  void curveParametersMatchUmapLearn() {
    MembershipCurve curve = MembershipCurve.fit(0.1, 1.0);
    // umap-learn's find_ab_params(1.0, 0.1): a = 1.5769, b = 0.8951
    assertEquals(1.577, curve.a(), 0.01 * 1.577);
    assertEquals(0.895, curve.b(), 0.01 * 0.895);
    assertEquals(1.0, curve.membership(0), 0);
  }

  @Test
  void sigmaSearchSolvesEquation513OnEveryRow() throws Exception {
    LpPoints x = LpPoints.of(features(BundledData.load("digits8x8-train.arff")), 2);
    KnnGraph knn = ExactKnn.ofPoints(x, 15, 2);
    SmoothKnnDistances local = SmoothKnnDistances.of(knn, 15, 1);
    double target = Math.log(15) / Math.log(2);
    for (int i = 0; i < knn.size(); i++) {
      assertEquals(knn.distances(i)[1], local.rho(i), 1e-12, "rho is the nearest other point");
      double sum = SmoothKnnDistances.membershipSum(knn.distances(i), local.rho(i), local.sigma(i));
      assertEquals(target, sum, 1e-5, "row " + i);
    }
  }

  @Test
  void fuzzyUnionIsSymmetricWithEquation514() throws Exception {
    LpPoints x = LpPoints.of(features(BundledData.load("iris.arff")), 2);
    KnnGraph knn = ExactKnn.ofPoints(x, 10, 1);
    SmoothKnnDistances local = SmoothKnnDistances.of(knn, 10, 1);
    double[][] w = FuzzySimplicialSet.memberships(knn, local, false);
    SparseGraph graph = FuzzySimplicialSet.of(knn, 10, 1, 1);
    for (int i = 0; i < knn.size(); i++) {
      for (int s = 1; s < 10; s++) {
        int j = knn.indices(i)[s];
        double a = w[i][s];
        double b = 0;
        for (int t = 1; t < 10; t++) {
          if (knn.indices(j)[t] == i) {
            b = w[j][t];
          }
        }
        assertEquals(a + b - a * b, graph.get(i, j), 1e-12);
        assertEquals(graph.get(i, j), graph.get(j, i), 1e-15);
      }
    }
  }

  @Test
  void irisFitIsTrustworthy() throws Exception {
    double[][] x = features(BundledData.load("iris.arff"));
    LpPoints points = LpPoints.of(x, 2);
    // umap-learn's test_umap_trustworthiness_on_iris: n_neighbors 10, min_dist 0.01, floor 0.97
    UmapModel model = new Umap().neighbours(10).minDist(0.01).seed(42)
        .fit(ExactKnn.ofPoints(points, 10, 1), null, null);
    double t = Trustworthiness.of(points, LpPoints.of(model.embedding(), 2), 10, 1);
    assertTrue(t >= 0.97, "trustworthiness " + t);
    // setosa is its own component at k = 10: the spectral start is laid out per component
    assertEquals(Initialisation.SPECTRAL, model.report().initialisation());
    assertTrue(model.report().components() >= 2);
  }

  @Test
  void irisTransformIsTrustworthy() throws Exception {
    double[][] x = features(BundledData.load("iris.arff"));
    // umap-learn's test_umap_transform_on_iris splits iris with
    // np.random.RandomState(42).choice([True, False], 150, replace=True, p=[0.75, 0.25]),
    // which gives this mask (1: training row), 112 training and 38 new rows
    String mask = "1011111011100111111111111011111110001111111011111100001011111101111010011011011101111111"
        + "01110101111111110110111100100101001111001111110111100111111111";
    java.util.List<double[]> train = new java.util.ArrayList<>();
    java.util.List<double[]> test = new java.util.ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      (mask.charAt(i) == '1' ? train : test).add(x[i]);
    }
    assertEquals(112, train.size());
    LpPoints trainPoints = LpPoints.of(train.toArray(new double[0][]), 2);
    LpPoints testPoints = LpPoints.of(test.toArray(new double[0][]), 2);
    VectorIndex index = VectorIndex.build(trainPoints, 10, 4096, 42, 1);
    // umap-learn's test_umap_transform_on_iris: n_neighbors 10, min_dist 0.01, n_epochs 200,
    // trustworthiness (k = 10) of the new rows at least 0.85
    UmapModel model = new Umap().neighbours(10).minDist(0.01).epochs(200).seed(42)
        .fit(index.trainingGraph(), null, null);
    float[][] queries = new float[testPoints.size()][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = testPoints.row(i);
    }
    double[][] y = model.transform(index.query(queries, 10, 1), 1);
    double t = Trustworthiness.of(testPoints, LpPoints.of(y, 2), 10, 1);
    assertTrue(t >= 0.85, "transform trustworthiness " + t);
  }

  @Test
  void digitsTransformKeepsClassesApart() throws Exception {
    Instances trainData = BundledData.load("digits8x8-train.arff");
    Instances testData = BundledData.load("digits8x8-test.arff");
    LpPoints train = LpPoints.of(features(trainData), 2);
    LpPoints test = LpPoints.of(features(testData), 2);
    VectorIndex index = VectorIndex.build(train, 15, 4096, 1, 2);
    UmapModel model = new Umap().seed(1).fit(index.trainingGraph(), null, null);
    float[][] queries = new float[test.size()][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = test.row(i);
    }
    double[][] y = model.transform(index.query(queries, 15, 2), 2);
    double accuracy = knnAccuracy(model.embedding(), labels(trainData), y, labels(testData), 5);
    assertTrue(accuracy >= 0.95, "5-NN accuracy of transformed digits " + accuracy);
    // no group of points thrown far from the rest (umap-learn's digits stay within about 1.5
    // times the 95th-percentile radius around the median)
    assertTrue(farthestOverTypicalRadius(model.embedding()) < 2.0,
        "outlying points: " + farthestOverTypicalRadius(model.embedding()));
  }

  @Test
  void sameSeedSameEmbeddingWhateverTheThreads() throws Exception {
    LpPoints x = LpPoints.of(features(BundledData.load("digits8x8-train.arff")), 2);
    double[][] one = new Umap().seed(7).epochs(50).threads(1)
        .fit(VectorIndex.build(x, 15, 0, 7, 1).trainingGraph(), null, null).embedding();
    double[][] two = new Umap().seed(7).epochs(50).threads(3)
        .fit(VectorIndex.build(x, 15, 0, 7, 3).trainingGraph(), null, null).embedding();
    for (int i = 0; i < one.length; i++) {
      assertArrayEquals(one[i], two[i], 0);
    }
    double[][] other = new Umap().seed(8).epochs(50)
        .fit(VectorIndex.build(x, 15, 0, 8, 2).trainingGraph(), null, null).embedding();
    assertTrue(one[0][0] != other[0][0], "another seed gives another embedding");
  }

  @Test
  void layoutOverSeveralBlocksIsTheSameWhateverTheThreads() {
    // 5,000 points: three of the layout's blocks of 2,048, so vertices see other blocks' moves
    // only at epoch boundaries; the result must not depend on which thread ran which block
    SplittableRandom random = new SplittableRandom(12);
    double[][] x = new double[5000][5];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 5; j++) {
        x[i][j] = (i % 4) * 3 + random.nextGaussian();
      }
    }
    KnnGraph knn = VectorIndex.build(LpPoints.of(x, 2), 10, 0, 12, 2).trainingGraph();
    double[][] one = new Umap().neighbours(10).epochs(20).seed(12).threads(1)
        .fit(knn, null, null).embedding();
    double[][] two = new Umap().neighbours(10).epochs(20).seed(12).threads(2)
        .fit(knn, null, null).embedding();
    for (int i = 0; i < one.length; i++) {
      assertArrayEquals(one[i], two[i], 0);
    }
  }

  @Test
  void transformOfOnePointEqualsItsTransformInABatch() throws Exception {
    Instances data = BundledData.load("digits8x8-train.arff");
    LpPoints train = LpPoints.of(features(data), 2);
    VectorIndex index = VectorIndex.build(train, 15, 4096, 3, 2);
    UmapModel model = new Umap().seed(3).epochs(30).fit(index.trainingGraph(), null, null);
    double[][] before = model.embedding();
    LpPoints test = LpPoints.of(features(BundledData.load("digits8x8-test.arff")), 2);
    float[][] batch = {test.row(0), test.row(1), test.row(2)};
    double[][] all = model.transform(index.query(batch, 15, 2), 2);
    double[][] alone = model.transform(index.query(new float[][] {test.row(1)}, 15, 1), 1);
    assertArrayEquals(all[1], alone[0], 0);
    double[][] after = model.embedding();
    for (int i = 0; i < before.length; i++) {
      assertArrayEquals(before[i], after[i], 0, "transform leaves the training embedding alone");
    }
  }

  @Test
  void supervisedModeSeparatesClasses() throws Exception {
    Instances data = BundledData.load("iris.arff");
    LpPoints x = LpPoints.of(features(data), 2);
    KnnGraph knn = ExactKnn.ofPoints(x, 15, 1);
    int[] y = labels(data);
    double[][] plain = new Umap().seed(5).fit(knn, null, null).embedding();
    double[][] supervised = new Umap().seed(5).fit(knn, y, null).embedding();
    // versicolor and virginica overlap in iris; with the class they separate
    assertTrue(knnAccuracy(supervised, y, supervised, y, 1) >= knnAccuracy(plain, y, plain, y, 1));
    assertTrue(silhouetteLike(supervised, y) > silhouetteLike(plain, y),
        "class-aware layout pulls classes apart");
  }

  @Test
  void disconnectedGraphFallsBackAndKeepsEveryPoint() {
    // two far-apart blobs and k small: the fuzzy graph has two components
    SplittableRandom random = new SplittableRandom(1);
    double[][] x = new double[60][2];
    for (int i = 0; i < 60; i++) {
      x[i][0] = (i < 30 ? 0 : 1000) + random.nextDouble();
      x[i][1] = random.nextDouble();
    }
    LpPoints points = LpPoints.of(x, 2);
    UmapModel model = new Umap().neighbours(5).seed(1)
        .fit(ExactKnn.ofPoints(points, 5, 1), null, () -> x);
    assertTrue(model.report().components() >= 2);
    assertEquals(Initialisation.SPECTRAL, model.report().initialisation());
    double[][] y = model.embedding();
    assertEquals(60, y.length);
    for (double[] row : y) {
      assertTrue(Double.isFinite(row[0]) && Double.isFinite(row[1]));
    }
    // each blob's points end nearer to each other than to the other blob
    assertEquals(1.0, knnAccuracy(y, blobOf(60), y, blobOf(60), 3), 0);
  }

  /** The largest distance from the coordinate-wise median over the 95th-percentile distance. */
  static double farthestOverTypicalRadius(double[][] y) {
    int n = y.length;
    double[] median = new double[y[0].length];
    for (int d = 0; d < median.length; d++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = y[i][d];
      }
      java.util.Arrays.sort(column);
      median[d] = column[n / 2];
    }
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int d = 0; d < median.length; d++) {
        s += (y[i][d] - median[d]) * (y[i][d] - median[d]);
      }
      r[i] = Math.sqrt(s);
    }
    java.util.Arrays.sort(r);
    return r[n - 1] / r[(int) (0.95 * (n - 1))];
  }

  private static int[] blobOf(int n) {
    int[] blob = new int[n];
    for (int i = n / 2; i < n; i++) {
      blob[i] = 1;
    }
    return blob;
  }

  static double knnAccuracy(double[][] train, int[] trainY, double[][] test, int[] testY, int k) {
    int correct = 0;
    boolean same = train == test;
    for (int i = 0; i < test.length; i++) {
      double[] d = new double[train.length];
      Integer[] order = new Integer[train.length];
      for (int j = 0; j < train.length; j++) {
        double dx = train[j][0] - test[i][0];
        double dy = train[j][1] - test[i][1];
        d[j] = same && i == j ? Double.POSITIVE_INFINITY : dx * dx + dy * dy;
        order[j] = j;
      }
      java.util.Arrays.sort(order, (p, q) -> Double.compare(d[p], d[q]));
      int[] votes = new int[64];
      for (int s = 0; s < k; s++) {
        votes[trainY[order[s]]]++;
      }
      int best = 0;
      for (int c = 1; c < votes.length; c++) {
        if (votes[c] > votes[best]) {
          best = c;
        }
      }
      if (best == testY[i]) {
        correct++;
      }
    }
    return (double) correct / test.length;
  }

  /** Mean distance between classes over mean distance within: larger is more separated. */
  static double silhouetteLike(double[][] y, int[] labels) {
    double within = 0;
    double between = 0;
    long w = 0;
    long b = 0;
    for (int i = 0; i < y.length; i++) {
      for (int j = i + 1; j < y.length; j++) {
        double d = Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]);
        if (labels[i] == labels[j]) {
          within += d;
          w++;
        } else {
          between += d;
          b++;
        }
      }
    }
    return (between / b) / (within / w);
  }
}
