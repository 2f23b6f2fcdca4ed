package weka.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import weka.classifiers.lazy.IBk;
import weka.classifiers.lazy.LWL;
import weka.clusterers.ClusterAgreementEvaluation;
import weka.clusterers.HierarchicalClusterer;
import weka.clusterers.IndexedDBSCAN;
import weka.clusterers.SimpleKMeans;
import weka.core.neighboursearch.BallTree;
import weka.core.neighboursearch.CoverTree;
import weka.core.neighboursearch.KDTree;
import weka.core.neighboursearch.LinearNNSearch;
import weka.core.neighboursearch.NearestNeighbourSearch;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/**
 * Which Weka schemes accept the package's distances, and whether those that accept them find what
 * the distance says: the table of doc/IndexedDBSCAN.md ("Which schemes take which distance") is
 * this test's expectations. A scheme "accepts" a distance when it trains with it; a neighbour
 * search is "exact" when every query's nearest neighbour is at the smallest distance a scan of
 * all training instances finds with the same distance function.
 */
class DistanceAcceptanceTest {

  private static final Map<String, Supplier<NormalizableDistance>> DISTANCES =
      new LinkedHashMap<>();

  static {
    DISTANCES.put("EuclideanDistance", EuclideanDistance::new);
    DISTANCES.put("CosineDistance", CosineDistance::new);
    DISTANCES.put("BurstingEuclideanDistance", BurstingEuclideanDistance::new);
  }

  private static Instances withoutClass(Instances data) throws Exception {
    Remove remove = new Remove();
    remove.setAttributeIndices("" + (data.classIndex() + 1));
    remove.setInputFormat(data);
    return Filter.useFilter(data, remove);
  }

  /**
   * "exact", "wrong: m of n" (nearest neighbours farther than a scan's), or "refused: message",
   * for IBk (k = 1) with {@code search} on the 8 x 8 digits.
   */
  private static String nearestNeighbours(NearestNeighbourSearch search,
      NormalizableDistance distance, Instances train, Instances test) throws Exception {
    IBk knn = new IBk(1);
    try {
      search.setDistanceFunction(distance);
      knn.setNearestNeighbourSearchAlgorithm(search);
      knn.buildClassifier(train);
    } catch (Exception e) {
      return "refused: " + e.getMessage();
    }
    int wrong = 0;
    int queries = Math.min(300, test.numInstances());
    DistanceFunction used = knn.getNearestNeighbourSearchAlgorithm().getDistanceFunction();
    for (int q = 0; q < queries; q++) {
      Instance query = test.instance(q);
      Instance found = knn.getNearestNeighbourSearchAlgorithm().nearestNeighbour(query);
      double best = Double.POSITIVE_INFINITY;
      for (Instance candidate : train) {
        best = Math.min(best, used.distance(query, candidate));
      }
      if (used.distance(query, found) > best + 1e-9) {
        wrong++;
      }
    }
    return wrong == 0 ? "exact" : "wrong: " + wrong + " of " + queries;
  }

