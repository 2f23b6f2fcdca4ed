package fundamentos.image;

import java.io.Serializable;
import java.util.Locale;

/**
 * Histograms of oriented gradients (Dalal and Triggs 2005) computed exactly as scikit-image's
 * {@code skimage.feature.hog} (0.19) computes them, so that both give the same features to
 * rounding:
 *
 * <ol>
 *   <li>optionally the square root of every pixel (power-law compression, {@code transform_sqrt});
 *   <li>central differences {@code g_r = I[r+1,c] - I[r-1,c]}, {@code g_c = I[r,c+1] - I[r,c-1]},
 *       0 on the image border; for several channels, each pixel takes the gradient of the channel
 *       with the largest magnitude (the first on ties);
 *   <li>magnitude {@code sqrt(g_r^2 + g_c^2)} and unsigned orientation
 *       {@code atan2(g_r, g_c)} in degrees modulo 180; bin {@code i} holds the orientations in
 *       {@code [i 180/B, (i+1) 180/B)}, each pixel votes its magnitude into one bin (no
 *       interpolation), and a cell's histogram is the sum over its pixels divided by the cell's
 *       pixel count; the sums are in single precision, as scikit-image's Cython loop adds them;
 *   <li>cells of {@code cellRows x cellColumns} pixels from the top-left corner (pixels beyond the
 *       last whole cell are ignored), overlapping blocks of {@code blockRows x blockColumns} cells
 *       moved one cell at a time, each block normalised ({@link BlockNorm}, epsilon 1e-5);
 *   <li>the features in the order blocks (row-major), cells within the block (row-major),
 *       orientation bins.
 * </ol>
 *
 * <p>Images are planar arrays: channel after channel, each row after row. Instances are immutable
 * and thread-safe.
 */
public final class HistogramOfGradients implements Serializable {

  private static final long serialVersionUID = 1L;

  /** scikit-image's epsilon of the block normalisation. */
  public static final double EPSILON = 1e-5;

  /** The cap of L2-Hys before the second normalisation. */
  public static final double HYS_CAP = 0.2;

  /** How each block's concatenated histograms v are normalised (e = {@link #EPSILON}). */
  public enum BlockNorm {
    /** v / (||v||_1 + e). */
    L1("L1"),
    /** sqrt(v / (||v||_1 + e)). */
    L1_SQRT("L1-sqrt"),
    /** v / sqrt(||v||_2^2 + e^2). */
    L2("L2"),
    /** L2, then every value capped at 0.2, then L2 again (Lowe's hysteresis; the default). */
    L2_HYS("L2-Hys");

    private final String label;

    BlockNorm(String label) {
      this.label = label;
    }

    /** scikit-image's name of the method. */
    public String label() {
      return label;
    }

    /** The method of scikit-image's name ("L1", "L1-sqrt", "L2", "L2-Hys"). */
    public static BlockNorm of(String label) {
      for (BlockNorm norm : values()) {
        if (norm.label.equalsIgnoreCase(label)) {
          return norm;
        }
      }
      throw new IllegalArgumentException("Unknown block normalisation '" + label
          + "': use L1, L1-sqrt, L2 or L2-Hys.");
    }
  }

  private final int orientations;
  private final int cellRows;
  private final int cellColumns;
  private final int blockRows;
  private final int blockColumns;
  private final BlockNorm norm;
  private final boolean sqrt;

