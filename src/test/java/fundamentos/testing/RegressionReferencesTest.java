package fundamentos.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import weka.classifiers.AbstractClassifierTest;
import weka.clusterers.AbstractClustererTest;
import weka.filters.AbstractFilterTest;
import weka.test.Regression;

/**
 * Weka's Abstract*Test bases write a missing regression reference and pass: on a clean clone that
 * would hide a change of behaviour, and with the root in the source tree a test run would rewrite
 * it. These checks keep the references something only a person changes.
 */
class RegressionReferencesTest {

  private static final Path SOURCE_ROOT = Path.of(
      System.getProperty("fundamentos.wekarefs.source", "src/test/resources/wekarefs"));

  /** Every test class of this project that extends one of Weka's conformance bases. */
  private static List<Class<?>> conformanceTests() throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes = Path.of(RegressionReferencesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> tests = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith("Test.class"))::iterator) {
        String name = classes.relativize(file).toString().replace(File.separatorChar, '.');
        Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()));
        if (AbstractClassifierTest.class.isAssignableFrom(type) || AbstractClustererTest.class.isAssignableFrom(type)
            || AbstractFilterTest.class.isAssignableFrom(type)) {
          tests.add(type);
        }
      }
    }
    return tests;
  }

  @Test
  void everyConformanceTestHasACommittedReference() throws Exception {
    List<Class<?>> tests = conformanceTests();
    assertEquals(10, tests.size(), "conformance tests found: " + tests);
    for (Class<?> test : tests) {
      File reference = RegressionReference.source(test);
      assertTrue(reference.isFile(), "missing regression reference " + reference + ": run `"
          + RegressionReference.REGENERATE + " -Dtest=" + test.getSimpleName() + "`, check the file and commit it");
    }
  }

  /** A conformance test whose testRegression is Weka's own would write a missing reference and pass. */
  @Test
  void everyConformanceTestGuardsItsRegressionTest() throws Exception {
    for (Class<?> test : conformanceTests()) {
      assertEquals(test, test.getMethod("testRegression").getDeclaringClass(),
          test.getName() + " must override testRegression with RegressionReference.check");
    }
  }

  /** A reference left behind by a renamed or deleted test is a golden master nobody reads. */
  @Test
  void noReferenceWithoutItsTest() throws Exception {
    Set<String> expected = new TreeSet<>();
    for (Class<?> test : conformanceTests()) {
      expected.add(SOURCE_ROOT.relativize(RegressionReference.source(test).toPath()).toString());
    }
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCE_ROOT)) {
      files.filter(Files::isRegularFile).forEach(f -> found.add(SOURCE_ROOT.relativize(f).toString()));
    }
    assertEquals(expected, found);
  }

  /** Outside the profile that regenerates them on purpose, Weka reads a copy, never the source tree. */
  @Test
  void wekaNeverReadsOrWritesTheSourceTree() throws IOException {
    if (RegressionReference.regenerating()) {
      return;
    }
    Path root = Regression.getRoot().toPath().toRealPath();
    assertFalse(root.startsWith(SOURCE_ROOT.toRealPath()), "weka.test.Regression.root is " + root);
    assertTrue(root.toString().contains("target"), "weka.test.Regression.root is " + root);
  }
}
