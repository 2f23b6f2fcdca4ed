package fundamentos.cluster;

import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryEstimate;
import fundamentos.neighbours.NeighbourSearch;
import fundamentos.neighbours.Neighbourhood;
import fundamentos.progress.Cancellation;

/**
 * DBSCAN (Ester, Kriegel, Sander and Xu 1996; the course's Algorithms 4 and 5) over any
 * {@link NeighbourSearch}: a point with at least minPts (weighted) points within eps, itself
 * included, is a core point; clusters are the connected components of core points linked by eps,
 * plus the border points within eps of a core point; everything else is noise. A border point
 * within eps of two clusters joins the cluster of its nearest core point, the rule that labels
 * unseen points ({@link NearestCoreRule}), so that its cluster does not depend on the data order
 * (the original algorithm and scikit-learn give it to the cluster that reaches it first). Memory is
 * O(n) beyond the index: neighbourhoods are visited, never stored.
 */
public final class Dbscan {

  private final double minPts;

  /**
   * What clustering n points of d coordinates allocates, before it does, all on the heap
   * (measured in doc/memory.md): the points as double arrays, 8 d + 16 bytes each, copied once
   * more where the search needs its own copy (brute force with a Weka distance); an index of
   * about 48 bytes a point (k-d or ball tree nodes and order, or the grid's cell of each point
   * and its hash table); labels, core flags and the queue, 9 bytes a point; one neighbourhood
   * being visited, up to n neighbours of 12 bytes. O(n d) whatever eps and minPts are.
   */
  public static MemoryEstimate memory(long n, long d) {
    long perPoint = MemoryBudget.plus(
        MemoryBudget.times(2, MemoryBudget.plus(
            MemoryBudget.times(8, d), 16)), 48 + 9 + 12);
    return new MemoryEstimate(
        MemoryBudget.times(n, perPoint), 0);
  }

  /**
   * @param eps the neighbourhood radius, > 0
   * @param minPts the weight a neighbourhood needs for its centre to be a core point, >= 1
   */
  public Dbscan(double eps, double minPts) {
    // eps itself is not kept: cluster() takes the radius in the search's own coordinates
    checkParameters(eps, minPts);
    this.minPts = minPts;
  }

  /** Refuses an eps that is not a positive finite distance and a minPts below 1. */
  static void checkParameters(double eps, double minPts) {
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("eps must be a positive finite distance, not " + eps);
    }
    if (!(minPts >= 1)) {
      throw new IllegalArgumentException("minPts must be at least 1, not " + minPts);
    }
  }

  /**
   * Clusters the indexed points.
   *
   * @param points the points, in the coordinates the search works in
   * @param search range queries over exactly these points
   * @param weights the weight of each point, or null for 1 each
   * @param radius the search radius that corresponds to eps in the search's coordinates
   */
  public DbscanResult cluster(double[][] points, NeighbourSearch search, double[] weights,
      double radius) {
    int n = points.length;
    int[] labels = new int[n];
    java.util.Arrays.fill(labels, Integer.MIN_VALUE); // unvisited
    boolean[] core = new boolean[n];
    int[] queue = new int[Math.max(16, n)];
    int clusters = 0;
    Neighbourhood neighbours = new Neighbourhood();
    for (int p = 0; p < n; p++) {
      Cancellation.check();
      if (labels[p] != Integer.MIN_VALUE) {
        continue;
      }
      search.collect(points[p], radius, neighbours);
      if (weight(neighbours, weights) < minPts) {
        labels[p] = DbscanResult.NOISE; // may still become a border point
        continue;
      }
      int cluster = clusters++;
      labels[p] = cluster;
      core[p] = true;
      // breadth-first expansion over core points (Algorithm 5: ExpandCluster); a point is queued
      // once, when it first gets the cluster's label
      int head = 0;
      int tail = reach(neighbours, cluster, labels, queue, 0);
      while (head < tail) {
        // one check per range query: a cluster of the whole data set is one long expansion
        Cancellation.check();
        int q = queue[head++];
        search.collect(points[q], radius, neighbours);
        if (weight(neighbours, weights) < minPts) {
          continue; // border point
        }
        core[q] = true;
        tail = reach(neighbours, cluster, labels, queue, tail);
      }
    }
    // border points: the cluster of the nearest core point (one more query per border point)
    for (int p = 0; p < n; p++) {
      Cancellation.check();
      if (!core[p] && labels[p] >= 0) {
        int nearest = search.nearest(points[p], radius, index -> core[index]);
        labels[p] = labels[nearest]; // found: p was reached from a core point
      }
    }
    return new DbscanResult(labels, core, clusters);
  }

  /**
   * A core point's neighbourhood joins its cluster (directly density-reachable points): unvisited
   * points are labelled and queued for expansion, points marked noise become border points (they
   * were found not to be core already, so they are not queued).
   *
   * @return the queue's new tail
   */
  private static int reach(Neighbourhood neighbours, int cluster, int[] labels, int[] queue, int tail) {
    for (int i = 0; i < neighbours.size(); i++) {
      int q = neighbours.get(i);
      if (labels[q] == Integer.MIN_VALUE) {
        labels[q] = cluster;
        queue[tail++] = q;
      } else if (labels[q] == DbscanResult.NOISE) {
        labels[q] = cluster;
      }
    }
    return tail;
  }

  /** The weight of a neighbourhood: its size when every point weighs 1. */
  private static double weight(Neighbourhood neighbours, double[] weights) {
    if (weights == null) {
      return neighbours.size();
    }
    double sum = 0;
    for (int i = 0; i < neighbours.size(); i++) {
      sum += weights[neighbours.get(i)];
    }
    return sum;
  }
}
