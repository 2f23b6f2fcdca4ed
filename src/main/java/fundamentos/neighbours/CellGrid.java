package fundamentos.neighbours;

/**
 * A uniform grid over points in R^d under Euclidean distance: space is cut into cubes of a fixed
 * side, and only the occupied cells are stored (a table from a cell's key to its points, which lie
 * contiguously in cell order). With side eps / sqrt(d), any two points of one cell are within eps
 * of each other, and the points within eps of a point lie in the few cells around its own: the
 * structure behind exact DBSCAN in low dimension in O(n log n) time (Gunawan 2013; de Berg,
 * Gunawan and Roeloffzen 2019), used by {@link fundamentos.cluster.GridDbscan}. O(n) memory; building costs O(n)
 * expected time (no sorting: cells are numbered by first appearance). A range query visits the
 * cells whose box lies within the radius, so it suits few dimensions (2 or 3): the number of cells
 * around a point grows as (2 sqrt(d) + 1)^d.
 */
public final class CellGrid implements NeighbourSearch, java.io.Serializable {

  private static final long serialVersionUID = 1L;
  private static final long EMPTY = Long.MIN_VALUE;

  private final int dimension;
  private final double side;
  /** The corner of cell (0, ..., 0): the smallest coordinate of the points in each dimension. */
  private final double[] origin;
  /** Cells along each dimension, and the factors that turn cell coordinates into one key. */
  private final long[] extent;
  private final long[] stride;
  /** The points' coordinates row after row in cell order: a cell's points are contiguous. */
  private final double[] coordinates;
  /** The original index of the point at each position. */
  private final int[] order;
  /** The cell of each point, by original index. */
  private final int[] pointCell;
  /** Cell c holds positions cellStart[c] .. cellStart[c + 1] - 1. */
  private final int[] cellStart;
  /** The integer coordinates of each cell, row after row. */
  private final int[] cellCoordinates;
  private final int numCells;
  /**
   * From a cell's key to its number: a direct array (-1 for an empty cell) when the bounding box
   * holds at most a few cells per point, as it does at the eps DBSCAN is run with; otherwise open
   * addressing with linear probing over the occupied cells.
   */
  private final int[] denseCells;
  private final long[] tableKeys;
  private final int[] tableCells;

  /**
   * The cell side that puts any two points of a cell within eps: eps / sqrt(d), made smaller by a
   * relative 1e-12 so that rounding cannot push the cell's diagonal over eps.
   */
  public static double sideFor(double eps, int dimension) {
    return eps / Math.sqrt(Math.max(1, dimension)) * (1 - 1e-12);
  }

  /**
   * A grid over the points, or null when they cannot be gridded with this side: a non-finite
   * coordinate, or more cells along their bounding box than one 64-bit key per cell can number (a
   * very small side over a wide spread).
   */
  public static CellGrid over(double[][] points, double side) {
    double[][] bounds = bounds(points);
    return boundsFit(bounds, side) ? new CellGrid(points, side, bounds) : null;
  }

  /** The smallest and the largest coordinate in each dimension, in one pass over the points. */
  private static double[][] bounds(double[][] points) {
    int d = points.length == 0 ? 0 : points[0].length;
    double[] low = new double[d];
    double[] high = new double[d];
    java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
    for (double[] point : points) {
      extend(point, low, high);
    }
    return new double[][] {low, high};
  }

  private static void extend(double[] point, double[] low, double[] high) {
    for (int j = 0; j < point.length; j++) {
      // Math.min and Math.max return NaN when either value is NaN: a NaN coordinate in any row
      // makes both bounds NaN for good, which boundsFit refuses
      low[j] = Math.min(low[j], point[j]);
      high[j] = Math.max(high[j], point[j]);
    }
  }

