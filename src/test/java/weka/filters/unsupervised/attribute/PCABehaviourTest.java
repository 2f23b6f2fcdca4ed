package weka.filters.unsupervised.attribute;

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
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.core.WekaException;
import weka.filters.Filter;

/** The PCA filter on real data: against Weka's PrincipalComponents, batches, bad input. */
class PCABehaviourTest {

  private static Instances iris;
  private static Instances digitsTrain;
  private static Instances digitsTest;

  @BeforeAll
  static void load() throws Exception {
    iris = BundledData.load("iris.arff");
    digitsTrain = BundledData.load("digits8x8-train.arff");
    digitsTest = BundledData.load("digits8x8-test.arff");
  }

  private static PCA pca(String options) throws Exception {
    PCA filter = new PCA();
    filter.setOptions(Utils.splitOptions(options));
    return filter;
  }

  private static Instances apply(Filter filter, Instances data) throws Exception {
    filter.setInputFormat(data);
    return Filter.useFilter(data, filter);
  }

  /** Column c of a and b are equal up to sign, to a tolerance relative to the column's scale. */
  private static void assertSameColumnUpToSign(Instances a, Instances b, int c, double tolerance) {
    double scale = 0;
    double dot = 0;
    for (int i = 0; i < a.numInstances(); i++) {
      scale = Math.max(scale, Math.abs(a.instance(i).value(c)));
      dot += a.instance(i).value(c) * b.instance(i).value(c);
    }
    double sign = Math.signum(dot);
    for (int i = 0; i < a.numInstances(); i++) {
      assertEquals(a.instance(i).value(c), sign * b.instance(i).value(c), tolerance * scale,
          "attribute " + (c + 1) + " of instance " + (i + 1));
    }
  }

  @Test
  void agreesWithWekasPrincipalComponents() throws Exception {
    for (String options : new String[] {"-C -R 0.95", "-R 0.95", "-C -R 1.0", "-R 0.8 -M 2"}) {
      for (Instances data : new Instances[] {iris, digitsTrain}) {
        PrincipalComponents weka = new PrincipalComponents();
        weka.setOptions(Utils.splitOptions(options));
        Instances expected = apply(weka, data);
        Instances actual = apply(pca(options), data);
        assertEquals(expected.numAttributes(), actual.numAttributes(),
            "components kept with " + options + " on " + data.relationName());
        for (int c = 0; c < expected.numAttributes() - 1; c++) {
          assertSameColumnUpToSign(expected, actual, c, 1e-6);
        }
      }
    }
  }

  @Test
  void laterBatchesUseTheFirstBatchsFit() throws Exception {
    PCA filter = pca("-C -R 0.9");
    apply(filter, digitsTrain);
    double[] eigenvalues = filter.getModel().eigenvalues();
    double[] mean = filter.getModel().mean();
    Instances test = Filter.useFilter(digitsTest, filter);
    assertEquals(digitsTest.numInstances(), test.numInstances());
    // scores of test instances are projections about the training mean (Eq. 5.9)
    for (int i = 0; i < digitsTest.numInstances(); i += 17) {
      for (int c = 0; c < 3; c++) {
        double[] axis = filter.getModel().axis(c);
        double expected = 0;
        for (int j = 0; j < 64; j++) {
          expected += axis[j] * (digitsTest.instance(i).value(j) - mean[j]);
        }
        assertEquals(expected, test.instance(i).value(c), 1e-9);
      }
      assertEquals(digitsTest.instance(i).classValue(), test.instance(i).classValue());
    }
    assertEquals(eigenvalues[0], filter.getModel().eigenvalues()[0]);
    // instance by instance gives the same as the whole batch
    filter.input(digitsTest.instance(5));
    assertEquals(test.instance(5).toString(), filter.output().toString());
  }

  @Test
  void filteredClassifierWithNearestNeighbours() throws Exception {
    FilteredClassifier classifier = new FilteredClassifier();
    classifier.setFilter(pca("-C -R 0.9"));
    classifier.setClassifier(new IBk());
    classifier.buildClassifier(digitsTrain);
    Evaluation evaluation = new Evaluation(digitsTrain);
    evaluation.evaluateModel(classifier, digitsTest);
    // 1-NN on 21 components of the 64 pixels keeps 1-NN's accuracy on the raw pixels (~98%)
    assertTrue(evaluation.pctCorrect() >= 97.0, "accuracy " + evaluation.pctCorrect());
    // and survives serialization, as Weka's Experimenter and "Save model" need
    FilteredClassifier copy = (FilteredClassifier) SerializationHelper.read(
        new java.io.ByteArrayInputStream(serialize(classifier)));
    for (int i = 0; i < 50; i++) {
      assertEquals(classifier.classifyInstance(digitsTest.instance(i)),
          copy.classifyInstance(digitsTest.instance(i)));
    }
  }

