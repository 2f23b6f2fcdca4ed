package fundamentos.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The DBSCAN job's split of space into partitions (MR-DBSCAN, He et al. 2011) with boundaries
 * chosen from cell counts (RP-DBSCAN, Song and Lee 2018), for points whose coordinates lie in
 * [0, 1] (Weka's normalised attributes).
 *
 * <p>Space is cut into cubic cells of a fixed side (eps / sqrt(d), wider where that would make
 * more than {@value #MAX_CELLS} cells); one pass counts the points of each cell. The partitions
 * are boxes of whole cells found by recursive bisection: the box holding the most points is cut
 * where its points, counted cell slice by cell slice, split most evenly, along the dimension where
 * that split is most even, until there are as many boxes as partitions asked for or no box can be
 * cut (a box one cell wide in every dimension with points in it). So a dense corner is cut
 * finely and an empty region coarsely: the boxes hold about the same number of points whatever the
 * skew, down to one cell.
 *
 * <p>A point is <em>owned</em> by the box of its cell (its interior there) and copied into every
 * other box whose bounds, widened by eps on every side (the halo), contain it: every point within
 * eps of a box's interior lies in its halo.
 */
final class DbscanPartitioning implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The most cells the counts are kept for (a dense array of longs on the driver, 8 MB). */
  static final int MAX_CELLS = 1 << 20;

  final double eps;
  final int dimension;
  final double side;
  /** Cells along each dimension. */
  final int[] extent;
  /** Each partition's cells, [low, high) along each dimension. */
  final int[][] low;
  final int[][] high;
  /** The halo's width: eps with a hair of slack for the rounding of cell indices. */
  private final double halo;

  private DbscanPartitioning(double eps, int dimension, double side, int[] extent, int[][] low,
      int[][] high) {
    this.eps = eps;
    this.dimension = dimension;
    this.side = side;
    this.extent = extent;
    this.low = low;
    this.high = high;
    halo = eps * (1 + 1e-9) + side * 1e-9;
  }

  /** A grid of cells over [0, 1]^d, not cut yet: what the counting pass needs. */
  static DbscanPartitioning cells(double eps, int dimension) {
    double side = eps / Math.sqrt(Math.max(1, dimension));
    int[] extent = extentFor(side, dimension);
    while (product(extent) > MAX_CELLS) {
      side *= 1.25;
      extent = extentFor(side, dimension);
    }
    int[] whole = new int[dimension];
    return new DbscanPartitioning(eps, dimension, side, extent, new int[][] {whole},
        new int[][] {extent.clone()});
  }

  private static int[] extentFor(double side, int dimension) {
    int[] extent = new int[dimension];
    for (int j = 0; j < dimension; j++) {
      extent[j] = (int) Math.min(Integer.MAX_VALUE / 2, Math.floor(1 / side) + 1);
    }
    return extent;
  }

  private static double product(int[] extent) {
    double cells = 1;
    for (int e : extent) {
      cells *= e;
    }
    return cells;
  }

  int numCells() {
    return (int) product(extent);
  }

  int numPartitions() {
    return low.length;
  }

  /** The cell of a point along dimension j. */
  int cellIndex(double value, int j) {
    return (int) Math.max(0, Math.min(extent[j] - 1, Math.floor(value / side)));
  }

  /** The number of a point's cell in the dense count array. */
  int cell(double[] point) {
    int key = 0;
    int stride = 1;
    for (int j = 0; j < dimension; j++) {
      key += cellIndex(point[j], j) * stride;
      stride *= extent[j];
    }
    return key;
  }

  /** The partition that owns a point: the one box holding its cell. */
  int owner(double[] point) {
    for (int p = 0; p < low.length; p++) {
      boolean inside = true;
      for (int j = 0; j < dimension && inside; j++) {
        int c = cellIndex(point[j], j);
        inside = c >= low[p][j] && c < high[p][j];
      }
      if (inside) {
        return p;
      }
    }
    throw new IllegalStateException("no partition holds the point"); // the boxes tile the grid
  }

  /** Each partition a point goes to: its owner first, then those whose halo holds it. */
  void partitionsOf(double[] point, IntConsumer target) {
    int owner = owner(point);
    target.accept(owner);
    for (int p = 0; p < low.length; p++) {
      if (p != owner && inHalo(p, point)) {
        target.accept(p);
      }
    }
  }

  /** Whether a point lies within the halo of partition p (its box widened by eps). */
  boolean inHalo(int p, double[] point) {
    for (int j = 0; j < dimension; j++) {
      double from = low[p][j] == 0 ? Double.NEGATIVE_INFINITY : low[p][j] * side - halo;
      double to = high[p][j] == extent[j] ? Double.POSITIVE_INFINITY : high[p][j] * side + halo;
      if (point[j] < from || point[j] > to) {
        return false;
      }
    }
    return true;
  }

  /**
   * Cuts the grid into at most {@code partitions} boxes that hold about as many points each.
   *
   * @param counts the points of each cell ({@link #cell} numbers them)
   */
  DbscanPartitioning split(long[] counts, int partitions) {
    List<int[][]> boxes = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    boxes.add(new int[][] {new int[dimension], extent.clone()});
    sizes.add(total(counts));
    while (boxes.size() < partitions) {
      // the fullest box that can be cut
      int best = -1;
      Cut cut = null;
      for (int b = 0; b < boxes.size(); b++) {
        if (best >= 0 && sizes.get(b) <= sizes.get(best)) {
          continue;
        }
        Cut c = bestCut(counts, boxes.get(b));
        if (c != null) {
          best = b;
          cut = c;
        }
      }
      if (cut == null) {
        break;
      }
      int[][] box = boxes.get(best);
      int[][] left = {box[0].clone(), box[1].clone()};
      int[][] right = {box[0].clone(), box[1].clone()};
      left[1][cut.dimension] = cut.at;
      right[0][cut.dimension] = cut.at;
      boxes.set(best, left);
      sizes.set(best, cut.left);
      boxes.add(right);
      sizes.add(cut.right);
    }
    int[][] lows = new int[boxes.size()][];
    int[][] highs = new int[boxes.size()][];
    for (int b = 0; b < boxes.size(); b++) {
      lows[b] = boxes.get(b)[0];
      highs[b] = boxes.get(b)[1];
    }
    return new DbscanPartitioning(eps, dimension, side, extent, lows, highs);
  }

  private static long total(long[] counts) {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  /** Where a box is cut: the dimension, the first cell of the right part, the points each side. */
  private record Cut(int dimension, int at, long left, long right) {
  }

  /**
   * The most even cut of a box between cell slices, over every dimension; null when every
   * dimension has its points in one slice.
   */
  private Cut bestCut(long[] counts, int[][] box) {
    long[][] slices = new long[dimension][];
    for (int j = 0; j < dimension; j++) {
      slices[j] = new long[box[1][j] - box[0][j]];
    }
    forEachCell(box, (key, at) -> {
      long c = counts[key];
      if (c > 0) {
        for (int j = 0; j < dimension; j++) {
          slices[j][at[j] - box[0][j]] += c;
        }
      }
    });
    Cut best = null;
    for (int j = 0; j < dimension; j++) {
      long all = 0;
      for (long s : slices[j]) {
        all += s;
      }
      long left = 0;
      for (int k = 1; k < slices[j].length; k++) {
        left += slices[j][k - 1];
        long right = all - left;
        if (left == 0 || right == 0) {
          continue;
        }
        if (best == null || Math.abs(left - right) < Math.abs(best.left - best.right)) {
          best = new Cut(j, box[0][j] + k, left, right);
        }
      }
    }
    return best;
  }

  /** Visits every cell of a box: its number and its integer coordinates. */
  private void forEachCell(int[][] box, CellVisitor visitor) {
    for (int j = 0; j < dimension; j++) {
      if (box[0][j] >= box[1][j]) {
        return;
      }
    }
    int[] at = box[0].clone();
    while (true) {
      int key = 0;
      int stride = 1;
      for (int j = 0; j < dimension; j++) {
        key += at[j] * stride;
        stride *= extent[j];
      }
      visitor.visit(key, at);
      int j = 0;
      while (j < dimension && at[j] == box[1][j] - 1) {
        at[j] = box[0][j];
        j++;
      }
      if (j == dimension) {
        return;
      }
      at[j]++;
    }
  }

  private interface CellVisitor {
    void visit(int key, int[] at);
  }

  /**
   * The points each partition would hold, its own and its halo's, counted by cells (a cell whose
   * box meets the widened partition counts whole: an upper bound).
   */
  long[] copies(long[] counts) {
    long[] copies = new long[low.length];
    int[][] all = {new int[dimension], extent.clone()};
    forEachCell(all, (key, at) -> {
      long c = counts[key];
      if (c == 0) {
        return;
      }
      for (int p = 0; p < low.length; p++) {
        boolean meets = true;
        for (int j = 0; j < dimension && meets; j++) {
          double cellLow = at[j] * side;
          double cellHigh = at[j] == extent[j] - 1 ? Double.POSITIVE_INFINITY : (at[j] + 1) * side;
          double from = low[p][j] == 0 ? Double.NEGATIVE_INFINITY : low[p][j] * side - halo;
          double to = high[p][j] == extent[j] ? Double.POSITIVE_INFINITY
              : high[p][j] * side + halo;
          meets = cellHigh >= from && cellLow <= to;
        }
        if (meets) {
          copies[p] += c;
        }
      }
    });
    return copies;
  }

  /** The points each partition owns. */
  long[] owned(long[] counts) {
    long[] owned = new long[low.length];
    for (int p = 0; p < low.length; p++) {
      int partition = p;
      forEachCell(new int[][] {low[p], high[p]}, (key, at) -> owned[partition] += counts[key]);
    }
    return owned;
  }
}