  private static boolean boundsFit(double[][] bounds, double side) {
    int d = bounds[0].length;
    if (!(side > 0) || Double.isInfinite(side)) {
      return false;
    }
    double cells = 1;
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(bounds[0][j]) || !Double.isFinite(bounds[1][j])) {
        return false;
      }
      double along = Math.floor((bounds[1][j] - bounds[0][j]) / side) + 1;
      if (!(along < Integer.MAX_VALUE)) {
        return false;
      }
      cells *= along;
    }
    return cells < 0x1p62;
  }

  /**
   * @param points the rows to grid (copied); {@link #over} says null where this constructor throws
   * @param side the cells' side
   */
  public CellGrid(double[][] points, double side) {
    this(points, side, bounds(points));
  }

  private CellGrid(double[][] points, double side, double[][] bounds) {
    if (points.length > 0 && !boundsFit(bounds, side)) {
      throw new IllegalArgumentException("The points do not fit a grid of cells of side " + side
          + " (non-finite coordinates, or too many cells along their spread)");
    }
    int n = points.length;
    this.side = side;
    dimension = bounds[0].length;
    int d = dimension;
    origin = new double[d];
    extent = new long[d];
    stride = new long[d];
    long factor = 1;
    for (int j = 0; j < d; j++) {
      origin[j] = bounds[0][j];
      extent[j] = (long) Math.floor((bounds[1][j] - bounds[0][j]) / side) + 1;
      stride[j] = factor;
      factor *= extent[j];
    }
    if (factor <= 4L * n + 1024) {
      denseCells = new int[(int) factor];
      java.util.Arrays.fill(denseCells, -1);
      tableKeys = null;
      tableCells = null;
    } else {
      denseCells = null;
      int capacity = Integer.highestOneBit(Math.max(1, 2 * n - 1)) << 1;
      tableKeys = new long[capacity];
      tableCells = new int[capacity];
      java.util.Arrays.fill(tableKeys, EMPTY);
    }
    // number the cells by first appearance and count their points
    pointCell = new int[n];
    int[] count = new int[n + 1];
    int[] firstPoint = new int[n];
    int cells = 0;
    for (int i = 0; i < n; i++) {
      long key = keyOf(points[i]);
      int cell = cellAt(key);
      if (cell < 0) {
        cell = cells++;
        firstPoint[cell] = i;
        if (denseCells != null) {
          denseCells[(int) key] = cell;
        } else {
          int slot = slot(key);
          tableKeys[slot] = key;
          tableCells[slot] = cell;
        }
      }
      pointCell[i] = cell;
      count[cell + 1]++;
    }
    numCells = cells;
    cellStart = new int[cells + 1];
    for (int c = 0; c < cells; c++) {
      cellStart[c + 1] = cellStart[c] + count[c + 1];
    }
    cellCoordinates = new int[cells * d];
    for (int c = 0; c < cells; c++) {
      for (int j = 0; j < d; j++) {
        cellCoordinates[c * d + j] = (int) cellIndex(points[firstPoint[c]][j], j);
      }
    }
    // place the points cell after cell, keeping their original order within a cell
    order = new int[n];
    coordinates = new double[n * d];
    int[] next = java.util.Arrays.copyOf(cellStart, cells);
    for (int i = 0; i < n; i++) {
      int position = next[pointCell[i]]++;
      order[position] = i;
      System.arraycopy(points[i], 0, coordinates, position * d, d);
    }
  }

  /** The key of the cell a point lies in: its integer cell coordinates in one number. */
  private long keyOf(double[] point) {
    long key = 0;
    for (int j = 0; j < dimension; j++) {
      key += cellIndex(point[j], j) * stride[j];
    }
    return key;
  }

  private long cellIndex(double value, int j) {
    // clamped: rounding in (value - origin) / side must not step past the last cell
    return Math.min(extent[j] - 1, (long) Math.floor((value - origin[j]) / side));
  }

  /** The table slot of a key: its own slot, or the empty one where it would go. */
  private int slot(long key) {
    int mask = tableKeys.length - 1;
    int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    while (tableKeys[slot] != EMPTY && tableKeys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** The number of the cell with these integer coordinates, or -1 when it holds no point. */
  private int cellAt(long key) {
    if (denseCells != null) {
      return denseCells[(int) key];
    }
    int slot = slot(key);
    return tableKeys[slot] == EMPTY ? -1 : tableCells[slot];
  }

  @Override
  public int size() {
    return order.length;
  }

  public int dimension() {
    return dimension;
  }

  public double side() {
    return side;
  }

  public int numCells() {
    return numCells;
  }

  /** The first position of cell c; its points end where cell c + 1's begin. */
  public int cellStart(int c) {
    return cellStart[c];
  }

  public int cellEnd(int c) {
    return cellStart[c + 1];
  }

  /** The original index of the point at a position. */
  public int pointAt(int position) {
    return order[position];
  }

  /** The cell of a point (original index). */
  public int cellOf(int point) {
    return pointCell[point];
  }

  /** The squared distance between the points at two positions. */
  public double squaredDistance(int a, int b) {
    double sum = 0;
    for (int j = 0, x = a * dimension, y = b * dimension; j < dimension; j++, x++, y++) {
      double diff = coordinates[x] - coordinates[y];
      sum += diff * diff;
    }
    return sum;
  }

  /**
   * The offsets (flattened, {@link #dimension} per offset) from a cell to every other cell that
   * may hold a point within {@code radius} of a point of it: those whose gap, the smallest distance
   * between points of the two cells, is at most the radius.
   */
  public Offsets neighbourOffsets(double radius) {
    int d = dimension;
    int reach = (int) Math.ceil(radius / side) + 1;
    java.util.List<int[]> offsets = new java.util.ArrayList<>();
    int[] offset = new int[d];
    java.util.Arrays.fill(offset, -reach);
    while (true) {
      double gap = 0;
      boolean zero = true;
      for (int j = 0; j < d; j++) {
        double cells = Math.max(0, Math.abs(offset[j]) - 1);
        gap += cells * cells * side * side;
        zero &= offset[j] == 0;
      }
      // a hair of slack: a point's cell came from a rounded division
      if (!zero && gap <= radius * radius * (1 + 1e-9)) {
        offsets.add(offset.clone());
      }
      int j = 0;
      while (j < d && offset[j] == reach) {
        offset[j++] = -reach;
      }
      if (j == d) {
        break;
      }
      offset[j]++;
    }
    // nearest cells first: a count that stops at minPts stops sooner
    offsets.sort(java.util.Comparator.comparingDouble(o -> {
      double gap = 0;
      for (int v : o) {
        gap += Math.max(0, Math.abs(v) - 1) * (double) Math.max(0, Math.abs(v) - 1) + 1e-3 * v * v;
      }
      return gap;
    }));
    int[] flat = new int[offsets.size() * d];
    long[] steps = new long[offsets.size()];
    int farthest = 0;
    for (int o = 0; o < offsets.size(); o++) {
      System.arraycopy(offsets.get(o), 0, flat, o * d, d);
      for (int j = 0; j < d; j++) {
        steps[o] += flat[o * d + j] * stride[j];
        farthest = Math.max(farthest, Math.abs(flat[o * d + j]));
      }
    }
    return new Offsets(flat, steps, farthest);
  }

  /**
   * Offsets from a cell to the cells around it: their integer coordinates ({@link #dimension} per
   * offset), the differences of their keys, and the largest coordinate offset.
   */
  public record Offsets(int[] cells, long[] keySteps, int reach) {
    public int count() {
      return keySteps.length;
    }
  }

  /**
   * Writes to {@code out} the occupied cells at the given offsets from cell c; returns how many.
   */
  public int neighbourCells(int c, Offsets around, int[] out) {
    int d = dimension;
    int reach = around.reach();
    int[] offsets = around.cells();
    long[] steps = around.keySteps();
    long key = 0;
    boolean interior = true;
    for (int j = 0; j < d; j++) {
      int along = cellCoordinates[c * d + j];
      key += along * stride[j];
      interior &= along >= reach && along + reach < extent[j];
    }
    int found = 0;
    if (interior) {
      // every offset stays inside the grid: one key addition per neighbour
      for (long step : steps) {
        int cell = cellAt(key + step);
        if (cell >= 0) {
          out[found++] = cell;
        }
      }
      return found;
    }
    for (int o = 0; o < offsets.length; o += d) {
      boolean inside = true;
      for (int j = 0; j < d && inside; j++) {
        long along = (long) cellCoordinates[c * d + j] + offsets[o + j];
        inside = along >= 0 && along < extent[j];
      }
      int cell = inside ? cellAt(key + steps[o / d]) : -1;
      if (cell >= 0) {
        out[found++] = cell;
      }
    }
    return found;
  }

  @Override
  public void within(double[] query, double radius, NeighbourVisitor visitor) {
    Candidates near = candidates(query, radius);
    for (int k = 0; k < near.count(); k++) {
      visitCell(near.cells()[k], query, radius * radius, visitor);
    }
  }

  /**
   * The nearest accepted point within the radius, searching the cells in order of their gap to the
   * query and stopping at the first cell farther than the best point so far: inside a dense cluster
   * a query looks at its own cell and a few around, not at its whole eps-neighbourhood.
   */
  @Override
  public int nearest(double[] query, double radius, java.util.function.IntPredicate accept) {
    double limit = radius * radius;
    Candidates near = candidates(query, radius);
    int count = near.count();
    int[] cells = near.cells();
    double[] gaps = near.gaps();
    // insertion sort by gap: a handful of cells (all of them would not be sorted: no early stop)
    boolean sorted = count <= 64;
    for (int k = 1; sorted && k < count; k++) {
      int cell = cells[k];
      double gap = gaps[k];
      int m = k - 1;
      while (m >= 0 && gaps[m] > gap) {
        cells[m + 1] = cells[m];
        gaps[m + 1] = gaps[m];
        m--;
      }
      cells[m + 1] = cell;
      gaps[m + 1] = gap;
    }
    int d = dimension;
    double best = Double.POSITIVE_INFINITY;
    int found = -1;
    for (int k = 0; k < count; k++) {
      if (sorted && gaps[k] > best) {
        break; // every point of this cell and the later ones is farther than the best
      }
      int cell = cells[k];
      for (int position = cellStart[cell]; position < cellStart[cell + 1]; position++) {
        double sum = 0;
        for (int j = 0, x = position * d; j < d; j++, x++) {
          double diff = coordinates[x] - query[j];
          sum += diff * diff;
        }
        int index = order[position];
        if (sum <= limit && (sum < best || sum == best && index < found) && accept.test(index)) {
          best = sum;
          found = index;
        }
      }
    }
    return found;
  }

  /** Occupied cells that may hold points within a radius of a query, and their squared gaps. */
  private record Candidates(int[] cells, double[] gaps, int count) {
  }

  /**
   * The occupied cells whose box (widened by a hair: a point's cell came from a rounded division)
   * lies within the radius of the query, with the squared distance from the query to the box.
   */
  private Candidates candidates(double[] query, double radius) {
    int d = dimension;
    double limit = radius * radius;
    double reach = Math.ceil(radius / side);
    // the window of cells around the query, clipped to the grid
    long[] low = new long[d];
    long[] high = new long[d];
    double window = 1;
    for (int j = 0; j < d; j++) {
      double centre = Math.floor((query[j] - origin[j]) / side);
      double from = Math.max(0, centre - reach);
      double to = Math.min(extent[j] - 1, centre + reach);
      if (!(from <= to) || numCells == 0) {
        return new Candidates(new int[0], new double[0], 0); // misses the grid, or NaN
      }
      low[j] = (long) from;
      high[j] = (long) to;
      window *= to - from + 1;
    }
    int capacity = (int) Math.min(window, numCells);
    int[] cells = new int[capacity];
    double[] gaps = new double[capacity];
    int count = 0;
    long[] at = new long[d];
    if (window >= numCells) {
      // a radius as wide as the data: every occupied cell, no lookups
      for (int c = 0; c < numCells; c++) {
        for (int j = 0; j < d; j++) {
          at[j] = cellCoordinates[c * d + j];
        }
        double gap = squaredGap(query, at);
        if (gap <= limit) {
          cells[count] = c;
          gaps[count++] = gap;
        }
      }
      return new Candidates(cells, gaps, count);
    }
    System.arraycopy(low, 0, at, 0, d);
    while (true) {
      double gap = squaredGap(query, at);
      if (gap <= limit) {
        long key = 0;
        for (int j = 0; j < d; j++) {
          key += at[j] * stride[j];
        }
        int cell = cellAt(key);
        if (cell >= 0) {
          cells[count] = cell;
          gaps[count++] = gap;
        }
      }
      int j = 0;
      while (j < d && at[j] == high[j]) {
        at[j] = low[j];
        j++;
      }
      if (j == d) {
        return new Candidates(cells, gaps, count);
      }
      at[j]++;
    }
  }

  /** The squared distance from the query to the (slightly widened) box of the cell at {@code at}. */
  private double squaredGap(double[] query, long[] at) {
    double gap = 0;
    for (int j = 0; j < dimension; j++) {
      double cellLow = origin[j] + (at[j] - 1e-9) * side;
      double cellHigh = origin[j] + (at[j] + 1 + 1e-9) * side;
      double g = Math.max(0, Math.max(cellLow - query[j], query[j] - cellHigh));
      gap += g * g;
    }
    return gap;
  }

  private void visitCell(int cell, double[] query, double limit, NeighbourVisitor visitor) {
    int d = dimension;
    for (int position = cellStart[cell]; position < cellStart[cell + 1]; position++) {
      double sum = 0;
      for (int j = 0, x = position * d; j < d; j++, x++) {
        double diff = coordinates[x] - query[j];
        sum += diff * diff;
      }
      if (sum <= limit) {
        visitor.visit(order[position], Math.sqrt(sum));
      }
    }
  }
}
