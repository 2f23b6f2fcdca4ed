package fundamentos.cluster;

/**
 * How well a clustering agrees with reference classes (course section 4.4.3), from the contingency
 * table n_ij = number of points in cluster i and class j (noise or unclustered points form no
 * cluster and are left out by the caller, or passed as a cluster of their own):
 *
 * <ul>
 *   <li>pair counts over all n(n-1)/2 pairs: TP (same cluster, same class), FP (same cluster,
 *   different classes), FN (different clusters, same class), TN (different, different);</li>
 *   <li>Rand index R = (TP + TN) / (TP + FP + FN + TN);</li>
 *   <li>adjusted Rand index (Hubert and Arabie 1985): (index - expected) / (max - expected) with
 *   index = sum_ij C(n_ij, 2), expected = sum_i C(a_i, 2) sum_j C(b_j, 2) / C(n, 2),
 *   max = (sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2: 0 for random labels, 1 for identical ones;</li>
 *   <li>normalised mutual information I(C; K) / ((H(C) + H(K)) / 2) (scikit-learn's default
 *   arithmetic normalisation).</li>
 * </ul>
 */
public final class ClusterAgreement {

  private final double tp;
  private final double fp;
  private final double fn;
  private final double tn;
  private final double adjustedRand;
  private final double nmi;
  private final double[][] contingency;

  /** @param contingency n_ij: points of cluster i (rows) and class j (columns); weights allowed */
  public ClusterAgreement(double[][] contingency) {
    this.contingency = copy(contingency);
    int rows = contingency.length;
    int cols = rows == 0 ? 0 : contingency[0].length;
    double[] a = new double[rows];
    double[] b = new double[cols];
    double n = 0;
    double sameBoth = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double v = contingency[i][j];
        a[i] += v;
        b[j] += v;
        n += v;
        sameBoth += pairs(v);
      }
    }
    double sameCluster = 0;
    for (double v : a) {
      sameCluster += pairs(v);
    }
    double sameClass = 0;
    for (double v : b) {
      sameClass += pairs(v);
    }
    double total = pairs(n);
    tp = sameBoth;
    fp = sameCluster - sameBoth;
    fn = sameClass - sameBoth;
    tn = total - tp - fp - fn;
    double expected = total > 0 ? sameCluster * sameClass / total : 0;
    double max = (sameCluster + sameClass) / 2;
    adjustedRand = max == expected ? 1.0 : (sameBoth - expected) / (max - expected);

    double mutual = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double v = contingency[i][j];
        if (v > 0) {
          mutual += v / n * Math.log(v * n / (a[i] * b[j]));
        }
      }
    }
    double hc = entropy(a, n);
    double hk = entropy(b, n);
    nmi = hc + hk == 0 ? 1.0 : Math.max(0, mutual) / ((hc + hk) / 2);
  }

  /** Builds the contingency table from labels (clusters 0..k-1; negative labels left out). */
  public static ClusterAgreement of(int[] clusters, int[] classes) {
    return of(clusters, classes, null);
  }

  /**
   * Builds the contingency table from labels, each point counting its weight (null: 1 each);
   * a negative cluster or class leaves the point out.
   */
  public static ClusterAgreement of(int[] clusters, int[] classes, double[] weights) {
    if (classes.length != clusters.length || weights != null && weights.length != clusters.length) {
      throw new IllegalArgumentException("clusters, classes and weights differ in length: "
          + clusters.length + ", " + classes.length + ", "
          + (weights == null ? clusters.length : weights.length));
    }
    int k = 0;
    int c = 0;
    for (int i = 0; i < clusters.length; i++) {
      k = Math.max(k, clusters[i] + 1);
      c = Math.max(c, classes[i] + 1);
    }
    double[][] table = new double[k][c];
    for (int i = 0; i < clusters.length; i++) {
      if (clusters[i] >= 0 && classes[i] >= 0) {
        table[clusters[i]][classes[i]] += weights == null ? 1 : weights[i];
      }
    }
    return new ClusterAgreement(table);
  }

  private static double pairs(double m) {
    return m * (m - 1) / 2;
  }

  private static double entropy(double[] counts, double n) {
    double h = 0;
    for (double v : counts) {
      if (v > 0) {
        h -= v / n * Math.log(v / n);
      }
    }
    return h;
  }

  /** The contingency table n_ij the agreement was computed from (rows are clusters). */
  public double[][] contingency() {
    return copy(contingency);
  }

  private static double[][] copy(double[][] table) {
    return java.util.Arrays.stream(table).map(double[]::clone).toArray(double[][]::new);
  }

  public double truePositives() {
    return tp;
  }

  public double falsePositives() {
    return fp;
  }

  public double falseNegatives() {
    return fn;
  }

  public double trueNegatives() {
    return tn;
  }

  /** (TP + TN) / all pairs. */
  public double randIndex() {
    double total = tp + fp + fn + tn;
    return total > 0 ? (tp + tn) / total : 1.0;
  }

  public double adjustedRandIndex() {
    return adjustedRand;
  }

  public double normalizedMutualInformation() {
    return nmi;
  }
}
