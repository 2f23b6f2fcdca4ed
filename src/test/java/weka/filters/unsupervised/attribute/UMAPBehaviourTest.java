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

  @Test
  void everyDistanceFunctionWorks() throws Exception {
    for (String distance : new String[] {"weka.core.ManhattanDistance -D",
        "weka.core.CosineDistance", "weka.core.BurstingEuclideanDistance -D",
        "weka.core.EuclideanDistance -R 1-2", "weka.core.ChebyshevDistance"}) {
      UMAP filter = umap("-E 30 -A \"" + Utils.backQuoteChars(distance) + "\"");
      Instances out = apply(filter, iris);
      assertEquals(150, out.numInstances(), distance);
      Instances test = Filter.useFilter(new Instances(iris, 0, 10), filter);
      assertTrue(Double.isFinite(test.instance(0).value(0)), distance);
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
    assertTrue(filter.toString().contains("lowered from 15"), filter.toString());
    Instances one = new Instances(iris, 0, 1);
    assertEquals(1, apply(umap(""), one).numInstances());
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
    Instances doubled = new Instances(iris);
    doubled.addAll(new Instances(iris));
    Instances twice = apply(umap("-E 30"), doubled);
    for (Instance row : twice) {
      assertTrue(Double.isFinite(row.value(0)) && Double.isFinite(row.value(1)));
    }
  }

  @Test
  void missingValuesGoThroughTheDistanceFunction() throws Exception {
    Instances holes = new Instances(iris);
    holes.instance(3).setMissing(0);
    holes.instance(7).setMissing(2);
    UMAP filter = umap("-E 30");
    Instances out = apply(filter, holes);
    assertTrue(Double.isFinite(out.instance(3).value(0)));
    assertTrue(filter.toString().contains("with the distance function"), filter.toString());
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
    File saved = dir.resolve("umap.model").toFile();
    SerializationHelper.write(saved.getPath(), filter);
    UMAP loaded = (UMAP) SerializationHelper.read(saved.getPath());
    Instances a = Filter.useFilter(new Instances(iris, 0, 5), filter);
    Instances b = Filter.useFilter(new Instances(iris, 0, 5), loaded);
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(a.instance(i).toDoubleArray(), b.instance(i).toDoubleArray(), 0);
    }
  }
}
