package fundamentos.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of small images with captions, written as a PNG with Java2D (headless): eigen-images,
 * filters, reconstructions, attention maps. A picture rather than a chart (no axes, no data
 * coordinates), so it draws its pixels itself instead of going through JFreeChart. Each tile is a row-major width x height array of values, drawn either
 * in grey levels from its minimum to its maximum, or with a diverging blue-white-red map symmetric
 * about 0 (for loadings, whose sign matters).
 */
public final class ImageGrid {

  /** How a tile's values become colours. */
  public enum Style {
    /** Black at the tile's minimum, white at its maximum. */
    GRAY,
    /** Blue for negative, white for 0, red for positive, scaled by the largest magnitude. */
    DIVERGING,
    /** White at 0, dark red at the tile's maximum (weights, probabilities). */
    HEAT
  }

  /** A tile; {@code overlay}, if not null, is drawn in red over the grey image, by its size. */
  private record Tile(double[] values, String caption, Style style, double[] overlay) {
  }

  private final int width;
  private final int height;
  private final List<Tile> tiles = new ArrayList<>();

  /**
   * @param width pixels per image row
   * @param height image rows
   */
  public ImageGrid(int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("Image size must be positive: " + width + " x " + height);
    }
    this.width = width;
    this.height = height;
  }

  /** Adds a tile of width x height values (row-major). */
  public ImageGrid add(double[] values, String caption, Style style) {
    if (values.length != width * height) {
      throw new IllegalArgumentException("A " + width + " x " + height + " image needs "
          + (width * height) + " values, not " + values.length);
    }
    tiles.add(new Tile(values.clone(), caption, style, null));
    return this;
  }

  /**
   * Adds a grey image (row-major) with a non-negative map of the same size laid over it in red,
   * opaque where the map is largest: where a model looks on an image.
   */
  public ImageGrid addOverlay(double[] image, double[] overlay, String caption) {
    add(image, caption, Style.GRAY);
    if (overlay.length != image.length) {
      throw new IllegalArgumentException("The overlay needs " + image.length + " values, not "
          + overlay.length);
    }
    tiles.set(tiles.size() - 1, new Tile(image.clone(), caption, Style.GRAY, overlay.clone()));
    return this;
  }

  /** Draws the grid, {@code columns} tiles per row, each image scaled to about 96 pixels. */
  public BufferedImage render(int columns) {
    int cols = Math.max(1, Math.min(columns, tiles.size()));
    int rows = (tiles.size() + cols - 1) / cols;
    int zoom = Math.max(1, 96 / Math.max(width, height));
    int tileWidth = Math.max(width * zoom, 90);
    int captionHeight = 18;
    int pad = 8;
    int cellWidth = tileWidth + pad;
    int cellHeight = height * zoom + captionHeight + pad;
    BufferedImage image = new BufferedImage(pad + cols * cellWidth, pad + rows * cellHeight,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = PictureCanvas.open(image, 11);
    FontMetrics metrics = g.getFontMetrics();
    for (int t = 0; t < tiles.size(); t++) {
      Tile tile = tiles.get(t);
      int x0 = pad + (t % cols) * cellWidth + (tileWidth - width * zoom) / 2;
      int y0 = pad + (t / cols) * cellHeight;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double largest = 0;
      for (double v : tile.values()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        largest = Math.max(largest, Math.abs(v));
      }
      double overlayMax = 0;
      if (tile.overlay() != null) {
        for (double v : tile.overlay()) {
          overlayMax = Math.max(overlayMax, v);
        }
      }
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          double v = tile.values()[r * width + c];
          Color colour = switch (tile.style()) {
            case GRAY -> gray(v, min, max);
            case DIVERGING -> diverging(v, largest);
            case HEAT -> heat(v, max);
          };
          if (tile.overlay() != null && overlayMax > 0) {
            colour = blend(colour, new Color(215, 25, 28),
                0.85 * tile.overlay()[r * width + c] / overlayMax);
          }
          g.setColor(colour);
          g.fillRect(x0 + c * zoom, y0 + r * zoom, zoom, zoom);
        }
      }
      g.setColor(Color.DARK_GRAY);
      g.drawRect(x0 - 1, y0 - 1, width * zoom + 1, height * zoom + 1);
      String caption = tile.caption();
      int textX = pad + (t % cols) * cellWidth + Math.max(0, (tileWidth - metrics.stringWidth(caption)) / 2);
      g.setColor(Color.BLACK);
      g.drawString(caption, textX, y0 + height * zoom + 14);
    }
    g.dispose();
    return image;
  }

  /** Writes the grid as a PNG. */
  public void write(File file, int columns) throws IOException {
    PngFile.write(render(columns), file);
  }

  private static Color gray(double v, double min, double max) {
    float level = max > min ? (float) ((v - min) / (max - min)) : 0.5f;
    return new Color(level, level, level);
  }

  private static Color heat(double v, double max) {
    return blend(Color.WHITE, new Color(103, 0, 13), max > 0 ? Math.max(0, v) / max : 0);
  }

  private static Color blend(Color from, Color to, double amount) {
    double a = Math.max(0, Math.min(1, amount));
    return new Color((int) Math.round(from.getRed() + a * (to.getRed() - from.getRed())),
        (int) Math.round(from.getGreen() + a * (to.getGreen() - from.getGreen())),
        (int) Math.round(from.getBlue() + a * (to.getBlue() - from.getBlue())));
  }

  private static Color diverging(double v, double largest) {
    float t = largest > 0 ? (float) Math.max(-1, Math.min(1, v / largest)) : 0f;
    // white at 0, towards (178, 24, 43) red for +1 and (33, 102, 172) blue for -1
    float[] end = t >= 0 ? new float[] {178 / 255f, 24 / 255f, 43 / 255f}
        : new float[] {33 / 255f, 102 / 255f, 172 / 255f};
    float a = Math.abs(t);
    return new Color(1 - a * (1 - end[0]), 1 - a * (1 - end[1]), 1 - a * (1 - end[2]));
  }
}
