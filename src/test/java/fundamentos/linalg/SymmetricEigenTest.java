package fundamentos.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * NativeLapack.symmetricEigen against matrices whose eigenpairs are known by construction:
 * A = H diag(lambda) H with the Householder reflection H = I - 2 v v^T / (v^T v), which is
 * symmetric and orthogonal, so the eigenvectors of A are the columns of H.
 */
class SymmetricEigenTest {

  private static double[][] reflection(double[] v) {
    int n = v.length;
    double norm2 = 0;
    for (double x : v) {
      norm2 += x * x;
    }
    double[][] h = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        h[i][j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / norm2;
      }
    }
    return h;
  }

  /** Row-major H diag(lambda) H. */
  private static double[] construct(double[][] h, double[] lambda) {
    int n = lambda.length;
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += h[i][k] * lambda[k] * h[j][k];
        }
        a[i * n + j] = s;
      }
    }
    return a;
  }

  @Test
  void leadingEigenpairsOfAConstructedMatrix() {
    double[] v = {1, -2, 0.5, 3};
    double[] lambda = {2.0, -1.0, 7.0, 0.25};
    double[][] h = reflection(v);
    NativeLapack.Eigenpairs pairs = NativeLapack.symmetricEigen(construct(h, lambda), 4, 2);
    assertArrayEquals(new double[] {7.0, 2.0}, pairs.values(), 1e-12);
    int[] column = {2, 0};
    for (int j = 0; j < 2; j++) {
      double[] expected = new double[4];
      for (int i = 0; i < 4; i++) {
        expected[i] = h[i][column[j]];
      }
      // eigenvectors are defined up to sign
      double sign = Math.signum(dot(expected, pairs.vectors()[j]));
      for (int i = 0; i < 4; i++) {
        assertEquals(expected[i], sign * pairs.vectors()[j][i], 1e-12, "vector " + j + "[" + i + "]");
      }
    }
  }

  @Test
  void allEigenpairsAreDecreasingAndReproduceTheMatrix() {
    double[] lambda = {5, 4, 3, 2, 1, -1};
    double[][] h = reflection(new double[] {0.3, -1, 2, 0, 1, 1});
    NativeLapack.Eigenpairs pairs = NativeLapack.symmetricEigen(construct(h, lambda), 6, 6);
    assertArrayEquals(lambda, pairs.values(), 1e-12);
  }

  /**
   * dsyevr writes n eigenvalues into W whatever range is asked for (LAPACK's documentation:
   * "W, dimension (N)"); a W of length top let it write past the array into the heap, which
   * crashed a JVM in a PCA test some time later. That crash is not reproducible on demand, so this
   * only checks that many small-top calls on a large matrix keep giving the right value.
   */
  @Test
  void fewEigenpairsOfALargeMatrixLeaveTheHeapIntact() {
    Random random = new Random(3);
    int n = 300;
    for (int round = 0; round < 40; round++) {
      double[] v = new double[n];
      double[] lambda = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = random.nextGaussian();
        lambda[i] = i;
      }
      NativeLapack.Eigenpairs pairs =
          NativeLapack.symmetricEigen(construct(reflection(v), lambda), n, 1);
      assertEquals(n - 1, pairs.values()[0], 1e-9);
      assertEquals(1, pairs.values().length);
      System.gc();
    }
  }

  @Test
  void refusesImpossibleCounts() {
    assertThrows(IllegalArgumentException.class,
        () -> NativeLapack.symmetricEigen(new double[4], 2, 0));
    assertThrows(IllegalArgumentException.class,
        () -> NativeLapack.symmetricEigen(new double[4], 2, 3));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
