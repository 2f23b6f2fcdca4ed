package weka.filters.unsupervised.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.image.HistogramOfGradients;
import fundamentos.testing.BundledData;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.SoftmaxRegression;
import weka.classifiers.meta.FilteredClassifier;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.Utils;
import weka.core.WekaException;
import weka.core.converters.ImageDirectoryLoader;
import weka.experiment.Experiment;
import weka.experiment.xml.XMLExperiment;
import weka.filters.Filter;

/**
 * What the HOG filter does with pixel attributes and image files: the engine's features in
 * scikit-image's order, the class passed through, the same features on any number of threads, a
 * classifier that learns from them, a picture, and a readable refusal of every bad input.
 */
class HOGBehaviourTest {

  @TempDir
  Path dir;

  private static HOG hog(String options) throws Exception {
    HOG hog = new HOG();
    hog.setOptions(Utils.splitOptions(options));
    return hog;
  }

  private static Instances digits(String file) throws Exception {
    return BundledData.load(file);
  }

  @Test
  void pixelAttributesGiveTheEnginesFeaturesAndTheClass() throws Exception {
    Instances data = new Instances(digits("digits8x8-train.arff"), 0, 50);
    HOG filter = hog("-cell-height 4 -cell-width 4 -block-height 2 -block-width 2 -norm L1");
    filter.setInputFormat(data);
    Instances out = Filter.useFilter(data, filter);
    // 2 x 2 cells, one block of 2 x 2 cells, 9 bins
    assertEquals(36 + 1, out.numAttributes());
    assertEquals("hog1", out.attribute(0).name());
    assertEquals(out.numAttributes() - 1, out.classIndex());
    HistogramOfGradients engine = new HistogramOfGradients(9, 4, 4, 2, 2,
        HistogramOfGradients.BlockNorm.L1, false);
    for (int i = 0; i < data.numInstances(); i++) {
      double[] pixels = java.util.Arrays.copyOf(data.instance(i).toDoubleArray(), 64);
      double[] expected = engine.features(pixels, 1, 8, 8);
      double[] actual = java.util.Arrays.copyOf(out.instance(i).toDoubleArray(), 36);
      assertArrayEquals(expected, actual, 0.0);
      assertEquals(data.instance(i).classValue(), out.instance(i).classValue(), 0.0);
      // L1: each block's features sum to 1 (less epsilon's share) unless the block is empty
      double sum = 0;
      for (double v : actual) {
        sum += v;
      }
      assertEquals(1.0, sum, 1e-4);
    }
  }

  @Test
  void theFeaturesDoNotDependOnTheThreadCount() throws Exception {
    Instances data = digits("digits8x8-train.arff");
    HOG one = hog("-cell-height 2 -cell-width 2 -block-height 2 -block-width 2 -num-threads 1");
    one.setInputFormat(data);
    HOG four = hog("-cell-height 2 -cell-width 2 -block-height 2 -block-width 2 -num-threads 4");
    four.setInputFormat(data);
    Instances a = Filter.useFilter(data, one);
    Instances b = Filter.useFilter(data, four);
    assertEquals(9 * 4 * 9 + 1, a.numAttributes());
    for (int i = 0; i < data.numInstances(); i++) {
      assertArrayEquals(a.instance(i).toDoubleArray(), b.instance(i).toDoubleArray(), 0.0);
    }
  }

  /**
   * SoftmaxRegression on HOG features of the digits (cells of 2 x 2 pixels, one cell per block:
   * 144 features), through FilteredClassifier (the test digits are a later batch): at least 90% on
   * the held-out quarter (93.6% measured; 4 x 4 cells, 36 features, give only 78%).
   */
  @Test
  void softmaxRegressionLearnsTheDigitsFromHogFeatures() throws Exception {
    Instances train = digits("digits8x8-train.arff");
    Instances test = digits("digits8x8-test.arff");
    FilteredClassifier classifier = new FilteredClassifier();
    classifier.setFilter(hog("-cell-height 2 -cell-width 2 -block-height 1 -block-width 1"
        + " -orientations 9 -norm L2-Hys -num-threads 1"));
    SoftmaxRegression softmax = new SoftmaxRegression();
    softmax.setOptions(Utils.splitOptions("-num-threads 1"));
    classifier.setClassifier(softmax);
    classifier.buildClassifier(train);
    Evaluation evaluation = new Evaluation(train);
    evaluation.evaluateModel(classifier, test);
    assertTrue(evaluation.pctCorrect() >= 90, "accuracy " + evaluation.pctCorrect());
  }

