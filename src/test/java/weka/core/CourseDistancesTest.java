package weka.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import weka.classifiers.Evaluation;
import weka.classifiers.lazy.IBk;
import weka.clusterers.ClusterAgreementEvaluation;
import weka.clusterers.SimpleKMeans;

/** The cosine and bursting distances: equations on small cases, Weka's checks, use by Weka's schemes. */
class CourseDistancesTest {

  private static Instances vectors(double[]... rows) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < rows[0].length; j++) {
      attributes.add(new Attribute("x" + j));
    }
    Instances data = new Instances("v", attributes, rows.length);
    for (double[] row : rows) {
      data.add(new DenseInstance(1.0, row));
    }
    return data;
  }

  @Test
  void cosineDistanceIsOneMinusTheCosine() {
    Instances data = vectors(new double[] {1, 0}, new double[] {0, 2}, new double[] {3, 3},
        new double[] {-1, 0}, new double[] {0, 0});
    CosineDistance cosine = new CosineDistance(data);
    assertEquals(1.0, cosine.distance(data.instance(0), data.instance(1)), 1e-15);
    assertEquals(1 - Math.sqrt(0.5), cosine.distance(data.instance(0), data.instance(2)), 1e-15);
    assertEquals(2.0, cosine.distance(data.instance(0), data.instance(3)), 1e-15);
    assertEquals(1.0, cosine.distance(data.instance(0), data.instance(4)), 1e-15);
    assertEquals(0.0, cosine.distance(data.instance(4), data.instance(4)), 1e-15);
    // scale-invariant: (1, 0) and (5, 0) point the same way
    Instances scaled = vectors(new double[] {1, 0}, new double[] {5, 0});
    assertEquals(0.0, new CosineDistance(scaled).distance(scaled.instance(0), scaled.instance(1)),
        1e-15);
  }

  @Test
  void burstingDistanceIsEuclideanOnSignedSquareRoots() {
    Instances data = vectors(new double[] {4, -9}, new double[] {1, 16});
    BurstingEuclideanDistance bursting = new BurstingEuclideanDistance(data);
    bursting.setDontNormalize(true);
    // (2 - 1)^2 + (-3 - 4)^2 = 50
    assertEquals(Math.sqrt(50), bursting.distance(data.instance(0), data.instance(1)), 1e-12);
  }

  @Test
  void passWekasOptionAndEditorChecks() {
    for (OptionHandler handler : new OptionHandler[] {new CosineDistance(),
        new BurstingEuclideanDistance()}) {
      CheckOptionHandler options = new CheckOptionHandler();
      options.setOptionHandler(handler);
      options.setUserOptions(new String[0]);
      options.setSilent(true);
      assertTrue(options.checkListOptions(), handler.getClass() + " listOptions");
      assertTrue(options.checkSetOptions(), handler.getClass() + " setOptions");
      assertTrue(options.checkDefaultOptions(), handler.getClass() + " default options");
      assertTrue(options.checkRemainingOptions(), handler.getClass() + " remaining options");
      assertTrue(options.checkCanonicalUserOptions(), handler.getClass() + " canonical");
      assertTrue(options.checkResettingOptions(), handler.getClass() + " resetting");
      CheckGOE goe = new CheckGOE();
      goe.setObject(handler);
      goe.setSilent(true);
      assertTrue(goe.checkGlobalInfo(), handler.getClass() + " globalInfo");
      assertTrue(goe.checkToolTips(), handler.getClass() + " tool tips");
    }
    assertTrue(new CosineDistance().getDontNormalize());
  }

  @Test
  void usableByIBkAndSimpleKMeans() throws Exception {
    Instances train = BundledData.load("digits8x8-train.arff");
    Instances test = BundledData.load("digits8x8-test.arff");
    for (NormalizableDistance distance : new NormalizableDistance[] {new CosineDistance(),
        new BurstingEuclideanDistance()}) {
      IBk knn = new IBk(1);
      knn.getNearestNeighbourSearchAlgorithm().setDistanceFunction(distance);
      knn.buildClassifier(train);
      Evaluation evaluation = new Evaluation(train);
      evaluation.evaluateModel(knn, test);
      assertTrue(evaluation.pctCorrect() >= 95, distance.getClass().getSimpleName() + ": "
          + evaluation.pctCorrect());
    }
    Instances iris = BundledData.load("iris.arff");
    SimpleKMeans kmeans = new SimpleKMeans();
    kmeans.setNumClusters(3);
    kmeans.setDistanceFunction(new BurstingEuclideanDistance());
    Instances features = new Instances(iris);
    features.setClassIndex(-1);
    features.deleteAttributeAt(4);
    kmeans.buildClusterer(features);
    assertTrue(ClusterAgreementEvaluation.evaluate(kmeans, iris).adjustedRandIndex() > 0.5);
  }
}
