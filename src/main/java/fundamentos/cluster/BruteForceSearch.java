package fundamentos.cluster;

import java.util.function.ToDoubleBiFunction;

/**
 * Range queries by comparing the query with every point: O(n) per query, O(n^2) for DBSCAN. The
 * fallback for a metric no tree can prune with (an arbitrary distance function), and the reference
 * the indexes are tested against.
 */
public final class BruteForceSearch implements NeighbourSearch {

  private final int size;
  private final java.util.function.IntFunction<double[]> point;
  private final ToDoubleBiFunction<double[], double[]> distance;

  /**
   * @param points the rows
   * @param distance any distance between two rows
   */
  public BruteForceSearch(double[][] points, ToDoubleBiFunction<double[], double[]> distance) {
    this.size = points.length;
    this.point = i -> points[i];
    this.distance = distance;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void within(double[] query, double radius, NeighbourVisitor visitor) {
    for (int i = 0; i < size; i++) {
      double d = distance.applyAsDouble(query, point.apply(i));
      if (d <= radius) {
        visitor.visit(i, d);
      }
    }
  }
}
