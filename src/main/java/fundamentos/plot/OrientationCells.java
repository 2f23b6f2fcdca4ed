package fundamentos.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Histograms of oriented gradients drawn as scikit-image's {@code hog(visualize=True)} draws them:
 * in every cell, one line through the cell's centre per orientation bin, perpendicular to the
 * bin's middle angle (along the edge the gradients cross), as bright as the bin's value relative to
 * the largest bin of the picture. Each row of the PNG shows an image in grey levels and its cells
 * beside it, white lines on black. A picture, not a chart: drawn with Java2D like {@link ImageGrid}.
 */
public final class OrientationCells {

  private record Row(double[] image, double[][][] cells, String caption) {
  }

  private final int height;
  private final int width;
  private final int cellRows;
  private final int cellColumns;
  private final List<Row> rows = new ArrayList<>();

  /**
   * @param height image rows
   * @param width image columns
   * @param cellRows pixels per cell vertically
   * @param cellColumns pixels per cell horizontally
   */
  public OrientationCells(int height, int width, int cellRows, int cellColumns) {
    if (height < 1 || width < 1 || cellRows < 1 || cellColumns < 1) {
      throw new IllegalArgumentException("Image and cell sizes must be positive.");
    }
    this.height = height;
    this.width = width;
    this.cellRows = cellRows;
    this.cellColumns = cellColumns;
  }

  /**
   * Adds an image (grey, row-major) and its cell histograms {@code [cell row][cell column][bin]}.
   */
  public OrientationCells add(double[] image, double[][][] cells, String caption) {
    if (image.length != height * width) {
      throw new IllegalArgumentException("A " + height + " x " + width + " image needs "
          + height * width + " values, not " + image.length);
    }
    rows.add(new Row(image.clone(), cells, caption));
    return this;
  }

  /** Draws every image and its cells, each pixel {@code zoom} x {@code zoom} screen pixels. */
  public BufferedImage render(int zoom) {
    int pad = 10;
    int caption = 18;
    int panelWidth = width * zoom;
    int panelHeight = height * zoom;
    BufferedImage out = new BufferedImage(pad + 2 * (panelWidth + pad),
        pad + rows.size() * (panelHeight + caption + pad), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = PictureCanvas.open(out, 12);
    for (int k = 0; k < rows.size(); k++) {
      Row row = rows.get(k);
      int y0 = pad + k * (panelHeight + caption + pad);
      drawImage(g, row.image(), pad, y0, zoom);
      drawCells(g, row.cells(), 2 * pad + panelWidth, y0, zoom);
      g.setColor(Color.BLACK);
      g.drawString(row.caption(), pad, y0 + panelHeight + 14);
    }
    g.dispose();
    return out;
  }

  private void drawImage(Graphics2D g, double[] image, int x0, int y0, int zoom) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : image) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        float level = max > min ? (float) ((image[r * width + c] - min) / (max - min)) : 0.5f;
        g.setColor(new Color(level, level, level));
        g.fillRect(x0 + c * zoom, y0 + r * zoom, zoom, zoom);
      }
    }
  }

  private void drawCells(Graphics2D g, double[][][] cells, int x0, int y0, int zoom) {
    g.setColor(Color.BLACK);
    g.fillRect(x0, y0, width * zoom, height * zoom);
    double largest = 0;
    for (double[][] line : cells) {
      for (double[] cell : line) {
        for (double v : cell) {
          largest = Math.max(largest, v);
        }
      }
    }
    if (largest <= 0) {
      return;
    }
    g.setStroke(new BasicStroke(Math.max(1f, zoom / 4f), BasicStroke.CAP_ROUND,
        BasicStroke.JOIN_ROUND));
    double radius = (Math.min(cellRows, cellColumns) / 2.0 - 0.25) * zoom;
    for (int r = 0; r < cells.length; r++) {
      for (int c = 0; c < cells[r].length; c++) {
        double[] histogram = cells[r][c];
        double centreX = x0 + (c + 0.5) * cellColumns * zoom;
        double centreY = y0 + (r + 0.5) * cellRows * zoom;
        for (int o = 0; o < histogram.length; o++) {
          // scikit-image: the line from (row - dc, col + dr) to (row + dc, col - dr), with
          // dr = radius sin(mid), dc = radius cos(mid): perpendicular to the bin's middle angle
          double middle = Math.PI * (o + 0.5) / histogram.length;
          double dr = radius * Math.sin(middle);
          double dc = radius * Math.cos(middle);
          float level = (float) Math.min(1, histogram[o] / largest);
          g.setColor(new Color(1f, 1f, 1f, level));
          g.draw(new Line2D.Double(centreX + dr, centreY - dc, centreX - dr, centreY + dc));
        }
      }
    }
  }

  /** Writes the picture as a PNG. */
  public void write(File file, int zoom) throws IOException {
    PngFile.write(render(zoom), file);
  }
}
