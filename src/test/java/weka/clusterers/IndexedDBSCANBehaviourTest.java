package weka.clusterers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Attribute;
import weka.core.BurstingEuclideanDistance;
import weka.core.ChebyshevDistance;
import weka.core.CosineDistance;
import weka.core.DenseInstance;
import weka.core.DistanceFunction;
import weka.core.EuclideanDistance;
import weka.core.Instances;
import weka.core.ManhattanDistance;
import weka.core.MinkowskiDistance;
import weka.core.WekaException;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/** IndexedDBSCAN on real data: index against Weka's own distance, evaluation, bad input. */
class IndexedDBSCANBehaviourTest {

  private static Instances iris;
  private static Instances irisWithClass;

  /** Wrappers that make the clusterer use Weka's distance code by brute force (not indexable). */
  public static class WekaEuclidean extends EuclideanDistance {
    private static final long serialVersionUID = 1L;
  }

  public static class WekaManhattan extends ManhattanDistance {
    private static final long serialVersionUID = 1L;
  }

  public static class WekaChebyshev extends ChebyshevDistance {
    private static final long serialVersionUID = 1L;
  }

  public static class WekaCosine extends CosineDistance {
    private static final long serialVersionUID = 1L;
  }

  public static class WekaBursting extends BurstingEuclideanDistance {
    private static final long serialVersionUID = 1L;
  }

  @BeforeAll
  static void load() throws Exception {
    irisWithClass = BundledData.load("iris.arff");
    Remove remove = new Remove();
    remove.setAttributeIndices("last");
    remove.setInputFormat(irisWithClass);
    iris = Filter.useFilter(irisWithClass, remove);
  }

  private static IndexedDBSCAN dbscan(double eps, int minPts, DistanceFunction distance) {
    IndexedDBSCAN clusterer = new IndexedDBSCAN();
    clusterer.setEpsilon(eps);
    clusterer.setMinPoints(minPts);
    clusterer.setDistanceFunction(distance);
    return clusterer;
  }

  private static int[] labels(Clusterer clusterer, Instances data) {
    int[] labels = new int[data.numInstances()];
    for (int i = 0; i < labels.length; i++) {
      try {
        labels[i] = clusterer.clusterInstance(data.instance(i));
      } catch (Exception noise) {
        labels[i] = -1;
      }
    }
    return labels;
  }

  @Test
  void indexedDistancesEqualWekasOwnDistanceCode() throws Exception {
    MinkowskiDistance minkowski = new MinkowskiDistance();
    minkowski.setOrder(3);
    Object[][] cases = {
        {new EuclideanDistance(), new WekaEuclidean(), 0.1},
        {new ManhattanDistance(), new WekaManhattan(), 0.15},
        {new ChebyshevDistance(), new WekaChebyshev(), 0.08},
        {new CosineDistance(), new WekaCosine(), 0.002},
        {new BurstingEuclideanDistance(), new WekaBursting(), 0.15},
    };
    for (Object[] c : cases) {
      IndexedDBSCAN indexed = dbscan((Double) c[2], 5, (DistanceFunction) c[0]);
      IndexedDBSCAN brute = dbscan((Double) c[2], 5, (DistanceFunction) c[1]);
      indexed.buildClusterer(iris);
      brute.buildClusterer(iris);
      String name = c[0].getClass().getSimpleName();
      assertTrue(indexed.toString().contains("k-d tree"), indexed.toString());
      assertTrue(brute.toString().contains("brute force with"), brute.toString());
      assertTrue(indexed.numberOfClusters() >= 2, name + ": " + indexed);
      assertEquals(brute.getMeasure("measureNumCorePoints"),
          indexed.getMeasure("measureNumCorePoints"), name);
      assertEquals(brute.getMeasure("measureNumNoisePoints"),
          indexed.getMeasure("measureNumNoisePoints"), name);
      assertArrayEquals(labels(brute, iris), labels(indexed, iris), name);
    }
    // Minkowski p = 3 through the tree against the same clusterer by brute force over arrays
    IndexedDBSCAN tree = dbscan(0.1, 5, minkowski);
    IndexedDBSCAN arrays = dbscan(0.1, 5, minkowski);
    arrays.setIndex(
        new weka.core.SelectedTag(IndexedDBSCAN.INDEX_BRUTE_FORCE, IndexedDBSCAN.TAGS_INDEX));
    tree.buildClusterer(iris);
    arrays.buildClusterer(iris);
    assertArrayEquals(labels(arrays, iris), labels(tree, iris));
  }

