package weka.filters.unsupervised.attribute;

import fundamentos.testing.RegressionReference;
import junit.framework.Test;
import junit.framework.TestSuite;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.WekaException;
import weka.filters.AbstractFilterTest;
import weka.filters.Filter;

/**
 * Weka's own conformance checks for the t-SNE filter (buffered and incremental use,
 * CheckOptionHandler, CheckGOE and the regression reference in src/test/resources/wekarefs) on
 * Weka's FilterTest data. The checks that filter a second batch (batch filtering, FilteredClassifier)
 * become checks of the refusal: t-SNE cannot place new points.
 */
public class TSNETest extends AbstractFilterTest {

  public TSNETest(String name) {
    super(name);
  }

  /** Weka's FilterTest.arff without its string attributes, which t-SNE does not handle. */
  @Override
  protected void setUp() throws Exception {
    super.setUp();
    m_Instances.deleteAttributeType(Attribute.STRING);
    m_Instances.setClassIndex(1);
  }

  @Override
  public Filter getFilter() {
    TSNE tsne = new TSNE();
    tsne.setIterations(300);
    return tsne;
  }

  /** Weka's regression test, guarded: a missing or different reference fails, none is written. */
  @Override
  public void testRegression() {
    RegressionReference.check(getClass(), super::testRegression);
  }

  /** The first half is embedded; the second half, a later batch, is refused with the reason. */
  private void assertSecondBatchRefused(int secondSize) throws Exception {
    Instances first = new Instances(m_Instances, 0, m_Instances.numInstances() / 2);
    Instances second = new Instances(m_Instances, m_Instances.numInstances() - secondSize,
        secondSize);
    Filter filter = getFilter();
    filter.setInputFormat(first);
    Instances embedded = Filter.useFilter(first, filter);
    assertEquals(first.numInstances(), embedded.numInstances());
    try {
      Filter.useFilter(second, filter);
      fail("a second batch was filtered");
    } catch (WekaException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("t-SNE cannot place new points"));
      assertTrue(e.getMessage(), e.getMessage().contains("UMAP"));
    }
  }

  @Override
  public void testBatchFiltering() {
    try {
      assertSecondBatchRefused(m_Instances.numInstances() / 2);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void testBatchFilteringSmaller() {
    try {
      assertSecondBatchRefused(3);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void testBatchFilteringLarger() {
    try {
      assertSecondBatchRefused(m_Instances.numInstances() - 2);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Weka's check filters the same data twice (a second batch); here once, then compared. */
  @Override
  public void testChangesInputData() {
    try {
      Instances data = new Instances(m_Instances);
      Filter filter = getFilter();
      filter.setInputFormat(data);
      Filter.useFilter(data, filter);
      assertNull(compareDatasets(m_Instances, data), compareDatasets(m_Instances, data));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A FilteredClassifier filters its test instances as a later batch: refused, with the reason. */
  @Override
  public void testFilteredClassifier() {
    try {
      Instances data = getFilteredClassifierData();
      weka.classifiers.meta.FilteredClassifier classifier = getFilteredClassifier();
      classifier.buildClassifier(data);
      classifier.distributionForInstance(data.instance(0));
      fail("the FilteredClassifier classified a new instance through t-SNE");
    } catch (WekaException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("t-SNE cannot place new points"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  public static Test suite() {
    return new TestSuite(TSNETest.class);
  }
}
