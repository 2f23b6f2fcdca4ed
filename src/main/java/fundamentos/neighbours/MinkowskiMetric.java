package fundamentos.neighbours;

/**
 * The L_p distances (Manhattan p = 1, Euclidean p = 2, Chebyshev p = infinity, Minkowski p), with
 * the lower bound from a point to an axis-aligned box that lets a k-d tree prune whole subtrees.
 */
public final class MinkowskiMetric implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final double p;

  /** @param p the order, >= 1 (Double.POSITIVE_INFINITY for Chebyshev) */
  public MinkowskiMetric(double p) {
    if (!(p >= 1)) {
      throw new IllegalArgumentException("A Minkowski distance needs p >= 1, not " + p);
    }
    this.p = p;
  }

  /** The order p. */
  public double order() {
    return p;
  }

  /**
   * The distance without its final root, sum |a_i - b_i|^p (the maximum for Chebyshev), between
   * a and the a.length values at {@code offset} of a flat array (a k-d tree's rows in tree order):
   * monotone in the distance, so a search compares these and never takes a root.
   */
  public double reduced(double[] a, double[] flat, int offset) {
    double sum = 0;
    if (p == 2) {
      for (int i = 0; i < a.length; i++) {
        double t = a[i] - flat[offset + i];
        sum += t * t;
      }
    } else {
      for (int i = 0; i < a.length; i++) {
        sum = accumulate(sum, Math.abs(a[i] - flat[offset + i]));
      }
    }
    return sum;
  }

  /** {@link #reduced} from q to the nearest point of the box stored at {@code offset} of flat low and high arrays. */
  public double reducedToBox(double[] q, double[] low, double[] high, int offset) {
    double sum = 0;
    for (int i = 0; i < q.length; i++) {
      double lo = low[offset + i];
      double hi = high[offset + i];
      double gap = q[i] < lo ? lo - q[i] : q[i] > hi ? q[i] - hi : 0;
      sum = p == 2 ? sum + gap * gap : accumulate(sum, gap);
    }
    return sum;
  }

  /** The smallest distance from q to any point of the box stored at {@code offset} of flat low and high arrays. */
  public double distanceToBox(double[] q, double[] low, double[] high, int offset) {
    return finish(reducedToBox(q, low, high, offset));
  }

  /** A distance in {@link #reduced} units. */
  public double reduce(double distance) {
    if (p == 2) {
      return distance * distance;
    }
    return p == 1 || Double.isInfinite(p) ? distance : Math.pow(distance, p);
  }

  /** A {@link #reduced} value back in distance units. */
  public double unreduce(double reduced) {
    return finish(reduced);
  }

  /** d(a, b). */
  public double distance(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum = accumulate(sum, Math.abs(a[i] - b[i]));
    }
    return finish(sum);
  }

  private double accumulate(double sum, double difference) {
    if (p == 2) {
      return sum + difference * difference;
    } else if (p == 1) {
      return sum + difference;
    } else if (Double.isInfinite(p)) {
      return Math.max(sum, difference);
    }
    return sum + Math.pow(difference, p);
  }

  private double finish(double sum) {
    if (p == 2) {
      return Math.sqrt(sum);
    } else if (p == 1 || Double.isInfinite(p)) {
      return sum;
    }
    return Math.pow(sum, 1 / p);
  }
}
