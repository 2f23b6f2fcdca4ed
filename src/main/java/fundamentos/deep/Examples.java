package fundamentos.deep;

/**
 * Labelled examples for a network: one row of {@code shape.size()} values per example (images
 * channels first), the class index of each row and its weight.
 */
public record Examples(float[] features, Shape shape, int[] labels, double[] weights) {

  public Examples {
    int n = labels.length;
    if ((long) n * shape.size() != features.length || weights.length != n) {
      throw new IllegalArgumentException("Examples: " + features.length + " values, " + n
          + " labels and " + weights.length + " weights do not fit rows of " + shape);
    }
  }

  /** Number of examples. */
  public int size() {
    return labels.length;
  }

  /** The examples at the given rows, in that order. */
  public Examples subset(int[] rows) {
    int f = (int) shape.size();
    float[] x = new float[rows.length * f];
    int[] y = new int[rows.length];
    double[] w = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(features, rows[i] * f, x, i * f, f);
      y[i] = labels[rows[i]];
      w[i] = weights[rows[i]];
    }
    return new Examples(x, shape, y, w);
  }
}
