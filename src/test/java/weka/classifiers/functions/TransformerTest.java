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
 * Weka's own conformance checks (CheckClassifier for every declared capability: numeric, nominal,
 * date, string and relational attributes, missing values; CheckOptionHandler, CheckGOE and the
 * regression reference in src/test/resources/wekarefs) for the Transformer in a tiny
 * configuration: d_model 8, 2 heads, one block, MLP 8, 3 epochs, one thread.
 */
public class TransformerTest extends AbstractClassifierTest {

  public TransformerTest(String name) {
    super(name);
  }

  /** The tiny configuration. */
  static Transformer tiny() {
    Transformer transformer = new Transformer();
    transformer.setModelWidth(8);
    transformer.setNumHeads(2);
    transformer.setNumBlocks(1);
    transformer.setMlpWidth(8);
    transformer.setNumEpochs(3);
    transformer.setMiniBatchSize(16);
    transformer.setNumThreads(1);
    transformer.setQuiet(true);
    return transformer;
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
    return new TestSuite(TransformerTest.class);
  }
}
