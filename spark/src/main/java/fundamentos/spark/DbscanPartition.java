package fundamentos.spark;

import fundamentos.cluster.Dbscan;
import fundamentos.cluster.DbscanResult;
import fundamentos.cluster.GridDbscan;
import fundamentos.neighbours.IndexChoice;
import fundamentos.neighbours.MetricSpace;
import fundamentos.neighbours.NeighbourSearch;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One partition of the DBSCAN job: the points it owns and the halo copies around them, clustered
 * by the package's engine, and what the partition tells its neighbours. Knows nothing of Spark.
 *
 * <p>The points are clustered in the order of their row numbers with the index IndexedDBSCAN
 * would use on all the data ({@link IndexChoice}: {@link GridDbscan} on a grid, {@link Dbscan} on
 * a k-d tree). An owned point's eps-neighbourhood lies inside the partition with its halo, so its
 * core flag is exact; a halo copy may miss neighbours, so its flag can only err towards non-core
 * and is never used: its owner decides it. Core points linked within eps are linked in truth, so a
 * local cluster is part of one global cluster. Then, in one range query per point that is not an
 * owned core point:
 *
 * <ul>
 *   <li>each halo copy q within eps of owned core points gives a {@link Report} to q's owner: the
 *   local clusters of those core points (if q is a core point, its owner's cluster and these are
 *   one: the merge through shared core points) and the nearest of them;</li>
 *   <li>each owned non-core point keeps the nearest owned core point within eps.</li>
 * </ul>
 *
 * "Nearest" compares what the single-machine search compares (the squared distance on a grid, the
 * distance on a k-d tree), ties going to the smaller row number, so that a border point ends up
 * with the core point IndexedDBSCAN gives it ({@link #resolve}).
 */
final class DbscanPartition {

  private DbscanPartition() {
  }

  /** A point sent to a partition: its row number, coordinates and whether the partition owns it. */
  record Point(long id, double[] x, boolean owned) implements Serializable {
  }

  /** The nearest core point found so far for a point, or none (cluster -1). */
  static final class Nearest implements Serializable {
    private static final long serialVersionUID = 1L;
    double key = Double.POSITIVE_INFINITY;
    long id = Long.MAX_VALUE;
    int partition = -1;
    int cluster = -1;

    /** Takes the candidate if it is nearer, or as near and first in row order. */
    void offer(double otherKey, long otherId, int otherPartition, int otherCluster) {
      if (otherCluster >= 0 && (otherKey < key || otherKey == key && otherId < id)) {
        key = otherKey;
        id = otherId;
        partition = otherPartition;
        cluster = otherCluster;
      }
    }

    boolean found() {
      return cluster >= 0;
    }
  }

  /** What a partition tells the owner of one of its halo copies. */
  record Report(int owner, long id, int from, int[] clusters, double key, long nearestId,
      int nearestCluster) implements Serializable {
  }

  /** A partition's clustering of its own points, before the owners' answers. */
  static final class Local implements Serializable {
    private static final long serialVersionUID = 1L;
    int partition;
    long[] ids;
    double[][] points;
    boolean[] core;
    /** The local cluster of each owned core point, -1 otherwise. */
    int[] cluster;
    /** For each owned non-core point, the nearest owned core point within eps. */
    Nearest[] nearest;
    /** The smallest row number of an owned core point in each local cluster (MAX_VALUE: none). */
    long[] firstCore;
    List<Report> reports = new ArrayList<>();
  }

  /** Two local clusters that share a core point. */
  record Link(int partitionA, int clusterA, int partitionB, int clusterB) implements Serializable {
  }

  /** A partition's final word on its own points: who is core, and whose cluster each joins. */
  static final class Owned implements Serializable {
    private static final long serialVersionUID = 1L;
    int partition;
    long[] ids;
    boolean[] core;
    /** The partition and local cluster each point joins; -1 for noise. */
    int[] clusterPartition;
    int[] cluster;
    /** The coordinates of the core points, in the order of {@link #ids}. */
    double[][] corePoints;
    long[] firstCore;
    List<Link> links = new ArrayList<>();
  }

  /**
   * Clusters a partition's points.
   *
   * @param partitioning which partition owns which point (for the reports' addresses)
   * @param kind the index IndexedDBSCAN would use on all the data (grid or k-d tree)
   */
  static Local cluster(int partition, List<Point> received, DbscanPartitioning partitioning,
      int minPts, IndexChoice.Kind kind) {
    Point[] sorted = received.toArray(new Point[0]);
    Arrays.sort(sorted, Comparator.comparingLong(Point::id));
    int n = sorted.length;
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) {
      points[i] = sorted[i].x();
    }
    MetricSpace space = MetricSpace.euclidean();
    double radius = space.embeddedRadius(partitioning.eps);
    Local local = new Local();
    local.partition = partition;
    int owned = 0;
    for (Point p : sorted) {
      owned += p.owned() ? 1 : 0;
    }
    local.ids = new long[owned];
    local.points = new double[owned][];
    local.core = new boolean[owned];
    local.cluster = new int[owned];
    local.nearest = new Nearest[owned];
    if (n == 0) {
      local.firstCore = new long[0];
      return local;
    }
    IndexChoice index = IndexChoice.forRadius(kind, points, space, radius);
    DbscanResult result = index.grid() != null
        ? new GridDbscan(radius, minPts).cluster(index.grid(), null)
        : new Dbscan(partitioning.eps, minPts).cluster(points, index.search(), null, radius);
    NeighbourSearch search = index.search();
    boolean grid = index.grid() != null;
    boolean[] ownedCore = new boolean[n];
    local.firstCore = new long[result.numClusters()];
    Arrays.fill(local.firstCore, Long.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      if (sorted[i].owned() && result.core()[i]) {
        ownedCore[i] = true;
        int c = result.labels()[i];
        local.firstCore[c] = Math.min(local.firstCore[c], sorted[i].id());
      }
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
      Point p = sorted[i];
      if (p.owned()) {
        local.ids[k] = p.id();
        local.points[k] = p.x();
        local.core[k] = ownedCore[i];
        local.cluster[k] = ownedCore[i] ? result.labels()[i] : -1;
      }
      if (!ownedCore[i]) {
        Nearest nearest = new Nearest();
        boolean[] reached = p.owned() ? null : new boolean[result.numClusters()];
        double[] query = points[i];
        search.within(query, radius, (j, distance) -> {
          if (ownedCore[j]) {
            // the key the single-machine search compares: a grid compares squared distances,
            // a k-d tree the distances it reports
            double key = grid ? squaredDistance(query, points[j]) : distance;
            nearest.offer(key, sorted[j].id(), partition, result.labels()[j]);
            if (reached != null) {
              reached[result.labels()[j]] = true;
            }
          }
        });
        if (p.owned()) {
          local.nearest[k] = nearest;
        } else if (nearest.found()) {
          int count = 0;
          for (boolean r : reached) {
            count += r ? 1 : 0;
          }
          int[] clusters = new int[count];
          for (int c = 0, m = 0; c < reached.length; c++) {
            if (reached[c]) {
              clusters[m++] = c;
            }
          }
          local.reports.add(new Report(partitioning.owner(p.x()), p.id(), partition, clusters,
              nearest.key, nearest.id, nearest.cluster));
        }
      }
      if (p.owned()) {
        k++;
      }
    }
    return local;
  }

  /** The squared distance as the grid sums it, coordinate after coordinate. */
  static double squaredDistance(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      double diff = b[j] - a[j];
      sum += diff * diff;
    }
    return sum;
  }

  /**
   * The owner's decision on its points, from its clustering and the reports about them: a core
   * point links its local cluster with the reporters' clusters (a shared core point); a non-core
   * point joins the cluster of the nearest core point among its own partition's and the
   * reporters' (every core point within eps of it is owned by one of them), or is noise.
   */
  static Owned resolve(Local local, Iterable<Report> reports) {
    int n = local.ids.length;
    Owned owned = new Owned();
    owned.partition = local.partition;
    owned.ids = local.ids;
    owned.core = local.core;
    owned.firstCore = local.firstCore;
    owned.clusterPartition = new int[n];
    owned.cluster = new int[n];
    java.util.Map<Long, Integer> position = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      if (!local.core[i]) {
        position.put(local.ids[i], i);
      }
    }
    int[] cores = new int[n];
    int numCore = 0;
    for (int i = 0; i < n; i++) {
      if (local.core[i]) {
        cores[numCore++] = i;
      }
    }
    // a report about a core point links clusters; one about a non-core point offers a core point
    java.util.Map<Long, Integer> corePosition = new java.util.HashMap<>();
    for (int c = 0; c < numCore; c++) {
      corePosition.put(local.ids[cores[c]], cores[c]);
    }
    for (Report report : reports) {
      Integer core = corePosition.get(report.id());
      if (core != null) {
        for (int cluster : report.clusters()) {
          owned.links.add(new Link(report.from(), cluster, local.partition, local.cluster[core]));
        }
        continue;
      }
      Integer i = position.get(report.id());
      if (i == null) {
        throw new IllegalStateException("A report about row " + report.id() + ", which partition "
            + local.partition + " does not own");
      }
      local.nearest[i].offer(report.key(), report.nearestId(), report.from(),
          report.nearestCluster());
    }
    owned.corePoints = new double[numCore][];
    for (int c = 0; c < numCore; c++) {
      owned.corePoints[c] = local.points[cores[c]];
    }
    for (int i = 0; i < n; i++) {
      if (local.core[i]) {
        owned.clusterPartition[i] = local.partition;
        owned.cluster[i] = local.cluster[i];
      } else if (local.nearest[i].found()) {
        owned.clusterPartition[i] = local.nearest[i].partition;
        owned.cluster[i] = local.nearest[i].cluster;
      } else {
        owned.clusterPartition[i] = -1;
        owned.cluster[i] = -1;
      }
    }
    return owned;
  }
}
