package weka.classifiers.functions;

import fundamentos.testing.RegressionReference;
import java.util.ArrayList;
import junit.framework.Test;
import junit.framework.TestSuite;
import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Prediction;
import weka.core.Instances;

/**
 * Weka's own conformance checks (CheckClassifier, CheckOptionHandler, CheckGOE and the regression
 * reference in src/test/resources/wekarefs) for SoftmaxRegression with its default options.
 */
public class SoftmaxRegressionTest extends AbstractClassifierTest {

  public SoftmaxRegressionTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    return new SoftmaxRegression();
  }

  /**
   * The regression reference pins the predictions to 6 decimals: OpenBLAS picks its kernels by
   * processor, and the last bits of a dot product may differ between machines.
   */
  @Override
  protected ArrayList<Prediction> useClassifier(Instances data) throws Exception {
    return RegressionReference.rounded(super.useClassifier(data), 6);
  }

  /** Weka's regression test, guarded: a missing or different reference fails, none is written. */
  @Override
  public void testRegression() throws Exception {
    RegressionReference.check(getClass(), super::testRegression);
  }

  public static Test suite() {
    return new TestSuite(SoftmaxRegressionTest.class);
  }
}
