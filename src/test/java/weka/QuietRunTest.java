package weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "Quiet runs": weka.Run with each scheme on small data, in a fresh JVM on the package's class
 * path, prints no WARNING or INFO line of java.util.logging, slf4j, netlib, ND4J, DL4J or JavaCPP.
 * The only such lines of a plain run are Weka's own: WekaPackageManager's static initialiser
 * (injectMTJCoreClasses) loads netlib's ARPACK, which logs two WARNING lines before any package
 * code runs; the README gives the JVM option that silences them, and these runs use it.
 */
class QuietRunTest {

  /** netlib's own choice of ARPACK, made directly: the pure-Java one it falls back to anyway. */
  static final String QUIET_ARPACK =
      "-Dcom.github.fommil.netlib.ARPACK=com.github.fommil.netlib.F2jARPACK";

  @TempDir
  static Path dir;

  private static String iris() {
    return BundledData.file("iris.arff").getAbsolutePath();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "weka.classifiers.functions.SoftmaxRegression -epochs 5 -x 2",
      "weka.classifiers.functions.CNN -epochs 1 -no-cv",
      "weka.classifiers.functions.Transformer -epochs 1 -no-cv",
      "weka.clusterers.IndexedDBSCAN",
      "weka.filters.unsupervised.attribute.PCA",
      "weka.filters.unsupervised.attribute.UMAP",
      "weka.filters.unsupervised.attribute.TSNE",
      // iris's four attributes as a 2 x 2 image
      "weka.filters.unsupervised.attribute.HOG -cell-height 1 -cell-width 1 -block-height 2 "
          + "-block-width 2"})
  void aRunPrintsNoLoggingLines(String scheme) throws Exception {
    List<String> args = new ArrayList<>(Arrays.asList(scheme.split(" ")));
    if (scheme.contains(".filters.")) {
      args.addAll(List.of("-i", iris(), "-o", dir.resolve("filtered.arff").toString(), "-c", "last"));
    } else {
      args.addAll(List.of("-t", iris()));
    }
    Run run = weka(true, args);
    assertEquals(0, run.exitCode, run.output);
    assertEquals(List.of(), loggingLines(run.output), run.output);
  }

  /** The perceptron takes two classes: the AND table. */
  @Test
  void thePerceptronPrintsNoLoggingLines() throws Exception {
    Run run = weka(true, List.of("weka.classifiers.functions.Perceptron", "-epochs", "5", "-x", "2",
        "-t", BundledData.file("and.arff").getAbsolutePath()));
    assertEquals(0, run.exitCode, run.output);
    assertEquals(List.of(), loggingLines(run.output), run.output);
  }

  /** NetworkFeatures reads a saved network: both the CNN that saves it and the filter run quiet. */
  @Test
  void networkFeaturesOfASavedNetworkPrintsNoLoggingLines() throws Exception {
    String model = dir.resolve("network.model").toString();
    Run train = weka(true, List.of("weka.classifiers.functions.CNN", "-epochs", "1", "-no-cv",
        "-t", iris(), "-d", model));
    assertEquals(0, train.exitCode, train.output);
    Run features = weka(true, List.of("weka.filters.unsupervised.attribute.NetworkFeatures",
        "-model", model, "-i", iris(), "-o", dir.resolve("features.arff").toString(), "-c", "last"));
    assertEquals(0, features.exitCode, features.output);
    assertEquals(List.of(), loggingLines(train.output + features.output), features.output);
    assertTrue(Files.readString(dir.resolve("features.arff")).contains("@data"), features.output);
  }

  /** Without the option, the two lines are netlib's, printed by Weka's start before the package's code. */
  @Test
  void withoutTheOptionOnlyWekasArpackLinesAppear() throws Exception {
    Run run = weka(false, List.of("weka.clusterers.IndexedDBSCAN", "-t", iris()));
    assertEquals(0, run.exitCode, run.output);
    List<String> lines = loggingLines(run.output);
    assertTrue(lines.stream().allMatch(line -> line.contains("com.github.fommil.netlib.ARPACK")
        || line.startsWith("WARNING: Failed to load implementation from: com.github.fommil.netlib.Native")),
        String.join("\n", lines));
  }

  /** Lines that come from a logging framework or name the libraries' loggers. */
  private static List<String> loggingLines(String output) {
    return output.lines().filter(line -> line.startsWith("WARNING") || line.startsWith("INFO")
        || line.startsWith("SEVERE") || line.startsWith("WARN ") || line.startsWith("SLF4J")
        || line.matches(".*\\b(INFO|WARN|WARNING)\\b.*\\b(org\\.nd4j|org\\.deeplearning4j|org\\.bytedeco)\\b.*")
        || line.contains("com.github.fommil")).collect(Collectors.toList());
  }

  private record Run(int exitCode, String output) {
  }

  private static Run weka(boolean quietArpack, List<String> args) throws Exception {
    String classpath = Arrays.stream(System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")).split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty() && !entry.endsWith(".pom"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-Djava.awt.headless=true");
    command.add("-Dweka.packageManager.offline=true");
    command.add("-Dfundamentos.threads=1");
    if (quietArpack) {
      command.add(QUIET_ARPACK);
    }
    command.add("-cp");
    command.add(classpath);
    command.add("weka.Run");
    command.addAll(args);
    Path log = Files.createTempFile(dir, "run", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("WEKA_HOME", dir.resolve("wekahome").toString());
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
