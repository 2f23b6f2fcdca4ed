package weka.filters.unsupervised.attribute;

import fundamentos.testing.RegressionReference;
import junit.framework.Test;
import junit.framework.TestSuite;
import weka.core.Attribute;
import weka.filters.AbstractFilterTest;
import weka.filters.Filter;

/**
 * Weka's own conformance checks for the UMAP filter (buffered and incremental use, first and
 * second batches, FilteredClassifier, CheckOptionHandler, CheckGOE and the regression reference in
 * src/test/resources/wekarefs) on Weka's FilterTest data, whose nominal attributes and missing
 * values take the path through the distance function itself.
 */
public class UMAPTest extends AbstractFilterTest {

  public UMAPTest(String name) {
    super(name);
  }

  /** Weka's FilterTest.arff without its string attributes, which UMAP does not handle. */
  @Override
  protected void setUp() throws Exception {
    super.setUp();
    m_Instances.deleteAttributeType(Attribute.STRING);
    m_Instances.setClassIndex(1);
  }

  @Override
  public Filter getFilter() {
    UMAP umap = new UMAP();
    umap.setNumEpochs(50);
    return umap;
  }

  /** Weka's regression test, guarded: a missing or different reference fails, none is written. */
  @Override
  public void testRegression() {
    RegressionReference.check(getClass(), super::testRegression);
  }

  public static Test suite() {
    return new TestSuite(UMAPTest.class);
  }
}
