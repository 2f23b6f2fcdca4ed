package weka.filters.unsupervised.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Evaluation;
import weka.classifiers.lazy.IBk;
import weka.classifiers.meta.FilteredClassifier;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.core.WekaException;
import weka.filters.Filter;

/** The UMAP filter through Weka: real data, later batches, FilteredClassifier, bad input. */
class UMAPBehaviourTest {

  private static Instances iris;
  private static Instances digitsTrain;
  private static Instances digitsTest;

  @BeforeAll
  static void load() throws Exception {
    iris = BundledData.load("iris.arff");
    digitsTrain = BundledData.load("digits8x8-train.arff");
    digitsTest = BundledData.load("digits8x8-test.arff");
  }

  private static UMAP umap(String options) throws Exception {
    UMAP filter = new UMAP();
    filter.setOptions(Utils.splitOptions(options));
    return filter;
  }

  private static Instances apply(Filter filter, Instances data) throws Exception {
    filter.setInputFormat(data);
    return Filter.useFilter(data, filter);
  }

  @Test
  void filteredClassifierWithIBkClassifiesDigits() throws Exception {
    FilteredClassifier classifier = new FilteredClassifier();
    classifier.setFilter(umap("-S 1"));
    IBk ibk = new IBk();
    ibk.setKNN(5);
    classifier.setClassifier(ibk);
    classifier.buildClassifier(digitsTrain);
    Evaluation evaluation = new Evaluation(digitsTrain);
    evaluation.evaluateModel(classifier, digitsTest);
    // umap-learn's floor for transformed digits: 5-NN accuracy >= 0.95
    assertTrue(evaluation.pctCorrect() >= 95, "accuracy " + evaluation.pctCorrect());
  }

  @Test
  void outputHasTheComponentsAndTheClassForEveryRow() throws Exception {
    Instances out = apply(umap("-N 3 -E 50"), iris);
    assertEquals(iris.numInstances(), out.numInstances());
    assertEquals(4, out.numAttributes());
    assertEquals("umap1", out.attribute(0).name());
    assertEquals(3, out.classIndex());
    for (int i = 0; i < out.numInstances(); i++) {
      assertEquals(iris.instance(i).classValue(), out.instance(i).classValue(), 0);
      for (int c = 0; c < 3; c++) {
        assertTrue(Double.isFinite(out.instance(i).value(c)));
      }
    }
  }

  @Test
  void laterBatchesLeaveTheTrainingEmbeddingAndDoNotDependOnTheBatch() throws Exception {
    UMAP filter = umap("-S 4 -E 60");
    Instances trained = apply(filter, digitsTrain);
    Instances batch = Filter.useFilter(digitsTest, filter);
    // one instance at a time, as FilteredClassifier does
    for (int i = 0; i < 5; i++) {
      filter.input(digitsTest.instance(i));
      Instance alone = filter.output();
      assertArrayEquals(batch.instance(i).toDoubleArray(), alone.toDoubleArray(), 0);
    }
    // training instances transformed again start where they were fitted and stay close (the
    // transform's epochs still move them a little, as in umap-learn)
    Instances again = Filter.useFilter(new Instances(digitsTrain, 0, 50), filter);
    double extent = trained.attributeStats(0).numericStats.max
        - trained.attributeStats(0).numericStats.min;
    double moved = 0;
    for (int i = 0; i < 50; i++) {
      moved += Math.hypot(trained.instance(i).value(0) - again.instance(i).value(0),
          trained.instance(i).value(1) - again.instance(i).value(1)) / 50;
    }
    assertTrue(moved < 0.05 * extent, "mean move " + moved + " of extent " + extent);
    // and the training embedding itself did not change
    assertArrayEquals(trained.instance(0).toDoubleArray(),
        new double[] {filter.getModel().embeddingOf(0)[0], filter.getModel().embeddingOf(0)[1],
            trained.instance(0).classValue()}, 0);
  }