  private static byte[] serialize(Object object) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    SerializationHelper.write(bytes, object);
    return bytes.toByteArray();
  }

  @Test
  void reconstructionErrorsAddUpToTheDiscardedVariance() throws Exception {
    PCA filter = pca("-C -M 10 -R 1 -reconstruction-error");
    Instances result = apply(filter, digitsTrain);
    int error = result.attribute(PCA.ERROR_ATTRIBUTE).index();
    double sum = 0;
    for (int i = 0; i < result.numInstances(); i++) {
      sum += result.instance(i).value(error);
    }
    double discarded = filter.getModel().discardedVariance();
    assertEquals(discarded, sum / (digitsTrain.numInstances() - 1), 1e-9 * discarded);
    assertTrue(filter.toString().contains("Discarded variance"));
    assertTrue(filter.toString().contains("PC10"));
  }

  @Test
  void instanceWeightsActLikeRepeatedInstances() throws Exception {
    Instances weighted = new Instances(iris);
    Instances repeated = new Instances(iris, 0);
    for (int i = 0; i < weighted.numInstances(); i++) {
      int times = 1 + i % 3;
      weighted.instance(i).setWeight(times);
      for (int t = 0; t < times; t++) {
        repeated.add(iris.instance(i));
      }
    }
    PCA a = pca("-R 1");
    PCA b = pca("-R 1");
    apply(a, weighted);
    apply(b, repeated);
    for (int i = 0; i < 4; i++) {
      assertEquals(b.getModel().eigenvalues()[i], a.getModel().eigenvalues()[i], 1e-10);
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() throws Exception {
    Instances one = apply(pca("-C -M 10 -solver randomized -num-threads 1"), digitsTrain);
    Instances two = apply(pca("-C -M 10 -solver randomized -num-threads 2"), digitsTrain);
    for (int c = 0; c < 10; c++) {
      for (int i = 0; i < one.numInstances(); i += 13) {
        assertEquals(one.instance(i).value(c), two.instance(i).value(c), 1e-9);
      }
    }
  }

  @Test
  void eigenImagesAreWrittenAsAPng(@TempDir Path dir) throws Exception {
    File png = dir.resolve("eigen.png").toFile();
    apply(pca("-C -M 8 -R 1 -eigen-images " + png.getPath()), digitsTrain);
    BufferedImage image = ImageIO.read(png);
    assertTrue(image.getWidth() > 500 && image.getHeight() > 90, image.getWidth() + "x"
        + image.getHeight());
    // iris's 4 attributes are a 2 x 2 image; 3 columns are no image without a width that divides
    PCA odd = pca("-C -eigen-images " + dir.resolve("odd.png"));
    Instances three = new Instances(iris);
    three.deleteAttributeAt(0);
    Exception e = assertThrows(WekaException.class, () -> apply(odd, three));
    assertTrue(e.getMessage().contains("-image-width"), e.getMessage());
  }

  @Test
  void missingValuesAreReplacedByTrainingMeans() throws Exception {
    Instances withMissing = new Instances(iris);
    withMissing.instance(3).setMissing(2);
    Instances imputed = new Instances(withMissing);
    double mean = withMissing.meanOrMode(2);
    imputed.instance(3).setValue(2, mean);
    Instances a = apply(pca("-C -R 1"), withMissing);
    Instances b = apply(pca("-C -R 1"), imputed);
    for (int c = 0; c < 4; c++) {
      assertEquals(b.instance(3).value(c), a.instance(3).value(c), 1e-9);
    }
  }

  @Test
  void fewerInstancesThanAttributesAndConstantData() throws Exception {
    Instances few = new Instances(digitsTrain, 0, 10);
    Instances result = apply(pca("-C -R 1"), few);
    assertTrue(result.numAttributes() - 1 <= 10, result.numAttributes() + " attributes");

    Instances constant = new Instances(iris, 0, 20);
    for (int i = 0; i < constant.numInstances(); i++) {
      for (int a = 0; a < 4; a++) {
        constant.instance(i).setValue(a, 2.5);
      }
    }
    for (String options : new String[] {"", "-C"}) {
      Instances flat = apply(pca(options), constant);
      assertEquals(2, flat.numAttributes(), "one zero component and the class");
      for (int i = 0; i < flat.numInstances(); i++) {
        assertEquals(0.0, flat.instance(i).value(0));
      }
    }
  }

  @Test
  void badInputGetsClearErrors() throws Exception {
    // a test batch with a different header
    PCA filter = pca("-C");
    apply(filter, iris);
    Instances other = new Instances(iris);
    other.renameAttribute(0, "something else");
    Exception header = assertThrows(Exception.class, () -> Filter.useFilter(other, filter));
    assertTrue(header.getMessage().contains("something else")
        || header.getMessage().toLowerCase().contains("attribute"), header.getMessage());

    // string attributes
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("text", (java.util.List<String>) null));
    attributes.add(new Attribute("x"));
    Instances strings = new Instances("strings", attributes, 1);
    strings.add(new DenseInstance(1.0, new double[] {strings.attribute(0).addStringValue("a"), 1}));
    Exception string = assertThrows(Exception.class, () -> apply(new PCA(), strings));
    assertTrue(string.getMessage().contains("string"), string.getMessage());

    // infinite values
    Instances infinite = new Instances(iris);
    infinite.instance(0).setValue(1, Double.POSITIVE_INFINITY);
    Exception inf = assertThrows(WekaException.class, () -> apply(new PCA(), infinite));
    assertTrue(inf.getMessage().contains("infinite"), inf.getMessage());

    // an empty first batch
    Exception empty = assertThrows(WekaException.class,
        () -> apply(new PCA(), new Instances(iris, 0)));
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());

    // a variance fraction outside (0, 1]
    Exception fraction = assertThrows(WekaException.class, () -> apply(pca("-R 1.5"), iris));
    assertTrue(fraction.getMessage().contains("-R"), fraction.getMessage());
  }
}
