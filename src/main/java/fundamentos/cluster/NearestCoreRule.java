package fundamentos.cluster;

/**
 * Labels points DBSCAN has not seen: the cluster of the nearest core point within eps, otherwise
 * noise (as Smile's DBSCAN.predict and the definition of a border point: a new point within eps of
 * a core point would have been a border point, or a core point, of that cluster). Holds an index over
 * the core points only.
 */
public final class NearestCoreRule implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final NeighbourSearch coreSearch;
  private final int[] coreLabels;
  private final double radius;

  /**
   * @param coreSearch range queries over the core points only, in the order of
   *     {@link #coreIndices}
   * @param result the clustering
   * @param radius eps in the search's coordinates
   */
  public NearestCoreRule(NeighbourSearch coreSearch, DbscanResult result, double radius) {
    int[] cores = coreIndices(result);
    coreLabels = new int[cores.length];
    for (int c = 0; c < cores.length; c++) {
      coreLabels[c] = result.labels()[cores[c]];
    }
    this.coreSearch = coreSearch;
    this.radius = radius;
  }

  /** A rule over the core points of a clustered point set, indexed by {@code index}. */
  public static NearestCoreRule over(double[][] points, DbscanResult result,
      java.util.function.Function<double[][], NeighbourSearch> index, double radius) {
    int[] cores = coreIndices(result);
    double[][] corePoints = new double[cores.length][];
    for (int c = 0; c < cores.length; c++) {
      corePoints[c] = points[cores[c]];
    }
    return new NearestCoreRule(index.apply(corePoints), result, radius);
  }

  /** The indices of the core points, increasing. */
  public static int[] coreIndices(DbscanResult result) {
    int[] cores = new int[result.numCore()];
    for (int i = 0, c = 0; i < result.core().length; i++) {
      if (result.core()[i]) {
        cores[c++] = i;
      }
    }
    return cores;
  }

  /** The number of core points of each cluster within the radius of a point. */
  public int[] coreNeighbours(double[] point, int numClusters) {
    int[] counts = new int[numClusters];
    coreSearch.within(point, radius, (index, distance) -> counts[coreLabels[index]]++);
    return counts;
  }

  /** The cluster of an embedded point, or {@link DbscanResult#NOISE}. */
  public int label(double[] point) {
    int[] best = {DbscanResult.NOISE};
    double[] bestDistance = {Double.POSITIVE_INFINITY};
    coreSearch.within(point, radius, (index, distance) -> {
      if (distance < bestDistance[0]) {
        bestDistance[0] = distance;
        best[0] = coreLabels[index];
      }
    });
    return best[0];
  }
}