  @Test
  void twoAttributesGetAGridWithTheSameClusteringAsEveryOtherIndex(@TempDir Path dir)
      throws Exception {
    // iris petal length and width: two attributes with many equal values (ties everywhere)
    Remove remove = new Remove();
    remove.setAttributeIndices("1,2");
    remove.setInputFormat(iris);
    Instances petals = Filter.useFilter(iris, remove);
    IndexedDBSCAN grid = dbscan(0.05, 5, new EuclideanDistance());
    File png = dir.resolve("k.png").toFile();
    grid.setKDistancePlot(png);
    grid.buildClusterer(petals);
    assertTrue(grid.toString().contains("grid of cells"), grid.toString());
    assertTrue(png.length() > 1000, "k-distance plot drawn through a k-d tree");
    assertTrue(grid.numberOfClusters() >= 2, grid.toString());
    assertTrue(grid.getMeasure("measureNumBorderPoints") > 0, grid.toString());
    int[] expected = labels(grid, petals);
    for (int index : new int[] {IndexedDBSCAN.INDEX_KD_TREE, IndexedDBSCAN.INDEX_BALL_TREE,
        IndexedDBSCAN.INDEX_BRUTE_FORCE}) {
      IndexedDBSCAN other = dbscan(0.05, 5, new EuclideanDistance());
      other.setIndex(new weka.core.SelectedTag(index, IndexedDBSCAN.TAGS_INDEX));
      other.buildClusterer(petals);
      assertEquals(grid.getMeasure("measureNumCorePoints"),
          other.getMeasure("measureNumCorePoints"), other.toString());
      assertEquals(grid.getMeasure("measureNumBorderPoints"),
          other.getMeasure("measureNumBorderPoints"), other.toString());
      assertArrayEquals(expected, labels(other, petals), other.toString());
    }
    IndexedDBSCAN wekaCode = dbscan(0.05, 5, new WekaEuclidean());
    wekaCode.buildClusterer(petals);
    assertArrayEquals(expected, labels(wekaCode, petals));
    // a saved grid model labels as the original
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    weka.core.SerializationHelper.write(bytes, grid);
    Clusterer copy = (Clusterer) weka.core.SerializationHelper.read(
        new java.io.ByteArrayInputStream(bytes.toByteArray()));
    assertArrayEquals(expected, labels(copy, petals));
    // a grid is for Euclidean distance only
    IndexedDBSCAN manhattan = dbscan(0.05, 5, new ManhattanDistance());
    manhattan.setIndex(
        new weka.core.SelectedTag(IndexedDBSCAN.INDEX_GRID, IndexedDBSCAN.TAGS_INDEX));
    Exception e = assertThrows(WekaException.class, () -> manhattan.buildClusterer(petals));
    assertTrue(e.getMessage().contains("Euclidean"), e.getMessage());
  }

  @Test
  void manyAttributesGetABallTreeWithTheSameClusteringAsWekasDistance() throws Exception {
    // the 64 pixels of the digits: above the k-d tree's 30 dimensions auto picks a ball tree
    Instances digits = BundledData.load("digits8x8-train.arff");
    Remove remove = new Remove();
    remove.setAttributeIndices("last");
    remove.setInputFormat(digits);
    Instances pixels = Filter.useFilter(digits, remove);
    IndexedDBSCAN ball = dbscan(0.9, 5, new EuclideanDistance());
    IndexedDBSCAN brute = dbscan(0.9, 5, new WekaEuclidean());
    ball.buildClusterer(pixels);
    brute.buildClusterer(pixels);
    assertTrue(ball.toString().contains("ball tree (64 dimensions)"), ball.toString());
    assertTrue(ball.numberOfClusters() >= 2, ball.toString());
    assertEquals(brute.getMeasure("measureNumCorePoints"), ball.getMeasure("measureNumCorePoints"));
    assertArrayEquals(labels(brute, pixels), labels(ball, pixels));
  }