  /**
   * Skewed continuous values (exponential, 5 attributes, no ties), where a tree whose pruning
   * disagreed with the distance would return farther neighbours.
   */
  private static Instances skewed(int n, long seed) {
    java.util.ArrayList<Attribute> attributes = new java.util.ArrayList<>();
    for (int j = 0; j < 5; j++) {
      attributes.add(new Attribute("x" + j));
    }
    attributes.add(new Attribute("class", java.util.List.of("a", "b")));
    Instances data = new Instances("skewed", attributes, n);
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < n; i++) {
      double[] values = new double[6];
      for (int j = 0; j < 5; j++) {
        values[j] = -Math.log(1 - random.nextDouble()) * (j + 1);
      }
      values[5] = random.nextInt(2);
      data.add(new DenseInstance(1.0, values));
    }
    data.setClassIndex(5);
    return data;
  }

  @Test
  void neighbourSearchesOfIBkAndLWL() throws Exception {
    Instances[][] sets = {
        {BundledData.load("digits8x8-train.arff"), BundledData.load("digits8x8-test.arff")},
        {skewed(3000, 1), skewed(300, 2)}};
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("LinearNNSearch/EuclideanDistance", "exact");
    expected.put("LinearNNSearch/CosineDistance", "exact");
    expected.put("LinearNNSearch/BurstingEuclideanDistance", "exact");
    expected.put("BallTree/EuclideanDistance", "exact");
    expected.put("BallTree/CosineDistance", "refused: class weka.core.CosineDistance cannot be "
        + "cast to class weka.core.EuclideanDistance");
    expected.put("BallTree/BurstingEuclideanDistance", "exact");
    expected.put("KDTree/EuclideanDistance", "exact");
    expected.put("KDTree/CosineDistance", "refused: KDTree currently only works with "
        + "EuclideanDistanceFunction.");
    expected.put("KDTree/BurstingEuclideanDistance", "exact");
    expected.put("CoverTree/EuclideanDistance", "exact");
    expected.put("CoverTree/CosineDistance", "refused: CoverTree currently only works with "
        + "EuclideanDistanceFunction.");
    expected.put("CoverTree/BurstingEuclideanDistance", "exact");
    for (Instances[] set : sets) {
      Map<String, String> actual = new LinkedHashMap<>();
      for (String name : DISTANCES.keySet()) {
        for (NearestNeighbourSearch search : new NearestNeighbourSearch[] {new LinearNNSearch(),
            new BallTree(), new KDTree(), new CoverTree()}) {
          actual.put(search.getClass().getSimpleName() + "/" + name,
              nearestNeighbours(search, DISTANCES.get(name).get(), set[0], set[1]));
        }
      }
      StringBuilder table = new StringBuilder(set[0].relationName() + ":\n");
      actual.forEach((k, v) -> table.append(k).append(" -> ").append(v).append('\n'));
      for (Map.Entry<String, String> entry : expected.entrySet()) {
        assertTrue(actual.get(entry.getKey()).startsWith(entry.getValue()),
            entry.getKey() + "\n" + table);
      }
    }
    // LWL takes the same searches (LinearNNSearch by default): it trains with each distance
    for (String name : DISTANCES.keySet()) {
      LWL lwl = new LWL();
      lwl.getNearestNeighbourSearchAlgorithm().setDistanceFunction(DISTANCES.get(name).get());
      lwl.buildClassifier(BundledData.load("iris.arff"));
      assertEquals(3, lwl.distributionForInstance(BundledData.load("iris.arff").instance(0))
          .length);
    }
  }

  /** SimpleKMeans takes EuclideanDistance and its subclasses, and ManhattanDistance only. */
  @Test
  void simpleKMeansTakesEuclideanAndItsSubclassesOnly() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    Instances features = withoutClass(iris);
    SimpleKMeans refusing = new SimpleKMeans();
    Exception e = assertThrows(Exception.class,
        () -> refusing.setDistanceFunction(new CosineDistance()));
    assertEquals("SimpleKMeans currently only supports the Euclidean and Manhattan distances.",
        e.getMessage());
    for (String name : new String[] {"EuclideanDistance", "BurstingEuclideanDistance"}) {
      SimpleKMeans kmeans = new SimpleKMeans();
      kmeans.setNumClusters(3);
      kmeans.setDistanceFunction(DISTANCES.get(name).get());
      kmeans.buildClusterer(features);
      assertTrue(ClusterAgreementEvaluation.evaluate(kmeans, iris).adjustedRandIndex() > 0.5,
          name);
    }
  }

  /** HierarchicalClusterer and IndexedDBSCAN take any distance function. */
  @Test
  void clusterersThatTakeAnyDistance() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    Instances features = withoutClass(iris);
    for (String name : DISTANCES.keySet()) {
      HierarchicalClusterer hierarchical = new HierarchicalClusterer();
      hierarchical.setNumClusters(3);
      hierarchical.setDistanceFunction(DISTANCES.get(name).get());
      hierarchical.setLinkType(new SelectedTag(4, HierarchicalClusterer.TAGS_LINK_TYPE)); // WARD
      hierarchical.buildClusterer(features);
      assertTrue(ClusterAgreementEvaluation.evaluate(hierarchical, iris).adjustedRandIndex() > 0.5,
          "HierarchicalClusterer " + name);

      IndexedDBSCAN dbscan = new IndexedDBSCAN();
      dbscan.setDistanceFunction(DISTANCES.get(name).get());
      dbscan.setEpsilon(0); // at the knee of the k-distances
      dbscan.buildClusterer(features);
      assertTrue(dbscan.numberOfClusters() >= 2, "IndexedDBSCAN " + name);
      assertTrue(ClusterAgreementEvaluation.evaluate(dbscan, iris).adjustedRandIndex() > 0.4,
          "IndexedDBSCAN " + name + ": " + ClusterAgreementEvaluation.evaluate(dbscan, iris)
              .adjustedRandIndex());
    }
  }

  /** The package's UMAP filter takes any distance function too. */
  @Test
  void umapTakesEveryDistance() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    for (String name : DISTANCES.keySet()) {
      weka.filters.unsupervised.attribute.UMAP umap =
          new weka.filters.unsupervised.attribute.UMAP();
      umap.setDistanceFunction(DISTANCES.get(name).get());
      umap.setNumEpochs(50);
      umap.setInputFormat(iris);
      Instances embedded = Filter.useFilter(iris, umap);
      assertEquals(3, embedded.numAttributes(), name);
      assertEquals(150, embedded.numInstances(), name);
    }
  }

  /** Weka 3.8.6 itself has no DBSCAN or OPTICS: they are the separate package optics_dbScan. */
  @Test
  void wekaHasNoDbscanOrOpticsOfItsOwn() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("weka.clusterers.DBSCAN"));
    assertThrows(ClassNotFoundException.class, () -> Class.forName("weka.clusterers.OPTICS"));
  }
}
