package fundamentos.testing;

import weka.core.Instance;
import weka.core.Instances;

/**
 * A copy of a data set (or of rows) with every numeric value (the class excluded) multiplied by one
 * factor.
 */
public final class ScaledData {

  private ScaledData() {
  }

  /** The tests of numbers at the edges compare data of magnitude 1e-300 or 1e300 with it near 1. */
  public static Instances times(Instances data, double factor) {
    Instances scaled = new Instances(data);
    for (Instance row : scaled) {
      for (int a = 0; a < scaled.numAttributes(); a++) {
        if (a != scaled.classIndex() && scaled.attribute(a).isNumeric()) {
          row.setValue(a, row.value(a) * factor);
        }
      }
    }
    return scaled;
  }

  /** The same for the engines' arrays: a copy of every row with every value times the factor. */
  public static double[][] times(double[][] rows, double factor) {
    double[][] scaled = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      scaled[i] = rows[i].clone();
      for (int j = 0; j < scaled[i].length; j++) {
        scaled[i][j] *= factor;
      }
    }
    return scaled;
  }
}
