package fundamentos.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import org.junit.jupiter.api.Test;

/**
 * Weka's Abstract*Test bases write a missing regression reference and pass: on a clean clone that
 * would hide a change of behaviour. Every conformance test of the project must find its reference.
 */
class RegressionReferencesTest {

  private static final String[] CONFORMANCE_TESTS = {
    "weka.classifiers.functions.SoftmaxRegressionTest",
    "weka.classifiers.functions.CNNTest",
    "weka.classifiers.functions.TransformerTest",
    "weka.filters.unsupervised.attribute.PCATest",
    "weka.clusterers.IndexedDBSCANTest",
    "weka.filters.unsupervised.attribute.UMAPTest",
  };

  @Test
  void everyConformanceTestHasACommittedReference() {
    File root = new File(System.getProperty("weka.test.Regression.root", "src/test/resources/wekarefs"));
    for (String test : CONFORMANCE_TESTS) {
      File reference = new File(root, test.replace('.', File.separatorChar) + ".ref");
      assertTrue(reference.isFile(), "missing regression reference " + reference
          + ": run the test once, check the file and commit it");
    }
  }
}
