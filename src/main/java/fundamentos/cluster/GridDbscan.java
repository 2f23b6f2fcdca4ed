package fundamentos.cluster;

import fundamentos.neighbours.CellGrid;
import fundamentos.progress.Cancellation;

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
 *   point of each lie within eps (the search stops at the first such pair: at once for cells
 *   inside a cluster; two cells that stay apart cost the product of their sizes, which Gunawan's
 *   bichromatic closest pair would bound by O(n log n) overall). Clusters are the
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

  /** The same parameters as {@link Dbscan#Dbscan}. */
  public GridDbscan(double eps, double minPts) {
    Dbscan.checkParameters(eps, minPts);
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
    // each step works cell by cell in a method of its own: small methods called thousands of
    // times are compiled early, which matters for a run that lasts a fraction of a second
    Run run = new Run(grid, weights);
    for (int c = 0; c < grid.numCells(); c++) {
      Cancellation.check();
      run.findCorePoints(c);
    }
    for (int c = 0; c < grid.numCells(); c++) {
      Cancellation.check();
      run.linkToCellsAround(c);
    }
    int clusters = run.numberClusters();
    for (int c = 0; c < grid.numCells(); c++) {
      Cancellation.check();
      run.labelBorderPoints(c);
    }
    return new DbscanResult(run.labels, run.core, clusters);
  }

  /** The state of one clustering. */
  private final class Run {
    final CellGrid grid;
    final double[] weights;
    final double limit = eps * eps;
    final CellGrid.Offsets offsets;
    final int[] around;
    final boolean[] core;
    final boolean[] coreCell;
    final DisjointSets linked;
    final int[] labels;

    Run(CellGrid grid, double[] weights) {
      this.grid = grid;
      this.weights = weights;
      offsets = grid.neighbourOffsets(eps);
      around = new int[offsets.count()];
      core = new boolean[grid.size()];
      coreCell = new boolean[grid.numCells()];
      linked = new DisjointSets(grid.numCells());
      labels = new int[grid.size()];
      java.util.Arrays.fill(labels, DbscanResult.NOISE);
    }

    double weight(int position) {
      return weights == null ? 1 : weights[grid.pointAt(position)];
    }

    /** Step 1 for cell c: all core when the cell alone weighs minPts, else point by point. */
    void findCorePoints(int c) {
      double own = 0;
      for (int p = grid.cellStart(c); p < grid.cellEnd(c); p++) {
        own += weight(p);
      }
      if (own >= minPts) {
        for (int p = grid.cellStart(c); p < grid.cellEnd(c); p++) {
          core[grid.pointAt(p)] = true;
        }
        coreCell[c] = true;
        return;
      }
      int found = grid.neighbourCells(c, offsets, around);
      for (int p = grid.cellStart(c); p < grid.cellEnd(c); p++) {
        if (reaches(p, own, found)) {
          core[grid.pointAt(p)] = true;
          coreCell[c] = true;
        }
      }
    }

    /**
     * Whether the point at position p gathers minPts: its own cell's weight plus its neighbours
     * within eps in the cells around (nearest cells first), stopping once the count is reached.
     */
    boolean reaches(int p, double own, int found) {
      double total = own;
      for (int k = 0; k < found; k++) {
        int cell = around[k];
        for (int q = grid.cellStart(cell); q < grid.cellEnd(cell); q++) {
          if (grid.squaredDistance(p, q) <= limit) {
            total += weight(q);
            if (total >= minPts) {
              return true;
            }
          }
        }
      }
      return false;
    }

    /** Step 2 for cell c: joins it to each later cell around it that shares a core pair. */
    void linkToCellsAround(int c) {
      if (!coreCell[c]) {
        return;
      }
      int found = grid.neighbourCells(c, offsets, around);
      for (int k = 0; k < found; k++) {
        int other = around[k];
        if (other > c && coreCell[other] && linked.find(c) != linked.find(other)
            && corePairWithin(c, other)) {
          linked.union(c, other);
        }
      }
    }

    /** Whether some core point of cell a lies within eps of some core point of cell b. */
    boolean corePairWithin(int a, int b) {
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

    /**
     * Labels the core points with their component's cluster, numbered in the order of each
     * cluster's first core point (as {@link Dbscan} numbers them); returns the number of clusters.
     */
    int numberClusters() {
      int[] clusterOfSet = new int[grid.numCells()];
      java.util.Arrays.fill(clusterOfSet, -1);
      int clusters = 0;
      for (int i = 0; i < core.length; i++) {
        if (core[i]) {
          int set = linked.find(grid.cellOf(i));
          if (clusterOfSet[set] < 0) {
            clusterOfSet[set] = clusters++;
          }
          labels[i] = clusterOfSet[set];
        }
      }
      return clusters;
    }

    /** Step 3 for cell c: each non-core point takes the cluster of its nearest core point. */
    void labelBorderPoints(int c) {
      int found = -1;
      for (int p = grid.cellStart(c); p < grid.cellEnd(c); p++) {
        int point = grid.pointAt(p);
        if (core[point]) {
          continue;
        }
        if (found < 0) {
          found = grid.neighbourCells(c, offsets, around);
        }
        int nearest = nearestCorePoint(p, c, found);
        labels[point] = nearest < 0 ? DbscanResult.NOISE : labels[nearest];
      }
    }

    /**
     * The core point within eps nearest to the point at position p (of equally near ones the first
     * in data order, as {@link NearestCoreRule} decides), searched in its own cell c and the cells
     * around; -1 when there is none.
     */
    int nearestCorePoint(int p, int c, int found) {
      double nearest = Double.POSITIVE_INFINITY;
      int nearestPoint = -1;
      for (int k = -1; k < found; k++) {
        int cell = k < 0 ? c : around[k];
        for (int q = grid.cellStart(cell); q < grid.cellEnd(cell); q++) {
          int other = grid.pointAt(q);
          if (core[other]) {
            double d = grid.squaredDistance(p, q);
            if (d <= limit && (d < nearest || d == nearest && other < nearestPoint)) {
              nearest = d;
              nearestPoint = other;
            }
          }
        }
      }
      return nearestPoint;
    }
  }
}
