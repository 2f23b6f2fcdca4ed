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
