package fundamentos.cluster;

/**
 * Labels points DBSCAN has not seen: the cluster of the nearest core point within eps, otherwise
 * noise (as Smile's DBSCAN.predict and the definition of a border point: a new point within eps of
 * a core point would have been a border point, or a core point, of that cluster). Holds a k-d tree
 * over the core points only.
 */
public final class NearestCoreRule implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final double[][] corePoints;
  private final int[] coreLabels;
  private final KdTree tree;
  private final double radius;

  /**
   * @param points the clustered points (embedded coordinates)
   * @param result their clustering
   * @param metric the metric of the embedded coordinates
   * @param radius eps in embedded coordinates
   */
  public NearestCoreRule(double[][] points, DbscanResult result, MinkowskiMetric metric,
      double radius) {
    int count = result.numCore();
    corePoints = new double[count][];
    coreLabels = new int[count];
    for (int i = 0, c = 0; i < points.length; i++) {
      if (result.core()[i]) {
        corePoints[c] = points[i];
        coreLabels[c++] = result.labels()[i];
      }
    }
    tree = new KdTree(corePoints, metric);
    this.radius = radius;
  }

  /** The cluster of an embedded point, or {@link DbscanResult#NOISE}. */
  public int label(double[] point) {
    int[] best = {DbscanResult.NOISE};
    double[] bestDistance = {Double.POSITIVE_INFINITY};
    tree.within(point, radius, (index, distance) -> {
      if (distance < bestDistance[0]) {
        bestDistance[0] = distance;
        best[0] = coreLabels[index];
      }
    });
    return best[0];
  }
}