  /**
   * The bars images read as files (ImageDirectoryLoader's layout): the engine's features of the
   * pixels, and horizontal bars (vertical gradients, 90 degrees) fill the bin around 90 degrees
   * more than vertical ones do.
   */
  @Test
  void imageFilesAreReadLikeCnnReadsThem() throws Exception {
    File folder = new File("src/test/resources/images/bars");
    ImageDirectoryLoader loader = new ImageDirectoryLoader();
    loader.setDirectory(folder);
    Instances files = loader.getDataSet();
    files.setClassIndex(files.numAttributes() - 1);
    HOG filter = hog("-cell-height 4 -cell-width 4 -block-height 3 -block-width 3"
        + " -orientations 4 -norm L2");
    filter.setImageDirectory(folder);
    filter.setPlotFile(dir.resolve("bars.png").toFile());
    filter.setInputFormat(files);
    Instances out = Filter.useFilter(files, filter);
    assertEquals(4 * 9 + 1, out.numAttributes());
    HistogramOfGradients engine = new HistogramOfGradients(4, 4, 4, 3, 3,
        HistogramOfGradients.BlockNorm.L2, false);
    double[] horizontal = new double[4];
    double[] vertical = new double[4];
    for (int i = 0; i < files.numInstances(); i++) {
      java.awt.image.BufferedImage image = ImageIO.read(new File(folder,
          files.instance(i).stringValue(0)));
      double[] pixels = new double[144];
      for (int p = 0; p < 144; p++) {
        pixels[p] = image.getRaster().getSample(p % 12, p / 12, 0);
      }
      double[] expected = engine.features(pixels, 1, 12, 12);
      assertArrayEquals(expected, java.util.Arrays.copyOf(out.instance(i).toDoubleArray(), 36),
          1e-12);
      double[] sums = files.instance(i).stringValue(0).startsWith("horizontal") ? horizontal
          : vertical;
      for (int f = 0; f < 36; f++) {
        sums[f % 4] += expected[f];
      }
    }
    // bins of 45 degrees: bin 2 holds 90-135, bin 0 holds 0-45
    assertTrue(horizontal[2] + horizontal[1] > 2 * (vertical[2] + vertical[1]),
        java.util.Arrays.toString(horizontal) + " " + java.util.Arrays.toString(vertical));
    assertTrue(ImageIO.read(dir.resolve("bars.png").toFile()).getWidth() > 100);
  }

  /**
   * The committed Experimenter configuration of Task 2.4.2 (doc/experiments/hog-vs-pixels.xml)
   * loads with its three schemes: SoftmaxRegression on the pixels and behind HOG with cells of 2 x 2
   * and 4 x 4 pixels, on the digits and the Fashion-MNIST sample.
   */
  @Test
  void theCommittedExperimentHoldsTheThreeSchemes() throws Exception {
    Experiment experiment = (Experiment) new XMLExperiment().read(
        new File("doc/experiments/hog-vs-pixels.xml"));
    assertEquals(3, experiment.getPropertyArrayLength());
    assertTrue(experiment.getPropertyArrayValue(0) instanceof SoftmaxRegression);
    for (int k = 1; k <= 2; k++) {
      FilteredClassifier scheme = (FilteredClassifier) experiment.getPropertyArrayValue(k);
      HOG filter = (HOG) scheme.getFilter();
      assertEquals(2 * k, filter.getCellHeight());
      assertEquals(2 * k, filter.getCellWidth());
      assertEquals(2, filter.getBlockHeight());
      assertTrue(scheme.getClassifier() instanceof SoftmaxRegression);
    }
    assertEquals(2, experiment.getDatasets().size());
  }

