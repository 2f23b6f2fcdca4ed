package fundamentos.neighbours;

/**
 * Range queries by comparing the query with every point: O(n) per query, O(n^2) for DBSCAN. The
 * fallback for a metric no tree can prune with (an arbitrary distance function), and the reference
 * the indexes are tested against.
 */
public final class BruteForceSearch implements NeighbourSearch, java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** A distance between two rows (serializable, so that a model holding the search can be saved). */
  @FunctionalInterface
  public interface Distance extends java.io.Serializable {
    double between(double[] a, double[] b);
  }

  private final double[][] points;
  private final Distance distance;

  /**
   * @param points the rows
   * @param distance any distance between two rows
   */
  public BruteForceSearch(double[][] points, Distance distance) {
    this.points = points;
    this.distance = distance;
  }

  @Override
  public int size() {
    return points.length;
  }

  @Override
  public void within(double[] query, double radius, NeighbourVisitor visitor) {
    for (int i = 0; i < points.length; i++) {
      double d = distance.between(query, points[i]);
      if (d <= radius) {
        visitor.visit(i, d);
      }
    }
  }
}