  @Test
  void sameSeedSameEmbeddingWhateverTheThreads() throws Exception {
    Instances one = apply(umap("-S 9 -E 40 -num-threads 1 -exact-below 100"), digitsTrain);
    Instances two = apply(umap("-S 9 -E 40 -num-threads 2 -exact-below 100"), digitsTrain);
    for (int i = 0; i < one.numInstances(); i++) {
      assertArrayEquals(one.instance(i).toDoubleArray(), two.instance(i).toDoubleArray(), 0);
    }
    Instances other = apply(umap("-S 10 -E 40 -exact-below 100"), digitsTrain);
    assertTrue(other.instance(0).value(0) != one.instance(0).value(0));
  }

  @Test
  void supervisedModeNeedsANominalClassAndSeparatesIt() throws Exception {
    Instances plain = apply(umap("-S 2"), iris);
    Instances supervised = apply(umap("-S 2 -supervised"), iris);
    assertTrue(separation(supervised) > separation(plain),
        separation(supervised) + " vs " + separation(plain));
    Instances numericClass = new Instances(iris);
    numericClass.setClassIndex(0);
    WekaException e = assertThrows(WekaException.class,
        () -> apply(umap("-supervised"), numericClass));
    assertTrue(e.getMessage().contains("nominal class"), e.getMessage());
  }

  /** Mean distance between classes over mean distance within classes, in the embedding. */
  private static double separation(Instances y) {
    double within = 0;
    double between = 0;
    long w = 0;
    long b = 0;
    for (int i = 0; i < y.numInstances(); i++) {
      for (int j = i + 1; j < y.numInstances(); j++) {
        double d = Math.hypot(y.instance(i).value(0) - y.instance(j).value(0),
            y.instance(i).value(1) - y.instance(j).value(1));
        if (y.instance(i).classValue() == y.instance(j).classValue()) {
          within += d;
          w++;
        } else {
          between += d;
          b++;
        }
      }
    }
    return (between / b) / (within / w);
  }

  /**
   * Leave-one-out 5-NN accuracy of an embedding against the class: how well the embedding keeps
   * the classes of iris apart (umap-learn's tests use k-NN accuracy in the embedding the same way).
   */
  private static double knnAccuracy(Instances y) {
    int correct = 0;
    int dims = y.numAttributes() - 1;
    for (int i = 0; i < y.numInstances(); i++) {
      double[] d = new double[y.numInstances()];
      Integer[] order = new Integer[y.numInstances()];
      for (int j = 0; j < d.length; j++) {
        order[j] = j;
        for (int c = 0; c < dims; c++) {
          double t = y.instance(i).value(c) - y.instance(j).value(c);
          d[j] += t * t;
        }
      }
      d[i] = Double.POSITIVE_INFINITY;
      java.util.Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
      int[] votes = new int[y.numClasses()];
      for (int r = 0; r < 5; r++) {
        votes[(int) y.instance(order[r]).classValue()]++;
      }
      int best = 0;
      for (int c = 1; c < votes.length; c++) {
        best = votes[c] > votes[best] ? c : best;
      }
      correct += best == (int) y.instance(i).classValue() ? 1 : 0;
    }
    return correct / (double) y.numInstances();
  }

