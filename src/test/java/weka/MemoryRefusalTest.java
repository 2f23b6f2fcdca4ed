package weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.memory.MemoryBudget;
import fundamentos.testing.BundledData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import weka.classifiers.functions.SoftmaxRegression;
import weka.clusterers.IndexedDBSCAN;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.WekaException;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.PCA;
import weka.filters.unsupervised.attribute.UMAP;

/**
 * SoftmaxRegression, PCA, UMAP and IndexedDBSCAN refuse, before allocating, work whose estimate
 * exceeds the memory available (a small cap set through MemoryBudget's properties stands for a
 * small JVM), with the scheme, the estimate, the memory available and the option to lower; the
 * same schemes with ordinary settings run under the same cap.
 */
class MemoryRefusalTest {

  private static Instances digits;

  @BeforeAll
  static void load() throws Exception {
    digits = BundledData.load("digits8x8-train.arff");
  }

  @AfterEach
  void clearCaps() {
    System.clearProperty(MemoryBudget.HEAP_PROPERTY);
    System.clearProperty(MemoryBudget.OFF_HEAP_PROPERTY);
  }

  private static String refused(String scheme, String option, Executable work) {
    WekaException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(WekaException.class, work));
    String message = e.getMessage();
    assertTrue(message.startsWith(scheme + ": "), message);
    assertTrue(message.contains(" needs about "), message);
    assertTrue(message.contains("of off-heap memory available; lower " + option), message);
    assertTrue(message.contains("raise -Xmx / -Dorg.bytedeco.javacpp.maxbytes"), message);
    return message;
  }

  /** n rows of d random numeric columns and a two-valued class. */
  static Instances wide(int n, int d) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      attributes.add(new Attribute("x" + j));
    }
    attributes.add(new Attribute("class", java.util.List.of("a", "b")));
    Instances data = new Instances("wide", attributes, n);
    data.setClassIndex(d);
    Random random = new Random(1);
    for (int i = 0; i < n; i++) {
      double[] values = new double[d + 1];
      for (int j = 0; j < d; j++) {
        values[j] = random.nextGaussian();
      }
      values[d] = i % 2;
      data.add(new DenseInstance(1, values));
    }
    return data;
  }

  @Test
  void softmaxRegressionIsRefusedUnderATinyHeapAndTrainsUnderAnOrdinaryOne() throws Exception {
    System.setProperty(MemoryBudget.HEAP_PROPERTY, "1");
    SoftmaxRegression refusedModel = new SoftmaxRegression();
    // the mini-batch solver's copies (these data are small enough for L-BFGS, whose plain arrays
    // need less than the 1 MB cap)
    refusedModel.setOptions(new String[] {"-solver", "minibatch"});
    String message = refused("SoftmaxRegression", "the number of attributes",
        () -> refusedModel.buildClassifier(digits));
    assertTrue(message.contains("n = " + digits.numInstances() + ", d = 64"), message);
    assertTrue(message.contains("1 MB of heap"), message);

    System.setProperty(MemoryBudget.HEAP_PROPERTY, "64");
    SoftmaxRegression model = new SoftmaxRegression();
    model.buildClassifier(digits);
    assertEquals(10, model.distributionForInstance(digits.instance(0)).length);
  }

  @Test
  void pcaRefusesTheCovarianceOfManyColumnsAndFitsThemWithTheSvd() throws Exception {
    Instances data = wide(50, 3000);
    System.setProperty(MemoryBudget.OFF_HEAP_PROPERTY, "32");
    System.setProperty(MemoryBudget.HEAP_PROPERTY, "32");
    PCA covariance = new PCA();
    covariance.setSolver(new SelectedTag(1, PCA.TAGS_SOLVER));
    // two 3000 x 3000 matrices of doubles: 144 MB
    String message = refused("PCA", "-M", () -> {
      covariance.setInputFormat(data);
      Filter.useFilter(data, covariance);
    });
    assertTrue(message.contains("d = 3000 columns, -solver covariance"), message);

    PCA auto = new PCA();
    auto.setInputFormat(data);
    Instances out = Filter.useFilter(data, auto);
    assertEquals(50, out.numInstances());
  }

  @Test
  void umapWithNeighboursNearNIsRefusedAndFifteenNeighboursFit() throws Exception {
    Instances sample = new Instances(digits, 0, 400);
    System.setProperty(MemoryBudget.HEAP_PROPERTY, "16");
    UMAP near = new UMAP();
    near.setNumNeighbors(399);
    String message = refused("UMAP", "-K", () -> {
      near.setInputFormat(sample);
      Filter.useFilter(sample, near);
    });
    assertTrue(message.contains("n = 400, d = 64, -K 399 (399 used)"), message);

    UMAP ordinary = new UMAP();
    ordinary.setNumEpochs(20);
    ordinary.setInputFormat(sample);
    assertEquals(400, Filter.useFilter(sample, ordinary).numInstances());
  }

  @Test
  void indexedDbscanIsRefusedUnderATinyHeapAndClustersUnderAnOrdinaryOne() throws Exception {
    Instances data = new Instances(digits);
    data.setClassIndex(-1);
    data.deleteAttributeAt(data.numAttributes() - 1);
    System.setProperty(MemoryBudget.HEAP_PROPERTY, "1");
    IndexedDBSCAN refusedClusterer = new IndexedDBSCAN();
    String message = refused("IndexedDBSCAN", "the number of instances",
        () -> refusedClusterer.buildClusterer(data));
    assertTrue(message.contains("d = 64"), message);

    System.setProperty(MemoryBudget.HEAP_PROPERTY, "16");
    IndexedDBSCAN clusterer = new IndexedDBSCAN();
    clusterer.buildClusterer(data);
    assertTrue(clusterer.numberOfClusters() >= 0);
  }
}
