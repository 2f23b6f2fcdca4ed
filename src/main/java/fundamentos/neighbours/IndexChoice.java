package fundamentos.neighbours;

/**
 * Which structure answers the range queries over n points of d coordinates, from the metric:
 *
 * <ul>
 *   <li>a grid of cells of side eps / sqrt(d) for a Euclidean distance in up to
 *   {@value #GRID_MAX_DIMENSION} coordinates, where DBSCAN finds core points and clusters with
 *   few distance computations (Gunawan 2013), unless the data's spread needs more cells than one
 *   64-bit key can number;</li>
 *   <li>a k-d tree (Bentley 1975) for any L_p metric up to {@value #KD_TREE_MAX_DIMENSION}
 *   coordinates;</li>
 *   <li>a ball tree (Omohundro 1989) above, where axis-aligned boxes stop pruning and balls go
 *   on;</li>
 *   <li>brute force where the distance has no metric space the trees can prune in (an external
 *   distance function), or when asked for.</li>
 * </ul>
 *
 * A grid answers k-nearest queries only by visiting every point, so {@link #forNearest} gives a
 * tree for those.
 *
 * @param kind the structure chosen (never {@link Kind#AUTO})
 * @param search its range queries
 * @param dimension the coordinates of the points
 */
public record IndexChoice(IndexChoice.Kind kind, NeighbourSearch search, int dimension) {

  /** Up to this many coordinates a Euclidean distance is searched on a grid (automatic choice). */
  public static final int GRID_MAX_DIMENSION = 3;

  /** Above this dimension a k-d tree's boxes prune little and the automatic choice is a ball tree. */
  public static final int KD_TREE_MAX_DIMENSION = 30;

  /** The structures, the automatic choice first. */
  public enum Kind { AUTO, KD_TREE, BALL_TREE, GRID, BRUTE_FORCE }

  /**
   * A structure asked for by name that cannot be built: a tree or a grid over a distance with no
   * metric space, or a grid whose cells cannot be numbered (the caller knows which it asked for).
   */
  public static final class Refused extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    Refused(String why) {
      super(why);
    }
  }

  /**
   * Refuses, before any work, a tree or a grid asked for by name over a distance with no metric
   * space (space null).
   */
  public static void checkIndexable(Kind requested, MetricSpace space) {
    if (space == null && requested != Kind.AUTO && requested != Kind.BRUTE_FORCE) {
      throw new Refused("a " + requested + " needs a metric space");
    }
  }

  /**
   * The structure for range queries of the given radius over points embedded in a metric space.
   *
   * @param requested the structure asked for, or {@link Kind#AUTO}
   * @param points the points in the space's embedded coordinates (kept, not copied, by brute
   *     force and the ball tree)
   * @param radius the radius in the embedded coordinates
   * @throws Refused when a grid is asked for and cannot be built
   */
  public static IndexChoice forRadius(Kind requested, double[][] points, MetricSpace space,
      double radius) {
    int dimension = points.length == 0 ? 0 : points[0].length;
    MinkowskiMetric metric = space.metric();
    boolean gridded = requested == Kind.GRID
        || requested == Kind.AUTO && dimension <= GRID_MAX_DIMENSION;
    CellGrid grid = gridded && metric.order() == 2
        ? CellGrid.over(points, CellGrid.sideFor(radius, dimension)) : null;
    if (requested == Kind.GRID && grid == null) {
      throw new Refused("no grid of cells of side radius / sqrt("
          + dimension + ") fits these points under this metric");
    }
    Kind kind = requested;
    if (kind == Kind.AUTO) {
      kind = grid != null ? Kind.GRID : dimension <= KD_TREE_MAX_DIMENSION ? Kind.KD_TREE
          : Kind.BALL_TREE;
    }
    NeighbourSearch search;
    switch (kind) {
      case GRID:
        search = grid;
        break;
      case KD_TREE:
        search = new KdTree(points, metric);
        break;
      case BALL_TREE:
        search = new BallTree(points, metric);
        break;
      default:
        search = new BruteForceSearch(points, metric::distance);
    }
    return new IndexChoice(kind, search, dimension);
  }

  /** Brute force through an external distance (one that has no metric space). */
  public static IndexChoice external(NeighbourSearch bruteForce, int dimension) {
    return new IndexChoice(Kind.BRUTE_FORCE, bruteForce, dimension);
  }

  /**
   * A structure that prunes k-nearest queries over points of a metric space: a k-d tree up to
   * {@value #KD_TREE_MAX_DIMENSION} coordinates, a ball tree above.
   */
  public static SpatialIndex forNearest(double[][] points, MetricSpace space) {
    int dimension = points.length == 0 ? 0 : points[0].length;
    return dimension <= KD_TREE_MAX_DIMENSION ? new KdTree(points, space.metric())
        : new BallTree(points, space.metric());
  }

  /**
   * The structure for k-nearest queries over the same points: this one, unless it is a grid (a
   * grid's cells are sized for one radius; a k-d tree then, in its few dimensions).
   */
  public NeighbourSearch nearestSearch(double[][] points, MetricSpace space) {
    return kind == Kind.GRID ? new KdTree(points, space.metric()) : search;
  }

  /** The grid, when the choice is one (DBSCAN then runs cell by cell); otherwise null. */
  public CellGrid grid() {
    return kind == Kind.GRID ? (CellGrid) search : null;
  }
}
