package fundamentos.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.linalg.RowSource;
import fundamentos.testing.BundledData;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

/** The PCA engine against an independent eigendecomposition, and the identities of Eqs. 5.9-5.11. */
class PrincipalComponentAnalysisTest {

  private static double[][] iris;
  private static double[][] digits;

  @BeforeAll
  static void load() throws Exception {
    iris = numericColumns(BundledData.load("iris.arff"));
    digits = numericColumns(BundledData.load("digits8x8-train.arff"));
  }

  /** The attributes other than the class, as rows (the test reads ARFF with Weka; the engine does not). */
  private static double[][] numericColumns(Instances data) {
    double[][] rows = new double[data.numInstances()][data.numAttributes() - 1];
    for (int i = 0; i < rows.length; i++) {
      for (int a = 0, c = 0; a < data.numAttributes(); a++) {
        if (a != data.classIndex()) {
          rows[i][c++] = data.instance(i).value(a);
        }
      }
    }
    return rows;
  }

  private static PcaModel fit(double[][] x, PcaSolver solver, int k) {
    return new PrincipalComponentAnalysis().solver(solver).varianceCovered(1.0).maxComponents(k)
        .fit(RowSource.of(x), null);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void assertRelative(double expected, double actual, double tolerance, String what) {
    double scale = Math.max(Math.abs(expected), 1e-12);
    assertTrue(Math.abs(expected - actual) <= tolerance * scale,
        what + ": expected " + expected + " but was " + actual);
  }

  /** Eigenvalues and axes of every exact solver equal the reference's (axes up to sign). */
  private static void assertMatchesReference(double[][] x, PcaSolver solver, int k, double tolerance) {
    JacobiReference reference = JacobiReference.ofCovariance(x);
    PcaModel model = fit(x, solver, k);
    assertEquals(k, model.numComponents());
    for (int i = 0; i < k; i++) {
      assertRelative(reference.eigenvalues[i], model.eigenvalues()[i], tolerance,
          solver + " eigenvalue " + (i + 1));
      double cosine = Math.abs(dot(reference.eigenvectors[i], model.axis(i)));
      assertEquals(1.0, cosine, tolerance, solver + " axis " + (i + 1));
    }
    // projections (Eq. 5.9) equal the reference's up to the sign of each axis
    double[][] scores = model.transform(RowSource.of(x), PcaModel.Output.SCORES, false, 0);
    double[] mean = model.mean();
    for (int r = 0; r < x.length; r += 37) {
      for (int i = 0; i < k; i++) {
        double[] axis = reference.eigenvectors[i];
        double sign = Math.signum(dot(axis, model.axis(i)));
        double expected = 0;
        for (int j = 0; j < axis.length; j++) {
          expected += axis[j] * (x[r][j] - mean[j]);
        }
        assertEquals(sign * expected, scores[r][i],
            1e-6 * Math.sqrt(reference.eigenvalues[0]), "score of row " + r + " on axis " + i);
      }
    }
  }

  @Test
  void covarianceSolverMatchesReferenceOnIris() {
    assertMatchesReference(iris, PcaSolver.COVARIANCE, 4, 1e-9);
  }

  @Test
  void everySolverMatchesReferenceOnDigits() {
    // the digits have constant pixels (eigenvalue 0) and well separated leading eigenvalues
    assertMatchesReference(digits, PcaSolver.COVARIANCE, 20, 1e-6);
    assertMatchesReference(digits, PcaSolver.FULL_SVD, 20, 1e-6);
  }

  @Test
  void randomizedAgreesWithExactOnLeadingComponents() {
    PcaModel exact = fit(digits, PcaSolver.COVARIANCE, 10);
    PcaModel randomized = fit(digits, PcaSolver.RANDOMIZED, 10);
    assertEquals(PcaSolver.RANDOMIZED, randomized.solver());
    for (int i = 0; i < 10; i++) {
      // 4 power iterations (scikit-learn's choice here) on a slowly decaying spectrum
      assertRelative(exact.eigenvalues()[i], randomized.eigenvalues()[i], 1e-4,
          "randomized eigenvalue " + (i + 1));
      // identical signs too: both follow the largest-loading-positive rule
      assertEquals(1.0, dot(exact.axis(i), randomized.axis(i)), 1e-3, "axis " + (i + 1));
    }
  }

  @Test
  void reconstructionWithAllComponentsReturnsTheInput() {
    for (PcaSolver solver : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.FULL_SVD}) {
      PcaModel model = fit(digits, solver, 64);
      double[][] rebuilt = model.transform(RowSource.of(digits), PcaModel.Output.RECONSTRUCTION,
          true, 0);
      for (int r = 0; r < digits.length; r++) {
        for (int j = 0; j < 64; j++) {
          assertEquals(digits[r][j], rebuilt[r][j], 1e-9, solver + " row " + r + " pixel " + j);
        }
        assertEquals(0.0, rebuilt[r][64], 1e-12, "error with all components");
      }
    }
  }

