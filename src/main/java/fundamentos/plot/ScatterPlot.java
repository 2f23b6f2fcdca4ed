package fundamentos.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.Locale;

/**
 * A 2-D scatter plot of points coloured by class (a legend names the classes), the picture of an
 * embedding. Points are drawn small and half transparent so that dense regions read as dense.
 */
public final class ScatterPlot {

  /** Matplotlib's tab10 and then tab20's lighter shades: distinct colours for up to 20 classes. */
  private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14),
      new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189),
      new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
      new Color(188, 189, 34), new Color(23, 190, 207), new Color(174, 199, 232),
      new Color(255, 187, 120), new Color(152, 223, 138), new Color(255, 152, 150),
      new Color(197, 176, 213), new Color(196, 156, 148), new Color(247, 182, 210),
      new Color(199, 199, 199), new Color(219, 219, 141), new Color(158, 218, 229)};

  private final String title;
  private final double[] x;
  private final double[] y;
  private final int[] group;
  private final String[] groupNames;
  private String xLabel = "";
  private String yLabel = "";

  /**
   * @param group class index per point (-1: unknown, drawn grey)
   * @param groupNames the class names, or an empty array for no legend
   */
  public ScatterPlot(String title, double[] x, double[] y, int[] group, String[] groupNames) {
    this.title = title;
    this.x = x.clone();
    this.y = y.clone();
    this.group = group.clone();
    this.groupNames = groupNames.clone();
  }

  /** Names the axes. */
  public ScatterPlot axisLabels(String x, String y) {
    xLabel = x;
    yLabel = y;
    return this;
  }

  public BufferedImage render(int width, int height) {
    BufferedImage image = Canvas.blank(width, height);
    Graphics2D g = Canvas.pen(image);
    int legendWidth = groupNames.length > 0 ? 170 : 0;
    int left = 70;
    int top = 40;
    int bottom = 45;
    int plotWidth = width - left - 20 - legendWidth;
    int plotHeight = height - top - bottom;
    double[] xr = range(x);
    double[] yr = range(y);
    g.setColor(Color.DARK_GRAY);
    g.drawRect(left, top, plotWidth, plotHeight);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, left, top - 14);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int t = 0; t <= 4; t++) {
      double vx = xr[0] + t * (xr[1] - xr[0]) / 4;
      double vy = yr[0] + t * (yr[1] - yr[0]) / 4;
      int px = left + t * plotWidth / 4;
      int py = top + plotHeight - t * plotHeight / 4;
      g.drawString(String.format(Locale.ROOT, "%.3g", vx), px - 12, top + plotHeight + 16);
      g.drawString(String.format(Locale.ROOT, "%.3g", vy), 22, py + 4);
    }
    g.drawString(xLabel, left + plotWidth / 2 - g.getFontMetrics().stringWidth(xLabel) / 2,
        height - 8);
    g.rotate(-Math.PI / 2);
    g.drawString(yLabel, -(top + plotHeight / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 14);
    g.rotate(Math.PI / 2);
    int radius = x.length > 20_000 ? 1 : (x.length > 2_000 ? 2 : 3);
    float alpha = x.length > 20_000 ? 0.35f : 0.7f;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        continue;
      }
      int px = left + (int) Math.round((x[i] - xr[0]) / (xr[1] - xr[0]) * plotWidth);
      int py = top + plotHeight - (int) Math.round((y[i] - yr[0]) / (yr[1] - yr[0]) * plotHeight);
      Color c = colour(group[i]);
      g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(alpha * 255)));
      g.fillOval(px - radius, py - radius, 2 * radius + 1, 2 * radius + 1);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int c = 0; c < groupNames.length; c++) {
      int ly = top + 10 + c * 18;
      g.setColor(colour(c));
      g.fillOval(width - legendWidth, ly - 8, 10, 10);
      g.setColor(Color.DARK_GRAY);
      String name = groupNames[c].length() > 22 ? groupNames[c].substring(0, 21) + "…"
          : groupNames[c];
      g.drawString(name, width - legendWidth + 16, ly + 1);
    }
    g.dispose();
    return image;
  }

  private static Color colour(int group) {
    return group < 0 ? Color.LIGHT_GRAY : PALETTE[group % PALETTE.length];
  }

  private static double[] range(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double value : v) {
      if (Double.isFinite(value)) {
        lo = Math.min(lo, value);
        hi = Math.max(hi, value);
      }
    }
    if (!(lo <= hi)) {
      return new double[] {0, 1};
    }
    double pad = hi > lo ? 0.03 * (hi - lo) : 1;
    return new double[] {lo - pad, hi + pad};
  }

  public void writePng(File file, int width, int height) throws IOException {
    Canvas.writePng(render(width, height), file);
  }
}
