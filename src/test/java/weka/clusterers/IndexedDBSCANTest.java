package weka.clusterers;

import fundamentos.testing.RegressionReference;
import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * Weka's own conformance checks (CheckClusterer for every declared capability, CheckOptionHandler,
 * CheckGOE and the regression reference in src/test/resources/wekarefs) for IndexedDBSCAN.
 */
public class IndexedDBSCANTest extends AbstractClustererTest {

  public IndexedDBSCANTest(String name) {
    super(name);
  }

  /** eps 0.3, minPts 3: CheckClusterer's 20-instance data sets give several clusters and noise. */
  @Override
  public Clusterer getClusterer() {
    IndexedDBSCAN clusterer = new IndexedDBSCAN();
    clusterer.setEpsilon(0.3);
    clusterer.setMinPoints(3);
    return clusterer;
  }

  /** Weka's regression test, guarded: a missing or different reference fails, none is written. */
  @Override
  public void testRegression() throws Exception {
    RegressionReference.check(getClass(), super::testRegression);
  }

  public static Test suite() {
    return new TestSuite(IndexedDBSCANTest.class);
  }
}