  @Test
  void classesToClustersEvaluationCountsNoiseAsUnclustered() throws Exception {
    IndexedDBSCAN clusterer = dbscan(0.1, 5, new EuclideanDistance());
    clusterer.buildClusterer(iris);
    ClusterEvaluation evaluation = new ClusterEvaluation();
    evaluation.setClusterer(clusterer);
    evaluation.evaluateClusterer(irisWithClass);
    String output = evaluation.clusterResultsToString();
    assertTrue(output.contains("Unclustered instances"), output);
    assertTrue(output.contains("Classes to Clusters"), output);
    assertTrue(clusterer.numberOfClusters() >= 2);
    // noise is left out of the log-likelihood, so it stays finite; the densities are shares <= 1
    assertTrue(Double.isFinite(evaluation.getLogLikelihood()), output);
    assertTrue(evaluation.getLogLikelihood() <= 0, output);
    // setosa forms a cluster of its own: one cluster holds setosa instances only
    int[] assignments = java.util.Arrays.stream(evaluation.getClusterAssignments())
        .mapToInt(v -> (int) v).toArray();
    boolean pureSetosa = false;
    for (int c = 0; c < clusterer.numberOfClusters(); c++) {
      boolean any = false;
      boolean onlySetosa = true;
      for (int i = 0; i < assignments.length; i++) {
        if (assignments[i] == c) {
          any = true;
          onlySetosa &= irisWithClass.instance(i).classValue() == 0;
        }
      }
      pureSetosa |= any && onlySetosa;
    }
    assertTrue(pureSetosa, output);
  }

  @Test
  void unseenInstancesJoinTheNearestCorePointsCluster() throws Exception {
    Instances train = new Instances(iris, 0);
    Instances test = new Instances(iris, 0);
    for (int i = 0; i < iris.numInstances(); i++) {
      (i % 3 == 0 ? test : train).add(iris.instance(i));
    }
    IndexedDBSCAN clusterer = dbscan(0.12, 4, new EuclideanDistance());
    clusterer.buildClusterer(train);
    int[] trainLabels = labels(clusterer, train);
    // reference: Weka's distance (normalised on the training data) to every core point
    EuclideanDistance distance = new EuclideanDistance(train);
    int checked = 0;
    for (int t = 0; t < test.numInstances(); t++) {
      double best = Double.POSITIVE_INFINITY;
      int expected = -1;
      for (int i = 0; i < train.numInstances(); i++) {
        double d = distance.distance(test.instance(t), train.instance(i));
        boolean core = isCore(train, i, distance, 0.12, 4);
        if (core && d <= 0.12 && d < best) {
          best = d;
          expected = trainLabels[i];
        }
      }
      int actual;
      try {
        actual = clusterer.clusterInstance(test.instance(t));
      } catch (WekaException noise) {
        actual = -1;
      }
      assertEquals(expected, actual, "test instance " + t);
      checked += expected >= 0 ? 1 : 0;
    }
    assertTrue(checked > 10, "too few test instances near a core point: " + checked);
  }

  private static boolean isCore(Instances data, int i, EuclideanDistance distance, double eps,
      int minPts) {
    int count = 0;
    for (int j = 0; j < data.numInstances(); j++) {
      count += distance.distance(data.instance(i), data.instance(j)) <= eps ? 1 : 0;
    }
    return count >= minPts;
  }

  @Test
  void savedModelsLabelLikeTheOriginal() throws Exception {
    IndexedDBSCAN arrays = dbscan(0.1, 5, new EuclideanDistance());
    arrays.setIndex(
        new weka.core.SelectedTag(IndexedDBSCAN.INDEX_BRUTE_FORCE, IndexedDBSCAN.TAGS_INDEX));
    for (IndexedDBSCAN clusterer : new IndexedDBSCAN[] {dbscan(0.1, 5, new EuclideanDistance()),
        arrays, dbscan(0.1, 5, new WekaEuclidean())}) {
      clusterer.buildClusterer(iris);
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      weka.core.SerializationHelper.write(bytes, clusterer);
      Clusterer copy = (Clusterer) weka.core.SerializationHelper.read(
          new java.io.ByteArrayInputStream(bytes.toByteArray()));
      assertArrayEquals(labels(clusterer, iris), labels(copy, iris));
    }
  }