  @Test
  void reconstructionErrorEqualsTheDiscardedEigenvalues() {
    // Eq. 5.11: sum_i ||x_i - x_hat_i||^2 / (n - 1) = sum of the eigenvalues not kept
    JacobiReference reference = JacobiReference.ofCovariance(digits);
    for (int k : new int[] {1, 5, 20}) {
      PcaModel model = fit(digits, PcaSolver.COVARIANCE, k);
      double[][] scores = model.transform(RowSource.of(digits), PcaModel.Output.SCORES, true, 0);
      double error = 0;
      for (double[] row : scores) {
        error += row[k];
      }
      error /= digits.length - 1;
      double discarded = 0;
      for (int i = k; i < 64; i++) {
        discarded += reference.eigenvalues[i];
      }
      assertRelative(discarded, error, 1e-8, "reconstruction error with k=" + k);
      assertRelative(discarded, model.discardedVariance(), 1e-8, "discarded variance with k=" + k);
    }
  }

  @Test
  void varianceFractionKeepsTheFewestComponentsThatReachIt() {
    JacobiReference reference = JacobiReference.ofCovariance(digits);
    double total = 0;
    for (double v : reference.eigenvalues) {
      total += v;
    }
    double cumulative = 0;
    int expected = 0;
    while (cumulative / total < 0.95) {
      cumulative += reference.eigenvalues[expected++];
    }
    for (PcaSolver solver : PcaSolver.values()) {
      PcaModel model = new PrincipalComponentAnalysis().solver(solver).fit(RowSource.of(digits),
          null);
      assertEquals(expected, model.numComponents(), solver.toString());
    }
    PcaModel capped = new PrincipalComponentAnalysis().maxComponents(5).fit(RowSource.of(digits),
        null);
    assertEquals(5, capped.numComponents());
  }

  @Test
  void correlationPcaStandardisesColumns() {
    PcaModel model = new PrincipalComponentAnalysis().standardise(true).varianceCovered(1.0)
        .fit(RowSource.of(iris), null);
    // trace of a correlation matrix = number of columns
    assertEquals(4.0, model.totalVariance(), 1e-12);
    double[][] z = new double[iris.length][4];
    double[] mean = model.mean();
    double[] scale = model.scale();
    for (int r = 0; r < iris.length; r++) {
      for (int j = 0; j < 4; j++) {
        z[r][j] = (iris[r][j] - mean[j]) / scale[j];
      }
    }
    JacobiReference reference = JacobiReference.ofCovariance(z);
    for (int i = 0; i < 4; i++) {
      assertRelative(reference.eigenvalues[i], model.eigenvalues()[i], 1e-9, "eigenvalue " + i);
    }
  }

  @Test
  void integerWeightsEqualRepeatedRows() {
    Random random = new Random(3);
    double[] weights = new double[iris.length];
    java.util.List<double[]> repeated = new java.util.ArrayList<>();
    for (int r = 0; r < iris.length; r++) {
      weights[r] = 1 + random.nextInt(3);
      for (int c = 0; c < weights[r]; c++) {
        repeated.add(iris[r]);
      }
    }
    PcaModel weighted = new PrincipalComponentAnalysis().varianceCovered(1.0)
        .fit(RowSource.of(iris), weights);
    PcaModel expanded = new PrincipalComponentAnalysis().varianceCovered(1.0)
        .fit(RowSource.of(repeated.toArray(new double[0][])), null);
    for (int i = 0; i < 4; i++) {
      assertRelative(expanded.eigenvalues()[i], weighted.eigenvalues()[i], 1e-10, "eigenvalue " + i);
      assertEquals(1.0, dot(expanded.axis(i), weighted.axis(i)), 1e-9);
    }
  }

  @Test
  void whitenedScoresHaveUnitVariance() {
    PcaModel model = new PrincipalComponentAnalysis().whiten(true).varianceCovered(1).maxComponents(3)
        .fit(RowSource.of(iris), null);
    double[][] scores = model.transform(RowSource.of(iris), PcaModel.Output.SCORES, false, 0);
    for (int i = 0; i < 3; i++) {
      double sum = 0;
      double squares = 0;
      for (double[] row : scores) {
        sum += row[i];
        squares += row[i] * row[i];
      }
      assertEquals(0.0, sum / iris.length, 1e-10);
      assertEquals(1.0, squares / (iris.length - 1), 1e-10);
    }
  }

