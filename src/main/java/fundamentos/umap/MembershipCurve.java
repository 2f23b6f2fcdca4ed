package fundamentos.umap;

import java.io.Serializable;

/**
 * The low-dimensional membership strength of UMAP, 1 / (1 + a d^(2b)) (course Eq. 5.16), with a and
 * b fitted by least squares to the curve that is 1 up to {@code minDist} and exp(-(d - minDist) /
 * spread) beyond, sampled at 300 points on [0, 3 spread]: umap-learn's {@code find_ab_params},
 * solved here by Levenberg-Marquardt as scipy's {@code curve_fit} does.
 */
public final class MembershipCurve implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double a;
  private final double b;

  public MembershipCurve(double a, double b) {
    this.a = a;
    this.b = b;
  }

  public double a() {
    return a;
  }

  public double b() {
    return b;
  }

  /** 1 / (1 + a d^(2b)). */
  public double membership(double distance) {
    return 1 / (1 + a * Math.pow(distance, 2 * b));
  }

  /**
   * The curve fitted for minDist and spread.
   *
   * <p>Contract: a and b minimise the squared error over the 300 samples to within 1e-12 relative
   * (the error at (a, b) exceeds the least-squares minimum by at most 1e-12 of it), and the fit
   * ends after at most 500 iterations. Levenberg-Marquardt stops once a step is below 1e-12 of the
   * parameters or no step lowers the error; how many iterations it spends near that rounding floor
   * of the error, and which of the points of equal error there it returns, is left open.
   */
  public static MembershipCurve fit(double minDist, double spread) {
    if (!(spread > 0) || !(minDist >= 0) || minDist > spread) {
      throw new IllegalArgumentException("UMAP needs spread > 0 and 0 <= min_dist <= spread, got "
          + "min_dist " + minDist + ", spread " + spread);
    }
    int m = 300;
    double[] x = new double[m];
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      x[i] = 3 * spread * i / (m - 1);
      y[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist) / spread);
    }
    double[] p = {1, 1};
    double lambda = 1e-3;
    double error = squaredError(x, y, p);
    for (int iter = 0; iter < 500; iter++) {
      // normal equations of the linearised residuals, J^T J and J^T r
      double jaa = 0;
      double jab = 0;
      double jbb = 0;
      double ga = 0;
      double gb = 0;
      for (int i = 0; i < m; i++) {
        if (x[i] == 0) {
          continue; // f = 1 and both derivatives vanish
        }
        double pw = Math.pow(x[i], 2 * p[1]);
        double den = 1 + p[0] * pw;
        double f = 1 / den;
        double r = f - y[i];
        double da = -pw / (den * den);
        double db = -p[0] * pw * 2 * Math.log(x[i]) / (den * den);
        jaa += da * da;
        jab += da * db;
        jbb += db * db;
        ga += da * r;
        gb += db * r;
      }
      boolean improved = false;
      while (lambda < 1e12) {
        double aa = jaa * (1 + lambda);
        double bb = jbb * (1 + lambda);
        double det = aa * bb - jab * jab;
        double stepA = -(bb * ga - jab * gb) / det;
        double stepB = -(aa * gb - jab * ga) / det;
        double[] trial = {p[0] + stepA, p[1] + stepB};
        double trialError = trial[0] > 0 && trial[1] > 0 ? squaredError(x, y, trial)
            : Double.POSITIVE_INFINITY;
        if (trialError < error) {
          boolean converged = Math.abs(stepA) < 1e-12 * (1 + Math.abs(p[0]))
              && Math.abs(stepB) < 1e-12 * (1 + Math.abs(p[1]));
          p = trial;
          error = trialError;
          lambda = Math.max(lambda / 10, 1e-12);
          improved = !converged;
          break;
        }
        lambda *= 10;
      }
      if (!improved) {
        break;
      }
    }
    return new MembershipCurve(p[0], p[1]);
  }

  private static double squaredError(double[] x, double[] y, double[] p) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double r = 1 / (1 + p[0] * Math.pow(x[i], 2 * p[1])) - y[i];
      s += r * r;
    }
    return s;
  }
}
