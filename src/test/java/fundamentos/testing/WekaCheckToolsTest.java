package fundamentos.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.CheckClassifier;
import weka.clusterers.CheckClusterer;
import weka.core.Utils;

/**
 * Weka's CheckClassifier and CheckClusterer, run as a user runs them, read the way a user reads
 * them: every line that ends in "...no" without "(OK error message)" is a failed check. Weka's
 * Abstract*Test bases only print some of these failures (the instance-weights check among them),
 * so they are asserted here. The capability lines ("updateable classifier...no") state what a
 * scheme does not declare and are not failures.
 */
class WekaCheckToolsTest {

  private static final List<String> STATEMENTS = List.of("updateable classifier...no",
      "multi-instance classifier...no", "multi-instance clusterer...no", "updateable clusterer...no");

  /** What a check tool prints. */
  private static String output(Runnable check) {
    PrintStream out = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      check.run();
    } finally {
      System.setOut(out);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /** Whether the tool's weights check ran and passed ("... uses instance weights (...)...yes"). */
  private static boolean usesWeights(String output) {
    for (String line : output.split("\n")) {
      if (line.contains("uses instance weights") && line.trim().endsWith("...yes")) {
        return true;
      }
    }
    return false;
  }

  /** The lines of failed checks. */
  private static List<String> failedChecks(String output) {
    assertTrue(output.contains("..."), "no check ran");
    List<String> failed = new ArrayList<>();
    for (String line : output.split("\n")) {
      String l = line.trim();
      if (l.endsWith("...no") && !STATEMENTS.contains(l)) {
        failed.add(l);
      }
    }
    return failed;
  }

  @ParameterizedTest
  @ValueSource(strings = {"weka.classifiers.functions.SoftmaxRegression",
      "weka.classifiers.functions.CNN -quiet -epochs 5 -num-threads 1"
          + " -layer \"weka.classifiers.functions.layers.DenseLayer -units 8\"",
      "weka.classifiers.functions.Transformer -quiet -epochs 3"})
  void checkClassifierPassesEveryCheck(String scheme) throws Exception {
    String[] spec = Utils.splitOptions(scheme);
    CheckClassifier tester = new CheckClassifier();
    tester.setOptions(new String[] {"-W", spec[0]});
    String[] options = Arrays.copyOfRange(spec, 1, spec.length);
    ((weka.core.OptionHandler) tester.getClassifier()).setOptions(options);
    String output = output(tester::doTests);
    assertEquals(List.of(), failedChecks(output), scheme);
    // the weights check ran and passed: a weighted training set changes the model
    assertTrue(usesWeights(output), scheme + ":\n" + output);
  }

  @ParameterizedTest
  // the defaults too: epsilon then comes from the k-distance knee of each check's data
  @ValueSource(strings = {"weka.clusterers.IndexedDBSCAN -E 0.3 -M 3", "weka.clusterers.IndexedDBSCAN"})
  void checkClustererPassesEveryCheck(String scheme) throws Exception {
    String[] spec = Utils.splitOptions(scheme);
    CheckClusterer tester = new CheckClusterer();
    tester.setOptions(new String[] {"-W", spec[0]});
    ((weka.core.OptionHandler) tester.getClusterer()).setOptions(Arrays.copyOfRange(spec, 1, spec.length));
    String output = output(tester::doTests);
    assertEquals(List.of(), failedChecks(output), scheme);
    assertTrue(usesWeights(output), scheme + ":\n" + output);
  }
}
