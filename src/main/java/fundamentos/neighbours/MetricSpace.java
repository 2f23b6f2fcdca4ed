package fundamentos.neighbours;

/**
 * A distance the k-d tree can index, written as an L_p distance after a change of coordinates:
 *
 * <ul>
 *   <li>Minkowski L_p (Manhattan, Euclidean, Chebyshev): the coordinates as they are;</li>
 *   <li>cosine distance 1 - cos(x, y) (course Eq. 4.5): for unit vectors u, v,
 *   ||u - v||^2 = 2 (1 - cos), so x maps to x / ||x|| plus one extra coordinate, 0, and the zero
 *   vector (whose cosine is taken as 0, distance 1) to (0, ..., 0, 1), at distance sqrt(2) from
 *   every unit vector; a cosine radius eps is a Euclidean radius sqrt(2 eps);</li>
 *   <li>the signed square-root ("bursting") Euclidean distance (course Eq. 4.13): the Euclidean
 *   distance between sign(x_i) sqrt(|x_i|) and sign(y_i) sqrt(|y_i|), which damps bursts of large
 *   counts.</li>
 * </ul>
 */
public final class MetricSpace implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** The kinds of distance. */
  public enum Kind { MINKOWSKI, COSINE, BURSTING }

  private final Kind kind;
  private final MinkowskiMetric metric;

  private MetricSpace(Kind kind, double p) {
    this.kind = kind;
    this.metric = new MinkowskiMetric(p);
  }

  /** L_p distance (1 Manhattan, 2 Euclidean, infinity Chebyshev). */
  public static MetricSpace minkowski(double p) {
    return new MetricSpace(Kind.MINKOWSKI, p);
  }

  public static MetricSpace euclidean() {
    return minkowski(2);
  }

  public static MetricSpace cosine() {
    return new MetricSpace(Kind.COSINE, 2);
  }

  public static MetricSpace bursting() {
    return new MetricSpace(Kind.BURSTING, 2);
  }

  public Kind kind() {
    return kind;
  }

  /** The L_p metric in the embedded coordinates. */
  public MinkowskiMetric metric() {
    return metric;
  }

  /** The point's coordinates in the space where the distance is L_p. */
  public double[] embed(double[] x) {
    switch (kind) {
      case COSINE: {
        double norm = 0;
        for (double v : x) {
          norm += v * v;
        }
        norm = Math.sqrt(norm);
        double[] unit = new double[x.length + 1];
        if (norm == 0) {
          unit[x.length] = 1;
        } else {
          for (int i = 0; i < x.length; i++) {
            unit[i] = x[i] / norm;
          }
        }
        return unit;
      }
      case BURSTING: {
        double[] root = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          root[i] = Math.signum(x[i]) * Math.sqrt(Math.abs(x[i]));
        }
        return root;
      }
      default:
        return x.clone();
    }
  }

  /** The embedded-space radius that corresponds to a radius of this distance. */
  public double embeddedRadius(double radius) {
    return kind == Kind.COSINE ? Math.sqrt(2 * Math.max(0, radius)) : radius;
  }

  /** The distance itself, from an embedded-space distance. */
  public double fromEmbedded(double embeddedDistance) {
    return kind == Kind.COSINE ? embeddedDistance * embeddedDistance / 2 : embeddedDistance;
  }

  /** The distance between two points in original coordinates. */
  public double distance(double[] x, double[] y) {
    return fromEmbedded(metric.distance(embed(x), embed(y)));
  }
}