  @Test
  void kDistancePlotSuggestsAnEpsilon(@TempDir Path dir) throws Exception {
    File png = dir.resolve("k.png").toFile();
    IndexedDBSCAN clusterer = dbscan(0.1, 5, new EuclideanDistance());
    clusterer.setKDistancePlot(png);
    clusterer.buildClusterer(iris);
    assertTrue(png.length() > 1000);
    assertTrue(clusterer.toString().contains("suggested epsilon"), clusterer.toString());
  }

  /** Each instance's distance to its k-th nearest instance (itself included), by Weka's own code. */
  private static double[] kDistances(Instances data, int k) {
    EuclideanDistance weka = new EuclideanDistance(data);
    double[] result = new double[data.numInstances()];
    for (int i = 0; i < result.length; i++) {
      double[] all = new double[data.numInstances()];
      for (int j = 0; j < all.length; j++) {
        all[j] = weka.distance(data.instance(i), data.instance(j));
      }
      java.util.Arrays.sort(all);
      result[i] = all[k - 1];
    }
    return result;
  }

  /**
   * The complaint: with the old defaults (eps 0.9, minPts 6) iris became one cluster. Now
   * eps is chosen at the knee of the 6-distance curve (here computed with Weka's own distance),
   * shown in the model and kept as a measure, and separates setosa from the other two species.
   */
  @Test
  void theDefaultEpsilonIsTheKneeOfTheDataAndFindsTheSpecies() throws Exception {
    IndexedDBSCAN clusterer = new IndexedDBSCAN();
    assertEquals(0.0, clusterer.getEpsilon());
    clusterer.buildClusterer(iris);
    double[] curve = fundamentos.cluster.KDistance.sortedDecreasing(kDistances(iris, 6));
    double knee = curve[fundamentos.cluster.KDistance.knee(curve)];
    assertEquals(knee, clusterer.getMeasure("measureEpsilon"), 1e-12);
    assertTrue(clusterer.numberOfClusters() >= 2, clusterer.toString());
    double ari = ClusterAgreementEvaluation.evaluate(clusterer, irisWithClass).adjustedRandIndex();
    assertTrue(ari >= 0.5, "adjusted Rand " + ari + "\n" + clusterer);
    assertTrue(clusterer.toString().contains("epsilon " + weka.core.Utils.doubleToString(knee, 6)
        + " (chosen at the knee of the 6-distance curve of the 150 instances; -E sets it)"),
        clusterer.toString());
    // the same epsilon through Weka's own distance code (brute force), and given explicitly
    IndexedDBSCAN brute = dbscan(0, 6, new WekaEuclidean());
    brute.buildClusterer(iris);
    assertEquals(knee, brute.getMeasure("measureEpsilon"), 1e-12);
    IndexedDBSCAN given = dbscan(knee, 6, new EuclideanDistance());
    given.buildClusterer(iris);
    assertArrayEquals(labels(given, iris), labels(clusterer, iris));
    assertArrayEquals(labels(given, iris), labels(brute, iris));
  }

