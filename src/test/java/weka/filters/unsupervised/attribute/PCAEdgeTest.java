package weka.filters.unsupervised.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import fundamentos.testing.ScaledData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaException;
import weka.filters.Filter;

/** The PCA filter on numbers at the edges and on batches with another header. */
class PCAEdgeTest {

  private static Instances iris;

  @BeforeAll
  static void load() throws Exception {
    iris = BundledData.load("iris.arff");
  }

  private static PCA pca(String options, Instances data) throws Exception {
    PCA filter = new PCA();
    filter.setOptions(Utils.splitOptions(options));
    filter.setInputFormat(data);
    return filter;
  }

  private static Instances times(double factor) {
    return ScaledData.times(iris, factor);
  }

  @Test
  void hugeAndTinyDataKeepEveryComponent() throws Exception {
    for (String options : new String[] {"-C -R 1", "-R 1"}) {
      PCA one = pca(options, iris);
      Instances reference = Filter.useFilter(iris, one);
      for (double factor : new double[] {1e-300, 1e300}) {
        Instances data = times(factor);
        PCA filter = pca(options, data);
        Instances out = Filter.useFilter(data, filter);
        assertEquals(reference.numAttributes(), out.numAttributes(), options + " " + factor);
        double unit = options.startsWith("-C") ? factor : 1;
        for (int i = 0; i < out.numInstances(); i++) {
          for (int c = 0; c < out.numAttributes() - 1; c++) {
            assertEquals(reference.instance(i).value(c), out.instance(i).value(c) / unit,
                1e-9, options + " " + factor + " row " + i);
          }
        }
      }
    }
  }

  @Test
  void anAllMissingColumnGetsNoLoadingAndChangesNothingElse() throws Exception {
    Instances data = new Instances(iris);
    data.insertAttributeAt(new Attribute("unknown"), 0);
    for (Instance row : data) {
      row.setMissing(0);
    }
    Instances reference = Filter.useFilter(iris, pca("-C -R 1", iris));
    PCA filter = pca("-C -R 1", data);
    Instances out = Filter.useFilter(data, filter);
    assertEquals(reference.numAttributes(), out.numAttributes());
    for (int i = 0; i < out.numInstances(); i++) {
      for (int c = 0; c < out.numAttributes() - 1; c++) {
        assertEquals(Math.abs(reference.instance(i).value(c)), Math.abs(out.instance(i).value(c)),
            1e-9);
      }
    }
    for (int c = 0; c < filter.getModel().numComponents(); c++) {
      assertEquals(0.0, filter.getModel().axis(c)[0], 1e-15);
    }
  }

  @Test
  void aBatchWithAnotherHeaderIsRefusedWithTheAttributeNamed() throws Exception {
    PCA filter = pca("-C -R 0.9", iris);
    Filter.useFilter(iris, filter);
    Instances renamed = new Instances(iris);
    renamed.renameAttribute(3, "petalwidth_cm");
    WekaException batch = assertThrows(WekaException.class, () -> Filter.useFilter(renamed, filter));
    assertTrue(batch.getMessage().contains("petalwidth_cm"), batch.getMessage());
    WekaException single = assertThrows(WekaException.class, () -> filter.input(renamed.instance(0)));
    assertTrue(single.getMessage().contains("petalwidth_cm"), single.getMessage());
  }
}
