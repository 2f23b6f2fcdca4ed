package fundamentos.umap;

import fundamentos.neighbours.KnnGraph;

/**
 * The local metric of each point (course Eqs. 5.12-5.13; McInnes et al. 2018, Sect. 3.1): rho_i, the
 * distance to the nearest neighbour (interpolated for a fractional local connectivity), and sigma_i,
 * found by bisection so that the memberships exp(-(d_ij - rho_i) / sigma_i) of the k - 1 neighbours
 * after the first sum to log2(k). As in umap-learn, sigma is kept above 1e-3 times the mean
 * neighbour distance, which only binds when most neighbours are at the same distance.
 */
public final class SmoothKnnDistances {

  /** umap-learn's SMOOTH_K_TOLERANCE. */
  public static final double TOLERANCE = 1e-5;
  private static final double MIN_K_DIST_SCALE = 1e-3;
  private static final int BISECTION_STEPS = 64;

  private final double[] rho;
  private final double[] sigma;

  private SmoothKnnDistances(double[] rho, double[] sigma) {
    this.rho = rho;
    this.sigma = sigma;
  }

  public double rho(int i) {
    return rho[i];
  }

  public double sigma(int i) {
    return sigma[i];
  }

  /**
   * @param k the neighbour count whose log2 is the target (umap-learn's n_neighbors)
   * @param localConnectivity how many nearest neighbours count as fully connected (may be 0)
   */
  public static SmoothKnnDistances of(KnnGraph knn, double k, double localConnectivity) {
    int n = knn.size();
    double target = Math.log(k) / Math.log(2);
    double[] rho = new double[n];
    double[] sigma = new double[n];
    double meanAll = 0;
    long count = 0;
    for (int i = 0; i < n; i++) {
      for (double d : knn.distances(i)) {
        meanAll += d;
        count++;
      }
    }
    meanAll = count == 0 ? 0 : meanAll / count;
    for (int i = 0; i < n; i++) {
      double[] d = knn.distances(i);
      rho[i] = rho(d, localConnectivity);
      double lo = 0;
      double hi = Double.POSITIVE_INFINITY;
      double mid = 1;
      for (int step = 0; step < BISECTION_STEPS; step++) {
        double sum = membershipSum(d, rho[i], mid);
        if (Math.abs(sum - target) < TOLERANCE) {
          break;
        }
        if (sum > target) {
          hi = mid;
          mid = (lo + hi) / 2;
        } else {
          lo = mid;
          mid = Double.isInfinite(hi) ? mid * 2 : (lo + hi) / 2;
        }
      }
      double floor = MIN_K_DIST_SCALE * (rho[i] > 0 ? mean(d) : meanAll);
      sigma[i] = Math.max(mid, floor);
    }
    return new SmoothKnnDistances(rho, sigma);
  }

  /**
   * The sum of exp(-max(0, d_j - rho) / sigma) over the neighbours after the first (the left side
   * of Eq. 5.13).
   */
  public static double membershipSum(double[] d, double rho, double sigma) {
    double sum = 0;
    for (int j = 1; j < d.length; j++) {
      double excess = d[j] - rho;
      sum += excess > 0 ? Math.exp(-excess / sigma) : 1;
    }
    return sum;
  }

  private static double rho(double[] d, double localConnectivity) {
    // the non-zero distances, in order (the row is sorted nearest first)
    int first = 0;
    while (first < d.length && d[first] <= 0) {
      first++;
    }
    int nonZero = d.length - first;
    if (nonZero >= localConnectivity) {
      int index = (int) Math.floor(localConnectivity);
      double fraction = localConnectivity - index;
      if (index > 0) {
        double r = d[first + index - 1];
        if (fraction > TOLERANCE) {
          r += fraction * (d[first + index] - d[first + index - 1]);
        }
        return r;
      }
      return fraction == 0 ? 0 : fraction * d[first];
    }
    return nonZero > 0 ? d[d.length - 1] : 0;
  }

  private static double mean(double[] d) {
    double s = 0;
    for (double v : d) {
      s += v;
    }
    return d.length == 0 ? 0 : s / d.length;
  }
}
