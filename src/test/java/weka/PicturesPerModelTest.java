package weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.functions.SoftmaxRegression;
import weka.classifiers.meta.FilteredClassifier;
import weka.clusterers.AbstractClusterer;
import weka.clusterers.ClusterEvaluation;
import weka.clusterers.IndexedDBSCAN;
import weka.core.Instances;
import weka.core.Utils;
import weka.filters.unsupervised.attribute.UMAP;

/**
 * The complaint: the loss curve the user opened after "build on the full data and
 * cross-validate" was that of the last fold. Weka's own paths are run here: the Explorer's (the
 * configured scheme copied, the original built on all the data, the copy cross-validated by
 * Weka's Evaluation), the command line's (Evaluation.evaluateModel / ClusterEvaluation with -x),
 * and a filter inside FilteredClassifier. Each time the file must hold the same bytes as the
 * picture of a model built on all the data alone, and a fold's own picture must differ (so that the
 * comparison would see an overwrite).
 */
class PicturesPerModelTest {

  @TempDir
  static Path dir;

  private static Instances iris;

  @BeforeAll
  static void load() throws Exception {
    iris = BundledData.load("iris.arff");
    iris.setClassIndex(iris.numAttributes() - 1);
  }

  private static byte[] bytes(File file) throws Exception {
    assertTrue(file.length() > 1000, file + " was not written");
    return Files.readAllBytes(file.toPath());
  }

  private static Classifier softmax(File curve) throws Exception {
    SoftmaxRegression scheme = new SoftmaxRegression();
    scheme.setOptions(Utils.splitOptions("-epochs 30 -loss-curve " + curve.getAbsolutePath()));
    return scheme;
  }

  @Test
  void theLossCurveIsTheFullModelsAfterExplorerStyleCrossValidation() throws Exception {
    File reference = dir.resolve("softmax-alone.png").toFile();
    softmax(reference).buildClassifier(iris);
    File fold = dir.resolve("softmax-fold.png").toFile();
    Instances shuffled = new Instances(iris);
    shuffled.randomize(new Random(1));
    softmax(fold).buildClassifier(shuffled.trainCV(10, 9));
    assertFalse(Arrays.equals(bytes(reference), bytes(fold)), "a fold draws another curve");

    // ClassifierPanel: template = makeCopy(configured); configured.buildClassifier(all);
    // then copies of the template per fold (here through Weka's Evaluation)
    File file = dir.resolve("softmax-explorer.png").toFile();
    Classifier configured = softmax(file);
    Classifier template = AbstractClassifier.makeCopy(configured);
    configured.buildClassifier(iris);
    new Evaluation(iris).crossValidateModel(template, iris, 10, new Random(1));
    assertArrayEquals(bytes(reference), bytes(file));
  }

  @Test
  void theLossCurveIsTheFullModelsAfterTheCommandLinesCrossValidation() throws Exception {
    File reference = dir.resolve("softmax-alone-cli.png").toFile();
    softmax(reference).buildClassifier(iris);
    File file = dir.resolve("softmax-cli.png").toFile();
    Evaluation.evaluateModel(new SoftmaxRegression(), new String[] {"-t",
        BundledData.file("iris.arff").getAbsolutePath(), "-x", "5", "-epochs", "30",
        "-loss-curve", file.getAbsolutePath()});
    assertArrayEquals(bytes(reference), bytes(file));
  }

  /** The Perceptron's decision line on AND is the full model's after the command line's -x 2. */
  @Test
  void theDecisionLineIsTheFullModelsAfterTheCommandLinesCrossValidation() throws Exception {
    String train = BundledData.file("and.arff").getAbsolutePath();
    Instances and = weka.core.converters.ConverterUtils.DataSource.read(train);
    and.setClassIndex(and.numAttributes() - 1);
    File reference = dir.resolve("perceptron-alone.png").toFile();
    weka.classifiers.functions.Perceptron alone = new weka.classifiers.functions.Perceptron();
    alone.setDecisionLineFile(reference);
    alone.buildClassifier(and);
    File file = dir.resolve("perceptron-cli.png").toFile();
    Evaluation.evaluateModel(new weka.classifiers.functions.Perceptron(), new String[] {"-t", train,
        "-x", "2", "-decision-line", file.getAbsolutePath()});
    assertArrayEquals(bytes(reference), bytes(file));
  }

