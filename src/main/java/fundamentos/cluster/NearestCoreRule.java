package fundamentos.cluster;

import fundamentos.neighbours.NeighbourSearch;

/**
 * Labels points DBSCAN has not seen: the cluster of the nearest core point within eps, otherwise
 * noise (as Smile's DBSCAN.predict and the definition of a border point: a new point within eps of
 * a core point would have been a border point, or a core point, of that cluster). Searches either
 * the index the clustering was built with, skipping its non-core points, or an index over the core
 * points alone.
 */
public final class NearestCoreRule implements java.io.Serializable {

  private static final long serialVersionUID = 2L;

  private final NeighbourSearch search;
  /** The cluster of each of the search's points when it is a core point, otherwise noise. */
  private final int[] coreLabels;
  private final double radius;

  private NearestCoreRule(NeighbourSearch search, int[] coreLabels, double radius) {
    this.search = search;
    this.coreLabels = coreLabels;
    this.radius = radius;
  }

  /**
   * A rule that searches the clustered points themselves (the index DBSCAN ran on; its border
   * and noise points are skipped).
   *
   * @param search range queries over the clustered points, in the clustering's order
   * @param result the clustering
   * @param radius eps in the search's coordinates
   */
  public static NearestCoreRule overAllPoints(NeighbourSearch search, DbscanResult result,
      double radius) {
    int[] labels = new int[result.labels().length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = result.core()[i] ? result.labels()[i] : DbscanResult.NOISE;
    }
    return new NearestCoreRule(search, labels, radius);
  }

  /**
   * A rule that searches the core points alone (a smaller model where the search holds its own
   * copy of the points).
   *
   * @param coreSearch range queries over the core points only, in the order of
   *     {@link #coreIndices}
   */
  public static NearestCoreRule overCorePoints(NeighbourSearch coreSearch, DbscanResult result,
      double radius) {
    int[] cores = coreIndices(result);
    int[] labels = new int[cores.length];
    for (int c = 0; c < cores.length; c++) {
      labels[c] = result.labels()[cores[c]];
    }
    return new NearestCoreRule(coreSearch, labels, radius);
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
    search.within(point, radius, (index, distance) -> {
      if (coreLabels[index] != DbscanResult.NOISE) {
        counts[coreLabels[index]]++;
      }
    });
    return counts;
  }

  /**
   * The cluster of an embedded point, or {@link DbscanResult#NOISE}; of equally near core points,
   * the first in data order counts.
   */
  public int label(double[] point) {
    int nearest = search.nearest(point, radius, index -> coreLabels[index] != DbscanResult.NOISE);
    return nearest < 0 ? DbscanResult.NOISE : coreLabels[nearest];
  }
}
