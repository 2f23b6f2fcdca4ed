package fundamentos.umap;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The curve's a and b are the least-squares fit of find_ab_params: at the fitted point the gradient
 * of the squared error, worked out here by hand, vanishes, and the error grows in every direction.
 * The squared error of 1 / (1 + a x^(2b)) against the target y_i over x_i = 3 spread i / 299:
 * E = sum (f_i - y_i)^2 with df/da = -x^(2b) f^2 and df/db = -2 a ln(x) x^(2b) f^2.
 */
class MembershipCurveOptimumTest {

  /** (min_dist, spread) pairs, the defaults among them, both ends of min_dist's range. */
  private static final double[][] CASES = {{0.1, 1}, {0.5, 1}, {0.05, 2}, {0, 1}, {1, 1},
      {0.001, 0.5}, {0.8, 3}, {0.25, 0.7}};

  /** {E, dE/da, dE/db}. */
  private static double[] errorAndGradient(double minDist, double spread, double a, double b) {
    double e = 0;
    double ga = 0;
    double gb = 0;
    for (int i = 0; i < 300; i++) {
      double x = 3 * spread * i / 299;
      double y = x < minDist ? 1 : Math.exp(-(x - minDist) / spread);
      if (x == 0) {
        // f(0) = 1 whatever a and b
        e += (1 - y) * (1 - y);
        continue;
      }
      double p = Math.pow(x, 2 * b);
      double f = 1 / (1 + a * p);
      double r = f - y;
      e += r * r;
      ga += 2 * r * (-p * f * f);
      gb += 2 * r * (-2 * a * Math.log(x) * p * f * f);
    }
    return new double[] {e, ga, gb};
  }

  @Test
  void fittedCurveIsTheLeastSquaresMinimum() {
    for (double[] c : CASES) {
      MembershipCurve curve = MembershipCurve.fit(c[0], c[1]);
      double a = curve.a();
      double b = curve.b();
      String what = "min_dist " + c[0] + ", spread " + c[1] + ": a " + a + ", b " + b;
      assertTrue(a > 0 && b > 0, what);
      double[] at = errorAndGradient(c[0], c[1], a, b);
      assertTrue(Math.abs(at[1]) < 1e-7 && Math.abs(at[2]) < 1e-7,
          what + ": gradient " + at[1] + ", " + at[2]);
      double h = 1e-3;
      double[][] steps = {{h * a, 0}, {-h * a, 0}, {0, h * b}, {0, -h * b}, {h * a, -h * b},
          {-h * a, h * b}};
      for (double[] s : steps) {
        double moved = errorAndGradient(c[0], c[1], a + s[0], b + s[1])[0];
        assertTrue(moved > at[0], what + ": E " + at[0] + ", moved by " + s[0] + ", " + s[1]
            + ": " + moved);
      }
    }
  }

  /** find_ab_params needs spread > 0: spread 0 is refused even with min_dist 0. */
  @Test
  void zeroSpreadIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> MembershipCurve.fit(0, 0));
    assertThrows(IllegalArgumentException.class, () -> MembershipCurve.fit(0, -1));
  }
}
