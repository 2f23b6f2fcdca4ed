package fundamentos.weka;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.WekaException;

/**
 * Turns Weka instances into the numeric rows the engines work on, with statistics taken from the
 * training data only, so that every later batch (test data, the Experimenter's folds, a
 * FilteredClassifier's second batch) is encoded exactly like the training data.
 *
 * <ul>
 *   <li>A numeric attribute gives one column, standardised to mean 0 and standard deviation 1 with
 *   the training data's weighted mean and deviation (when standardisation is on). A constant or
 *   all-missing column is centred only, so it becomes 0 rather than a division by zero.</li>
 *   <li>A nominal attribute with m values gives m one-hot columns.</li>
 *   <li>A missing value becomes the training mean of its columns: 0 for a standardised numeric
 *   column, the training frequency of each value for a nominal attribute.</li>
 *   <li>The class attribute is left out.</li>
 *   <li>Huge values: the statistics are computed on values scaled by the column's largest magnitude,
 *   so values near 1e300 do not overflow; encoded values are clipped to +-{@value #CLIP} so that no
 *   later product overflows. An infinite value is an error.</li>
 * </ul>
 */
public final class InstancesEncoder implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Largest magnitude of an encoded value (in standard deviations when standardising). */
  public static final double CLIP = 1e100;

  private final Instances header;
  private final int[] firstColumn;
  private final double[] centre;
  private final double[] scale;
  private final double[] missingValue;
  private final String[] columnNames;
  private final boolean standardise;

  private InstancesEncoder(Instances header, int[] firstColumn, double[] centre, double[] scale,
      double[] missingValue, String[] columnNames, boolean standardise) {
    this.header = header;
    this.firstColumn = firstColumn;
    this.centre = centre;
    this.scale = scale;
    this.missingValue = missingValue;
    this.columnNames = columnNames;
    this.standardise = standardise;
  }

  /**
   * Learns the encoding from training data.
   *
   * @param data the training data (its class attribute, if set, is skipped)
   * @param standardise whether numeric columns are standardised
   * @throws WekaException for attribute types other than numeric and nominal, or infinite values
   */
  public static InstancesEncoder fit(Instances data, boolean standardise) throws WekaException {
    return fit(data, standardise, false);
  }

  /**
   * Learns the encoding from training data, optionally reading date attributes as numbers
   * (milliseconds since 1970, as Weka stores them), as Weka's attribute transformations do.
   *
   * @param datesAsNumbers whether date attributes are accepted as numeric columns
   */
  public static InstancesEncoder fit(Instances data, boolean standardise, boolean datesAsNumbers)
      throws WekaException {
    int classIndex = data.classIndex();
    int[] firstColumn = new int[data.numAttributes()];
    List<String> names = new ArrayList<>();
    for (int a = 0; a < data.numAttributes(); a++) {
      Attribute attribute = data.attribute(a);
      if (a == classIndex) {
        firstColumn[a] = -1;
        continue;
      }
      firstColumn[a] = names.size();
      if (attribute.isNumeric() && (datesAsNumbers || !attribute.isDate())) {
        names.add(attribute.name());
      } else if (attribute.isNominal()) {
        for (int v = 0; v < attribute.numValues(); v++) {
          names.add(attribute.name() + "=" + attribute.value(v));
        }
      } else {
        throw new WekaException("Attribute '" + attribute.name() + "' is of type "
            + Attribute.typeToString(attribute) + ": only numeric and nominal attributes can be used."
            + " Remove it or convert it (e.g. StringToWordVector, NominalToBinary) first.");
      }
    }
    int d = names.size();
    double[] centre = new double[d];
    double[] scale = new double[d];
    double[] missing = new double[d];
    java.util.Arrays.fill(scale, 1.0);
    for (int a = 0; a < data.numAttributes(); a++) {
      if (a == classIndex) {
        continue;
      }
      Attribute attribute = data.attribute(a);
      int column = firstColumn[a];
      if (attribute.isNominal()) {
        double[] frequency = nominalFrequencies(data, a);
        System.arraycopy(frequency, 0, missing, column, frequency.length);
      } else {
        double[] meanAndDeviation = meanAndDeviation(data, a);
        missing[column] = meanAndDeviation[0];
        if (standardise) {
          centre[column] = meanAndDeviation[0];
          scale[column] = meanAndDeviation[1] > 0 ? meanAndDeviation[1] : 1.0;
          missing[column] = 0.0;
        }
      }
    }
    return new InstancesEncoder(new Instances(data, 0), firstColumn, centre, scale, missing,
        names.toArray(new String[0]), standardise);
  }

  /** Weighted frequency of each value among the non-missing values (all 0 if none). */
  private static double[] nominalFrequencies(Instances data, int a) {
    double[] frequency = new double[data.attribute(a).numValues()];
    double total = 0;
    for (Instance instance : data) {
      if (!instance.isMissing(a)) {
        frequency[(int) instance.value(a)] += instance.weight();
        total += instance.weight();
      }
    }
    if (total > 0) {
      for (int v = 0; v < frequency.length; v++) {
        frequency[v] /= total;
      }
    }
    return frequency;
  }

  /**
   * Weighted mean and standard deviation of a numeric attribute, computed on values divided by
   * the largest magnitude so that neither the sum nor the squares overflow. A deviation that is 0,
   * or negligible against the values' magnitude (rounding noise of a constant column), is 0.
   */
  private static double[] meanAndDeviation(Instances data, int a) throws WekaException {
    double largest = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      Instance instance = data.instance(i);
      if (instance.isMissing(a)) {
        continue;
      }
      double value = instance.value(a);
      if (Double.isInfinite(value)) {
        throw infinite(data.attribute(a), i);
      }
      largest = Math.max(largest, Math.abs(value));
    }
    if (largest == 0) {
      return new double[] {0, 0};
    }
    double weightSum = 0;
    double sum = 0;
    for (Instance instance : data) {
      if (!instance.isMissing(a)) {
        weightSum += instance.weight();
        sum += instance.weight() * (instance.value(a) / largest);
      }
    }
    if (weightSum <= 0) {
      return new double[] {0, 0};
    }
    double mean = sum / weightSum;
    double squares = 0;
    for (Instance instance : data) {
      if (!instance.isMissing(a)) {
        double deviation = instance.value(a) / largest - mean;
        squares += instance.weight() * deviation * deviation;
      }
    }
    double deviation = Math.sqrt(squares / weightSum);
    if (deviation < 1e-12) {
      deviation = 0;
    }
    return new double[] {mean * largest, deviation * largest};
  }

  private static WekaException infinite(Attribute attribute, int row) {
    return new WekaException("Attribute '" + attribute.name() + "' has an infinite value in instance "
        + (row + 1) + ": replace it (or mark it missing) before training or predicting.");
  }

  /** The number of encoded columns. */
  public int numColumns() {
    return columnNames.length;
  }

  /** A readable name for each encoded column ("attribute" or "attribute=value"). */
  public String columnName(int column) {
    return columnNames[column];
  }

  /** The centre subtracted from a column before scaling (0 for one-hot columns). */
  public double centre(int column) {
    return centre[column];
  }

  /** The scale a column is divided by after centring (1 for one-hot columns). */
  public double scale(int column) {
    return scale[column];
  }

  /** Whether numeric columns are standardised. */
  public boolean standardises() {
    return standardise;
  }

  /** The training header, without instances. */
  public Instances header() {
    return header;
  }

  /**
   * Checks that {@code data} has the training data's attributes.
   *
   * @throws WekaException naming the first difference
   */
  public void checkHeader(Instances data) throws WekaException {
    if (!header.equalHeaders(data)) {
      throw new WekaException("The data's attributes differ from those the model was trained on: "
          + header.equalHeadersMsg(data));
    }
  }

  /** Encodes every instance of {@code data} (whose header must match) as one row. */
  public double[][] encode(Instances data) throws WekaException {
    checkHeader(data);
    double[][] rows = new double[data.numInstances()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = encodeRow(data.instance(i), i);
    }
    return rows;
  }

  /** Encodes one instance. */
  public double[] encode(Instance instance) throws WekaException {
    if (instance.dataset() != null) {
      checkHeader(instance.dataset());
    } else if (instance.numAttributes() != header.numAttributes()) {
      throw new WekaException("The instance has " + instance.numAttributes()
          + " attributes, but the model was trained on " + header.numAttributes() + ".");
    }
    return encodeRow(instance, 0);
  }

  private double[] encodeRow(Instance instance, int row) throws WekaException {
    double[] encoded = new double[columnNames.length];
    encodeInto(instance, row, encoded, 0);
    return encoded;
  }

  /**
   * Encodes instance number {@code row} of {@code data} (whose header must match) into {@code
   * target} from {@code offset}: the allocation-free path for streaming large data sets.
   */
  public void encode(Instances data, int row, double[] target, int offset) throws WekaException {
    java.util.Arrays.fill(target, offset, offset + columnNames.length, 0.0);
    encodeInto(data.instance(row), row, target, offset);
  }

  private void encodeInto(Instance instance, int row, double[] encoded, int offset)
      throws WekaException {
    for (int a = 0; a < firstColumn.length; a++) {
      int column = firstColumn[a];
      if (column < 0) {
        continue;
      }
      Attribute attribute = header.attribute(a);
      if (attribute.isNominal()) {
        if (instance.isMissing(a)) {
          System.arraycopy(missingValue, column, encoded, offset + column, attribute.numValues());
        } else {
          encoded[offset + column + (int) instance.value(a)] = 1.0;
        }
      } else if (instance.isMissing(a)) {
        encoded[offset + column] = missingValue[column];
      } else {
        double value = instance.value(a);
        if (Double.isInfinite(value)) {
          throw infinite(attribute, row);
        }
        // x / s - c / s rather than (x - c) / s: the difference of two huge values can overflow
        double z = value / scale[column] - centre[column] / scale[column];
        encoded[offset + column] = Math.max(-CLIP, Math.min(CLIP, z));
      }
    }
  }

  /** The class of every instance as an index (the instances must have a nominal class, none missing). */
  public static int[] classIndices(Instances data) {
    int[] labels = new int[data.numInstances()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (int) data.instance(i).classValue();
    }
    return labels;
  }

  /** The weight of every instance. */
  public static double[] weights(Instances data) {
    double[] weights = new double[data.numInstances()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = data.instance(i).weight();
    }
    return weights;
  }
}
