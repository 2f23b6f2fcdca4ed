package fundamentos.weka;

import fundamentos.cluster.NeighbourSearch;
import weka.core.DenseInstance;
import weka.core.DistanceFunction;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Brute-force range queries with any Weka {@link DistanceFunction} (its exact semantics for nominal
 * attributes and missing values): the fallback when no index applies. Points and queries are
 * instances' value arrays ({@link Instance#toDoubleArray()}) of the given header.
 */
public final class DistanceFunctionSearch implements NeighbourSearch, java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final Instances points;
  private final DistanceFunction distance;

  /** @param points the instances to search (their distance function is set up on them or a superset) */
  public DistanceFunctionSearch(Instances points, DistanceFunction distance) {
    this.points = points;
    this.distance = distance;
  }

  @Override
  public int size() {
    return points.numInstances();
  }

  @Override
  public void within(double[] query, double radius, NeighbourVisitor visitor) {
    Instance q = new DenseInstance(1.0, query);
    q.setDataset(points);
    for (int i = 0; i < points.numInstances(); i++) {
      double d = distance.distance(q, points.instance(i));
      if (d <= radius) {
        visitor.visit(i, d);
      }
    }
  }
}
