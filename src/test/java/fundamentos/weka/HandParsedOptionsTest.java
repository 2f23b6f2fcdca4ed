package fundamentos.weka;

import weka.core.WekaException;

import weka.core.Instances;

import weka.experiment.Experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.functions.CNN;
import weka.classifiers.functions.SoftmaxRegression;
import weka.classifiers.meta.FilteredClassifier;
import weka.clusterers.ClusterAgreementEvaluation;
import weka.core.BurstingEuclideanDistance;
import weka.core.CosineDistance;
import weka.core.Utils;
import weka.core.converters.IDXLoader;
import weka.experiment.xml.XMLExperiment;

/**
 * The options that are parsed by hand rather than through @OptionMetadata (Weka's -S seed, the
 * loaders', the distances' attribute range, the evaluator's class index) and the Experimenter's
 * path (a saved configuration is read back through setOptions) refuse a bad value with a message
 * naming the option and the value.
 */
class HandParsedOptionsTest {

  private static void assertNames(Throwable e, String option, String value) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append(" | ");
    }
    assertTrue(messages.toString().contains(option), messages.toString());
    assertTrue(messages.toString().contains(value), messages.toString());
  }

  /** What weka.Run does with a scheme's options: Weka's own command-line evaluations refuse too. */
  @Test
  void wekasCommandLineEvaluationsStopWithTheMessage() {
    assertNames(assertThrows(Exception.class, () -> weka.classifiers.Evaluation.evaluateModel(
        new SoftmaxRegression(), new String[] {"-t", "src/data/iris.arff", "-epochs", "abc"})),
        "-epochs", "abc");
    assertNames(assertThrows(Exception.class, () -> weka.filters.Filter.filterFile(
        new weka.filters.unsupervised.attribute.UMAP(), new String[] {"-i", "src/data/iris.arff",
            "-learning-rate", "Infinity"})), "-learning-rate", "Infinity");
    assertNames(assertThrows(Exception.class, () -> weka.clusterers.ClusterEvaluation
        .evaluateClusterer(new weka.clusterers.IndexedDBSCAN(), new String[] {"-t",
            "src/data/iris.arff", "-E", "NaN"})), "-E", "NaN");
  }

  @Test
  void seedMustBeAWholeNumber() {
    assertNames(assertThrows(Exception.class,
        () -> new SoftmaxRegression().setOptions(new String[] {"-S", "abc"})), "-S", "abc");
    assertNames(assertThrows(Exception.class,
        () -> new CNN().setOptions(new String[] {"-S", "1.5"})), "-S", "1.5");
  }

  @Test
  void idxLoaderRefusesABadMaximum() throws Exception {
    assertNames(assertThrows(Exception.class,
        () -> new IDXLoader().setOptions(new String[] {"-max", "ten"})), "-max", "ten");
    assertNames(assertThrows(IllegalArgumentException.class,
        () -> new IDXLoader().setMaxInstances(-5)), "-max", "-5");
    IDXLoader loader = new IDXLoader();
    loader.setOptions(new String[] {"-max", "10"});
    assertEquals(10, loader.getMaxInstances());
  }

  @Test
  void distancesRefuseAMistypedRange() throws Exception {
    assertNames(assertThrows(Exception.class,
        () -> new CosineDistance().setOptions(new String[] {"-R", "1-x"})), "-R", "1-x");
    assertNames(assertThrows(Exception.class,
        () -> new BurstingEuclideanDistance().setOptions(new String[] {"-R", "firstlast"})), "-R",
        "firstlast");
    CosineDistance cosine = new CosineDistance();
    cosine.setOptions(new String[] {"-R", "1,3-last"});
    assertEquals("1,3-last", cosine.getAttributeIndices());
    cosine.setAttributeIndices("first-last");
  }

  @Test
  void clusterAgreementRefusesABadClassIndex() {
    String[] options = {"-t", "src/data/iris.arff", "-c", "fifth", "-W",
        "weka.clusterers.IndexedDBSCAN"};
    assertNames(assertThrows(Exception.class,
        () -> new ClusterAgreementEvaluation().run(null, options)), "-c", "fifth");
    String[] outOfRange = {"-t", "src/data/iris.arff", "-c", "9", "-W",
        "weka.clusterers.IndexedDBSCAN"};
    assertNames(assertThrows(Exception.class,
        () -> new ClusterAgreementEvaluation().run(null, outOfRange)), "-c", "9");
  }

  @Test
  void aNestedSchemeRefusesThroughItsHost() {
    FilteredClassifier host = new FilteredClassifier();
    assertNames(assertThrows(Exception.class, () -> host.setOptions(Utils.splitOptions(
        "-F \"weka.filters.unsupervised.attribute.UMAP -negative-sample-rate Infinity\" "
            + "-W weka.classifiers.lazy.IBk"))), "-negative-sample-rate", "Infinity");
  }

  /**
   * The course's saved Experimenter configuration with one UMAP value made absurd. Weka's
   * XMLSerialization catches the host's setOptions error and prints it as a warning (it goes on
   * with the host's defaults: a Weka behaviour this package cannot change), so what is checked is
   * that the warning names the option and the value.
   */
  @Test
  void aSavedExperimentWithABadValueNamesIt(@TempDir Path dir) throws Exception {
    String xml = Files.readString(Path.of("doc/experiments/pca-vs-umap.xml"));
    assertTrue(xml.contains("-negative-sample-rate 5.0"));
    File bad = dir.resolve("bad.xml").toFile();
    Files.writeString(bad.toPath(),
        xml.replaceFirst("-negative-sample-rate 5\\.0", "-negative-sample-rate 1e12"));
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    String seen;
    try {
      System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
      new XMLExperiment().read(bad);
      seen = printed.toString(StandardCharsets.UTF_8);
    } catch (Exception e) {
      seen = messages(e) + printed.toString(StandardCharsets.UTF_8);
    } finally {
      System.setErr(err);
    }
    assertTrue(seen.contains("UMAP: option -negative-sample-rate") && seen.contains("1e12"), seen);
  }

  /**
   * The same file with one of the package's schemes at the top of the property array and a value
   * made unparsable: XMLSerialization still only warns, but the scheme remembers the refusal and
   * will not build with the values it kept; options accepted later clear the refusal.
   */
  @Test
  void aSavedExperimentsSchemeWithABadValueWillNotBuild(@TempDir Path dir) throws Exception {
    String xml = Files.readString(Path.of("doc/experiments/pca-vs-umap.xml"));
    String first = xml.substring(xml.indexOf("      <object class=\"weka.classifiers.lazy.IBk\" name=\"0\">"),
        xml.indexOf("      <object class=\"weka.classifiers.meta.FilteredClassifier\" name=\"1\">"));
    String softmax = "      <object class=\"weka.classifiers.functions.SoftmaxRegression\" name=\"0\">\n"
        + "         <object array=\"yes\" class=\"java.lang.String\" name=\"options\">\n"
        + "            <object class=\"java.lang.String\" name=\"0\">-epochs</object>\n"
        + "            <object class=\"java.lang.String\" name=\"1\">abc</object>\n"
        + "         </object>\n      </object>\n";
    File bad = dir.resolve("bad.xml").toFile();
    Files.writeString(bad.toPath(), xml.replace(first, softmax));
    PrintStream err = System.err;
    Experiment experiment;
    try {
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      experiment = (Experiment) new XMLExperiment().read(bad);
    } finally {
      System.setErr(err);
    }
    SoftmaxRegression loaded = (SoftmaxRegression) experiment.getPropertyArrayValue(0);
    Instances iris = fundamentos.testing.BundledData.load("iris.arff");
    Exception refused = assertThrows(WekaException.class, () -> loaded.buildClassifier(iris));
    assertTrue(refused.getMessage().contains("SoftmaxRegression will not build")
        && refused.getMessage().contains("-epochs 'abc'"), refused.getMessage());
    loaded.setOptions(Utils.splitOptions("-epochs 2"));
    loaded.buildClassifier(iris);
    assertEquals(2, loaded.getNumEpochs());
  }

  private static String messages(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append(" | ");
    }
    return text.toString();
  }
}
