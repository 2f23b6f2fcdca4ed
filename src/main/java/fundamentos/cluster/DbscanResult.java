package fundamentos.cluster;

/**
 * A DBSCAN clustering: for each point its cluster (0..k-1) or {@link #NOISE}, and whether it is a
 * core point (at least minPts weight within eps, itself included). A non-core point in a cluster is
 * a border point.
 */
public record DbscanResult(int[] labels, boolean[] core, int numClusters)
    implements java.io.Serializable {

  /** The label of a noise point. */
  public static final int NOISE = -1;

  public int numCore() {
    int count = 0;
    for (boolean c : core) {
      count += c ? 1 : 0;
    }
    return count;
  }

  public int numNoise() {
    int count = 0;
    for (int label : labels) {
      count += label == NOISE ? 1 : 0;
    }
    return count;
  }

  public int numBorder() {
    return labels.length - numCore() - numNoise();
  }

  /** The number of points in each cluster. */
  public int[] clusterSizes() {
    int[] sizes = new int[numClusters];
    for (int label : labels) {
      if (label >= 0) {
        sizes[label]++;
      }
    }
    return sizes;
  }
}
