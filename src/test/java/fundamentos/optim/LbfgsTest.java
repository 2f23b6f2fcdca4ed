package fundamentos.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.progress.Cancelled;
import org.junit.jupiter.api.Test;

/** The function-agnostic L-BFGS wrapper, on objectives whose optimum is known in closed form. */
class LbfgsTest {

  /** f(x) = sum_j a_j (x_j - c_j)^2 / 2: minimum 0 at c. */
  private static final double[] A = {1, 10, 100, 0.5};
  private static final double[] C = {3, -2, 0.5, 7};

  private static double quadratic(double[] x, double[] g) {
    double f = 0;
    for (int j = 0; j < x.length; j++) {
      double r = x[j] - C[j];
      f += A[j] * r * r / 2;
      g[j] = A[j] * r;
    }
    return f;
  }

  @Test
  void findsTheMinimumOfAnIllConditionedQuadratic() {
    double[] start = new double[4];
    Lbfgs.Result result = Lbfgs.minimize(LbfgsTest::quadratic, start, new Lbfgs.Settings(1e-12, 1000, 5));
    assertArrayEquals(C, result.point(), 1e-6);
    assertArrayEquals(new double[4], start, 0.0, "the start is left unchanged");
    assertTrue(result.converged());
    assertTrue(result.loss() < 1e-10, "loss " + result.loss());
    assertTrue(result.gradientNorm() < 1e-5, "gradient norm " + result.gradientNorm());
    // the loss at the start and after each iteration
    assertEquals(result.iterations() + 1, result.lossCurve().size());
    assertEquals(quadratic(start.clone(), new double[4]), result.lossCurve().get(0), 0.0);
    assertTrue(result.evaluations() >= result.iterations(), result.toString());
  }

  @Test
  void theIterationCapIsReported() {
    Lbfgs.Result result = Lbfgs.minimize(LbfgsTest::quadratic, new double[4],
        new Lbfgs.Settings(1e-12, 1, 5));
    assertEquals(1, result.iterations());
    assertFalse(result.converged());
  }

  @Test
  void anInterruptedThreadStopsAtTheNextPass() {
    Thread.currentThread().interrupt();
    try {
      assertThrows(Cancelled.class, () -> Lbfgs.minimize(LbfgsTest::quadratic, new double[4],
          new Lbfgs.Settings(1e-8, 100, 5)));
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void badSettingsAreRefusedByName() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lbfgs.Settings(0, 10, 5))
        .getMessage().contains("gradient tolerance"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lbfgs.Settings(1e-4, 0, 5))
        .getMessage().contains("iteration limit"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lbfgs.Settings(1e-4, 10, 0))
        .getMessage().contains("corrections"));
  }

  /**
   * The loss test: the run stops at the iterate after which 5 iterations in a row failed to lower
   * the best loss by the tolerance, returns that iterate with its own loss, and says it converged;
   * a negative tolerance is refused.
   */
  @Test
  void theLossToleranceStopsOnceFiveIterationsGainLessThanIt() {
    Lbfgs.Settings settings = new Lbfgs.Settings(1e-12, 1000, 5).withLossTolerance(1e-2);
    Lbfgs.Result result = Lbfgs.minimize(LbfgsTest::quadratic, new double[4], settings);
    Lbfgs.Result exact = Lbfgs.minimize(LbfgsTest::quadratic, new double[4],
        new Lbfgs.Settings(1e-12, 1000, 5));
    assertTrue(result.converged());
    assertTrue(result.iterations() < exact.iterations(), result.iterations() + " vs " + exact.iterations());
    assertEquals(result.iterations() + 1, result.lossCurve().size());
    java.util.List<Double> curve = result.lossCurve();
    int last = curve.size() - 1;
    assertEquals(quadratic(result.point(), new double[4]), result.loss(), 0.0);
    assertEquals(curve.get(last), result.loss(), 0.0);
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < last - 4; i++) {
      best = Math.min(best, curve.get(i));
    }
    for (int i = last - 4; i <= last; i++) {
      assertTrue(curve.get(i) > best - 1e-2, "iteration " + i + " gained more than the tolerance");
      best = Math.min(best, curve.get(i));
    }
    assertEquals(settings, new Lbfgs.Settings(1e-12, 1000, 5, 1e-2));
    assertThrows(IllegalArgumentException.class, () -> new Lbfgs.Settings(1e-4, 10, 5, -1));
  }

  /**
   * Early stopping: the held-out loss is measured at the start and at every iterate, the run stops
   * once {@code patience} iterations in a row have not lowered it, and returns the iterate of its
   * lowest value, with that iterate's own loss. The held-out loss here, ||x - c / 2||^2, is lowest
   * half way along the path from 0 to c, so the run stops well before the optimum.
   */
  @Test
  void earlyStoppingKeepsTheIterateOfTheLowestHeldOutLoss() {
    java.util.function.ToDoubleFunction<double[]> heldOut = x -> {
      double h = 0;
      for (int j = 0; j < x.length; j++) {
        h += (x[j] - C[j] / 2) * (x[j] - C[j] / 2);
      }
      return h;
    };
    int patience = 2;
    Lbfgs.Settings settings = new Lbfgs.Settings(1e-12, 1000, 5);
    Lbfgs.Result result = Lbfgs.minimize(LbfgsTest::quadratic, new double[4], settings,
        new Lbfgs.EarlyStopping(heldOut, patience));
    Lbfgs.Result exact = Lbfgs.minimize(LbfgsTest::quadratic, new double[4], settings);
    java.util.List<Double> curve = result.validationCurve();
    assertEquals(result.lossCurve().size(), curve.size());
    assertEquals(result.iterations() + 1, curve.size());
    assertEquals(heldOut.applyAsDouble(new double[4]), curve.get(0), 0.0);
    int best = result.bestIteration();
    assertEquals(heldOut.applyAsDouble(result.point()), curve.get(best), 0.0);
    assertEquals(quadratic(result.point(), new double[4]), result.loss(), 0.0);
    for (int i = 0; i < curve.size(); i++) {
      assertTrue(i > best ? curve.get(i) >= curve.get(best) : i == best || curve.get(i) > curve.get(best),
          "iteration " + i);
    }
    assertTrue(result.iterations() < exact.iterations(), result.iterations() + " vs " + exact.iterations());
    assertEquals(best + patience, result.iterations(), "stopped after " + patience + " iterations without a gain");
    assertTrue(result.converged());
    assertTrue(curve.get(best) < 0.5 * curve.get(0), "the held-out loss fell: " + curve);
    // without early stopping the record has no held-out curve and keeps the last iterate
    assertTrue(exact.validationCurve().isEmpty());
    assertEquals(exact.iterations(), exact.bestIteration());
    assertThrows(IllegalArgumentException.class, () -> new Lbfgs.EarlyStopping(heldOut, 0));
  }
}
