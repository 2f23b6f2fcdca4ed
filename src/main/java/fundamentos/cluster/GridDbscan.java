package fundamentos.cluster;

/**
 * Exact DBSCAN in low-dimensional Euclidean space over a {@link CellGrid} of side eps / sqrt(d)
 * (Gunawan 2013, "A faster algorithm for DBSCAN"; de Berg, Gunawan and Roeloffzen 2019): the same
 * core points, noise and clusters as {@link Dbscan}, found with far fewer distance computations:
 *
 * <ol>
 *   <li>Core points. Any two points of a cell are within eps, so every point of a cell that
 *   weighs at least minPts is a core point without a single distance computed; elsewhere a point
 *   counts its neighbours in the cells around its own and stops as soon as it reaches minPts.</li>
 *   <li>Clusters. The core points of a cell are all linked; two cells are linked when one core
 *   point of each lie within eps (the search stops at the first such pair). Clusters are the
 *   connected components of the linked cells ({@link DisjointSets}), numbered as {@link Dbscan}
 *   numbers them: in the order of their first core point.</li>
 *   <li>Border points. A non-core point within eps of a core point joins the cluster of the
 *   nearest one, as in {@link Dbscan} (and as {@link NearestCoreRule} labels unseen points). The
 *   rest is noise.</li>
 * </ol>
 */
public final class GridDbscan {

  private final double eps;
  private final double minPts;

  /**
   * @param eps the neighbourhood radius, > 0
   * @param minPts the weight a neighbourhood needs for its centre to be a core point, >= 1
   */
  public GridDbscan(double eps, double minPts) {
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("eps must be a positive finite distance, not " + eps);
    }
    if (!(minPts >= 1)) {
      throw new IllegalArgumentException("minPts must be at least 1, not " + minPts);
    }
    this.eps = eps;
    this.minPts = minPts;
  }

  /**
   * Clusters the gridded points.
   *
   * @param grid the points, in cells of side at most {@link CellGrid#sideFor}(eps, d)
   * @param weights the weight of each point (original order), or null for 1 each
   */
  public DbscanResult cluster(CellGrid grid, double[] weights) {
    if (grid.size() > 0 && grid.side() > CellGrid.sideFor(eps, grid.dimension())) {
      throw new IllegalArgumentException("The grid's cells (side " + grid.side() + ") are too "
          + "wide for eps " + eps + ": at most " + CellGrid.sideFor(eps, grid.dimension()));
    }
    int n = grid.size();
    int cells = grid.numCells();
    double limit = eps * eps;
    CellGrid.Offsets offsets = grid.neighbourOffsets(eps);
    int[] around = new int[offsets.count()];
    boolean[] core = new boolean[n];
    boolean[] coreCell = new boolean[cells];
    // 1. core points
    for (int c = 0; c < cells; c++) {
      double own = 0;
      for (int p = grid.cellStart(c); p < grid.cellEnd(c); p++) {
        own += weight(grid, p, weights);
      }
      if (own >= minPts) {
        for (int p = grid.cellStart(c); p < grid.cellEnd(c); p++) {
          core[grid.pointAt(p)] = true;
        }
        coreCell[c] = true;
        continue;
      }
      int found = grid.neighbourCells(c, offsets, around);
      for (int p = grid.cellStart(c); p < grid.cellEnd(c); p++) {
        if (reaches(grid, p, own, around, found, limit, weights)) {
          core[grid.pointAt(p)] = true;
          coreCell[c] = true;
        }
      }
    }
    // 2. clusters: components of the cells linked by a pair of core points within eps
    DisjointSets linked = new DisjointSets(cells);
    for (int c = 0; c < cells; c++) {
      if (!coreCell[c]) {
        continue;
      }
      int found = grid.neighbourCells(c, offsets, around);
      for (int k = 0; k < found; k++) {
        int other = around[k];
        if (other > c && coreCell[other] && linked.find(c) != linked.find(other)
            && corePairWithin(grid, c, other, core, limit)) {
          linked.union(c, other);
        }
      }
    }
    int[] labels = new int[n];
    java.util.Arrays.fill(labels, DbscanResult.NOISE);
    int[] clusterOfSet = new int[cells];
    java.util.Arrays.fill(clusterOfSet, -1);
    int clusters = 0;
    for (int i = 0; i < n; i++) {
      if (core[i]) {
        int set = linked.find(grid.cellOf(i));
        if (clusterOfSet[set] < 0) {
          clusterOfSet[set] = clusters++;
        }
        labels[i] = clusterOfSet[set];
      }
    }
    // 3. border points: the cluster of the nearest core point within eps
    for (int c = 0; c < cells; c++) {
      if (allCore(grid, c, core)) {
        continue;
      }
      int found = grid.neighbourCells(c, offsets, around);
      for (int p = grid.cellStart(c); p < grid.cellEnd(c); p++) {
        int point = grid.pointAt(p);
        if (core[point]) {
          continue;
        }
        double nearest = Double.POSITIVE_INFINITY;
        int nearestPoint = -1;
        for (int k = -1; k < found; k++) { // its own cell, then the cells around
          int cell = k < 0 ? c : around[k];
          for (int q = grid.cellStart(cell); q < grid.cellEnd(cell); q++) {
            int other = grid.pointAt(q);
            if (core[other]) {
              double d = grid.squaredDistance(p, q);
              // equally near core points: the first in data order, as NearestCoreRule decides
              if (d <= limit && (d < nearest || d == nearest && other < nearestPoint)) {
                nearest = d;
                nearestPoint = other;
              }
            }
          }
        }
        labels[point] = nearestPoint < 0 ? DbscanResult.NOISE : labels[nearestPoint];
      }
    }
    return new DbscanResult(labels, core, clusters);
  }

  private static boolean allCore(CellGrid grid, int c, boolean[] core) {
    for (int p = grid.cellStart(c); p < grid.cellEnd(c); p++) {
      if (!core[grid.pointAt(p)]) {
        return false;
      }
    }
    return true;
  }

  private static double weight(CellGrid grid, int position, double[] weights) {
    return weights == null ? 1 : weights[grid.pointAt(position)];
  }

  /**
   * Whether the point at position p gathers minPts: its own cell's weight plus its neighbours
   * within eps in the cells around, stopping as soon as the count is reached.
   */
  private boolean reaches(CellGrid grid, int p, double own, int[] around, int found, double limit,
      double[] weights) {
    double total = own;
    for (int k = 0; k < found; k++) {
      int cell = around[k];
      for (int q = grid.cellStart(cell); q < grid.cellEnd(cell); q++) {
        if (grid.squaredDistance(p, q) <= limit) {
          total += weight(grid, q, weights);
          if (total >= minPts) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether some core point of cell a lies within eps of some core point of cell b. */
  private static boolean corePairWithin(CellGrid grid, int a, int b, boolean[] core,
      double limit) {
    for (int p = grid.cellStart(a); p < grid.cellEnd(a); p++) {
      if (!core[grid.pointAt(p)]) {
        continue;
      }
      for (int q = grid.cellStart(b); q < grid.cellEnd(b); q++) {
        if (core[grid.pointAt(q)] && grid.squaredDistance(p, q) <= limit) {
          return true;
        }
      }
    }
    return false;
  }
}