  @Test
  void fewerRowsThanColumnsUsesTheFullSvd() {
    double[][] few = java.util.Arrays.copyOf(digits, 10);
    PcaModel model = new PrincipalComponentAnalysis().varianceCovered(1.0).fit(RowSource.of(few),
        null);
    assertEquals(PcaSolver.FULL_SVD, model.solver());
    assertEquals(10, model.numComponents());
    JacobiReference reference = JacobiReference.ofCovariance(few);
    for (int i = 0; i < 9; i++) {
      assertRelative(reference.eigenvalues[i], model.eigenvalues()[i], 1e-8, "eigenvalue " + i);
    }
    // centred rows span at most n - 1 dimensions
    assertEquals(0.0, model.eigenvalues()[9], 1e-9 * model.eigenvalues()[0]);
  }

  @Test
  void constantDataKeepsOneComponentOfZeros() {
    double[][] constant = new double[20][5];
    for (double[] row : constant) {
      java.util.Arrays.fill(row, 3.5);
    }
    for (boolean standardise : new boolean[] {false, true}) {
      PcaModel model = new PrincipalComponentAnalysis().standardise(standardise)
          .fit(RowSource.of(constant), null);
      assertEquals(1, model.numComponents());
      assertEquals(0.0, model.totalVariance());
      double[][] scores = model.transform(RowSource.of(constant), PcaModel.Output.SCORES, false, 0);
      for (double[] row : scores) {
        assertEquals(0.0, row[0]);
      }
    }
  }

  @Test
  void onePassCovarianceIsAccurateFarFromTheOrigin() {
    // values around 1e6 with unit-scale variation, the first row (the default shift) an outlier:
    // the shifted one-pass covariance must match the textbook two-pass computation
    Random random = new Random(5);
    double[][] far = new double[500][6];
    for (double[] row : far) {
      for (int j = 0; j < row.length; j++) {
        row[j] = 1e6 + (j + 1) * random.nextGaussian();
      }
    }
    far[0][2] += 50;
    JacobiReference reference = JacobiReference.ofCovariance(far);
    for (double[] hint : new double[][] {null, new double[] {1e6, 1e6, 1e6, 1e6, 1e6, 1e6}}) {
      PcaModel model = new PrincipalComponentAnalysis().solver(PcaSolver.COVARIANCE)
          .varianceCovered(1.0).fit(RowSource.of(far), null, hint);
      for (int i = 0; i < 6; i++) {
        assertRelative(reference.eigenvalues[i], model.eigenvalues()[i], 1e-8, "eigenvalue " + i);
      }
    }
  }

  @Test
  void correlationFromTheOnePassCovarianceEqualsTheTwoPassOne() {
    PcaModel onePass = new PrincipalComponentAnalysis().standardise(true).varianceCovered(1.0)
        .solver(PcaSolver.COVARIANCE).fit(RowSource.of(digits), null);
    PcaModel twoPass = new PrincipalComponentAnalysis().standardise(true).varianceCovered(1.0)
        .solver(PcaSolver.FULL_SVD).fit(RowSource.of(digits), null);
    assertEquals(twoPass.numComponents(), onePass.numComponents());
    assertEquals(twoPass.totalVariance(), onePass.totalVariance(), 1e-9);
    for (int i = 0; i < 10; i++) {
      assertRelative(twoPass.eigenvalues()[i], onePass.eigenvalues()[i], 1e-9, "eigenvalue " + i);
    }
    for (int j = 0; j < 64; j++) {
      assertEquals(twoPass.scale()[j], onePass.scale()[j], 1e-9 * twoPass.scale()[j]);
    }
  }

  @Test
  void seedMakesTheRandomizedSolverReproducible() {
    PcaModel first = new PrincipalComponentAnalysis().solver(PcaSolver.RANDOMIZED).seed(7)
        .powerIterations(0).maxComponents(5).fit(RowSource.of(digits), null);
    PcaModel again = new PrincipalComponentAnalysis().solver(PcaSolver.RANDOMIZED).seed(7)
        .powerIterations(0).maxComponents(5).fit(RowSource.of(digits), null);
    PcaModel other = new PrincipalComponentAnalysis().solver(PcaSolver.RANDOMIZED).seed(8)
        .powerIterations(0).maxComponents(5).fit(RowSource.of(digits), null);
    boolean differs = false;
    for (int i = 0; i < 5; i++) {
      assertEquals(first.eigenvalues()[i], again.eigenvalues()[i]);
      // without power iterations the estimate depends on the random start: the seed is used
      differs |= first.eigenvalues()[i] != other.eigenvalues()[i];
    }
    assertTrue(differs, "another seed gave identical eigenvalues");
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new PrincipalComponentAnalysis().fit(RowSource.of(new double[0][]), null));
    assertThrows(IllegalArgumentException.class,
        () -> new PrincipalComponentAnalysis().varianceCovered(0));
    assertThrows(IllegalArgumentException.class, () -> new PrincipalComponentAnalysis()
        .fit(RowSource.of(iris), new double[iris.length]));
  }
}
