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
 * reference in src/test/resources/wekarefs) for Perceptron with its default options.
 */
public class PerceptronTest extends AbstractClassifierTest {

  public PerceptronTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    return new Perceptron();
  }

  /** The reference pins the predictions to 6 decimals: the last bits of BLAS products may differ. */
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
    return new TestSuite(PerceptronTest.class);
  }
}