  /** Four Gaussian blobs in the plane (the grid's path): the knee finds the four of them. */
  @Test
  void theDefaultEpsilonFindsBlobs() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("y"));
    attributes.add(new Attribute("blob", java.util.List.of("a", "b", "c", "d")));
    Instances blobs = new Instances("blobs", attributes, 1000);
    blobs.setClassIndex(2);
    java.util.Random random = new java.util.Random(1);
    double[][] centres = {{0, 0}, {5, 5}, {0, 6}, {6, 0}};
    for (int c = 0; c < centres.length; c++) {
      for (int i = 0; i < 250; i++) {
        blobs.add(new DenseInstance(1, new double[] {centres[c][0] + random.nextGaussian(),
            centres[c][1] + random.nextGaussian(), c}));
      }
    }
    Remove remove = new Remove();
    remove.setAttributeIndices("last");
    remove.setInputFormat(blobs);
    IndexedDBSCAN clusterer = new IndexedDBSCAN();
    clusterer.buildClusterer(Filter.useFilter(blobs, remove));
    assertTrue(clusterer.toString().contains("grid"), clusterer.toString());
    assertEquals(4, clusterer.numberOfClusters(), clusterer.toString());
    double ari = ClusterAgreementEvaluation.evaluate(clusterer, blobs).adjustedRandIndex();
    assertTrue(ari >= 0.8, "adjusted Rand " + ari + "\n" + clusterer);
  }

  /** An explicit epsilon, as old command lines give it, is used as it is and said so. */
  @Test
  void anExplicitEpsilonIsUsedAsGiven() throws Exception {
    IndexedDBSCAN clusterer = new IndexedDBSCAN();
    clusterer.setOptions(new String[] {"-E", "0.9", "-M", "6"});
    clusterer.buildClusterer(iris);
    assertEquals(0.9, clusterer.getMeasure("measureEpsilon"));
    assertEquals(1, clusterer.numberOfClusters());
    assertTrue(clusterer.toString().contains("epsilon 0.9, minPoints 6"), clusterer.toString());
    assertTrue(!clusterer.toString().contains("knee"), clusterer.toString());
  }

  @Test
  void missingValuesAndNominalAttributesUseWekasDistanceByBruteForce() throws Exception {
    Instances withMissing = new Instances(iris);
    withMissing.instance(0).setMissing(1);
    IndexedDBSCAN clusterer = dbscan(0.1, 5, new EuclideanDistance());
    clusterer.buildClusterer(withMissing);
    assertTrue(clusterer.toString().contains("brute force"), clusterer.toString());
    IndexedDBSCAN tree = dbscan(0.1, 5, new EuclideanDistance());
    tree.setIndex(new weka.core.SelectedTag(IndexedDBSCAN.INDEX_KD_TREE, IndexedDBSCAN.TAGS_INDEX));
    Exception e = assertThrows(WekaException.class, () -> tree.buildClusterer(withMissing));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void everyIndexIsSelectedByItsNameOnTheCommandLine() throws Exception {
    for (weka.core.Tag tag : IndexedDBSCAN.TAGS_INDEX) {
      IndexedDBSCAN clusterer = new IndexedDBSCAN();
      clusterer.setOptions(new String[] {"-index", tag.getReadable()});
      assertEquals(tag.getReadable(), clusterer.getIndex().getSelectedTag().getReadable());
      assertTrue(weka.core.Utils.joinOptions(clusterer.getOptions())
          .contains("-index " + tag.getReadable()));
    }
    // and the search that runs is the one named (2-D data: auto would pick the grid)
    Remove remove = new Remove();
    remove.setAttributeIndices("1,2");
    remove.setInputFormat(iris);
    Instances petals = Filter.useFilter(iris, remove);
    String[][] expected = {{"kd-tree", "k-d tree"}, {"ball-tree", "ball tree"},
        {"grid", "grid of cells"}, {"brute-force", "Neighbourhoods: brute force"}};
    for (String[] pair : expected) {
      IndexedDBSCAN clusterer = new IndexedDBSCAN();
      clusterer.setOptions(weka.core.Utils.splitOptions("-E 0.05 -M 5 -index " + pair[0]));
      clusterer.buildClusterer(petals);
      assertTrue(clusterer.toString().contains(pair[1]), pair[0] + ": " + clusterer);
    }
    // an eps so small that the grid's cells cannot be numbered in 64 bits: auto takes the k-d
    // tree, and asking for the grid says why it cannot
    IndexedDBSCAN tiny = dbscan(1e-300, 2, new EuclideanDistance());
    tiny.buildClusterer(petals);
    assertTrue(tiny.toString().contains("k-d tree"), tiny.toString());
    assertEquals(0.0, tiny.getMeasure("measureNumClusters") - countClustersOfDuplicates(petals));
    tiny.setIndex(new weka.core.SelectedTag(IndexedDBSCAN.INDEX_GRID, IndexedDBSCAN.TAGS_INDEX));
    Exception e = assertThrows(WekaException.class, () -> tiny.buildClusterer(petals));
    assertTrue(e.getMessage().contains("cells"), e.getMessage());
  }

  /** With eps next to 0 and minPts 2, the clusters are the groups of identical instances. */
  private static int countClustersOfDuplicates(Instances data) {
    java.util.Map<String, Integer> copies = new java.util.HashMap<>();
    for (int i = 0; i < data.numInstances(); i++) {
      copies.merge(data.instance(i).toString(), 1, Integer::sum);
    }
    return (int) copies.values().stream().filter(c -> c >= 2).count();
  }

  @Test
  void badInputGetsClearErrors() throws Exception {
    Exception eps = assertThrows(IllegalArgumentException.class,
        () -> dbscan(-1, 5, new EuclideanDistance()));
    assertTrue(eps.getMessage().contains("-E"), eps.getMessage());
    Exception minPts = assertThrows(IllegalArgumentException.class,
        () -> dbscan(0.1, 0, new EuclideanDistance()));
    assertTrue(minPts.getMessage().contains("-M"), minPts.getMessage());

    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("text", (java.util.List<String>) null));
    Instances strings = new Instances("strings", attributes, 1);
    strings.add(new DenseInstance(1.0, new double[] {strings.attribute(0).addStringValue("a")}));
    Exception string = assertThrows(Exception.class,
        () -> dbscan(0.1, 2, new EuclideanDistance()).buildClusterer(strings));
    assertTrue(string.getMessage().contains("string"), string.getMessage());

    // all noise: refused with the epsilon these data need (the knee of their 10-distances, as
    // -k-distance-plot draws it, computed here with Weka's own distance) and nothing kept
    IndexedDBSCAN sparse = dbscan(1e-9, 10, new EuclideanDistance());
    Exception noise = assertThrows(WekaException.class, () -> sparse.buildClusterer(iris));
    EuclideanDistance weka = new EuclideanDistance(iris);
    double[] tenth = new double[iris.numInstances()];
    for (int i = 0; i < tenth.length; i++) {
      double[] all = new double[iris.numInstances()];
      for (int j = 0; j < all.length; j++) {
        all[j] = weka.distance(iris.instance(i), iris.instance(j));
      }
      java.util.Arrays.sort(all);
      tenth[i] = all[9];
    }
    double[] curve = fundamentos.cluster.KDistance.sortedDecreasing(tenth);
    double knee = curve[fundamentos.cluster.KDistance.knee(curve)];
    assertTrue(knee > 0.05 && knee < 0.5, "knee " + knee);
    assertTrue(noise.getMessage().contains("every one of the 150 training instances is noise")
        && noise.getMessage().contains("-M 10") && noise.getMessage().contains("-E 1.0E-9")
        && noise.getMessage().contains(String.format(java.util.Locale.ROOT, "about %.4g", knee)),
        noise.getMessage());
    assertThrows(WekaException.class, () -> sparse.clusterInstance(iris.instance(0)));
    assertThrows(WekaException.class, sparse::numberOfClusters);
    // too little weight for any core point: the largest minPoints that can work is named
    Instances three = new Instances(iris, 0, 3);
    Exception light = assertThrows(WekaException.class,
        () -> dbscan(0.5, 5, new EuclideanDistance()).buildClusterer(three));
    assertTrue(light.getMessage().contains("weigh 3, less than minPoints (-M 5)")
        && light.getMessage().contains("Lower minPoints to at most 3."), light.getMessage());
    three.instance(0).setWeight(3);
    Exception heavier = assertThrows(WekaException.class,
        () -> dbscan(1e-9, 5, new EuclideanDistance()).buildClusterer(three));
    assertTrue(heavier.getMessage().contains("Raise epsilon"), heavier.getMessage());
    // a weight that makes the first instance alone a core point: one cluster, no refusal
    three.instance(0).setWeight(5);
    IndexedDBSCAN heavy = dbscan(1e-9, 5, new EuclideanDistance());
    heavy.buildClusterer(three);
    assertEquals(1, heavy.numberOfClusters());

    // duplicates: every copy is a core point of one cluster
    Instances copies = new Instances(iris, 0);
    for (int i = 0; i < 10; i++) {
      copies.add(iris.instance(0));
    }
    IndexedDBSCAN same = dbscan(0.01, 5, new EuclideanDistance());
    same.buildClusterer(copies);
    assertEquals(1.0, same.getMeasure("measureNumClusters"));
    assertEquals(10.0, same.getMeasure("measureNumCorePoints"));
  }
}
