package fundamentos.neighbours;

import java.io.Serializable;

/**
 * Points in single precision under an L_p distance (p = 1 Manhattan, 2 Euclidean, infinity
 * Chebyshev), the space neighbour searches run in. Single precision halves the memory traffic of a
 * search (a 60k x 784 image set is 188 MB instead of 376 MB) at a relative distance error of about
 * 1e-6, as umap-learn and pynndescent also work in float32.
 *
 * <p>Searches compare <em>reduced</em> distances (sum |x_i - y_i|^p, or the maximum for
 * Chebyshev), which order points the same way as the distance and skip the root.
 *
 * <p>Contract on rounding: a reduced distance is the exact sum of |x_i - y_i|^p over the float
 * coordinates (or their maximum) up to a relative error of about (dimension + p) 2^-24, the
 * rounding of the differences and of a float sum; in which precision and order the terms are
 * accumulated is left open (the p = 1 and p = 2 paths sum in float, other p sum in double and
 * round once), and one LpPoints always computes a pair's distance the same way.
 */
public final class LpPoints implements Serializable {

  private static final long serialVersionUID = 1L;

  private final float[][] rows;
  private final double p;

  public LpPoints(float[][] rows, double p) {
    if (!(p >= 1)) {
      throw new IllegalArgumentException("The order p of an L_p distance must be >= 1, not " + p);
    }
    int d = rows.length == 0 ? 0 : rows[0].length;
    for (float[] row : rows) {
      if (row.length != d) {
        throw new IllegalArgumentException("Rows of different lengths: " + row.length + " and " + d);
      }
    }
    this.rows = rows;
    this.p = p;
  }

  /** Single-precision copy of double rows. */
  public static LpPoints of(double[][] rows, double p) {
    float[][] f = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      f[i] = toFloat(rows[i]);
    }
    return new LpPoints(f, p);
  }

  public static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int j = 0; j < x.length; j++) {
      f[j] = (float) x[j];
    }
    return f;
  }

  /** The exact double of each float (a query row for {@link NeighbourSearch}). */
  public static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      d[j] = x[j];
    }
    return d;
  }

  public int size() {
    return rows.length;
  }

  public int dimension() {
    return rows.length == 0 ? 0 : rows[0].length;
  }

  public double order() {
    return p;
  }

  public float[] row(int i) {
    return rows[i];
  }

  /** The reduced distance between rows i and j. */
  public float reduced(int i, int j) {
    return reduced(rows[i], rows[j]);
  }

  /** The reduced distance between two points. */
  public float reduced(float[] a, float[] b) {
    if (p == 2) {
      return squaredEuclidean(a, b);
    }
    if (p == 1) {
      float s = 0;
      for (int i = 0; i < a.length; i++) {
        s += Math.abs(a[i] - b[i]);
      }
      return s;
    }
    if (Double.isInfinite(p)) {
      float m = 0;
      for (int i = 0; i < a.length; i++) {
        m = Math.max(m, Math.abs(a[i] - b[i]));
      }
      return m;
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.pow(Math.abs(a[i] - b[i]), p);
    }
    return (float) s;
  }

  /**
   * The reduced distance with a caller's scratch array of at least {@link #dimension()} floats:
   * for the Euclidean distance the squared differences are written to it first, a loop the JIT
   * compiles to SIMD instructions (it does not vectorise a floating-point sum), and summed after;
   * about twice as fast as {@link #reduced(float[], float[])} on 784 pixels.
   */
  public float reduced(float[] a, float[] b, float[] scratch) {
    if (p != 2) {
      return reduced(a, b);
    }
    int n = a.length;
    for (int i = 0; i < n; i++) {
      float d = a[i] - b[i];
      scratch[i] = d * d;
    }
    return sum(scratch, n);
  }

  /** The sum of the first n values, in four independent running sums. */
  private static float sum(float[] values, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += values[i];
      s1 += values[i + 1];
      s2 += values[i + 2];
      s3 += values[i + 3];
    }
    for (; i < n; i++) {
      s0 += values[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** A scratch array for {@link #reduced(float[], float[], float[])}. */
  public float[] scratch() {
    return new float[dimension()];
  }

  /** Four independent sums so that the loop is not serialised on one floating-point add chain. */
  private static float squaredEuclidean(float[] a, float[] b) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int n = a.length;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      float d0 = a[i] - b[i];
      float d1 = a[i + 1] - b[i + 1];
      float d2 = a[i + 2] - b[i + 2];
      float d3 = a[i + 3] - b[i + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < n; i++) {
      float d = a[i] - b[i];
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The distance from a reduced distance. */
  public double unreduce(double reduced) {
    if (p == 2) {
      return Math.sqrt(reduced);
    }
    if (p == 1 || Double.isInfinite(p)) {
      return reduced;
    }
    return Math.pow(reduced, 1 / p);
  }

  /** Dot product through a scratch array (vectorised products, then four sums). */
  static float dot(float[] a, float[] b, float[] scratch) {
    int n = a.length;
    for (int i = 0; i < n; i++) {
      scratch[i] = a[i] * b[i];
    }
    return sum(scratch, n);
  }

  /** Dot product, used by the random-projection splits. */
  static float dot(float[] a, float[] b) {
    float s0 = 0;
    float s1 = 0;
    int n = a.length;
    int i = 0;
    for (; i + 1 < n; i += 2) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
    }
    if (i < n) {
      s0 += a[i] * b[i];
    }
    return s0 + s1;
  }
}