  /**
   * @param orientations orientation bins over 0-180 degrees, at least 1
   * @param cellRows pixels per cell vertically, at least 1
   * @param cellColumns pixels per cell horizontally, at least 1
   * @param blockRows cells per block vertically, at least 1
   * @param blockColumns cells per block horizontally, at least 1
   * @param norm the block normalisation
   * @param sqrt whether pixels are replaced by their square roots first (they must be >= 0)
   */
  public HistogramOfGradients(int orientations, int cellRows, int cellColumns, int blockRows,
      int blockColumns, BlockNorm norm, boolean sqrt) {
    positive("orientations", orientations);
    positive("pixels per cell (rows)", cellRows);
    positive("pixels per cell (columns)", cellColumns);
    positive("cells per block (rows)", blockRows);
    positive("cells per block (columns)", blockColumns);
    if (norm == null) {
      throw new IllegalArgumentException("The block normalisation is missing.");
    }
    this.orientations = orientations;
    this.cellRows = cellRows;
    this.cellColumns = cellColumns;
    this.blockRows = blockRows;
    this.blockColumns = blockColumns;
    this.norm = norm;
    this.sqrt = sqrt;
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("HOG needs at least 1 for the " + what + ", not " + value
          + ".");
    }
  }

  public int orientations() {
    return orientations;
  }

  public int cellRows() {
    return cellRows;
  }

  public int cellColumns() {
    return cellColumns;
  }

  public int blockRows() {
    return blockRows;
  }

  public int blockColumns() {
    return blockColumns;
  }

  public BlockNorm norm() {
    return norm;
  }

  public boolean sqrt() {
    return sqrt;
  }

  /** Whole cells down an image of {@code height} rows. */
  public int cellsDown(int height) {
    return height / cellRows;
  }

  /** Whole cells across an image of {@code width} columns. */
  public int cellsAcross(int width) {
    return width / cellColumns;
  }

  /**
   * The number of features of a height x width image.
   *
   * @throws IllegalArgumentException when the image holds no whole block
   */
  public int numFeatures(int height, int width) {
    checkSize(height, width);
    int blocksDown = cellsDown(height) - blockRows + 1;
    int blocksAcross = cellsAcross(width) - blockColumns + 1;
    return blocksDown * blocksAcross * blockRows * blockColumns * orientations;
  }

  /** @throws IllegalArgumentException when a height x width image holds no whole block */
  public void checkSize(int height, int width) {
    if (height < 1 || width < 1 || cellsDown(height) < blockRows
        || cellsAcross(width) < blockColumns) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "A %d x %d image (height x "
          + "width) is too small for one HOG block of %d x %d cells of %d x %d pixels (%d x %d "
          + "pixels): use smaller cells or fewer cells per block, or larger images.", height, width,
          blockRows, blockColumns, cellRows, cellColumns, blockRows * cellRows,
          blockColumns * cellColumns));
    }
  }

  /**
   * The orientation histograms of the cells, {@code [cell row][cell column][bin]}, before block
   * normalisation (what scikit-image's {@code visualize} draws).
   *
   * @param image planar pixels, {@code channels * height * width} values
   */
  public double[][][] cellHistograms(double[] image, int channels, int height, int width) {
    checkImage(image, channels, height, width);
    int down = cellsDown(height);
    int across = cellsAcross(width);
    float[] cells = new float[down * across * orientations];
    histograms(image, channels, height, width, cells);
    double[][][] result = new double[down][across][orientations];
    for (int r = 0; r < down; r++) {
      for (int c = 0; c < across; c++) {
        for (int o = 0; o < orientations; o++) {
          result[r][c][o] = cells[(r * across + c) * orientations + o];
        }
      }
    }
    return result;
  }

  /** The HOG features of one image (see {@link #features(double[], int, int, int, double[], int)}). */
  public double[] features(double[] image, int channels, int height, int width) {
    double[] out = new double[numFeatures(height, width)];
    features(image, channels, height, width, out, 0);
    return out;
  }

  /**
   * Writes the {@link #numFeatures} HOG features of one image into {@code out} from {@code offset}.
   *
   * @param image planar pixels, {@code channels * height * width} finite values (>= 0 with sqrt)
   * @throws IllegalArgumentException when the image is too small for one block, its length does not
   *     match, or a pixel is not finite (negative with sqrt)
   */
  public void features(double[] image, int channels, int height, int width, double[] out,
      int offset) {
    checkImage(image, channels, height, width);
    int down = cellsDown(height);
    int across = cellsAcross(width);
    float[] cells = new float[down * across * orientations];
    histograms(image, channels, height, width, cells);
    int blockLength = blockRows * blockColumns * orientations;
    double[] block = new double[blockLength];
    int at = offset;
    for (int br = 0; br + blockRows <= down; br++) {
      for (int bc = 0; bc + blockColumns <= across; bc++) {
        int k = 0;
        for (int r = br; r < br + blockRows; r++) {
          for (int c = bc; c < bc + blockColumns; c++) {
            int from = (r * across + c) * orientations;
            for (int o = 0; o < orientations; o++) {
              block[k++] = cells[from + o];
            }
          }
        }
        normalise(block);
        System.arraycopy(block, 0, out, at, blockLength);
        at += blockLength;
      }
    }
  }

  private void checkImage(double[] image, int channels, int height, int width) {
    if (channels < 1) {
      throw new IllegalArgumentException("An image needs at least one channel, not " + channels
          + ".");
    }
    checkSize(height, width);
    if (image.length != (long) channels * height * width) {
      throw new IllegalArgumentException("A " + channels + " x " + height + " x " + width
          + " image has " + (long) channels * height * width + " pixels, not " + image.length
          + ".");
    }
    for (int i = 0; i < image.length; i++) {
      double v = image[i];
      if (!Double.isFinite(v) || sqrt && v < 0) {
        int plane = height * width;
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "Pixel (row %d, column %d%s) is %s: HOG needs finite pixels%s.",
            (i % plane) / width, i % width, channels > 1 ? ", channel " + i / plane : "", v,
            sqrt ? " >= 0 (the square-root compression)" : ""));
      }
    }
  }

  /** scikit-image's gradient, orientation and single-precision cell sums into {@code cells}. */
  private void histograms(double[] image, int channels, int height, int width, float[] cells) {
    int plane = height * width;
    double[] gr = new double[plane];
    double[] gc = new double[plane];
    double[] best = channels > 1 ? new double[plane] : null;
    for (int ch = 0; ch < channels; ch++) {
      int base = ch * plane;
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          int p = r * width + c;
          double dr = r == 0 || r == height - 1 ? 0
              : pixel(image, base + p + width) - pixel(image, base + p - width);
          double dc = c == 0 || c == width - 1 ? 0
              : pixel(image, base + p + 1) - pixel(image, base + p - 1);
          if (best == null) {
            gr[p] = dr;
            gc[p] = dc;
          } else {
            // numpy's argmax over channels of hypot: the first channel with the largest magnitude
            double magnitude = Math.hypot(dr, dc);
            if (ch == 0 || magnitude > best[p]) {
              best[p] = magnitude;
              gr[p] = dr;
              gc[p] = dc;
            }
          }
        }
      }
    }
    int down = cellsDown(height);
    int across = cellsAcross(width);
    double binWidth = 180.0 / orientations;
    float[] totals = new float[orientations];
    int[] bins = new int[plane];
    double[] magnitudes = new double[plane];
    for (int p = 0; p < plane; p++) {
      magnitudes[p] = Math.sqrt(gr[p] * gr[p] + gc[p] * gc[p]);
      bins[p] = bin(orientation(gr[p], gc[p]), binWidth);
    }
    float count = cellRows * cellColumns;
    for (int cr = 0; cr < down; cr++) {
      for (int cc = 0; cc < across; cc++) {
        java.util.Arrays.fill(totals, 0f);
        for (int r = cr * cellRows; r < (cr + 1) * cellRows; r++) {
          for (int c = cc * cellColumns; c < (cc + 1) * cellColumns; c++) {
            int p = r * width + c;
            int b = bins[p];
            if (b >= 0) {
              // scikit-image adds doubles into a C float: the sum is rounded to float each time
              totals[b] += magnitudes[p];
            }
          }
        }
        int from = (cr * across + cc) * orientations;
        for (int o = 0; o < orientations; o++) {
          if (Float.isInfinite(totals[o])) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The gradients of cell "
                + "(row %d, column %d) sum beyond single precision (%.3g; scikit-image sums in "
                + "32-bit floats): rescale the pixels (e.g. with Normalize).", cr, cc,
                Float.MAX_VALUE));
          }
          cells[from + o] = totals[o] / count;
        }
      }
    }
  }

  private double pixel(double[] image, int i) {
    return sqrt ? Math.sqrt(image[i]) : image[i];
  }

  /** numpy's {@code rad2deg(arctan2(g_r, g_c)) % 180}: in [0, 180], 180 only from rounding. */
  static double orientation(double gr, double gc) {
    double degrees = Math.atan2(gr, gc) * (180.0 / Math.PI);
    double m = degrees % 180.0;
    if (m < 0) {
      m += 180.0;
    } else if (m == 0) {
      m = 0.0;
    }
    return m;
  }

  /**
   * The bin i with {@code i w <= angle < (i+1) w} for the edges as scikit-image computes them, or
   * -1 when no bin holds the angle (180 after rounding, or above the last edge).
   */
  int bin(double angle, double binWidth) {
    int i = Math.min(orientations - 1, (int) (angle / binWidth));
    for (int k = Math.max(0, i - 1); k <= Math.min(orientations - 1, i + 1); k++) {
      if (angle < binWidth * (k + 1) && angle >= binWidth * k) {
        return k;
      }
    }
    return -1;
  }

  private void normalise(double[] v) {
    switch (norm) {
      case L1 -> {
        double s = l1(v) + EPSILON;
        for (int i = 0; i < v.length; i++) {
          v[i] /= s;
        }
      }
      case L1_SQRT -> {
        double s = l1(v) + EPSILON;
        for (int i = 0; i < v.length; i++) {
          v[i] = Math.sqrt(v[i] / s);
        }
      }
      case L2 -> l2(v);
      case L2_HYS -> {
        l2(v);
        for (int i = 0; i < v.length; i++) {
          v[i] = Math.min(v[i], HYS_CAP);
        }
        l2(v);
      }
      default -> throw new IllegalStateException(norm.toString());
    }
  }

  private static double l1(double[] v) {
    double s = 0;
    for (double x : v) {
      s += Math.abs(x);
    }
    return s;
  }

  private static void l2(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    double d = Math.sqrt(s + EPSILON * EPSILON);
    for (int i = 0; i < v.length; i++) {
      v[i] /= d;
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d orientations, %d x %d pixels per cell, %d x %d cells per "
        + "block, %s%s", orientations, cellRows, cellColumns, blockRows, blockColumns,
        norm.label(), sqrt ? ", square-root compression" : "");
  }
}
