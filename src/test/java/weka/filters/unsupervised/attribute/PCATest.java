package weka.filters.unsupervised.attribute;

import fundamentos.testing.RegressionReference;
import junit.framework.Test;
import junit.framework.TestSuite;
import weka.core.Attribute;
import weka.core.Instances;
import weka.filters.AbstractFilterTest;
import weka.filters.Filter;

/**
 * Weka's own conformance checks for the PCA filter (buffered and incremental use, first and second
 * batches of every size, FilteredClassifier, CheckOptionHandler, CheckGOE and the regression
 * reference in src/test/resources/wekarefs), with the data Weka's PrincipalComponentsTest uses.
 */
public class PCATest extends AbstractFilterTest {

  public PCATest(String name) {
    super(name);
  }

  /** Weka's FilterTest.arff without its string attributes, which PCA does not handle. */
  @Override
  protected void setUp() throws Exception {
    super.setUp();
    m_Instances.deleteAttributeType(Attribute.STRING);
    m_Instances.setClassIndex(1);
  }

  @Override
  public Filter getFilter() {
    return new PCA();
  }

  private Instances filtered(PCA filter) throws Exception {
    Instances copy = new Instances(m_Instances);
    filter.setInputFormat(copy);
    return Filter.useFilter(copy, filter);
  }

  /** Covariance PCA keeping everything: as many components as one-hot columns with variance. */
  public void testCovarianceAllComponents() throws Exception {
    PCA filter = new PCA();
    filter.setCenterData(true);
    filter.setVarianceCovered(1.0);
    Instances result = filtered(filter);
    assertEquals(m_Instances.numInstances(), result.numInstances());
    // NominalAtt1 (3 values) + NominalAtt2 (4 values) + NumericAtt2 + DateAtt1 = 9 columns, plus
    // the class
    assertEquals(10, result.numAttributes());
    assertEquals(result.numAttributes() - 1, result.classIndex());
    for (int i = 0; i < result.numInstances(); i++) {
      assertEquals(m_Instances.instance(i).value(1), result.instance(i).classValue(), 0.0);
    }
  }

  /**
   * Reconstruction with the error attribute: original columns back, error last before the class.
   * Standardised, because the dates (about 1e12 ms) would otherwise dominate the covariance and
   * leave the other columns only single-precision accuracy.
   */
  public void testReconstructionOutput() throws Exception {
    PCA filter = new PCA();
    filter.setReconstruct(true);
    filter.setReconstructionError(true);
    filter.setVarianceCovered(1.0);
    Instances result = filtered(filter);
    assertEquals(11, result.numAttributes());
    assertEquals(PCA.ERROR_ATTRIBUTE, result.attribute(9).name());
    // all components: the reconstruction is the input (NumericAtt2 is column 7, missing -> mean)
    for (int i = 0; i < result.numInstances(); i++) {
      if (!m_Instances.instance(i).isMissing(3)) {
        assertEquals(m_Instances.instance(i).value(3), result.instance(i).value(7), 1e-9);
      }
      assertEquals(0.0, result.instance(i).value(9), 1e-9);
    }
  }

  /** Weka's regression test, guarded: a missing or different reference fails, none is written. */
  @Override
  public void testRegression() {
    RegressionReference.check(getClass(), super::testRegression);
  }

  public static Test suite() {
    return new TestSuite(PCATest.class);
  }
}
