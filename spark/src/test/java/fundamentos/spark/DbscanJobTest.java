package fundamentos.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.cluster.ClusterAgreement;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.clusterers.IndexedDBSCAN;
import weka.clusterers.UnclusteredInstanceException;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.converters.CSVLoader;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/**
 * The DBSCAN job on local[2] against IndexedDBSCAN on one machine, on the same CSV as Weka loads
 * it: the same label for every row (cluster numbers included), the saved model labelling unseen
 * points as the single-machine model does.
 */
class DbscanJobTest {

  @TempDir
  File folder;

  /** IndexedDBSCAN's label of each instance, -1 for noise. */
  static int[] labels(IndexedDBSCAN clusterer, Instances data) throws Exception {
    int[] labels = new int[data.numInstances()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = label(clusterer, data.instance(i));
    }
    return labels;
  }

  static int label(IndexedDBSCAN clusterer, Instance instance) throws Exception {
    try {
      return clusterer.clusterInstance(instance);
    } catch (UnclusteredInstanceException noise) {
      return -1;
    }
  }

  /** Runs the job and IndexedDBSCAN on the CSV, compares every label, returns the job's result. */
  private DbscanJob.Result sameAsOneMachine(File csv, String eps, String minPts, int partitions)
      throws Exception {
    Instances data = readCsv(csv);
    IndexedDBSCAN single = new IndexedDBSCAN();
    single.setOptions(new String[] {"-E", eps, "-M", minPts});
    single.buildClusterer(data);
    File model = new File(folder, csv.getName() + ".model");
    File out = new File(folder, csv.getName() + "-labels");
    DbscanJob.Result result = (DbscanJob.Result) LocalSpark.run("dbscan", "-i", csv.getPath(),
        "-E", eps, "-M", minPts, "-partitions", String.valueOf(partitions), "-model",
        model.getPath(), "-o", out.getPath());
    assertEquals(partitions, result.partitioning().numPartitions());
    int[] expected = labels(single, data);
    assertArrayEquals(expected, result.labels());
    // the clusters in the same order, so the same summary; and an adjusted Rand index of 1
    assertEquals(single.toString(), result.clusterer().toString());
    assertEquals(1.0, ClusterAgreement.of(groups(result.labels()), groups(expected))
        .adjustedRandIndex(), 0);
    // -o: one line per row in the input's order, '?' for noise
    List<String[]> lines = LocalSpark.parts(out);
    assertEquals(data.numInstances(), lines.size());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i] < 0 ? "?" : "cluster" + expected[i], lines.get(i)[0]);
    }
    Instances outputHeader = new Instances(new java.io.FileReader(new File(out, "_header.arff")));
    assertEquals(single.numberOfClusters(), outputHeader.attribute(0).numValues());
    // the model file as weka.Run -d writes it: the clusterer and its training header
    Object[] saved = SerializationHelper.readAll(model.getPath());
    assertTrue(((Instances) saved[1]).equalHeaders(data));
    assertEquals(single.toString(), saved[0].toString());
    return result;
  }

  /** The CSV as Weka's CSVLoader reads it (not through DataSource: its converter discovery scans
   * the class path for every scheme, the package's deep-learning ones included, which this module
   * leaves out). */
  static Instances readCsv(File csv) throws Exception {
    CSVLoader loader = new CSVLoader();
    loader.setSource(csv);
    return loader.getDataSet();
  }

  /** Noise as one group of its own (ClusterAgreement takes groups from 0). */
  static int[] groups(int[] labels) {
    int[] groups = new int[labels.length];
    int max = 0;
    for (int label : labels) {
      max = Math.max(max, label);
    }
    for (int i = 0; i < labels.length; i++) {
      groups[i] = labels[i] < 0 ? max + 1 : labels[i];
    }
    return groups;
  }

  @Test
  void irisLabelsAreIndexedDBSCANs() throws Exception {
    Instances iris = new Instances(new java.io.FileReader(new File(
        System.getProperty("fundamentos.data"), "iris.arff")));
    Remove removeClass = new Remove();
    removeClass.setAttributeIndices("last");
    removeClass.setInputFormat(iris);
    Instances four = Filter.useFilter(iris, removeClass);
    // the four measurements (a k-d tree on one machine) and the two petal ones (a grid), full of
    // ties: iris's values have one decimal
    sameAsOneMachine(LocalSpark.csv(four, new File(folder, "iris4.csv")), "0.12", "5", 3);
    Remove sepals = new Remove();
    sepals.setAttributeIndices("1,2");
    sepals.setInputFormat(four);
    Instances petals = Filter.useFilter(four, sepals);
    DbscanJob.Result result = sameAsOneMachine(LocalSpark.csv(petals,
        new File(folder, "petals.csv")), "0.05", "4", 4);
    assertTrue(result.clusterer().numberOfClusters() >= 2);
  }

  /**
   * Blobs, a long band and 10% noise, 20,000 points spread over [-50, 80] x [0, 3]: Weka's
   * normalisation matters, and clusters cross the boundaries of 6 partitions.
   */
  static Instances blobs(int n, long seed) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("y"));
    Instances data = new Instances("blobs", attributes, n);
    Random random = new Random(seed);
    double[][] centres = {{0.2, 0.2}, {0.5, 0.5}, {0.8, 0.3}, {0.3, 0.8}, {0.75, 0.75}};
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      double x;
      double y;
      if (u < 0.1) {
        x = random.nextDouble();
        y = random.nextDouble();
      } else if (u < 0.3) {
        double t = random.nextDouble();
        x = t;
        y = 0.05 + 0.9 * t * t + 0.01 * random.nextGaussian();
      } else {
        double[] c = centres[random.nextInt(centres.length)];
        x = c[0] + 0.05 * random.nextGaussian();
        y = c[1] + 0.05 * random.nextGaussian();
      }
      x = Math.max(0, Math.min(1, x));
      y = Math.max(0, Math.min(1, y));
      data.add(new DenseInstance(1.0, new double[] {-50 + 130 * x, 3 * y}));
    }
    return data;
  }

  @Test
  void syntheticBlobsAcrossPartitionsAndTheSavedModel() throws Exception {
    Instances data = blobs(20000, 1);
    File csv = LocalSpark.csv(data, new File(folder, "blobs.csv"));
    DbscanJob.Result result = sameAsOneMachine(csv, "0.012", "8", 6);
    // clusters really cross boundaries: some cluster's rows are owned by several partitions
    java.util.Map<Integer, java.util.Set<Integer>> spans = new java.util.HashMap<>();
    Instances read = readCsv(csv);
    IndexedDBSCAN single = new IndexedDBSCAN();
    single.setOptions(new String[] {"-E", "0.012", "-M", "8"});
    single.buildClusterer(read);
    fundamentos.weka.DistanceCoordinates coordinates = DbscanJob.coordinates(
        HeaderStatistics.parse(new String(java.nio.file.Files.readAllBytes(
            headerOf(csv).toPath())), "h"));
    for (int i = 0; i < read.numInstances(); i++) {
      int label = result.labels()[i];
      if (label >= 0) {
        spans.computeIfAbsent(label, k -> new java.util.HashSet<>())
            .add(result.partitioning().owner(coordinates.point(read.instance(i))));
      }
    }
    int widest = spans.values().stream().mapToInt(java.util.Set::size).max().orElse(0);
    assertTrue(widest >= 3, "the widest cluster spans " + widest + " partitions");
    assertTrue(result.clusterer().numberOfClusters() >= 4,
        result.clusterer().numberOfClusters() + " clusters");
    // the saved model labels unseen points as IndexedDBSCAN trained on one machine
    IndexedDBSCAN loaded = (IndexedDBSCAN) SerializationHelper.readAll(
        new File(folder, "blobs.csv.model").getPath())[0];
    Instances unseen = blobs(3000, 2);
    int noise = 0;
    for (Instance instance : unseen) {
      int expected = label(single, instance);
      assertEquals(expected, label(loaded, instance));
      noise += expected < 0 ? 1 : 0;
      if (expected >= 0) {
        assertArrayEquals(single.distributionForInstance(instance),
            loaded.distributionForInstance(instance), 0);
      }
    }
    assertTrue(noise > 50 && noise < 2500, noise + " unseen points are noise");
  }

  private File headerOf(File csv) {
    File header = new File(folder, csv.getName() + ".arff");
    if (!header.exists()) {
      LocalSpark.run("header", "-i", csv.getPath(), "-o", header.getPath());
    }
    return header;
  }
}
