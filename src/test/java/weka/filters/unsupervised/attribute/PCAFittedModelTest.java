package weka.filters.unsupervised.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fundamentos.pca.CovarianceAccumulator;
import fundamentos.pca.PcaModel;
import fundamentos.pca.PrincipalComponentAnalysis;
import fundamentos.pca.PcaSolver;
import fundamentos.testing.BundledData;
import fundamentos.weka.InstancesEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.core.WekaException;
import weka.filters.Filter;

/**
 * A PCA filter given components fitted elsewhere (the Spark job's merged covariance, {@link
 * PCA#setFittedModel}) transforms data as the filter fitted on the same data does, also after
 * serialization, with a nominal attribute and missing values encoded alike.
 */
class PCAFittedModelTest {

  /** Iris with a few missing values (the class, when set, passes through; else it is one-hot). */
  private static Instances irisWithMissing() throws Exception {
    Instances data = BundledData.load("iris.arff");
    data.instance(3).setMissing(0);
    data.instance(40).setMissing(2);
    data.instance(41).setMissing(2);
    return data;
  }

  /** The filter fitted from statistics and co-moments, as the Spark job computes them. */
  private static PCA fittedFromMoments(Instances data, String options) throws Exception {
    PCA filter = new PCA();
    filter.setOptions(Utils.splitOptions(options));
    double[] means = new double[data.numAttributes()];
    double[][] counts = new double[data.numAttributes()][];
    for (int a = 0; a < data.numAttributes(); a++) {
      if (data.attribute(a).isNumeric()) {
        means[a] = data.attributeStats(a).numericStats.mean;
      } else {
        counts[a] = java.util.Arrays.stream(data.attributeStats(a).nominalCounts)
            .asDoubleStream().toArray();
      }
    }
    InstancesEncoder encoder = InstancesEncoder.fromStatistics(data, true, means, counts);
    CovarianceAccumulator moments = new CovarianceAccumulator(encoder.numColumns());
    for (double[] row : encoder.encode(data)) {
      moments.add(row);
    }
    PcaModel model = new PrincipalComponentAnalysis().standardise(!filter.getCenterData())
        .varianceCovered(filter.getVarianceCovered()).maxComponents(filter.getMaximumAttributes())
        .solver(PcaSolver.COVARIANCE).whiten(filter.getWhiten()).fit(moments);
    filter.setFittedModel(data, encoder, model);
    return filter;
  }

  private static Instances later(Filter filter, Instances data) throws Exception {
    for (int i = 0; i < data.numInstances(); i++) {
      filter.input(data.instance(i));
    }
    filter.batchFinished();
    Instances out = filter.getOutputFormat();
    Instances result = new Instances(out, data.numInstances());
    weka.core.Instance row;
    while ((row = filter.output()) != null) {
      result.add(row);
    }
    return result;
  }

  @ParameterizedTest
  @ValueSource(strings = {"-R 0.95", "-C -R 0.99", "-C -M 2 -reconstruction-error",
      "-reconstruct -reconstruction-error", "-whiten -M 3"})
  void transformsLikeTheFilterFittedOnTheData(String options) throws Exception {
    for (boolean withClass : new boolean[] {true, false}) {
      Instances data = irisWithMissing();
      data.setClassIndex(withClass ? data.numAttributes() - 1 : -1);
      PCA fitted = new PCA();
      fitted.setOptions(Utils.splitOptions(options));
      fitted.setInputFormat(data);
      Instances expected = Filter.useFilter(data, fitted);
      PCA adopted = fittedFromMoments(data, options);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      SerializationHelper.write(bytes, adopted);
      PCA copy = (PCA) SerializationHelper.read(new ByteArrayInputStream(bytes.toByteArray()));
      Instances actual = later(copy, data);
      assertEquals(null, expected.equalHeadersMsg(actual), options);
      double[] a = fitted.getModel().eigenvalues();
      double[] b = adopted.getModel().eigenvalues();
      // 1e-9 relative, above a rounding floor for the eigenvalues that are 0 (the one-hot class)
      for (int i = 0; i < Math.min(a.length, b.length); i++) {
        assertEquals(a[i], b[i], 1e-9 * Math.abs(a[i]) + 1e-14 * a[0], options + ": eigenvalue " + i);
      }
      for (int i = 0; i < data.numInstances(); i++) {
        for (int c = 0; c < expected.numAttributes(); c++) {
          double e = expected.instance(i).value(c);
          assertEquals(e, actual.instance(i).value(c), 1e-9 * Math.max(1, Math.abs(e)),
              options + ": instance " + i + ", attribute " + c);
        }
      }
    }
  }

  @Test
  void refusesAModelOfAnotherWidth() throws Exception {
    Instances data = irisWithMissing();
    Instances narrower = new Instances(data);
    narrower.deleteAttributeAt(0);
    PCA other = fittedFromMoments(narrower, "-R 0.95");
    PCA filter = new PCA();
    InstancesEncoder encoder = InstancesEncoder.fromStatistics(data, true,
        new double[5], new double[][] {null, null, null, null, {1, 1, 1}});
    WekaException e = assertThrows(WekaException.class,
        () -> filter.setFittedModel(data, encoder, other.getModel()));
    assertEquals("The model has 3 columns; the header encodes to 4", e.getMessage());
  }

  /** The Spark jobs' path: a batch in one model call gives what input() gives row by row. */
  @Test
  void transformsABatchAsRowByRow() throws Exception {
    Instances data = irisWithMissing();
    data.setClassIndex(data.numAttributes() - 1);
    PCA fitted = new PCA();
    fitted.setOptions(Utils.splitOptions("-C -M 3 -reconstruction-error"));
    WekaException early = assertThrows(WekaException.class, () -> fitted.transformBatch(data));
    assertEquals("PCA has not been fitted: finish its first batch before transforming others.",
        early.getMessage());
    fitted.setInputFormat(data);
    Filter.useFilter(data, fitted);
    Instances rowByRow = later(fitted, data);
    Instances batch = fitted.transformBatch(data);
    assertEquals(null, rowByRow.equalHeadersMsg(batch));
    assertEquals(data.numInstances(), batch.numInstances());
    for (int i = 0; i < data.numInstances(); i++) {
      for (int c = 0; c < batch.numAttributes(); c++) {
        double e = rowByRow.instance(i).value(c);
        assertEquals(e, batch.instance(i).value(c), 1e-12 * Math.max(1, Math.abs(e)),
            "instance " + i + ", attribute " + c);
      }
    }
    Instances narrower = new Instances(data);
    narrower.deleteAttributeAt(0);
    assertThrows(WekaException.class, () -> fitted.transformBatch(narrower));
  }
}
