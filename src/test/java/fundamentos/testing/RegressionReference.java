package fundamentos.testing;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import junit.framework.AssertionFailedError;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.test.Regression;

/**
 * Guards Weka's golden-master regression test so that only a person changes a reference.
 *
 * <p>Weka's {@code Regression.diff()} writes a missing reference file and passes. The build points
 * Weka's reference root ({@code weka.test.Regression.root}) at the copy of
 * {@code src/test/resources/wekarefs} under {@code target/test-classes}, so nothing is ever written
 * into the source tree, and every conformance test runs its {@code testRegression} through
 * {@link #check}: a missing reference fails, and a different one fails with the reference named and
 * the one command that regenerates the references on purpose ({@value #REGENERATE}), which sets
 * {@value #REGENERATE_PROPERTY} and points the root at the source tree.
 */
public final class RegressionReference {

  /** The one command that rewrites the references in src/test/resources/wekarefs. */
  public static final String REGENERATE = "mvn -B test -DregenerateReferences";

  /** Set (to true) by the regenerate-references profile of the pom. */
  public static final String REGENERATE_PROPERTY = "fundamentos.regenerateReferences";

  /** A test body that may throw. */
  @FunctionalInterface
  public interface RegressionTest {
    void run() throws Exception;
  }

  private RegressionReference() {
  }

  /** The committed reference of a conformance test class, in the source tree. */
  public static File source(Class<?> test) {
    return new File(System.getProperty("fundamentos.wekarefs.source", "src/test/resources/wekarefs"),
        relative(test));
  }

  /** The reference Weka's Regression reads in this run. */
  public static File inUse(Class<?> test) {
    return new File(Regression.getRoot(), relative(test));
  }

  private static String relative(Class<?> test) {
    return test.getName().replace('.', File.separatorChar) + ".ref";
  }

  /** Whether this run rewrites the references (the regenerate-references profile). */
  public static boolean regenerating() {
    return Boolean.getBoolean(REGENERATE_PROPERTY);
  }

  /**
   * Runs Weka's regression test of {@code test}: in a normal run it must find the committed
   * reference and match it; when regenerating, the reference is deleted first so Weka writes it.
   */
  public static void check(Class<?> test, RegressionTest weka) {
    File reference = inUse(test);
    if (regenerating()) {
      if (reference.exists() && !reference.delete()) {
        throw new AssertionFailedError("cannot delete " + reference + " to regenerate it");
      }
      run(weka);
      return;
    }
    if (!reference.isFile()) {
      throw new AssertionFailedError("missing regression reference " + source(test)
          + " (looked for " + reference + "). References are written only on purpose: run `"
          + REGENERATE + " -Dtest=" + test.getSimpleName() + "`, review the file and commit it.");
    }
    try {
      run(weka);
    } catch (AssertionFailedError difference) {
      AssertionFailedError named = new AssertionFailedError("the output differs from the regression reference "
          + source(test) + ". If the change of behaviour is intended, regenerate it on purpose with `"
          + REGENERATE + " -Dtest=" + test.getSimpleName()
          + "`, review `git diff` of the file and commit it with the change.\n" + difference.getMessage());
      named.setStackTrace(difference.getStackTrace());
      throw named;
    }
  }

  private static void run(RegressionTest weka) {
    try {
      weka.run();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Weka's regression test failed to run: " + e, e);
    }
  }

  /**
   * Nominal predictions with their class probabilities rounded to {@code decimals} places, for a
   * reference that the last bits of native sums (BLAS kernels chosen by processor, single
   * precision) must not change.
   */
  public static ArrayList<Prediction> rounded(List<Prediction> predictions, int decimals) {
    double scale = Math.pow(10, decimals);
    ArrayList<Prediction> rounded = new ArrayList<>();
    for (Prediction prediction : predictions) {
      NominalPrediction nominal = (NominalPrediction) prediction;
      double[] distribution = nominal.distribution().clone();
      for (int i = 0; i < distribution.length; i++) {
        distribution[i] = Math.round(distribution[i] * scale) / scale;
      }
      rounded.add(new NominalPrediction(nominal.actual(), distribution, nominal.weight()));
    }
    return rounded;
  }
}
