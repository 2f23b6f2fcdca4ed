package fundamentos.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.progress.Cancelled;
import org.junit.jupiter.api.Test;

/**
 * ARPACK through arpack-ng on an operator known in closed form: the path Laplacian tridiag(-1, 2,
 * -1) of order n, whose eigenvalues are 2 - 2 cos(pi j / (n + 1)) with eigenvectors
 * sin(pi i j / (n + 1)) (j = 1..n). Also what the wrapper promises around the Fortran: the start
 * vector is the caller's and not changed, a run that cannot converge says so, and an interrupted run
 * stops and leaves ARPACK usable.
 */
class ImplicitlyRestartedLanczosTest {

  private static final int N = 300;

  private static void laplacian(double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] = 2 * x[i] - (i > 0 ? x[i - 1] : 0) - (i + 1 < x.length ? x[i + 1] : 0);
    }
  }

  /** Not symmetric about the middle: ones would be orthogonal to every second eigenvector. */
  private static double[] start() {
    double[] v = new double[N];
    for (int i = 0; i < N; i++) {
      v[i] = 1 + (double) i / N;
    }
    return v;
  }

  @Test
  void largestEigenpairsOfThePathLaplacian() {
    double[] start = start();
    ImplicitlyRestartedLanczos.Eigenpairs pairs = ImplicitlyRestartedLanczos.largest(
        ImplicitlyRestartedLanczosTest::laplacian, N, 4, 20, 1e-10, 10 * N, start);
    assertArrayEquals(start(), start, 0, "the start vector is not changed");
    for (int m = 0; m < 4; m++) {
      int j = N - m;
      assertEquals(2 - 2 * Math.cos(Math.PI * j / (N + 1)), pairs.values()[m], 1e-9, "value " + m);
      double[] v = pairs.vectors()[m];
      double dot = 0;
      double norm = 0;
      for (int i = 0; i < N; i++) {
        double exact = Math.sin(Math.PI * (i + 1) * j / (N + 1));
        dot += exact * v[i];
        norm += exact * exact;
      }
      // a unit vector whose cosine with the exact eigenvector is 1
      assertEquals(1, Math.abs(dot) / Math.sqrt(norm), 1e-6, "vector " + m);
    }
  }

  @Test
  void aRunThatCannotConvergeSaysSo() {
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> ImplicitlyRestartedLanczos.largest(ImplicitlyRestartedLanczosTest::laplacian, N, 4,
            9, 1e-12, 1, start()));
    assertTrue(e.getMessage().contains("dsaupd"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ImplicitlyRestartedLanczos.largest(ImplicitlyRestartedLanczosTest::laplacian, N, 4,
            4, 1e-4, 10, start()));
  }

  @Test
  void anInterruptedRunStopsAndTheNextOneWorks() {
    Thread.currentThread().interrupt();
    try {
      assertThrows(Cancelled.class, () -> ImplicitlyRestartedLanczos.largest(
          ImplicitlyRestartedLanczosTest::laplacian, N, 4, 20, 1e-10, 10 * N, start()));
    } finally {
      Thread.interrupted();
    }
    ImplicitlyRestartedLanczos.Eigenpairs pairs = ImplicitlyRestartedLanczos.largest(
        ImplicitlyRestartedLanczosTest::laplacian, N, 1, 20, 1e-10, 10 * N, start());
    assertEquals(2 - 2 * Math.cos(Math.PI * N / (N + 1)), pairs.values()[0], 1e-9);
  }
}
