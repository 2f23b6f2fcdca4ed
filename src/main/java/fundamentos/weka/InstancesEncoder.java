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
 *   so values near 1e300 do not overflow; standardised values are clipped to +-{@value #CLIP} so
 *   that no later product overflows (raw values are not: PCA scales them exactly itself). An
 *   infinite value is an error.</li>
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
  private transient boolean[] nominalCache;

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
    String[] names = columnNames(data, datesAsNumbers, firstColumn);
    int d = names.length;
    double[] centre = new double[d];
    double[] scale = new double[d];
    double[] missing = new double[d];
    java.util.Arrays.fill(scale, 1.0);
    ColumnStatistics statistics = new ColumnStatistics(data, standardise);
    for (int a = 0; a < data.numAttributes(); a++) {
      if (a == classIndex) {
        continue;
      }
      int column = firstColumn[a];
      if (data.attribute(a).isNominal()) {
        double[] frequency = statistics.frequencies[a];
        System.arraycopy(frequency, 0, missing, column, frequency.length);
      } else {
        missing[column] = statistics.mean[a];
        if (standardise) {
          centre[column] = statistics.mean[a];
          scale[column] = statistics.deviation[a] > 0 ? statistics.deviation[a] : 1.0;
          missing[column] = 0.0;
        }
      }
    }
    return new InstancesEncoder(new Instances(data, 0), firstColumn, centre, scale, missing,
        names, standardise);
  }

  /**
   * The raw (unstandardised) encoding {@code fit(data, false, datesAsNumbers)} learns, from
   * statistics of the data gathered elsewhere (a distributed pass over data too large to load):
   * a missing numeric value becomes its attribute's mean, a missing nominal value the frequencies
   * of the values.
   *
   * @param header the training header (its instances, if any, are not read)
   * @param numericMeans for each attribute, the weighted mean of its non-missing values when it is
   *     numeric (0 when it has none); other entries are ignored
   * @param nominalCounts for each nominal attribute, the weighted count of each value; null entries
   *     for the others
   */
  public static InstancesEncoder fromStatistics(Instances header, boolean datesAsNumbers,
      double[] numericMeans, double[][] nominalCounts) throws WekaException {
    return fromStatistics(header, datesAsNumbers, numericMeans, null, nominalCounts);
  }

  /**
   * The encoding {@code fit(data, standardise, datesAsNumbers)} learns, from statistics of the data
   * gathered elsewhere, standardised when deviations are given: each numeric column is centred on
   * its mean and divided by its deviation (1 for a constant column), a missing numeric value
   * becomes 0 (the mean), a missing nominal value the frequencies of the values.
   *
   * @param numericDeviations for each numeric attribute, the weighted population standard
   *     deviation of its non-missing values (sqrt(sum w (x - mean)^2 / sum w), as {@link #fit}
   *     computes it); null for the raw encoding
   */
  public static InstancesEncoder fromStatistics(Instances header, boolean datesAsNumbers,
      double[] numericMeans, double[] numericDeviations, double[][] nominalCounts)
      throws WekaException {
    boolean standardise = numericDeviations != null;
    int[] firstColumn = new int[header.numAttributes()];
    String[] names = columnNames(header, datesAsNumbers, firstColumn);
    double[] centre = new double[names.length];
    double[] scale = new double[names.length];
    double[] missing = new double[names.length];
    java.util.Arrays.fill(scale, 1.0);
    for (int a = 0; a < header.numAttributes(); a++) {
      int column = firstColumn[a];
      if (column < 0) {
        continue;
      }
      if (header.attribute(a).isNominal()) {
        double[] counts = nominalCounts[a];
        double total = 0;
        for (double c : counts) {
          total += c;
        }
        for (int v = 0; v < counts.length && total > 0; v++) {
          missing[column + v] = counts[v] / total;
        }
      } else if (standardise) {
        centre[column] = numericMeans[a];
        scale[column] = numericDeviations[a] > 0 ? numericDeviations[a] : 1.0;
      } else {
        missing[column] = numericMeans[a];
      }
    }
    return new InstancesEncoder(new Instances(header, 0), firstColumn, centre, scale, missing,
        names, standardise);
  }

  /**
   * The encoded columns' names, and in {@code firstColumn} each attribute's first column (-1 for
   * the class).
   */
  private static String[] columnNames(Instances data, boolean datesAsNumbers, int[] firstColumn)
      throws WekaException {
    int classIndex = data.classIndex();
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
    return names.toArray(new String[0]);
  }

  /**
   * Weighted statistics of every attribute, computed in one pass over the rows, two with the
   * deviations (rows, not columns: a Weka instance's values are contiguous, so this reads memory in
   * order): nominal
   * value frequencies among the non-missing values; numeric means and standard deviations computed
   * on values divided by the column's largest magnitude, so that neither sums nor squares overflow
   * near 1e300. A deviation that is 0 or negligible against the values' magnitude (rounding noise of
   * a constant column) is 0.
   */
  private static final class ColumnStatistics {

    final double[][] frequencies;
    final double[] mean;
    final double[] deviation;
    private final Instances data;
    private final int classIndex;
    private final boolean[] numeric;
    private final double[] largest;
    private final double[] nominalWeight;
    private final double[] weightSum;

    ColumnStatistics(Instances data, boolean withDeviation) throws WekaException {
      this.data = data;
      int m = data.numAttributes();
      classIndex = data.classIndex();
      frequencies = new double[m][];
      mean = new double[m];
      deviation = new double[m];
      numeric = new boolean[m];
      largest = new double[m];
      nominalWeight = new double[m];
      weightSum = new double[m];
      for (int a = 0; a < m; a++) {
        if (a == classIndex) {
          continue;
        }
        if (data.attribute(a).isNominal()) {
          frequencies[a] = new double[data.attribute(a).numValues()];
        } else if (data.attribute(a).isNumeric()) {
          numeric[a] = true;
        }
      }
      // pass 1: frequencies, and weighted sums of values divided by the largest magnitude seen so
      // far (the sum is rescaled whenever a larger magnitude appears)
      for (int i = 0; i < data.numInstances(); i++) {
        accumulate(data.instance(i), i);
      }
      for (int a = 0; a < m; a++) {
        mean[a] = weightSum[a] > 0 ? mean[a] / weightSum[a] : 0;
      }
      // pass 2 (only when standardising): squared deviations about the mean, on the same scale
      if (withDeviation) {
        for (Instance instance : data) {
          accumulateDeviation(instance);
        }
      }
      for (int a = 0; a < m; a++) {
        if (frequencies[a] != null && nominalWeight[a] > 0) {
          for (int v = 0; v < frequencies[a].length; v++) {
            frequencies[a][v] /= nominalWeight[a];
          }
        }
        if (numeric[a] && weightSum[a] > 0) {
          double scaled = Math.sqrt(deviation[a] / weightSum[a]);
          deviation[a] = scaled < 1e-12 ? 0 : scaled * largest[a];
          mean[a] *= largest[a];
        } else {
          deviation[a] = 0;
          mean[a] = 0;
        }
      }
    }

    // the per-instance work is a method of its own so that the JIT compiles it early and whole
    private void accumulate(Instance instance, int row) throws WekaException {
      double w = instance.weight();
      for (int a = 0; a < numeric.length; a++) {
        double value = instance.value(a);
        if (a == classIndex || Double.isNaN(value)) {
          continue;
        }
        if (numeric[a]) {
          if (Double.isInfinite(value)) {
            throw infinite(data.attribute(a), row);
          }
          double magnitude = Math.abs(value);
          if (magnitude > largest[a]) {
            mean[a] *= largest[a] / magnitude;
            largest[a] = magnitude;
          }
          weightSum[a] += w;
          if (magnitude > 0) {
            mean[a] += w * (value / largest[a]);
          }
        } else if (frequencies[a] != null) {
          frequencies[a][(int) value] += w;
          nominalWeight[a] += w;
        }
      }
    }

    private void accumulateDeviation(Instance instance) {
      double w = instance.weight();
      for (int a = 0; a < numeric.length; a++) {
        double value = instance.value(a);
        if (numeric[a] && largest[a] > 0 && !Double.isNaN(value)) {
          double d = value / largest[a] - mean[a];
          deviation[a] += w * d * d;
        }
      }
    }
  }

  /**
   * Refuses an infinite value of a numeric attribute (the class excluded), naming the attribute and
   * the instance: for the schemes that read the values through a distance function rather than
   * through this encoder (IndexedDBSCAN), where infinity would make distances infinite or NaN.
   */
  public static void requireFinite(Instances data) throws WekaException {
    for (int i = 0; i < data.numInstances(); i++) {
      Instance row = data.instance(i);
      for (int a = 0; a < data.numAttributes(); a++) {
        if (a != data.classIndex() && data.attribute(a).isNumeric()
            && Double.isInfinite(row.value(a))) {
          throw infinite(data.attribute(a), i);
        }
      }
    }
  }

  private static WekaException infinite(Attribute attribute, int row) {
    return new WekaException("Attribute '" + attribute.name() + "' has an infinite value in instance "
        + (row + 1) + ": replace it (or mark it missing) before training or predicting.");
  }

  /** The number of encoded columns. */
  /**
   * For every encoded column, the attribute it comes from, numbered among the encoded (non-class)
   * attributes 0, 1, ...: one token per attribute in the Transformer.
   */
  public int[] columnAttributes() {
    int[] attribute = new int[columnNames.length];
    int token = 0;
    for (int a = 0; a < firstColumn.length; a++) {
      if (firstColumn[a] < 0) {
        continue;
      }
      int next = a + 1;
      while (next < firstColumn.length && firstColumn[next] < 0) {
        next++;
      }
      int end = next < firstColumn.length ? firstColumn[next] : columnNames.length;
      for (int c = firstColumn[a]; c < end; c++) {
        attribute[c] = token;
      }
      token++;
    }
    return attribute;
  }

  public int numColumns() {
    return columnNames.length;
  }

  /** A readable name for each encoded column ("attribute" or "attribute=value"). */
  public String columnName(int column) {
    return columnNames[column];
  }

  /**
   * The weighted training mean of each encoded column (missing values counted as the value they
   * are replaced by, so these are the means of the encoded training rows).
   */
  public double[] columnMeans() {
    return missingValue.clone();
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
    // runs for every value of large data sets: attribute kinds are cached, one value() per value
    boolean[] nominal = nominalAttributes();
    for (int a = 0; a < firstColumn.length; a++) {
      int column = firstColumn[a];
      if (column < 0) {
        continue;
      }
      double value = instance.value(a);
      if (nominal[a]) {
        if (Double.isNaN(value)) {
          System.arraycopy(missingValue, column, encoded, offset + column,
              header.attribute(a).numValues());
        } else {
          encoded[offset + column + (int) value] = 1.0;
        }
      } else if (Double.isNaN(value)) {
        encoded[offset + column] = missingValue[column];
      } else {
        if (Double.isInfinite(value)) {
          throw infinite(header.attribute(a), row);
        }
        // x / s - c / s rather than (x - c) / s: the difference of two huge values can overflow
        double z = standardise ? value / scale[column] - centre[column] / scale[column] : value;
        // raw values pass unchanged: their user (PCA) scales extreme magnitudes exactly itself
        encoded[offset + column] = standardise ? Math.max(-CLIP, Math.min(CLIP, z)) : z;
      }
    }
  }

  /** Which attributes are nominal (computed once; not serialized). */
  private boolean[] nominalAttributes() {
    boolean[] nominal = nominalCache;
    if (nominal == null) {
      nominal = new boolean[header.numAttributes()];
      for (int a = 0; a < nominal.length; a++) {
        nominal[a] = header.attribute(a).isNominal();
      }
      nominalCache = nominal;
    }
    return nominal;
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
