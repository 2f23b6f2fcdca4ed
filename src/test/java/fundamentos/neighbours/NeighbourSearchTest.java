package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

/** Exact and approximate k-nearest-neighbour search. */
class NeighbourSearchTest {

  static LpPoints digits(String file) throws Exception {
    Instances data = BundledData.load(file);
    double[][] x = new double[data.numInstances()][data.numAttributes() - 1];
    for (int i = 0; i < x.length; i++) {
      for (int a = 0; a < x[i].length; a++) {
        x[i][a] = data.instance(i).value(a);
      }
    }
    return LpPoints.of(x, 2);
  }

  @Test
  void exactSearchAgreesWithSortingAllDistances() {
    SplittableRandom random = new SplittableRandom(3);
    double[][] x = new double[200][5];
    for (double[] row : x) {
      for (int j = 0; j < row.length; j++) {
        row[j] = random.nextGaussian();
      }
    }
    LpPoints points = LpPoints.of(x, 2);
    KnnGraph graph = ExactKnn.ofPoints(points, 7, 2);
    for (int i = 0; i < x.length; i++) {
      final int q = i;
      Integer[] order = new Integer[x.length];
      for (int j = 0; j < x.length; j++) {
        order[j] = j;
      }
      java.util.Arrays.sort(order, (a, b) -> a == q ? -1 : b == q ? 1
          : Float.compare(points.reduced(q, a), points.reduced(q, b)));
      for (int s = 0; s < 7; s++) {
        assertEquals(order[s].intValue(), graph.indices(i)[s]);
      }
      assertEquals(0, graph.distances(i)[0], 0);
      assertEquals(Math.sqrt(points.reduced(i, graph.indices(i)[3])), graph.distances(i)[3], 1e-6);
    }
  }

  @Test
  void selfComesFirstEvenAmongDuplicates() {
    double[][] x = {{1, 1}, {1, 1}, {1, 1}, {5, 5}, {6, 6}};
    KnnGraph graph = ExactKnn.ofPoints(LpPoints.of(x, 2), 3, 1);
    for (int i = 0; i < 3; i++) {
      assertEquals(i, graph.indices(i)[0]);
      assertEquals(0, graph.distances(i)[1], 0);
    }
  }

  @Test
  void nnDescentRecallOnDigitsIsAtLeastNinetyPercent() throws Exception {
    LpPoints train = digits("digits8x8-train.arff");
    KnnGraph exact = ExactKnn.ofPoints(train, 15, 2);
    VectorIndex approximate = VectorIndex.build(train, 15, 0, 11, 2);
    double recall = approximate.trainingGraph().recall(exact);
    assertTrue(recall >= 0.9, "NN-descent recall " + recall);
    assertTrue(approximate.rounds() >= 1);

    LpPoints test = digits("digits8x8-test.arff");
    float[][] queries = new float[test.size()][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = test.row(i);
    }
    double queryRecall = approximate.query(queries, 15, 2)
        .recall(ExactKnn.ofQueries(train, queries, 15, 2));
    assertTrue(queryRecall >= 0.9, "graph-search recall " + queryRecall);
  }

  @Test
  void nnDescentIsTheSameWhateverTheThreadCount() throws Exception {
    LpPoints train = digits("digits8x8-train.arff");
    KnnGraph one = VectorIndex.build(train, 10, 0, 5, 1).trainingGraph();
    KnnGraph three = VectorIndex.build(train, 10, 0, 5, 3).trainingGraph();
    for (int i = 0; i < one.size(); i++) {
      assertArrayEquals(one.indices(i), three.indices(i));
    }
  }

  @Test
  void trustworthinessIsOneForTheDataItselfAndLowerForNoise() {
    SplittableRandom random = new SplittableRandom(9);
    double[][] x = new double[120][4];
    double[][] noise = new double[120][2];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = random.nextGaussian();
      }
      noise[i][0] = random.nextGaussian();
      noise[i][1] = random.nextGaussian();
    }
    LpPoints points = LpPoints.of(x, 2);
    assertEquals(1.0, Trustworthiness.of(points, points, 5, 1), 1e-12);
    double t = Trustworthiness.of(points, LpPoints.of(noise, 2), 5, 2);
    assertTrue(t < 0.7, "random embedding " + t);
  }
}
