package weka.clusterers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.converters.ConverterUtils.DataSink;
import weka.filters.unsupervised.attribute.AddCluster;

import fundamentos.cluster.ClusterAgreement;
import fundamentos.testing.BundledData;
import org.junit.jupiter.api.Test;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaException;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/**
 * The agreement evaluator: header check, noise as its own group or left out, real failures
 * reported; a clustering given as an attribute scores as the clusterer that wrote it.
 */
class ClusterAgreementEvaluationTest {

  private static Instances features(Instances data) throws Exception {
    Remove remove = new Remove();
    remove.setAttributeIndices("" + (data.classIndex() + 1));
    remove.setInputFormat(data);
    return Filter.useFilter(data, remove);
  }

  @Test
  void testDataOfAnotherDataSetIsRefusedWithTheAttributeNamed() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    Instances renamed = new Instances(iris);
    renamed.renameAttribute(1, "sepalwidth_cm");
    SimpleKMeans kmeans = new SimpleKMeans();
    kmeans.setNumClusters(3);
    kmeans.buildClusterer(features(iris));
    WekaException e = assertThrows(WekaException.class,
        () -> ClusterAgreementEvaluation.evaluate(kmeans, iris, renamed));
    assertTrue(e.getMessage().contains("sepalwidth_cm"), e.getMessage());
    assertTrue(ClusterAgreementEvaluation.evaluate(kmeans, iris, iris).adjustedRandIndex() > 0.5);
  }

  @Test
  void aFailingClustererIsReportedNotScoredAsNoise() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    SimpleKMeans kmeans = new SimpleKMeans();
    kmeans.setNumClusters(3);
    kmeans.buildClusterer(features(iris));
    Clusterer failing = new AbstractClusterer() {
      @Override
      public void buildClusterer(Instances data) {
      }

      @Override
      public int clusterInstance(Instance instance) throws Exception {
        throw new IllegalStateException("broken");
      }

      @Override
      public int numberOfClusters() {
        return 3;
      }
    };
    WekaException e = assertThrows(WekaException.class,
        () -> ClusterAgreementEvaluation.evaluate(failing, iris));
    assertTrue(e.getMessage().contains("instance 1") && e.getMessage().contains("broken"),
        e.getMessage());
  }

  @Test
  void unclusteredInstancesFormAGroupOfTheirOwn() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    IndexedDBSCAN dbscan = new IndexedDBSCAN();
    dbscan.setOptions(Utils.splitOptions("-E 0.1 -M 5"));
    dbscan.buildClusterer(features(iris));
    // the same instances moved far from every core point: every one is noise
    Instances far = new Instances(iris);
    for (Instance instance : far) {
      for (int a = 0; a < far.numAttributes(); a++) {
        if (a != far.classIndex()) {
          instance.setValue(a, instance.value(a) + 1000);
        }
      }
    }
    ClusterAgreement agreement = ClusterAgreementEvaluation.evaluate(dbscan, iris, far);
    // one group holding everything, which agrees with no class split
    assertEquals(0.0, agreement.adjustedRandIndex(), 1e-12);
    assertEquals(150.0 * 149 / 2, agreement.truePositives() + agreement.falsePositives(), 1e-9);
  }

  /** Iris with AddCluster's attribute written by {@code clusterer} (AddCluster leaves out the class). */
  private static Instances withClusters(Instances iris, Clusterer clusterer) throws Exception {
    AddCluster add = new AddCluster();
    add.setClusterer(AbstractClusterer.makeCopy(clusterer));
    add.setInputFormat(iris);
    Instances clustered = Filter.useFilter(iris, add);
    clustered.setClassIndex(iris.classIndex());
    return clustered;
  }

  /** IndexedDBSCAN on iris at eps 0.15, minPts 5: two clusters and 22 noise instances. */
  private static IndexedDBSCAN dbscanWithNoise(Instances iris) throws Exception {
    IndexedDBSCAN dbscan = new IndexedDBSCAN();
    dbscan.setOptions(Utils.splitOptions("-E 0.15 -M 5"));
    dbscan.buildClusterer(features(iris));
    return dbscan;
  }

  private static void assertSameScores(ClusterAgreement expected, ClusterAgreement actual) {
    assertEquals(expected.truePositives(), actual.truePositives(), 1e-9);
    assertEquals(expected.falsePositives(), actual.falsePositives(), 1e-9);
    assertEquals(expected.falseNegatives(), actual.falseNegatives(), 1e-9);
    assertEquals(expected.trueNegatives(), actual.trueNegatives(), 1e-9);
    assertEquals(expected.randIndex(), actual.randIndex(), 1e-12);
    assertEquals(expected.adjustedRandIndex(), actual.adjustedRandIndex(), 1e-12);
    assertEquals(expected.normalizedMutualInformation(), actual.normalizedMutualInformation(),
        1e-12);
    assertEquals(ClusterAgreementEvaluation.adjustedMutualInformation(expected),
        ClusterAgreementEvaluation.adjustedMutualInformation(actual), 1e-12);
  }

  /**
   * IndexedDBSCAN's clustering of iris (with noise) written by AddCluster scores exactly as the
   * clusterer itself, noise as a group and left out; so does SimpleKMeans's as a numeric attribute.
   */
  @Test
  void aGivenClusteringScoresAsTheClustererThatWroteIt() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    IndexedDBSCAN dbscan = dbscanWithNoise(iris);
    Instances clustered = withClusters(iris, dbscan);
    Attribute cluster = clustered.attribute("cluster");
    int noise = 0;
    for (Instance instance : clustered) {
      noise += instance.isMissing(cluster) ? 1 : 0;
    }
    assertTrue(noise > 0 && noise < 50, "AddCluster wrote " + noise + " missing values (noise)");
    for (boolean exclude : new boolean[] {false, true}) {
      ClusterAgreement trained = ClusterAgreementEvaluation.evaluate(dbscan, iris, exclude);
      ClusterAgreement given = ClusterAgreementEvaluation.evaluate(clustered, cluster, null,
          exclude);
      assertSameScores(trained, given);
      double pairs = exclude ? (150.0 - noise) * (149 - noise) / 2 : 150.0 * 149 / 2;
      assertEquals(pairs, given.truePositives() + given.falsePositives()
          + given.falseNegatives() + given.trueNegatives(), 1e-9);
    }
    assertTrue(ClusterAgreementEvaluation.evaluate(clustered, cluster, null, true)
        .adjustedRandIndex() > ClusterAgreementEvaluation.evaluate(clustered, cluster, null, false)
        .adjustedRandIndex(), "leaving the noise out raises the agreement on iris");

    SimpleKMeans kmeans = new SimpleKMeans();
    kmeans.setNumClusters(3);
    kmeans.buildClusterer(features(iris));
    Instances numeric = new Instances(iris);
    numeric.insertAttributeAt(new Attribute("kmeans"), 0);
    Instances featuresOnly = features(iris);
    for (int i = 0; i < numeric.numInstances(); i++) {
      // cluster numbers 10, 20, 30: any numbers are labels
      numeric.instance(i).setValue(0, 10.0 * (kmeans.clusterInstance(featuresOnly.instance(i)) + 1));
    }
    ClusterAgreement trained = ClusterAgreementEvaluation.evaluate(kmeans, iris);
    assertSameScores(trained, ClusterAgreementEvaluation.evaluate(numeric,
        numeric.attribute("kmeans"), null, false));
    assertTrue(trained.adjustedRandIndex() > 0.6, "k-means on iris: " + trained.adjustedRandIndex());
  }

  /**
   * Six points, classes a a a b b b, clusters 1 1 2 2 2 -1 with -1 as noise. Noise as a group
   * ({0,1}, {2,3,4}, {5}): of the 15 pairs, TP 2 ((0,1), (3,4)), same cluster 4 so FP 2, same class
   * 6 so FN 4, TN 7; Rand 9/15. Noise left out (10 pairs): TP 2, FP 2, same class 3 + 1 so FN 2,
   * TN 4, Rand 6/10, adjusted Rand (2 - 4 * 4 / 10) / ((4 + 4) / 2 - 1.6) = 1/6.
   */
  @Test
  void pairCountsOfASmallCaseByHand() throws Exception {
    Instances data = small(new double[] {1, 1, 2, 2, 2, -1});
    Attribute cluster = data.attribute("cluster");
    ClusterAgreement group = ClusterAgreementEvaluation.evaluate(data, cluster, "-1", false);
    assertEquals(2, group.truePositives(), 1e-12);
    assertEquals(2, group.falsePositives(), 1e-12);
    assertEquals(4, group.falseNegatives(), 1e-12);
    assertEquals(7, group.trueNegatives(), 1e-12);
    assertEquals(9.0 / 15, group.randIndex(), 1e-15);
    ClusterAgreement excluded = ClusterAgreementEvaluation.evaluate(data, cluster, "-1", true);
    assertEquals(2, excluded.truePositives(), 1e-12);
    assertEquals(2, excluded.falsePositives(), 1e-12);
    assertEquals(2, excluded.falseNegatives(), 1e-12);
    assertEquals(4, excluded.trueNegatives(), 1e-12);
    assertEquals(0.6, excluded.randIndex(), 1e-15);
    assertEquals(1.0 / 6, excluded.adjustedRandIndex(), 1e-15);
    // without -noise-label, -1 is a cluster like any other (here a group of one either way)
    assertSameScores(group, ClusterAgreementEvaluation.evaluate(data, cluster, null, true));
    // a missing value is noise too (AddCluster's convention)
    data.instance(5).setMissing(cluster);
    assertSameScores(excluded, ClusterAgreementEvaluation.evaluate(data, cluster, null, true));
    assertSameScores(group, ClusterAgreementEvaluation.evaluate(data, cluster, null, false));
  }

  /** An instance of weight 2 counts as two instances in the pairs. */
  @Test
  void aWeightCountsAsCopies() throws Exception {
    Instances weighted = small(new double[] {1, 1, 2, 2, 2, 3});
    weighted.instance(2).setWeight(2);
    Instances copied = small(new double[] {1, 1, 2, 2, 2, 3});
    copied.add((Instance) copied.instance(2).copy());
    ClusterAgreement a = ClusterAgreementEvaluation.evaluate(weighted,
        weighted.attribute("cluster"), null, false);
    assertSameScores(ClusterAgreementEvaluation.evaluate(copied, copied.attribute("cluster"),
        null, false), a);
    assertEquals(21, a.truePositives() + a.falsePositives() + a.falseNegatives()
        + a.trueNegatives(), 1e-12);
  }

  /** Numeric cluster labels and a nominal class a a a b b b. */
  private static Instances small(double[] clusters) {
    List<String> ab = List.of("a", "b");
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("cluster"));
    attributes.add(new Attribute("name", (List<String>) null));
    attributes.add(new Attribute("class", ab));
    Instances data = new Instances("small", attributes, clusters.length);
    for (int i = 0; i < clusters.length; i++) {
      DenseInstance instance = new DenseInstance(3);
      instance.setDataset(data);
      instance.setValue(0, clusters[i]);
      instance.setValue(1, "p" + i);
      instance.setValue(2, i < 3 ? "a" : "b");
      data.add(instance);
    }
    data.setClassIndex(2);
    return data;
  }

  @Test
  void badClusterAttributesAreRefusedWithTheReason() throws Exception {
    Instances data = small(new double[] {1, 1, 2, 2, 2, -1});
    WekaException isClass = assertThrows(WekaException.class, () -> ClusterAgreementEvaluation
        .evaluate(data, data.classAttribute(), null, false));
    assertTrue(isClass.getMessage().contains("is the class attribute"), isClass.getMessage());
    WekaException string = assertThrows(WekaException.class, () -> ClusterAgreementEvaluation
        .evaluate(data, data.attribute("name"), null, false));
    assertTrue(string.getMessage().contains("'name' is a string attribute"), string.getMessage());
    WekaException notANumber = assertThrows(WekaException.class, () -> ClusterAgreementEvaluation
        .evaluate(data, data.attribute("cluster"), "noise", false));
    assertTrue(notANumber.getMessage().contains("'noise' is not a number"),
        notANumber.getMessage());
    Instances iris = withClusters(BundledData.load("iris.arff"), new SimpleKMeans());
    WekaException notAValue = assertThrows(WekaException.class, () -> ClusterAgreementEvaluation
        .evaluate(iris, iris.attribute("cluster"), "-1", false));
    assertTrue(notAValue.getMessage().contains("cluster1, cluster2"), notAValue.getMessage());
    for (int i = 0; i < 6; i++) {
      data.instance(i).setMissing(0);
    }
    WekaException allNoise = assertThrows(WekaException.class, () -> ClusterAgreementEvaluation
        .evaluate(data, data.attribute("cluster"), null, true));
    assertTrue(allNoise.getMessage().contains("No instance is left"), allNoise.getMessage());
  }

  /** The command line, as weka.Run runs it, on a file written by AddCluster. */
  @Test
  void theCommandLineScoresAClusterAttribute(@TempDir Path dir) throws Exception {
    Instances iris = BundledData.load("iris.arff");
    IndexedDBSCAN dbscan = dbscanWithNoise(iris);
    Instances clustered = withClusters(iris, dbscan);
    File file = dir.resolve("clustered.arff").toFile();
    DataSink.write(file.getPath(), clustered);
    String text = runCommand("-t", file.getPath(), "-c", "5", "-cluster-attribute", "cluster",
        "-exclude-noise");
    ClusterAgreement expected = ClusterAgreementEvaluation.evaluate(dbscan, iris, true);
    assertTrue(text.contains(String.format(java.util.Locale.ROOT,
        "Adjusted Rand index             %.4f", expected.adjustedRandIndex())), text);
    assertTrue(text.contains("left out"), text);
    assertTrue(text.contains(String.format(java.util.Locale.ROOT, "TP %.0f",
        expected.truePositives())), text);

    Exception sameAsClass = assertThrows(Exception.class, () -> runCommand("-t", file.getPath(),
        "-c", "5", "-cluster-attribute", "class"));
    assertTrue(sameAsClass.getMessage().contains("is the class attribute"),
        sameAsClass.getMessage());
    Exception unknown = assertThrows(Exception.class, () -> runCommand("-t", file.getPath(),
        "-c", "5", "-cluster-attribute", "clusters"));
    assertTrue(unknown.getMessage().contains("-cluster-attribute clusters"), unknown.getMessage());
    Exception both = assertThrows(Exception.class, () -> runCommand("-t", file.getPath(),
        "-cluster-attribute", "cluster", "-W", "weka.clusterers.SimpleKMeans"));
    assertTrue(both.getMessage().startsWith("Usage"), both.getMessage());
    Exception typo = assertThrows(Exception.class, () -> runCommand("-t", file.getPath(),
        "-c", "5", "-cluster-attribute", "cluster", "-exclude-nois"));
    assertTrue(typo.getMessage().contains("-exclude-nois"), typo.getMessage());
  }

  private static String runCommand(String... options) throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      new ClusterAgreementEvaluation().run(null, options);
    } finally {
      System.setOut(out);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }
}
