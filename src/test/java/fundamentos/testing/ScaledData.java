package fundamentos.testing;

import weka.core.Instance;
import weka.core.Instances;

/** A copy of a data set with every numeric value (the class excluded) multiplied by one factor. */
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
}