  /** The class of the training row nearest to a transformed row, in the embedding. */
  private static double nearestTrainingClass(Instances trained, Instance row) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int j = 0; j < trained.numInstances(); j++) {
      double d = Math.hypot(trained.instance(j).value(0) - row.value(0), trained.instance(j).value(1) - row.value(1));
      if (d < bestDistance) {
        bestDistance = d;
        best = j;
      }
    }
    return trained.instance(best).classValue();
  }

  /**
   * Every distance function gives an embedding that keeps iris's classes apart (5-NN accuracy in
   * the embedding; 0.96 with the raw features) and places later rows beside their own class.
   */
  @Test
  void everyDistanceFunctionWorks() throws Exception {
    Instances train = new Instances(iris, 0, 0);
    Instances test = new Instances(iris, 0, 0);
    for (int i = 0; i < iris.numInstances(); i++) {
      (i % 5 == 0 ? test : train).add(iris.instance(i));
    }
    for (String distance : new String[] {"weka.core.ManhattanDistance -D",
        "weka.core.CosineDistance", "weka.core.BurstingEuclideanDistance -D",
        "weka.core.EuclideanDistance -R 1-2", "weka.core.ChebyshevDistance"}) {
      UMAP filter = umap("-E 100 -S 1 -A \"" + Utils.backQuoteChars(distance) + "\"");
      Instances out = apply(filter, train);
      assertEquals(120, out.numInstances(), distance);
      // the first two attributes alone separate iris less well (5-NN about 0.75)
      double floor = distance.contains("-R 1-2") ? 0.65 : 0.85;
      assertTrue(knnAccuracy(out) >= floor, distance + ": 5-NN accuracy in the embedding " + knnAccuracy(out));
      Instances placed = Filter.useFilter(test, filter);
      int right = 0;
      for (int i = 0; i < placed.numInstances(); i++) {
        right += nearestTrainingClass(out, placed.instance(i)) == test.instance(i).classValue() ? 1 : 0;
      }
      assertTrue(right >= (distance.contains("-R 1-2") ? 18 : 25), distance + ": " + right + " of 30 new rows beside their class");
    }
    // cosine is indexed: its summary says so; an attribute subset goes through the function
    UMAP cosine = umap("-E 10 -A weka.core.CosineDistance");
    apply(cosine, iris);
    assertTrue(cosine.toString().contains("CosineDistance"), cosine.toString());
    assertTrue(cosine.toString().contains("exact neighbours\n"), cosine.toString());
    UMAP subset = umap("-E 10 -A \"weka.core.EuclideanDistance -R 1-2\"");
    apply(subset, iris);
    assertTrue(subset.toString().contains("with the distance function"), subset.toString());
  }

  @Test
  void fewInstancesLowerTheNeighbourCount() throws Exception {
    Instances five = new Instances(iris, 0, 5);
    UMAP filter = umap("-K 15");
    Instances out = apply(filter, five);
    assertEquals(5, out.numInstances());
    assertTrue(filter.toString().contains("n_neighbors 4 (lowered from 15"), filter.toString());
    for (Instance row : out) {
      assertTrue(Double.isFinite(row.value(0)) && Double.isFinite(row.value(1)));
    }
    Instances one = new Instances(iris, 0, 1);
    Instances single = apply(umap(""), one);
    assertEquals(1, single.numInstances());
    assertTrue(Double.isFinite(single.instance(0).value(0)) && Double.isFinite(single.instance(0).value(1)));
  }

  @Test
  void duplicatesAndConstantDataGiveFiniteCoordinates() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("y"));
    Instances constant = new Instances("constant", attributes, 40);
    for (int i = 0; i < 40; i++) {
      constant.add(new DenseInstance(1, new double[] {3, 3}));
    }
    Instances out = apply(umap("-E 20"), constant);
    for (Instance row : out) {
      assertTrue(Double.isFinite(row.value(0)) && Double.isFinite(row.value(1)));
    }
    // iris twice: each row and its copy land together, and the classes stay apart
    Instances doubled = new Instances(iris);
    doubled.addAll(new Instances(iris));
    Instances twice = apply(umap("-E 60 -S 3"), doubled);
    double extent = twice.attributeStats(0).numericStats.max - twice.attributeStats(0).numericStats.min;
    int together = 0;
    for (int i = 0; i < 150; i++) {
      Instance a = twice.instance(i);
      Instance b = twice.instance(i + 150);
      assertTrue(Double.isFinite(a.value(0)) && Double.isFinite(a.value(1)));
      together += Math.hypot(a.value(0) - b.value(0), a.value(1) - b.value(1)) < 0.05 * extent ? 1 : 0;
    }
    assertTrue(together >= 140, together + " of 150 copies within 5% of the extent of their original");
    assertTrue(knnAccuracy(twice) >= 0.9, "5-NN accuracy " + knnAccuracy(twice));
  }

  @Test
  void missingValuesGoThroughTheDistanceFunction() throws Exception {
    Instances holes = new Instances(iris);
    holes.instance(3).setMissing(0);
    holes.instance(7).setMissing(2);
    holes.instance(120).setMissing(3);
    UMAP filter = umap("-E 60 -S 2");
    Instances out = apply(filter, holes);
    assertTrue(filter.toString().contains("with the distance function"), filter.toString());
    // the rows with a missing value are placed, and the embedding still keeps the classes apart
    assertTrue(knnAccuracy(out) >= 0.9, "5-NN accuracy " + knnAccuracy(out));
    for (int i : new int[] {3, 7, 120}) {
      assertTrue(Double.isFinite(out.instance(i).value(0)) && Double.isFinite(out.instance(i).value(1)));
    }
    // a missing sepal length (row 3) leaves enough to place a setosa among its class (Weka's
    // distance counts a missing value as maximally different: a missing petal length, row 7, or
    // petal width, row 120, can move a row next to another class)
    for (int i : new int[] {3}) {
      Instances others = new Instances(out);
      others.delete(i);
      assertEquals(iris.instance(i).classValue(), nearestTrainingClass(others, out.instance(i)), 0.0, "row " + i);
    }
  }

  @Test
  void badInputGetsClearErrors() throws Exception {
    WekaException mismatch = assertThrows(WekaException.class, () -> {
      UMAP filter = umap("-E 10");
      apply(filter, iris);
      Filter.useFilter(digitsTest, filter);
    });
    assertTrue(mismatch.getMessage().contains("differ"), mismatch.getMessage());
    assertThrows(WekaException.class, () -> apply(umap("-K 1"), iris));
    assertThrows(WekaException.class, () -> apply(umap("-min-dist 2 -spread 1"), iris));
    assertThrows(WekaException.class, () -> apply(umap(""), new Instances(iris, 0)));
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("text", (ArrayList<String>) null));
    Instances strings = new Instances("strings", attributes, 1);
    strings.add(new DenseInstance(1, new double[] {strings.attribute(0).addStringValue("a")}));
    Exception e = assertThrows(Exception.class, () -> apply(umap(""), strings));
    assertTrue(e.getMessage().toLowerCase().contains("string"), e.getMessage());
  }

  @Test
  void plotAndSerialisedFilter(@TempDir Path dir) throws Exception {
    File png = dir.resolve("iris-umap.png").toFile();
    UMAP filter = umap("-E 30 -plot " + png.getPath());
    apply(filter, iris);
    BufferedImage image = ImageIO.read(png);
    assertEquals(900, image.getWidth());
    assertSavedFilterTransformsAlike(filter, dir.resolve("umap.model").toFile(), 0);
  }

  /** The filter written and read back places five iris rows from {@code first} on exactly alike. */
  private static void assertSavedFilterTransformsAlike(UMAP filter, File saved, int first)
      throws Exception {
    SerializationHelper.write(saved.getPath(), filter);
    UMAP loaded = (UMAP) SerializationHelper.read(saved.getPath());
    Instances a = Filter.useFilter(new Instances(iris, first, 5), filter);
    Instances b = Filter.useFilter(new Instances(iris, first, 5), loaded);
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(a.instance(i).toDoubleArray(), b.instance(i).toDoubleArray(), 0);
    }
  }

  @Test
  void serialisedFilterSearchingWithItsDistanceFunction(@TempDir Path dir) throws Exception {
    // an attribute subset is not indexed: the fitted model keeps the brute-force search
    UMAP filter = umap("-E 20 -A \"weka.core.EuclideanDistance -R 1-2\"");
    apply(filter, iris);
    assertTrue(filter.toString().contains("with the distance function"), filter.toString());
    assertSavedFilterTransformsAlike(filter, dir.resolve("umap-search.model").toFile(), 10);
  }
}
