package weka.classifiers.functions;

import fundamentos.testing.RegressionReference;
import java.util.ArrayList;
import junit.framework.Test;
import junit.framework.TestSuite;
import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Prediction;
import weka.classifiers.functions.layers.DenseLayer;
import weka.classifiers.functions.layers.NetworkLayer;
import weka.core.Instances;

/**
 * Weka's own conformance checks (CheckClassifier, CheckOptionHandler, CheckGOE and the regression
 * reference in src/test/resources/wekarefs) for CNN in a tiny configuration: one dense layer of 8
 * units (the course's MLP, which takes Weka's mixed test data), 5 epochs, one thread.
 */
public class CNNTest extends AbstractClassifierTest {

  public CNNTest(String name) {
    super(name);
  }

  /** The tiny configuration. */
  static CNN tiny() {
    CNN cnn = new CNN();
    DenseLayer dense = new DenseLayer();
    dense.setUnits(8);
    cnn.setLayers(new NetworkLayer[] {dense});
    cnn.setNumEpochs(5);
    cnn.setMiniBatchSize(16);
    cnn.setNumThreads(1);
    cnn.setQuiet(true);
    return cnn;
  }

  @Override
  public Classifier getClassifier() {
    return tiny();
  }

  /** Predictions to 4 decimals: the network computes in single precision. */
  @Override
  protected ArrayList<Prediction> useClassifier(Instances data) throws Exception {
    return RegressionReference.rounded(super.useClassifier(data), 4);
  }

  /** Weka's regression test, guarded: a missing or different reference fails, none is written. */
  @Override
  public void testRegression() throws Exception {
    RegressionReference.check(getClass(), super::testRegression);
  }

  public static Test suite() {
    return new TestSuite(CNNTest.class);
  }
}
