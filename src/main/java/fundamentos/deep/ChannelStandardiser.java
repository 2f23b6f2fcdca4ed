package fundamentos.deep;

/**
 * Standardises image values per channel with the training images' mean and standard deviation (as
 * torchvision's Normalize with the data set's statistics), so that networks see inputs of unit scale
 * whatever the pixel range (0-255 grey levels, 0-16 for the digits, 0-1).
 */
public final class ChannelStandardiser implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] mean;
  private final double[] deviation;

  private ChannelStandardiser(double[] mean, double[] deviation) {
    this.mean = mean;
    this.deviation = deviation;
  }

  /** Learns each channel's mean and standard deviation (1 for a constant channel) from planar rows. */
  public static ChannelStandardiser fit(float[] rows, Shape shape) {
    int c = (int) shape.channels();
    int plane = (int) (shape.height() * shape.width());
    int size = c * plane;
    int n = rows.length / size;
    double[] mean = new double[c];
    double[] deviation = new double[c];
    for (int k = 0; k < c; k++) {
      double sum = 0;
      for (int r = 0; r < n; r++) {
        for (int i = r * size + k * plane, end = i + plane; i < end; i++) {
          sum += rows[i];
        }
      }
      double m = sum / ((double) n * plane);
      double squares = 0;
      for (int r = 0; r < n; r++) {
        for (int i = r * size + k * plane, end = i + plane; i < end; i++) {
          double d = rows[i] - m;
          squares += d * d;
        }
      }
      double s = Math.sqrt(squares / ((double) n * plane));
      mean[k] = m;
      deviation[k] = s > 0 && Double.isFinite(s) ? s : 1;
    }
    return new ChannelStandardiser(mean, deviation);
  }

  /**
   * The standardisation {@link #fit} learns, from moments gathered elsewhere (a distributed pass):
   * each channel's mean is the mean of its pixels' means, its variance the mean of its pixels'
   * mean squares less the mean squared (the pixels of a channel count equally, as every image has
   * each of them).
   *
   * @param means each pixel's mean over the images, as one planar row
   * @param meanSquares each pixel's mean of squares, as one planar row
   */
  public static ChannelStandardiser ofMoments(double[] means, double[] meanSquares, Shape shape) {
    int c = (int) shape.channels();
    int plane = (int) (shape.height() * shape.width());
    double[] mean = new double[c];
    double[] deviation = new double[c];
    for (int k = 0; k < c; k++) {
      double sum = 0;
      double squares = 0;
      for (int i = k * plane; i < (k + 1) * plane; i++) {
        sum += means[i];
        squares += meanSquares[i];
      }
      double m = sum / plane;
      double s = Math.sqrt(Math.max(0, squares / plane - m * m));
      mean[k] = m;
      deviation[k] = s > 0 && Double.isFinite(s) ? s : 1;
    }
    return new ChannelStandardiser(mean, deviation);
  }

  /** Standardises planar rows in place. */
  public void apply(float[] rows, Shape shape) {
    int c = (int) shape.channels();
    int plane = (int) (shape.height() * shape.width());
    int size = c * plane;
    for (int r = 0; r < rows.length / size; r++) {
      for (int k = 0; k < c; k++) {
        float m = (float) mean[k];
        float s = (float) (1 / deviation[k]);
        for (int i = r * size + k * plane, end = i + plane; i < end; i++) {
          rows[i] = (rows[i] - m) * s;
        }
      }
    }
  }
}
