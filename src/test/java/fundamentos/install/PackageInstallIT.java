package fundamentos.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;

/**
 * The package as a user meets it: the built zip installed by Weka's own package manager into an
 * empty Weka home, then Weka's command line, the GenericObjectEditor's class lists and the
 * Experimenter, each in a separate JVM that has only Weka on its class path.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageInstallIT {

  @TempDir
  static Path wekaHome;

  @TempDir
  static Path work;

  private static String wekaClasspath;

  @BeforeAll
  static void install() throws Exception {
    File zip = new File(System.getProperty("fundamentos.zip"));
    assertTrue(zip.isFile(), "build the zip first (mvn package): " + zip);
    wekaClasspath = Files.readString(Path.of(System.getProperty("fundamentos.wekaClasspath"))).trim();
    Result result = weka(wekaClasspath, "weka.core.WekaPackageManager", "-offline", "-install-package",
        zip.getAbsolutePath());
    assertEquals(0, result.exitCode, result.output);
    assertTrue(Files.isRegularFile(wekaHome.resolve("packages/fundamentos/Description.props")), result.output);
    assertTrue(Files.isRegularFile(wekaHome.resolve("packages/fundamentos/fundamentos.jar")), result.output);
  }

  @Test
  @Order(1)
  void trainsEvaluatesAndSavesThroughWekaRun() throws Exception {
    String train = BundledData.file("digits8x8-train.arff").getAbsolutePath();
    String test = BundledData.file("digits8x8-test.arff").getAbsolutePath();
    String model = work.resolve("softmax.model").toString();
    Result trained = weka(wekaClasspath, "weka.Run", ".SoftmaxRegression", "-t", train, "-T", test, "-d", model);
    assertEquals(0, trained.exitCode, trained.output);
    double accuracy = testAccuracy(trained.output);
    assertTrue(accuracy >= 95, "test accuracy " + accuracy + "\n" + trained.output);
    assertTrue(trained.output.contains("Softmax (multinomial logistic) regression"), trained.output);
    for (String chatter : new String[] {"org.nd4j", "Loaded [", "Backend used", "Number of threads used",
        "Blas vendor", "SLF4J"}) {
      assertFalse(trained.output.contains(chatter), "ND4J output leaked into Weka's: " + chatter + "\n"
          + trained.output);
    }

    Result loaded = weka(wekaClasspath, "weka.Run", ".SoftmaxRegression", "-l", model, "-T", test);
    assertEquals(0, loaded.exitCode, loaded.output);
    assertEquals(accuracy, testAccuracy(loaded.output), 0.0, loaded.output);
  }

  @Test
  @Order(2)
  void everySchemeAndOptimizerIsOfferedInTheGenericObjectEditor() throws Exception {
    // only the listing class joins Weka's class path: Weka's class discovery scans every entry, and
    // the other test classes need jars the user's Weka does not have
    Path listingDir = work.resolve("listing");
    Path listingClass = Path.of("fundamentos", "testing", "GoeListing.class");
    Files.createDirectories(listingDir.resolve(listingClass).getParent());
    Files.copy(Path.of("target", "test-classes").resolve(listingClass), listingDir.resolve(listingClass));
    String classpath = wekaClasspath + File.pathSeparator + listingDir;
    Result listing = weka(classpath, "fundamentos.testing.GoeListing", "weka.classifiers.Classifier",
        "weka.classifiers.functions.optimizers.Optimizer", "weka.filters.Filter",
        "weka.clusterers.Clusterer", "weka.core.DistanceFunction",
        "weka.classifiers.functions.layers.NetworkLayer", "weka.classifiers.functions.layers.NetworkLayer[]",
        "weka.core.converters.Loader");
    assertEquals(0, listing.exitCode, listing.output);
    assertTrue(listing.output.contains("weka.classifiers.functions.SoftmaxRegression"), listing.output);
    for (String optimizer : new String[] {"SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam"}) {
      assertTrue(listing.output.contains("weka.classifiers.functions.optimizers." + optimizer), listing.output);
    }
    assertTrue(listing.output.contains("optimizers.Optimizer.editor=weka.gui.GenericObjectEditor"), listing.output);
    assertTrue(listing.output.contains("weka.filters.unsupervised.attribute.PCA"), listing.output);
    assertTrue(listing.output.contains("weka.filters.unsupervised.attribute.UMAP"), listing.output);
    assertTrue(listing.output.contains("weka.filters.unsupervised.attribute.HOG"), listing.output);
    // Weka's own filters are still offered next to ours
    assertTrue(listing.output.contains("weka.filters.unsupervised.attribute.PrincipalComponents"), listing.output);
    for (String scheme : new String[] {"weka.clusterers.IndexedDBSCAN", "weka.clusterers.SimpleKMeans",
        "weka.core.CosineDistance", "weka.core.BurstingEuclideanDistance", "weka.core.EuclideanDistance"}) {
      assertTrue(listing.output.contains(scheme), scheme + "\n" + listing.output);
    }
    for (String layer : new String[] {"ConvolutionLayer", "PoolingLayer", "BatchNormLayer",
        "LayerNormLayer", "DropoutLayer", "DenseLayer", "GlobalPoolingLayer", "ActivationLayer"}) {
      assertTrue(listing.output.contains("weka.classifiers.functions.layers." + layer), layer + "\n" + listing.output);
    }
    assertTrue(listing.output.contains("NetworkLayer[].editor=weka.gui.GenericArrayEditor"), listing.output);
    assertTrue(listing.output.contains("weka.core.converters.IDXLoader"), listing.output);
    assertTrue(listing.output.contains("weka.core.converters.ImageDirectoryLoader"), listing.output);
    assertTrue(listing.output.contains("weka.classifiers.functions.CNN"), listing.output);
    assertTrue(listing.output.contains("weka.classifiers.functions.Transformer"), listing.output);
  }

  @Test
  @Order(3)
  void runsInTheExperimenter() throws Exception {
    String iris = BundledData.file("iris.arff").getAbsolutePath();
    Path results = work.resolve("results.arff");
    Result experiment = weka(wekaClasspath, "weka.experiment.Experiment", "-r", "-T", iris,
        "-D", "weka.experiment.InstancesResultListener -O " + results,
        "-P", "weka.experiment.RandomSplitResultProducer", "--", "-P", "66",
        "-W", "weka.experiment.ClassifierSplitEvaluator", "--",
        "-W", "weka.classifiers.functions.SoftmaxRegression", "--", "-epochs", "50", "-L2", "0.001");
    assertEquals(0, experiment.exitCode, experiment.output);
    String arff = Files.readString(results.toFile().toPath());
    assertTrue(arff.contains("weka.classifiers.functions.SoftmaxRegression"), arff);
    // the options round-trip into the Scheme_options column, and the additional measures are columns
    assertTrue(arff.contains("-epochs 50") && arff.contains("-L2 0.001"), arff);
    assertTrue(arff.contains("@attribute measureNumEpochs numeric"), arff);
  }

  @Test
  @Order(4)
  void pcaFiltersTrainingAndTestFilesThroughWekaRun() throws Exception {
    String train = BundledData.file("digits8x8-train.arff").getAbsolutePath();
    String test = BundledData.file("digits8x8-test.arff").getAbsolutePath();
    Path trainOut = work.resolve("train-pca.arff");
    Path testOut = work.resolve("test-pca.arff");
    Path png = work.resolve("eigendigits.png");
    // -b: batch mode, the second file is transformed with the components fitted on the first
    Result filtered = weka(wekaClasspath, "weka.Run", "weka.filters.unsupervised.attribute.PCA",
        "-C", "-R", "0.9", "-eigen-images", png.toString(), "-output-debug-info", "-c", "last",
        "-b", "-i", train, "-o", trainOut.toString(), "-r", test, "-s", testOut.toString());
    assertEquals(0, filtered.exitCode, filtered.output);
    assertTrue(filtered.output.contains("Discarded variance"), filtered.output);
    Instances trainPca = new Instances(Files.newBufferedReader(trainOut));
    Instances testPca = new Instances(Files.newBufferedReader(testOut));
    // 21 components cover 90% of the digits' variance, plus the class
    assertEquals(22, trainPca.numAttributes(), filtered.output);
    assertTrue(trainPca.equalHeaders(testPca), trainPca.equalHeadersMsg(testPca));
    assertEquals(450, testPca.numInstances());
    assertTrue(Files.size(png) > 1000, "eigen-images PNG");
  }

  @Test
  @Order(5)
  void pcaRunsInsideFilteredClassifierInTheExperimenter() throws Exception {
    String iris = BundledData.file("iris.arff").getAbsolutePath();
    Path results = work.resolve("results-pca.arff");
    Result experiment = weka(wekaClasspath, "weka.experiment.Experiment", "-r", "-T", iris,
        "-D", "weka.experiment.InstancesResultListener -O " + results,
        "-P", "weka.experiment.RandomSplitResultProducer", "--", "-P", "66",
        "-W", "weka.experiment.ClassifierSplitEvaluator", "--",
        "-W", "weka.classifiers.meta.FilteredClassifier", "--",
        "-F", "weka.filters.unsupervised.attribute.PCA -C -R 0.95", "-W", "weka.classifiers.lazy.IBk");
    assertEquals(0, experiment.exitCode, experiment.output);
    String arff = Files.readString(results);
    assertTrue(arff.contains("weka.filters.unsupervised.attribute.PCA"), arff);
    Instances rows = new Instances(new java.io.StringReader(arff));
    double accuracy = rows.instance(0).value(rows.attribute("Percent_correct"));
    assertTrue(accuracy >= 90, "IBk on iris's principal components: " + accuracy + "%");
  }

  @Test
  @Order(6)
  void indexedDbscanRunsThroughWekaRunWithClassesToClusters() throws Exception {
    String iris = BundledData.file("iris.arff").getAbsolutePath();
    Result run = weka(wekaClasspath, "weka.Run", "weka.clusterers.IndexedDBSCAN", "-t", iris,
        "-c", "last", "-E", "0.1", "-M", "5");
    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("Core points:"), run.output);
    assertTrue(run.output.contains("Classes to Clusters"), run.output);
    assertTrue(run.output.contains("Unclustered instances"), run.output);

    // HOG of the digits inside the installed package: 3 x 3 blocks of 2 x 2 cells x 9 bins, and
    // its picture of the cells
    String digits = BundledData.file("digits8x8-test.arff").getAbsolutePath();
    String hogOut = work.resolve("digits-hog.arff").toString();
    Path hogPng = work.resolve("digits-hog.png");
    Result hog = weka(wekaClasspath, "weka.Run", ".HOG", "-cell-height", "2", "-cell-width", "2",
        "-block-height", "2", "-block-width", "2", "-i", digits, "-o", hogOut, "-c", "last",
        "-plot", hogPng.toString());
    assertEquals(0, hog.exitCode, hog.output);
    Instances features = new Instances(Files.newBufferedReader(Path.of(hogOut)));
    assertEquals(324 + 1, features.numAttributes());
    assertTrue(Files.size(hogPng) > 10_000, "the picture: " + hogPng);

    Result agreement = weka(wekaClasspath, "weka.Run", "weka.clusterers.ClusterAgreementEvaluation",
        "-t", iris, "-W", "weka.clusterers.IndexedDBSCAN", "--", "-E", "0.1", "-M", "5");
    assertEquals(0, agreement.exitCode, agreement.output);
    assertTrue(agreement.output.contains("Adjusted Rand index"), agreement.output);
  }

  /**
   * Smile's native ARPACK (the 1.5.7 ARPACK-NG the package carries, not the 1.5.10 build Smile asks
   * for) loads under Weka's package class loader and finds the path Laplacian's exact eigenvalues;
   * and the t-SNE filter embeds iris, draws its picture, and the clustering report has Smile's AMI.
   */
  @Test
  @Order(6)
  void smileNativesAndTsneRunThroughWekaRun() throws Exception {
    Result arpack = weka(wekaClasspath, "weka.Run", "fundamentos.weka.ArpackCheck", "200");
    assertEquals(0, arpack.exitCode, arpack.output);
    Matcher difference = Pattern.compile("largest difference (\\S+)").matcher(arpack.output);
    assertTrue(difference.find(), arpack.output);
    // ARPACK's own tolerance (machine precision, relative to each Ritz value's residual): the third
    // eigenvalue of 200 came within 8e-10 of the exact one
    assertTrue(Double.parseDouble(difference.group(1)) < 1e-8, arpack.output);
    assertFalse(arpack.output.contains("SLF4J"), arpack.output);
    // JavaCPP warns "Versions of org.bytedeco:javacpp:... and ...:arpack-ng:... do not match"
    assertFalse(arpack.output.contains("do not match"), arpack.output);

    String iris = BundledData.file("iris.arff").getAbsolutePath();
    String out = work.resolve("iris-tsne.arff").toString();
    Path png = work.resolve("iris-tsne.png");
    Result tsne = weka(wekaClasspath, "weka.Run", ".TSNE", "-i", iris, "-o", out, "-c", "last",
        "-plot", png.toString());
    assertEquals(0, tsne.exitCode, tsne.output);
    Instances embedded = new Instances(Files.newBufferedReader(Path.of(out)));
    assertEquals(150, embedded.numInstances());
    assertEquals(3, embedded.numAttributes());
    assertTrue(Files.size(png) > 10_000, "the picture: " + png);

    Result agreement = weka(wekaClasspath, "weka.Run", "weka.clusterers.ClusterAgreementEvaluation",
        "-t", iris, "-W", "weka.clusterers.SimpleKMeans", "--", "-N", "3");
    assertEquals(0, agreement.exitCode, agreement.output);
    assertTrue(agreement.output.contains("Adjusted mutual information"), agreement.output);
  }

  @Test
  @Order(7)
  void indexedDbscanRunsInTheExperimenter() throws Exception {
    String iris = BundledData.file("iris.arff").getAbsolutePath();
    Path results = work.resolve("results-dbscan.arff");
    Result experiment = weka(wekaClasspath, "weka.experiment.Experiment", "-r", "-T", iris,
        "-D", "weka.experiment.InstancesResultListener -O " + results,
        "-P", "weka.experiment.RandomSplitResultProducer", "--", "-P", "66",
        "-W", "weka.experiment.DensityBasedClustererSplitEvaluator", "--",
        "-W", "weka.clusterers.IndexedDBSCAN", "--", "-E", "0.1", "-M", "5");
    assertEquals(0, experiment.exitCode, experiment.output);
    assertFalse(experiment.output.contains("Exception"), experiment.output);
    Instances rows = new Instances(Files.newBufferedReader(results));
    assertEquals(10, rows.numInstances());
    assertTrue(rows.attribute("measureNumCorePoints") != null, rows.toString());
    assertTrue(Double.isFinite(rows.instance(0).value(rows.attribute("Log_likelihood"))));
  }

  @Test
  @Order(8)
  void umapFitsTrainingAndPlacesTestFilesThroughWekaRun() throws Exception {
    String train = BundledData.file("digits8x8-train.arff").getAbsolutePath();
    String test = BundledData.file("digits8x8-test.arff").getAbsolutePath();
    Path trainOut = work.resolve("train-umap.arff");
    Path testOut = work.resolve("test-umap.arff");
    Path png = work.resolve("digits-umap.png");
    Result filtered = weka(wekaClasspath, "weka.Run", "weka.filters.unsupervised.attribute.UMAP",
        "-S", "1", "-plot", png.toString(), "-output-debug-info", "-c", "last",
        "-b", "-i", train, "-o", trainOut.toString(), "-r", test, "-s", testOut.toString());
    assertEquals(0, filtered.exitCode, filtered.output);
    assertTrue(filtered.output.contains("Fuzzy graph"), filtered.output);
    Instances trainUmap = new Instances(Files.newBufferedReader(trainOut));
    Instances testUmap = new Instances(Files.newBufferedReader(testOut));
    assertEquals(3, trainUmap.numAttributes());
    assertTrue(trainUmap.equalHeaders(testUmap), trainUmap.equalHeadersMsg(testUmap));
    assertEquals(450, testUmap.numInstances());
    assertTrue(Files.size(png) > 1000, "scatter plot PNG");
  }

  @Test
  @Order(9)
  void umapRunsInsideFilteredClassifierInTheExperimenter() throws Exception {
    String iris = BundledData.file("iris.arff").getAbsolutePath();
    Path results = work.resolve("results-umap.arff");
    Result experiment = weka(wekaClasspath, "weka.experiment.Experiment", "-r", "-T", iris,
        "-D", "weka.experiment.InstancesResultListener -O " + results,
        "-P", "weka.experiment.RandomSplitResultProducer", "--", "-P", "66",
        "-W", "weka.experiment.ClassifierSplitEvaluator", "--",
        "-W", "weka.classifiers.meta.FilteredClassifier", "--",
        "-F", "weka.filters.unsupervised.attribute.UMAP -N 2 -S 1", "-W", "weka.classifiers.lazy.IBk");
    assertEquals(0, experiment.exitCode, experiment.output);
    String arff = Files.readString(results);
    assertTrue(arff.contains("weka.filters.unsupervised.attribute.UMAP"), arff);
    Instances rows = new Instances(new java.io.StringReader(arff));
    double accuracy = rows.instance(0).value(rows.attribute("Percent_correct"));
    // one 66/34 split of 150 instances: one test instance is 2 points. Over ten random splits this
    // pipeline averages 93% (umap-learn + 1-NN: 94.5%); the accuracy floors that matter are the
    // digits tests (>= 95%). Here: it runs in the Experimenter and learns something real.
    assertTrue(accuracy >= 80, "IBk on iris's UMAP embedding: " + accuracy + "%");
  }

  @Test
  @Order(10)
  void cnnTrainsSavesAndLoadsThroughWekaRun() throws Exception {
    String train = BundledData.file("digits8x8-train.arff").getAbsolutePath();
    String test = BundledData.file("digits8x8-test.arff").getAbsolutePath();
    String model = work.resolve("cnn.model").toString();
    Path curve = work.resolve("cnn-curve.png");
    Result trained = weka(wekaClasspath, "weka.Run", ".CNN", "-t", train, "-T", test, "-d", model,
        "-curve", curve.toString());
    assertEquals(0, trained.exitCode, trained.output);
    double accuracy = testAccuracy(trained.output);
    assertTrue(accuracy >= 97, "the course's convnet on the digits: " + accuracy + "\n" + trained.output);
    assertTrue(trained.output.contains("CNN: epoch 10/10"), "progress lines\n" + trained.output);
    assertTrue(trained.output.contains("Total trainable parameters"), trained.output);
    assertTrue(Files.size(curve) > 1000, "training curve PNG");
    for (String chatter : new String[] {"org.nd4j", "Loaded [", "Backend used", "SLF4J"}) {
      assertFalse(trained.output.contains(chatter), "ND4J output leaked: " + chatter + "\n" + trained.output);
    }
    Result loaded = weka(wekaClasspath, "weka.Run", ".CNN", "-l", model, "-T", test);
    assertEquals(0, loaded.exitCode, loaded.output);
    assertEquals(accuracy, testAccuracy(loaded.output), 0.0, loaded.output);

    // a network with the package's own DL4J layer (layer normalisation) restores inside Weka's
    // package class loader too
    String small = work.resolve("cnn-layernorm.model").toString();
    Result norm = weka(wekaClasspath, "weka.Run", ".CNN", "-t", train, "-T", test, "-d", small,
        "-epochs", "3", "-quiet",
        "-layer", "weka.classifiers.functions.layers.ConvolutionLayer -filters 8",
        "-layer", "weka.classifiers.functions.layers.LayerNormLayer",
        "-layer", "weka.classifiers.functions.layers.GlobalPoolingLayer");
    assertEquals(0, norm.exitCode, norm.output);
    assertTrue(norm.output.contains("layer normalisation"), norm.output);
    Result normLoaded = weka(wekaClasspath, "weka.Run", ".CNN", "-l", small, "-T", test);
    assertEquals(0, normLoaded.exitCode, normLoaded.output);
    assertEquals(testAccuracy(norm.output), testAccuracy(normLoaded.output), 0.0, normLoaded.output);
  }

  @Test
  @Order(11)
  void idxFilesOpenWithTheIdxLoaderAndCnnRunsInTheExperimenter() throws Exception {
    Result converted = weka(wekaClasspath, "weka.Run", "weka.core.converters.IDXLoader",
        Path.of("src/data/idx/gz/t10k-images-idx3-ubyte.gz").toAbsolutePath().toString());
    assertEquals(0, converted.exitCode, converted.output);
    Instances images = new Instances(new java.io.StringReader(
        converted.output.substring(converted.output.indexOf("@relation"))));
    assertEquals(20, images.numInstances());
    assertEquals(785, images.numAttributes());

    String iris = BundledData.file("iris.arff").getAbsolutePath();
    Path results = work.resolve("results-cnn.arff");
    Result experiment = weka(wekaClasspath, "weka.experiment.Experiment", "-r", "-T", iris,
        "-D", "weka.experiment.InstancesResultListener -O " + results,
        "-P", "weka.experiment.RandomSplitResultProducer", "--", "-P", "66",
        "-W", "weka.experiment.ClassifierSplitEvaluator", "--",
        "-W", "weka.classifiers.functions.CNN", "--", "-quiet", "-epochs", "100",
        "-layer", "weka.classifiers.functions.layers.DenseLayer -units 16",
        "-optimizer", "weka.classifiers.functions.optimizers.Adam -lr 0.01");
    assertEquals(0, experiment.exitCode, experiment.output);
    String arff = Files.readString(results);
    Instances rows = new Instances(new java.io.StringReader(arff));
    assertTrue(rows.instance(0).value(rows.attribute("Percent_correct")) >= 85, arff);
    assertTrue(arff.contains("@attribute measureNumParameters numeric"), arff);
  }

  @Test
  @Order(12)
  void transformerTrainsDrawsAttentionSavesAndLoadsAndRunsInTheExperimenter() throws Exception {
    String train = BundledData.file("digits8x8-train.arff").getAbsolutePath();
    String test = BundledData.file("digits8x8-test.arff").getAbsolutePath();
    String model = work.resolve("vit.model").toString();
    Path maps = work.resolve("attention.png");
    // a small ViT of 4x4 patches; the package's SameDiff layers restore inside Weka's package
    // class loader
    Result trained = weka(wekaClasspath, "weka.Run", ".Transformer", "-t", train, "-T", test,
        "-d", model, "-tokens", "patches", "-patch", "4", "-d-model", "32", "-blocks", "1",
        "-epochs", "5", "-attention-map", maps.toString(), "-attention-instance", "3");
    assertEquals(0, trained.exitCode, trained.output);
    assertTrue(trained.output.contains("Transformer: epoch 5/5"), "progress lines\n" + trained.output);
    assertTrue(trained.output.contains("encoder block 1"), trained.output);
    assertTrue(Files.size(maps) > 1000, "attention map PNG");
    double accuracy = testAccuracy(trained.output);
    assertTrue(accuracy >= 70, "a 5-epoch ViT on the digits: " + accuracy + "\n" + trained.output);
    Result loaded = weka(wekaClasspath, "weka.Run", ".Transformer", "-l", model, "-T", test);
    assertEquals(0, loaded.exitCode, loaded.output);
    assertEquals(accuracy, testAccuracy(loaded.output), 0.0, loaded.output);

    String iris = BundledData.file("iris.arff").getAbsolutePath();
    Path results = work.resolve("transformer-results.arff");
    Result experiment = weka(wekaClasspath, "weka.experiment.Experiment", "-r", "-T", iris,
        "-D", "weka.experiment.InstancesResultListener -O " + results,
        "-P", "weka.experiment.RandomSplitResultProducer", "--", "-P", "66",
        "-W", "weka.experiment.ClassifierSplitEvaluator", "--",
        "-W", "weka.classifiers.functions.Transformer", "--", "-quiet", "-epochs", "40",
        "-d-model", "16", "-heads", "2", "-blocks", "1",
        "-optimizer", "weka.classifiers.functions.optimizers.Adam -lr 0.003");
    assertEquals(0, experiment.exitCode, experiment.output);
    Instances rows = new Instances(new java.io.StringReader(Files.readString(results)));
    assertTrue(rows.instance(0).value(rows.attribute("Percent_correct")) >= 85,
        Files.readString(results));
  }

  private static double testAccuracy(String output) {
    Matcher m = Pattern.compile("=== Error on test data ===\\s+Correctly Classified Instances\\s+\\d+\\s+([\\d.]+)\\s+%")
        .matcher(output);
    assertTrue(m.find(), "no test accuracy in:\n" + output);
    return Double.parseDouble(m.group(1));
  }

  private record Result(int exitCode, String output) {
  }

  /** Runs a Weka main class in a fresh JVM with the temporary Weka home, as a user's shell would. */
  private static Result weka(String classpath, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    command.add("-Djava.awt.headless=true");
    command.add("-Dweka.packageManager.offline=true");
    // Weka 3.8.6's package class loader reflects into the JDK's jar handler on Java 17
    command.add("--add-opens=java.base/sun.net.www.protocol.jar=ALL-UNNAMED");
    command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("WEKA_HOME", wekaHome.toString());
    Path log = Files.createTempFile(work, "weka", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
