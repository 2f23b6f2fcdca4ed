package weka.clusterers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.cluster.ClusterAgreement;
import fundamentos.testing.BundledData;
import org.junit.jupiter.api.Test;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaException;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/** The agreement evaluator: header check, noise as its own group, real failures reported. */
class ClusterAgreementEvaluationTest {

  private static Instances features(Instances data) throws Exception {
    Remove remove = new Remove();
    remove.setAttributeIndices("" + (data.classIndex() + 1));
    remove.setInputFormat(data);
    return Filter.useFilter(data, remove);
  }

  @Test
  void testDataOfAnotherDataSetIsRefusedWithTheAttributeNamed() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    Instances renamed = new Instances(iris);
    renamed.renameAttribute(1, "sepalwidth_cm");
    SimpleKMeans kmeans = new SimpleKMeans();
    kmeans.setNumClusters(3);
    kmeans.buildClusterer(features(iris));
    WekaException e = assertThrows(WekaException.class,
        () -> ClusterAgreementEvaluation.evaluate(kmeans, iris, renamed));
    assertTrue(e.getMessage().contains("sepalwidth_cm"), e.getMessage());
    assertTrue(ClusterAgreementEvaluation.evaluate(kmeans, iris, iris).adjustedRandIndex() > 0.5);
  }

  @Test
  void aFailingClustererIsReportedNotScoredAsNoise() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    SimpleKMeans kmeans = new SimpleKMeans();
    kmeans.setNumClusters(3);
    kmeans.buildClusterer(features(iris));
    Clusterer failing = new AbstractClusterer() {
      @Override
      public void buildClusterer(Instances data) {
      }

      @Override
      public int clusterInstance(Instance instance) throws Exception {
        throw new IllegalStateException("broken");
      }

      @Override
      public int numberOfClusters() {
        return 3;
      }
    };
    WekaException e = assertThrows(WekaException.class,
        () -> ClusterAgreementEvaluation.evaluate(failing, iris));
    assertTrue(e.getMessage().contains("instance 1") && e.getMessage().contains("broken"),
        e.getMessage());
  }

  @Test
  void unclusteredInstancesFormAGroupOfTheirOwn() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    IndexedDBSCAN dbscan = new IndexedDBSCAN();
    dbscan.setOptions(Utils.splitOptions("-E 0.1 -M 5"));
    dbscan.buildClusterer(features(iris));
    // the same instances moved far from every core point: every one is noise
    Instances far = new Instances(iris);
    for (Instance instance : far) {
      for (int a = 0; a < far.numAttributes(); a++) {
        if (a != far.classIndex()) {
          instance.setValue(a, instance.value(a) + 1000);
        }
      }
    }
    ClusterAgreement agreement = ClusterAgreementEvaluation.evaluate(dbscan, iris, far);
    // one group holding everything, which agrees with no class split
    assertEquals(0.0, agreement.adjustedRandIndex(), 1e-12);
    assertEquals(150.0 * 149 / 2, agreement.truePositives() + agreement.falsePositives(), 1e-9);
  }
}
