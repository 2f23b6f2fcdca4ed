package weka.filters.unsupervised.attribute;

import fundamentos.testing.RegressionReference;
import java.io.File;
import junit.framework.Test;
import junit.framework.TestSuite;
import weka.classifiers.functions.CNN;
import weka.classifiers.functions.layers.DenseLayer;
import weka.classifiers.functions.layers.NetworkLayer;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.filters.AbstractFilterTest;
import weka.filters.Filter;

/**
 * Weka's own conformance checks for NetworkFeatures (buffered and incremental use, batches of every
 * size, FilteredClassifier, CheckOptionHandler, CheckGOE and the regression reference in
 * src/test/resources/wekarefs) on Weka's FilterTest data, with a tiny network (the course's MLP with
 * one dense layer of 6 units, 3 epochs, one thread) trained once on that data and saved as a model
 * file, the way -d saves it (the classifier, then the header).
 */
public class NetworkFeaturesTest extends AbstractFilterTest {

  private static File s_Model;

  public NetworkFeaturesTest(String name) {
    super(name);
  }

  /** Weka's FilterTest.arff without its string attributes; the class is NominalAtt1. */
  @Override
  protected void setUp() throws Exception {
    super.setUp();
    m_Instances.deleteAttributeType(Attribute.STRING);
    m_Instances.setClassIndex(0);
    synchronized (NetworkFeaturesTest.class) {
      if (s_Model == null) {
        // a fixed relative name: the options, and so the file name, are part of the output's
        // relation name that the regression reference holds
        s_Model = new File("target", "NetworkFeaturesTest.model");
        SerializationHelper.writeAll(s_Model.getPath(),
            new Object[] {tinyNetwork(m_Instances), new Instances(m_Instances, 0)});
      }
    }
    // AbstractFilterTest makes its filter before this method has made the model
    m_Filter = getFilter();
  }

  /** The course's MLP with one dense layer of 6 units, trained for 3 epochs on one thread. */
  static CNN tinyNetwork(Instances data) throws Exception {
    CNN cnn = new CNN();
    DenseLayer dense = new DenseLayer();
    dense.setUnits(6);
    cnn.setLayers(new NetworkLayer[] {dense});
    cnn.setNumEpochs(3);
    cnn.setMiniBatchSize(8);
    cnn.setNumThreads(1);
    cnn.setQuiet(true);
    cnn.buildClassifier(data);
    return cnn;
  }

  @Override
  public Filter getFilter() {
    NetworkFeatures filter = new NetworkFeatures();
    if (s_Model != null) {
      filter.setModelFile(s_Model);
    }
    return filter;
  }

  /** The network's training data: the FilteredClassifier checks feed it through the filter. */
  @Override
  protected Instances getFilteredClassifierData() {
    return new Instances(m_Instances);
  }

  /** Weka's regression test, guarded: a missing or different reference fails, none is written. */
  @Override
  public void testRegression() {
    RegressionReference.check(getClass(), super::testRegression);
  }

  public static Test suite() {
    return new TestSuite(NetworkFeaturesTest.class);
  }
}