  @Test
  void tooSmallImagesAreRefusedWithTheSizes() throws Exception {
    Instances data = digits("digits8x8-train.arff");
    HOG filter = new HOG(); // 8 x 8 cells, 3 x 3 blocks: 24 x 24 pixels at least
    WekaException e = assertThrows(WekaException.class, () -> filter.setInputFormat(data));
    assertTrue(e.getMessage().contains("8 x 8 image") && e.getMessage().contains("too small"),
        e.getMessage());
  }

  @Test
  void missingPixelsAreRefusedWithTheAttribute() throws Exception {
    Instances data = new Instances(digits("digits8x8-train.arff"), 0, 10);
    HOG filter = hog("-cell-height 4 -cell-width 4 -block-height 2 -block-width 2");
    filter.setInputFormat(data);
    Filter.useFilter(data, filter);
    Instances later = new Instances(data);
    later.instance(3).setMissing(5);
    WekaException e = assertThrows(WekaException.class, () -> Filter.useFilter(later, filter));
    assertTrue(e.getMessage().contains("instance 4") && e.getMessage().contains("p0_5"),
        e.getMessage());
  }

  @Test
  void nonNumericPixelsAndMismatchedHeadersAreRefused() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int a = 0; a < 15; a++) {
      attributes.add(new Attribute("x" + a));
    }
    attributes.add(new Attribute("colour", List.of("red", "blue")));
    Instances nominal = new Instances("mixed", attributes, 1);
    nominal.add(new DenseInstance(1.0, new double[16]));
    HOG filter = hog("-cell-height 2 -cell-width 2 -block-height 1 -block-width 1");
    Exception e = assertThrows(Exception.class, () -> filter.setInputFormat(nominal));
    assertTrue(e.getMessage().contains("colour") || e.getMessage().contains("nominal"),
        e.getMessage());

    Instances data = new Instances(digits("digits8x8-train.arff"), 0, 10);
    HOG fitted = hog("-cell-height 4 -cell-width 4 -block-height 2 -block-width 2");
    fitted.setInputFormat(data);
    Filter.useFilter(data, fitted);
    Instances other = digits("digits8x8-test.arff");
    other.renameAttribute(0, "q0_0");
    WekaException h = assertThrows(WekaException.class, () -> Filter.useFilter(other, fitted));
    assertTrue(h.getMessage().contains("differ"), h.getMessage());
  }

  @Test
  void infinitePixelsAndNegativeOnesUnderSqrtAreRefused() throws Exception {
    Instances data = new Instances(digits("digits8x8-train.arff"), 0, 5);
    data.instance(2).setValue(9, Double.POSITIVE_INFINITY);
    HOG filter = hog("-cell-height 4 -cell-width 4 -block-height 2 -block-width 2");
    filter.setInputFormat(data);
    WekaException e = assertThrows(WekaException.class, () -> Filter.useFilter(data, filter));
    assertTrue(e.getMessage().contains("instance 3") && e.getMessage().contains("row 1, column 1"),
        e.getMessage());
    Instances negative = new Instances(digits("digits8x8-train.arff"), 0, 5);
    negative.instance(0).setValue(0, -1);
    HOG sqrt = hog("-cell-height 4 -cell-width 4 -block-height 2 -block-width 2 -sqrt");
    sqrt.setInputFormat(negative);
    WekaException s = assertThrows(WekaException.class, () -> Filter.useFilter(negative, sqrt));
    assertTrue(s.getMessage().contains(">= 0"), s.getMessage());
  }

  @Test
  void optionsRoundTripAndTheNormIsScikitImagesName() throws Exception {
    HOG filter = hog("-orientations 12 -cell-height 7 -cell-width 6 -block-height 2 "
        + "-block-width 1 -norm L1-sqrt -sqrt -height 28 -width 28");
    HOG again = new HOG();
    again.setOptions(filter.getOptions());
    assertArrayEquals(filter.getOptions(), again.getOptions());
    assertEquals(HistogramOfGradients.BlockNorm.L1_SQRT, again.engine().norm());
    assertEquals(12, again.engine().orientations());
    assertEquals(new SelectedTag(3, HOG.TAGS_NORM).getSelectedTag().getReadable(),
        new HOG().getBlockNorm().getSelectedTag().getReadable());
  }
}