  /** CNN's training curve and the Transformer's attention maps, through the command line. */
  @Test
  void networkPicturesAreTheFullModelsAfterTheCommandLinesCrossValidation() throws Exception {
    String train = BundledData.file("iris.arff").getAbsolutePath();
    for (String[] scheme : new String[][] {{"weka.classifiers.functions.CNN", "-curve"},
        {"weka.classifiers.functions.Transformer", "-attention-map"}}) {
      String name = scheme[0].substring(scheme[0].lastIndexOf('.') + 1);
      File reference = dir.resolve(name + "-alone.png").toFile();
      Classifier alone = AbstractClassifier.forName(scheme[0],
          new String[] {"-epochs", "2", scheme[1], reference.getAbsolutePath()});
      alone.buildClassifier(iris);
      File file = dir.resolve(name + "-cli.png").toFile();
      Evaluation.evaluateModel(AbstractClassifier.forName(scheme[0], new String[0]),
          new String[] {"-t", train, "-x", "3", "-epochs", "2", scheme[1], file.getAbsolutePath()});
      assertArrayEquals(bytes(reference), bytes(file), name);
    }
  }

  @Test
  void theKDistancePlotIsTheFullModelsAfterClusterCrossValidation() throws Exception {
    Instances data = new Instances(iris);
    data.setClassIndex(-1);
    data.deleteAttributeAt(data.numAttributes() - 1);
    File reference = dir.resolve("k-alone.png").toFile();
    IndexedDBSCAN alone = new IndexedDBSCAN();
    alone.setKDistancePlot(reference);
    alone.buildClusterer(data);
    // the command line: the full model, then -x folds of copies made from the options
    File file = dir.resolve("k-cli.png").toFile();
    File arff = dir.resolve("iris-features.arff").toFile();
    Files.writeString(arff.toPath(), data.toString());
    ClusterEvaluation.evaluateClusterer(new IndexedDBSCAN(), new String[] {"-t",
        arff.getAbsolutePath(), "-x", "5", "-k-distance-plot", file.getAbsolutePath()});
    assertArrayEquals(bytes(reference), bytes(file));
    // Weka's API: the full model, then crossValidateModel on a copy
    File api = dir.resolve("k-api.png").toFile();
    IndexedDBSCAN configured = new IndexedDBSCAN();
    configured.setKDistancePlot(api);
    IndexedDBSCAN copy = (IndexedDBSCAN) AbstractClusterer.makeCopy(configured);
    configured.buildClusterer(data);
    ClusterEvaluation.crossValidateModel(copy, data, 5, new Random(1));
    assertArrayEquals(bytes(reference), bytes(api));
  }

  @Test
  void theEmbeddingIsThatOfTheWholeDataInsideFilteredClassifier() throws Exception {
    // FilteredClassifier seeds a Randomizable filter itself: the reference is its full model too
    File reference = dir.resolve("umap-alone.png").toFile();
    UMAP alone = new UMAP();
    alone.setPlotFile(reference);
    FilteredClassifier full = new FilteredClassifier();
    full.setFilter(alone);
    full.buildClassifier(iris);
    File file = dir.resolve("umap-filtered.png").toFile();
    UMAP filter = new UMAP();
    filter.setPlotFile(file);
    FilteredClassifier configured = new FilteredClassifier();
    configured.setFilter(filter);
    Classifier template = AbstractClassifier.makeCopy(configured);
    configured.buildClassifier(iris);
    new Evaluation(iris).crossValidateModel(template, iris, 5, new Random(1));
    assertArrayEquals(bytes(reference), bytes(file));
  }
}
