package weka.filters.unsupervised.attribute;

import fundamentos.testing.BundledData;
import fundamentos.testing.RegressionReference;
import junit.framework.Test;
import junit.framework.TestSuite;
import weka.core.Instances;
import weka.filters.AbstractFilterTest;
import weka.filters.Filter;

/**
 * Weka's own conformance checks for the HOG filter (buffered and incremental use, first and second
 * batches of every size, FilteredClassifier, CheckOptionHandler, CheckGOE and the regression
 * reference in src/test/resources/wekarefs) on images: Weka's FilterTest.arff has no image, so the
 * first 40 of the bundled 8 x 8 digits take its place (4 x 4 cells, blocks of 2 x 2 cells).
 */
public class HOGTest extends AbstractFilterTest {

  public HOGTest(String name) {
    super(name);
  }

  private static Instances digits() throws Exception {
    Instances all = BundledData.load("digits8x8-train.arff");
    return new Instances(all, 0, 40);
  }

  @Override
  protected void setUp() throws Exception {
    super.setUp();
    m_Instances = digits();
  }

  @Override
  public Filter getFilter() {
    HOG hog = new HOG();
    hog.setCellHeight(4);
    hog.setCellWidth(4);
    hog.setBlockHeight(2);
    hog.setBlockWidth(2);
    hog.setNumThreads(1);
    return hog;
  }

  /** The FilteredClassifier's data: digits, not TestInstances' random nominal attributes. */
  @Override
  protected Instances getFilteredClassifierData() throws Exception {
    return digits();
  }

  /** Weka's regression test, guarded: a missing or different reference fails, none is written. */
  @Override
  public void testRegression() {
    RegressionReference.check(getClass(), super::testRegression);
  }

  public static Test suite() {
    return new TestSuite(HOGTest.class);
  }
}
