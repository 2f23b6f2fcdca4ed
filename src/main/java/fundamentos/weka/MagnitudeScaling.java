package fundamentos.weka;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.WekaException;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/**
 * Brings the first batch's numeric values into a range where squared distances neither overflow nor
 * underflow, and leaves out attributes that carry no value at all, so that a distance-based scheme
 * gives data of magnitude 1e-300 or 1e300 the result of the same data rescaled near 1:
 *
 * <ul>
 *   <li>When the largest finite magnitude of the numeric attributes (class excluded) lies outside
 *   [2^-LIMIT, 2^LIMIT), every numeric attribute is multiplied by one power of two 2^-e that brings
 *   it into [1, 4). A power of two scales exactly, and one factor for all attributes keeps the
 *   geometry of the raw distances (normalised distances do not see it at all); e is even so that
 *   the square-root distances scale exactly too. Ordinary data is left untouched, so its results
 *   stay bit for bit what they were.</li>
 *   <li>A non-class attribute missing in every instance of the first batch says nothing about any
 *   instance: it is removed (and named by {@link #note}), later batches too. If nothing else is
 *   left, the fit fails naming it.</li>
 * </ul>
 *
 * Later batches go through the same removal and the same factor.
 */
public final class MagnitudeScaling implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int exponent;
  private final int[] dropped;
  private final String[] droppedNames;

  private MagnitudeScaling(int exponent, int[] dropped, String[] droppedNames) {
    this.exponent = exponent;
    this.dropped = dropped;
    this.droppedNames = droppedNames;
  }

  /**
   * The scaling of a first batch.
   *
   * @param data the first batch
   * @param limit ordinary magnitudes are those in [2^-limit, 2^limit)
   */
  public static MagnitudeScaling of(Instances data, int limit) throws Exception {
    List<Integer> empty = new ArrayList<>();
    double largest = 0;
    for (int a = 0; a < data.numAttributes(); a++) {
      if (a == data.classIndex()) {
        continue;
      }
      boolean seen = false;
      for (Instance row : data) {
        double v = row.value(a);
        if (!Double.isNaN(v)) {
          seen = true;
          if (data.attribute(a).isNumeric() && Double.isFinite(v)) {
            largest = Math.max(largest, Math.abs(v));
          }
        }
      }
      if (!seen) {
        empty.add(a);
      }
    }
    int predictors = data.numAttributes() - (data.classIndex() >= 0 ? 1 : 0);
    String[] names = new String[empty.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = data.attribute(empty.get(i)).name();
    }
    if (!empty.isEmpty() && empty.size() == predictors) {
      throw new WekaException("Every value of " + quoted(names) + " is missing: there is nothing "
          + "to compute distances from. Give the data at least one attribute with values.");
    }
    int e = 0;
    if (largest > 0 && (largest < Math.scalb(1.0, -limit) || largest >= Math.scalb(1.0, limit))) {
      e = Math.getExponent(largest);
      e -= Math.floorMod(e, 2);
    }
    int[] dropped = empty.stream().mapToInt(Integer::intValue).toArray();
    return new MagnitudeScaling(e, dropped, names);
  }

  /** The power of two the numeric values are multiplied by is 2^-exponent (0: none). */
  public int exponent() {
    return exponent;
  }

  /** Whether {@link #apply} changes anything. */
  public boolean changes() {
    return exponent != 0 || dropped.length > 0;
  }

  /** A line for the scheme's summary, or "" when nothing was changed. */
  public String note() {
    StringBuilder text = new StringBuilder();
    if (dropped.length > 0) {
      text.append("Left out (missing in every training instance): ").append(quoted(droppedNames))
          .append('\n');
    }
    if (exponent != 0) {
      text.append("Numeric values multiplied by 2^").append(-exponent)
          .append(" (their magnitude is far from 1; distances scale exactly)\n");
    }
    return text.toString();
  }

  /** The batch with the attributes left out and the values scaled (itself when nothing changes). */
  public Instances apply(Instances batch) throws Exception {
    if (!changes()) {
      return batch;
    }
    Instances result = new Instances(batch);
    if (exponent != 0) {
      for (Instance row : result) {
        for (int a = 0; a < result.numAttributes(); a++) {
          if (a != result.classIndex() && result.attribute(a).isNumeric() && !row.isMissing(a)) {
            row.setValue(a, Math.scalb(row.value(a), -exponent));
          }
        }
      }
    }
    if (dropped.length > 0) {
      Remove remove = new Remove();
      remove.setAttributeIndicesArray(dropped);
      remove.setInputFormat(result);
      result = Filter.useFilter(result, remove);
    }
    return result;
  }

  private static String quoted(String[] names) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      text.append(i == 0 ? "" : ", ").append('\'').append(names[i]).append('\'');
    }
    return text.toString();
  }
}
