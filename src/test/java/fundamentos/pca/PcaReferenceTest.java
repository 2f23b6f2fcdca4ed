package fundamentos.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.linalg.RowSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every solver against scikit-learn 1.2.1's PCA (numbers made by
 * src/test/resources/reference/sklearn_pca.py, committed beside it): eigenvalues
 * (explained_variance_), axes up to sign (components_), scores, whitened scores and the
 * reconstruction from two components (inverse_transform), on a tall set with a constant column and
 * a wide set with fewer rows than columns.
 */
class PcaReferenceTest {

  private static Map<String, double[]> reference() throws IOException {
    Map<String, double[]> values = new HashMap<>();
    try (InputStream in = PcaReferenceTest.class.getResourceAsStream(
        "/reference/sklearn_pca.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        double[] v = new double[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
          v[i - 1] = Double.parseDouble(parts[i]);
        }
        values.put(parts[0], v);
      }
    }
    return values;
  }

  private static double[][] rows(double[] flat, int d) {
    double[][] x = new double[flat.length / d][d];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(flat, i * d, x[i], 0, d);
    }
    return x;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * Checks a model with {@code k} components against scikit-learn's numbers for data set
   * {@code name} of {@code d} columns ({@code varying} of its components have positive variance).
   */
  private static void assertMatches(Map<String, double[]> ref, String name, int d, int k,
      PcaSolver solver, double tolerance) {
    double[][] x = rows(ref.get(name), d);
    double[] variance = ref.get(name + "_explained_variance");
    double[][] components = rows(ref.get(name + "_components"), d);
    double[] scores = ref.get(name + "_scores");
    int all = variance.length;
    PcaModel model = new PrincipalComponentAnalysis().solver(solver).varianceCovered(1.0)
        .maxComponents(k).fit(RowSource.of(x), null);
    String what = name + " " + solver;
    assertEquals(k, model.numComponents(), what);
    assertEquals(solver, model.solver());
    assertEquals(d, model.numColumns());
    assertEquals(x.length, model.trainingRows());
    double total = 0;
    for (double v : variance) {
      total += v;
    }
    assertEquals(total, model.totalVariance(), 1e-10 * total, what + " total variance");
    double kept = 0;
    double[][] s = model.transform(RowSource.of(x), PcaModel.Output.SCORES, false, 0);
    for (int i = 0; i < k; i++) {
      kept += variance[i];
      assertEquals(variance[i], model.eigenvalues()[i], tolerance * variance[0],
          what + " eigenvalue " + i);
      assertEquals(variance[i] / total, model.explainedVarianceRatio(i), tolerance,
          what + " ratio " + i);
      if (variance[i] < 1e-9 * variance[0]) {
        continue; // the axis of a zero eigenvalue is any unit vector orthogonal to the others
      }
      double[] axis = model.axis(i);
      double sign = Math.signum(dot(axis, components[i]));
      for (int j = 0; j < d; j++) {
        assertEquals(components[i][j], sign * axis[j], 1e-6, what + " axis " + i);
      }
      // scikit-learn's sign rule differs (it follows U); ours: the largest loading is positive
      int largest = 0;
      for (int j = 0; j < d; j++) {
        largest = Math.abs(axis[j]) > Math.abs(axis[largest]) ? j : largest;
      }
      assertTrue(axis[largest] > 0, what + " sign of axis " + i);
      for (int r = 0; r < 4; r++) {
        assertEquals(scores[r * all + i], sign * s[r][i], 1e-6 * Math.sqrt(variance[0]),
            what + " score of row " + r + " on axis " + i);
      }
    }
    assertEquals(Math.max(0, total - kept), model.discardedVariance(), 1e-9 * total,
        what + " discarded variance");
  }

  @Test
  void tallDataWithAConstantColumnMatchesScikitLearn() throws IOException {
    Map<String, double[]> ref = reference();
    // 5 columns, one constant: 4 components at most
    for (PcaSolver solver : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.FULL_SVD,
        PcaSolver.RANDOMIZED, PcaSolver.AUTO}) {
      int k = 4;
      double[][] x = rows(ref.get("tall"), 5);
      PcaModel model = new PrincipalComponentAnalysis().solver(solver).varianceCovered(1.0)
          .fit(RowSource.of(x), null);
      assertEquals(k, model.numComponents(), solver + ": the constant column adds no component");
      if (solver != PcaSolver.AUTO) {
        assertMatches(ref, "tall", 5, k, solver, 1e-9);
        assertMatches(ref, "tall", 5, 2, solver, 1e-9);
      } else {
        // 40 rows < 10 x 5 columns, and no more than 500: scikit-learn's rule picks the full SVD
        assertEquals(PcaSolver.FULL_SVD, model.solver());
      }
    }
  }

  @Test
  void wideDataMatchesScikitLearn() throws IOException {
    Map<String, double[]> ref = reference();
    double[][] x = rows(ref.get("wide"), 8);
    PcaModel auto = new PrincipalComponentAnalysis().varianceCovered(1.0).fit(RowSource.of(x),
        null);
    assertEquals(PcaSolver.FULL_SVD, auto.solver());
    // 6 rows span 6 dimensions before centring: 6 components, the last of eigenvalue 0
    assertEquals(6, auto.numComponents());
    for (PcaSolver solver : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.FULL_SVD,
        PcaSolver.RANDOMIZED}) {
      assertMatches(ref, "wide", 8, 5, solver, 1e-9);
      assertMatches(ref, "wide", 8, 3, solver, 1e-9);
    }
  }

  @Test
  void whitenedScoresEqualScikitLearns() throws IOException {
    Map<String, double[]> ref = reference();
    String[] names = {"tall", "wide"};
    int[] widths = {5, 8};
    int[] ks = {4, 5};
    for (int t = 0; t < 2; t++) {
      double[][] x = rows(ref.get(names[t]), widths[t]);
      double[] expected = ref.get(names[t] + "_whitened_scores");
      int k = ks[t];
      for (PcaSolver solver : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.FULL_SVD}) {
        PcaModel plain = new PrincipalComponentAnalysis().solver(solver).varianceCovered(1.0)
            .fit(RowSource.of(x), null);
        PcaModel model = new PrincipalComponentAnalysis().solver(solver).varianceCovered(1.0)
            .whiten(true).fit(RowSource.of(x), null);
        assertTrue(model.whitens());
        assertTrue(!plain.whitens());
        double[][] raw = plain.transform(RowSource.of(x), PcaModel.Output.SCORES, false, 0);
        double[][] white = model.transform(RowSource.of(x), PcaModel.Output.SCORES, false, 2);
        assertEquals(model.numComponents() + 2, white[0].length, "spare columns");
        for (int r = 0; r < 4; r++) {
          for (int i = 0; i < k; i++) {
            double sign = Math.signum(raw[r][i] * expected[r * k + i]);
            assertEquals(expected[r * k + i], sign * white[r][i], 1e-6,
                names[t] + " " + solver + " whitened score " + r + ", " + i);
          }
          assertEquals(0.0, white[r][model.numComponents()]);
          assertEquals(0.0, white[r][model.numComponents() + 1]);
        }
      }
    }
  }

  @Test
  void reconstructionFromTwoComponentsEqualsScikitLearns() throws IOException {
    Map<String, double[]> ref = reference();
    String[] names = {"tall", "wide"};
    int[] widths = {5, 8};
    for (int t = 0; t < 2; t++) {
      int d = widths[t];
      double[][] x = rows(ref.get(names[t]), d);
      double[] expected = ref.get(names[t] + "_reconstruction2");
      for (PcaSolver solver : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.FULL_SVD,
          PcaSolver.RANDOMIZED}) {
        PcaModel model = new PrincipalComponentAnalysis().solver(solver).varianceCovered(1.0)
            .maxComponents(2).fit(RowSource.of(x), null);
        double[][] rebuilt = model.transform(RowSource.of(x), PcaModel.Output.RECONSTRUCTION,
            true, 1);
        assertEquals(d + 2, rebuilt[0].length);
        for (int r = 0; r < 4; r++) {
          double error = 0;
          for (int j = 0; j < d; j++) {
            assertEquals(expected[r * d + j], rebuilt[r][j], 1e-8,
                names[t] + " " + solver + " row " + r + " column " + j);
            error += (x[r][j] - expected[r * d + j]) * (x[r][j] - expected[r * d + j]);
          }
          // the error column: ||x - x_hat||^2 (unit scales)
          assertEquals(error, rebuilt[r][d], 1e-8 * Math.max(1, error));
          assertEquals(0.0, rebuilt[r][d + 1]);
        }
      }
    }
  }

  @Test
  void correlationEigenvaluesEqualThoseOfStandardisedColumns() throws IOException {
    Map<String, double[]> ref = reference();
    double[][] x = rows(ref.get("tall"), 5);
    double[] expected = ref.get("tall_correlation_eigenvalues");
    for (PcaSolver solver : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.FULL_SVD,
        PcaSolver.RANDOMIZED}) {
      PcaModel model = new PrincipalComponentAnalysis().standardise(true).solver(solver)
          .varianceCovered(1.0).fit(RowSource.of(x), null);
      assertEquals(4, model.numComponents());
      // the constant column keeps scale 1 and adds nothing: trace 4, not 5
      assertEquals(4.0, model.totalVariance(), 1e-12, solver.toString());
      assertEquals(1.0, model.scale()[4]);
      assertEquals(7.5, model.mean()[4], 1e-12);
      for (int i = 0; i < 4; i++) {
        assertEquals(expected[i], model.eigenvalues()[i], 1e-9, solver + " eigenvalue " + i);
      }
      // reconstruction with every component returns the input in its own units
      double[][] rebuilt = model.transform(RowSource.of(x), PcaModel.Output.RECONSTRUCTION,
          true, 0);
      for (int r = 0; r < x.length; r++) {
        for (int j = 0; j < 5; j++) {
          assertEquals(x[r][j], rebuilt[r][j], 1e-9, solver + " row " + r);
        }
        assertEquals(0.0, rebuilt[r][5], 1e-12);
      }
    }
  }
}
