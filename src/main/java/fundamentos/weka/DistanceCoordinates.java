package fundamentos.weka;

import fundamentos.neighbours.MetricSpace;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import weka.core.BurstingEuclideanDistance;
import weka.core.ChebyshevDistance;
import weka.core.CosineDistance;
import weka.core.DistanceFunction;
import weka.core.EuclideanDistance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.ManhattanDistance;
import weka.core.MinkowskiDistance;
import weka.core.NormalizableDistance;
import weka.core.WekaException;

/**
 * A Weka distance function reproduced on arrays, so that an index can search with it: the numeric
 * attributes (class excluded), scaled to [0, 1] by the ranges the distance function took from the
 * training data (unless its normalisation is turned off), mapped into the {@link MetricSpace} where
 * the distance is an L_p distance. Exists only for Weka's Euclidean, Manhattan, Chebyshev and
 * Minkowski distances and the package's cosine and bursting distances on all-numeric complete data
 * with all attributes selected; {@link #of} says null otherwise and the caller falls back to the
 * distance function itself.
 */
public final class DistanceCoordinates implements Serializable {

  private static final long serialVersionUID = 1L;

  private final MetricSpace space;
  private final int[] columns;
  /** Weka's ranges per attribute, or null when not normalising. */
  private final double[][] ranges;
  private final Instances header;

  private DistanceCoordinates(MetricSpace space, int[] columns, double[][] ranges,
      Instances header) {
    this.space = space;
    this.columns = columns;
    this.ranges = ranges;
    this.header = header;
  }

  /**
   * The coordinates of a distance function already set up on {@code data}, or null when it cannot
   * be reproduced (another distance function, nominal or missing values, a subset of attributes).
   */
  public static DistanceCoordinates of(DistanceFunction distance, Instances data) {
    if (!(distance instanceof NormalizableDistance)) {
      return null;
    }
    NormalizableDistance normalizable = (NormalizableDistance) distance;
    if (normalizable.getInvertSelection()
        || !normalizable.getAttributeIndices().equals("first-last")) {
      return null;
    }
    List<Integer> columns = new ArrayList<>();
    for (int a = 0; a < data.numAttributes(); a++) {
      if (a == data.classIndex()) {
        continue;
      }
      if (!data.attribute(a).isNumeric()) {
        return null;
      }
      columns.add(a);
    }
    if (hasMissing(data)) {
      return null;
    }
    MetricSpace space;
    Class<?> type = distance.getClass();
    if (type == BurstingEuclideanDistance.class) {
      space = MetricSpace.bursting();
    } else if (type == EuclideanDistance.class) {
      space = MetricSpace.euclidean();
    } else if (type == ManhattanDistance.class) {
      space = MetricSpace.minkowski(1);
    } else if (type == ChebyshevDistance.class) {
      space = MetricSpace.minkowski(Double.POSITIVE_INFINITY);
    } else if (type == MinkowskiDistance.class) {
      space = MetricSpace.minkowski(((MinkowskiDistance) distance).getOrder());
    } else if (type == CosineDistance.class) {
      space = MetricSpace.cosine();
    } else {
      return null;
    }
    double[][] ranges = null;
    if (!normalizable.getDontNormalize()) {
      try {
        ranges = normalizable.getRanges();
      } catch (Exception e) {
        return null; // not set up on the data: the caller uses the distance function itself
      }
    }
    return new DistanceCoordinates(space, columns.stream().mapToInt(Integer::intValue).toArray(),
        ranges, new Instances(data, 0));
  }

  public static boolean hasMissing(Instances data) {
    for (Instance instance : data) {
      if (instance.hasMissingValue()) {
        return true;
      }
    }
    return false;
  }

  public MetricSpace space() {
    return space;
  }

  /** Number of attributes the distance reads. */
  public int dimension() {
    return columns.length;
  }

  public boolean normalised() {
    return ranges != null;
  }

  /** The instance's values as the distance function sees them (normalised unless turned off). */
  public double[] coordinates(Instance instance) throws WekaException {
    double[] x = new double[columns.length];
    for (int c = 0; c < x.length; c++) {
      int a = columns[c];
      double v = instance.value(a);
      if (Double.isNaN(v)) {
        throw new WekaException("Attribute '" + header.attribute(a).name() + "' is missing; "
            + "the model was built on complete data and indexes it: build it on data with missing "
            + "values (they are then handled by the distance function) or replace them.");
      }
      if (ranges != null) {
        double width = ranges[a][NormalizableDistance.R_WIDTH];
        v = width == 0 ? 0 : (v - ranges[a][NormalizableDistance.R_MIN]) / width;
      }
      x[c] = v;
    }
    return x;
  }

  /** The instance as a point of the metric space (its coordinates, embedded). */
  public double[] point(Instance instance) throws WekaException {
    double[] x = coordinates(instance);
    // an L_p space takes the coordinates as they are: no second copy
    return space.kind() == MetricSpace.Kind.MINKOWSKI ? x : space.embed(x);
  }
}
