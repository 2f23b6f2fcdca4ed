package fundamentos.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart written as a PNG with Java2D (works headless): enough for training curves and
 * similar diagnostics without a plotting dependency. Series share the x axis 1..n.
 */
public final class LineChart {

  private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14),
      new Color(44, 160, 44), new Color(214, 39, 40)};

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<String> names = new ArrayList<>();
  private final List<double[]> series = new ArrayList<>();
  private String[] xTicks;

  public LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Adds a series; non-finite values are skipped when drawing. */
  public LineChart add(String name, double[] values) {
    names.add(name);
    series.add(values.clone());
    return this;
  }

  /**
   * Labels the points of the x axis (one per index) instead of numbering them, and marks every
   * point: a chart of a few categories (k = 8, 16, ...) rather than of many epochs.
   */
  public LineChart xTicks(String... labels) {
    xTicks = labels.clone();
    return this;
  }

  /** Draws the chart into an image of the given size. */
  public BufferedImage render(int width, int height) {
    BufferedImage image = Canvas.blank(width, height);
    Graphics2D g = Canvas.pen(image);
    int left = 70;
    int right = 20;
    int top = 40;
    int bottom = 50;
    int plotWidth = width - left - right;
    int plotHeight = height - top - bottom;

    int n = 1;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] values : series) {
      n = Math.max(n, values.length);
      for (double v : values) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (!(min <= max)) {
      min = 0;
      max = 1;
    }
    if (max == min) {
      max = min + 1;
    }
    double pad = 0.05 * (max - min);
    min -= pad;
    max += pad;

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.setColor(Color.BLACK);
    g.drawString(title, left, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(new Color(220, 220, 220));
    for (int i = 0; i <= 4; i++) {
      int y = top + plotHeight - i * plotHeight / 4;
      g.drawLine(left, y, left + plotWidth, y);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, plotWidth, plotHeight);
    for (int i = 0; i <= 4; i++) {
      int y = top + plotHeight - i * plotHeight / 4;
      String label = String.format(Locale.ROOT, "%.3g", min + i * (max - min) / 4);
      g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
    }
    if (xTicks != null) {
      for (int i = 0; i < xTicks.length; i++) {
        int x = left + (n == 1 ? plotWidth / 2 : (int) Math.round(i * plotWidth / (double) (n - 1)));
        g.drawString(xTicks[i], x - g.getFontMetrics().stringWidth(xTicks[i]) / 2,
            top + plotHeight + 16);
      }
    } else {
      for (int i = 0; i <= 4; i++) {
        int x = left + i * plotWidth / 4;
        String label = String.valueOf(1 + Math.round(i * (n - 1) / 4.0));
        g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, top + plotHeight + 16);
      }
    }
    g.drawString(xLabel, left + plotWidth / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, height - 12);
    g.rotate(-Math.PI / 2);
    g.drawString(yLabel, -(top + plotHeight / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 16);
    g.rotate(Math.PI / 2);

    g.setStroke(new BasicStroke(2f));
    String[] legend = new String[series.size()];
    for (int s = 0; s < series.size(); s++) {
      double[] values = series.get(s);
      g.setColor(PALETTE[s % PALETTE.length]);
      int previousX = -1;
      int previousY = -1;
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          previousX = -1;
          continue;
        }
        int x = left + (n == 1 ? plotWidth / 2 : (int) Math.round(i * plotWidth / (double) (n - 1)));
        int y = top + (int) Math.round((max - values[i]) / (max - min) * plotHeight);
        if (previousX >= 0) {
          g.drawLine(previousX, previousY, x, y);
        } else if (values.length == 1) {
          g.fillOval(x - 3, y - 3, 6, 6);
        }
        if (xTicks != null) {
          g.fillOval(x - 4, y - 4, 8, 8);
        }
        previousX = x;
        previousY = y;
      }
      legend[s] = names.get(s);
    }
    // the legend in a box over the plot's lower right corner, each name after a swatch of its colour
    int widest = 0;
    for (String name : legend) {
      widest = Math.max(widest, g.getFontMetrics().stringWidth(name));
    }
    int boxWidth = widest + 34;
    int boxHeight = 16 * legend.length + 8;
    int boxX = left + plotWidth - boxWidth - 6;
    int boxY = top + plotHeight - boxHeight - 6;
    g.setColor(new Color(255, 255, 255, 220));
    g.fillRect(boxX, boxY, boxWidth, boxHeight);
    g.setColor(Color.GRAY);
    g.drawRect(boxX, boxY, boxWidth, boxHeight);
    for (int s = 0; s < legend.length; s++) {
      int y = boxY + 16 + 16 * s;
      g.setColor(PALETTE[s % PALETTE.length]);
      g.fillRect(boxX + 6, y - 8, 16, 4);
      g.setColor(Color.BLACK);
      g.drawString(legend[s], boxX + 28, y - 2);
    }
    g.dispose();
    return image;
  }

  /** Writes the chart as a PNG. */
  public void writePng(File file, int width, int height) throws IOException {
    Canvas.writePng(render(width, height), file);
  }
}
