package fundamentos.cluster;

/**
 * The k-distance curve used to choose eps (Ester et al. 1996, Section 4.2): each point's distance to
 * its k-th nearest neighbour (itself counted, as minPts counts it), sorted decreasingly. Points left
 * of the "knee" are noise at eps = the knee's value; the knee is found as the point of the curve
 * farthest from the chord between its ends, both axes scaled to [0, 1].
 */
public final class KDistance {

  private KDistance() {
  }

  /** The sorted (decreasing) distances, given each point's k-distance. */
  public static double[] sortedDecreasing(double[] kDistances) {
    double[] sorted = kDistances.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
      double t = sorted[i];
      sorted[i] = sorted[j];
      sorted[j] = t;
    }
    return sorted;
  }

  /**
   * The indices of at most {@code max} evenly spaced points of {@code n} (all of them when
   * {@code n <= max}): the k-distances of such a sample draw the same curve at a bounded cost, since
   * each is still measured against every point.
   */
  public static int[] sample(int n, int max) {
    int stride = Math.max(1, (n + max - 1) / max);
    int[] indices = new int[(n + stride - 1) / stride];
    for (int i = 0, j = 0; i < n; i += stride, j++) {
      indices[j] = i;
    }
    return indices;
  }

  /**
   * The eps at the knee of the curve of these k-distances (given in any order): the points beyond
   * the knee, whose k-distance exceeds it, are the noise (Ester et al. 1996, Section 4.2). A knee at
   * distance 0 (more duplicates than k) would refuse every neighbour, so the smallest positive
   * k-distance is taken then, and 1 when every point coincides (any radius then joins them all).
   */
  public static double epsilonAtKnee(double[] kDistances) {
    double[] sorted = sortedDecreasing(kDistances);
    double knee = sorted.length == 0 ? Double.NaN : sorted[knee(sorted)];
    if (knee > 0 && Double.isFinite(knee)) {
      return knee;
    }
    double smallest = Double.POSITIVE_INFINITY;
    for (double d : sorted) {
      if (d > 0 && d < smallest) {
        smallest = d;
      }
    }
    return Double.isFinite(smallest) ? smallest : 1;
  }

  /** The index of the knee of a decreasing curve (0 for fewer than 3 points). */
  public static int knee(double[] decreasing) {
    int n = decreasing.length;
    if (n < 3) {
      return 0;
    }
    double first = decreasing[0];
    double last = decreasing[n - 1];
    double range = first - last;
    if (range <= 0) {
      return 0;
    }
    int best = 0;
    double bestGap = -1;
    for (int i = 0; i < n; i++) {
      double x = i / (double) (n - 1);
      double y = (decreasing[i] - last) / range;
      // the chord runs from (0, 1) to (1, 0): the curve's distance below it is 1 - x - y
      double gap = 1 - x - y;
      if (gap > bestGap) {
        bestGap = gap;
        best = i;
      }
    }
    return best;
  }
}
