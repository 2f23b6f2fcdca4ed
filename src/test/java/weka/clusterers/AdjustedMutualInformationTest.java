package weka.clusterers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.cluster.ClusterAgreement;
import fundamentos.testing.BundledData;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

/** ClusterAgreementEvaluation's adjusted mutual information (through Smile) against scikit-learn. */
class AdjustedMutualInformationTest {

  @Test
  void agreesWithScikitLearnOnASmallFixedCase() {
    int[] classes = {0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2};
    int[] clusters = {0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 3};
    // /usr/bin/python3 -c "from sklearn.metrics import adjusted_mutual_info_score as ami;
    //   print(repr(ami([0,0,0,0,1,1,1,1,1,2,2,2], [0,0,1,1,1,1,2,2,2,2,0,3])))"
    // scikit-learn 1.2.1 (average_method 'arithmetic', its default): 0.19495876949732482
    double ami = ClusterAgreementEvaluation.adjustedMutualInformation(
        ClusterAgreement.of(clusters, classes));
    assertEquals(0.19495876949732482, ami, 1e-12);
  }

  @Test
  void oneGroupEachAgreesFullyAndFractionalWeightsHaveNone() {
    assertEquals(1.0, ClusterAgreementEvaluation.adjustedMutualInformation(
        ClusterAgreement.of(new int[] {0, 0, 0}, new int[] {0, 0, 0})), 0);
    assertEquals(1.0, ClusterAgreementEvaluation.adjustedMutualInformation(
        ClusterAgreement.of(new int[] {0, 0, 1, 1, 2}, new int[] {1, 1, 0, 0, 2})), 1e-12);
    double[][] weighted = {{1.5, 0}, {0, 2}};
    assertTrue(Double.isNaN(ClusterAgreementEvaluation.adjustedMutualInformation(
        new ClusterAgreement(weighted))));
  }

  @Test
  void theReportShowsItForKMeansOnIris() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    SimpleKMeans kMeans = new SimpleKMeans();
    kMeans.setNumClusters(3);
    Instances features = new Instances(iris);
    features.setClassIndex(-1);
    features.deleteAttributeAt(4);
    kMeans.buildClusterer(features);
    ClusterAgreement agreement = ClusterAgreementEvaluation.evaluate(kMeans, iris);
    double ami = ClusterAgreementEvaluation.adjustedMutualInformation(agreement);
    // AMI is at most the NMI: the expected mutual information (>= 0) leaves both the numerator
    // and the denominator, and I <= (H1 + H2) / 2
    assertTrue(ami > 0.6 && ami < agreement.normalizedMutualInformation() + 1e-9, "AMI " + ami);
    assertTrue(ClusterAgreementEvaluation.report(agreement).contains(String.format(
        java.util.Locale.ROOT, "Adjusted mutual information     %.4f", ami)));
  }
}
