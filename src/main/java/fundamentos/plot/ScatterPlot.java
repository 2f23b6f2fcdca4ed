package fundamentos.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A 2-D scatter plot of points coloured by class (a legend names the classes), the picture of an
 * embedding, drawn through JFreeChart. Points are drawn small and half transparent so that dense
 * regions read as dense; points of no known class are drawn grey, beneath the others. Straight
 * segments ({@link #line}: a decision line) are drawn over the points and named in the legend.
 */
public final class ScatterPlot {

  /** Legend names longer than this are cut, so that the legend leaves the plot its room. */
  private static final int LONGEST_NAME = 22;

  private final String title;
  private final double[] x;
  private final double[] y;
  private final int[] group;
  private final String[] groupNames;
  private String xLabel = "";
  private String yLabel = "";
  private final java.util.List<String> lineNames = new java.util.ArrayList<>();
  private final java.util.List<double[]> lines = new java.util.ArrayList<>();
  /** The axes' ranges {xMin, xMax, yMin, yMax}, or null to fit the data. */
  private double[] bounds;

  /**
   * @param group class index per point (-1: unknown, drawn grey)
   * @param groupNames the class names, or an empty array for no legend
   */
  public ScatterPlot(String title, double[] x, double[] y, int[] group, String[] groupNames) {
    if (y.length != x.length || group.length != x.length) {
      throw new IllegalArgumentException("A scatter plot needs as many y values and groups as x "
          + "values: " + x.length + ", " + y.length + ", " + group.length);
    }
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

  /** Adds the segment from (x0, y0) to (x1, y1), drawn as a solid line named in the legend. */
  public ScatterPlot line(String name, double x0, double y0, double x1, double y1) {
    lineNames.add(name);
    lines.add(new double[] {x0, y0, x1, y1});
    return this;
  }

  /** Fixes the axes' ranges instead of fitting them to the points and lines. */
  public ScatterPlot bounds(double xMin, double xMax, double yMin, double yMax) {
    if (!(xMin < xMax && yMin < yMax)) {
      throw new IllegalArgumentException("empty plot bounds: x " + xMin + ".." + xMax + ", y " + yMin
          + ".." + yMax);
    }
    bounds = new double[] {xMin, xMax, yMin, yMax};
    return this;
  }

  /** The chart as JFreeChart draws it (tests look at its axes). */
  JFreeChart chart() {
    int groups = groupNames.length;
    for (int g : group) {
      groups = Math.max(groups, g + 1);
    }
    // series 0 holds the points of no known class, series 1 + c those of class c
    XYSeries[] series = new XYSeries[groups + 1];
    for (int s = 0; s <= groups; s++) {
      String name = s == 0 ? "(no class)"
          : s - 1 < groupNames.length ? shortened(groupNames[s - 1]) : "class " + (s - 1);
      series[s] = new XYSeries(new SeriesKey(s, name), false, true);
    }
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        series[group[i] < 0 ? 0 : group[i] + 1].add(x[i], y[i], false);
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    double radius = x.length > 20_000 ? 1 : (x.length > 2_000 ? 2 : 3);
    for (int s = 0; s <= groups; s++) {
      data.addSeries(series[s]);
      renderer.setSeriesPaint(s, s == 0 ? Color.LIGHT_GRAY : ChartStyle.colour(s - 1));
      renderer.setSeriesShape(s, new Ellipse2D.Double(-radius, -radius, 2 * radius + 1,
          2 * radius + 1));
      renderer.setLegendShape(s, new Ellipse2D.Double(-5, -5, 10, 10));
      renderer.setSeriesVisibleInLegend(s, groupNames.length > 0
          && (s > 0 || series[0].getItemCount() > 0));
    }
    for (int l = 0; l < lines.size(); l++) {
      int s = groups + 1 + l;
      XYSeries segment = new XYSeries(new SeriesKey(s, lineNames.get(l)), false, true);
      double[] ends = lines.get(l);
      segment.add(ends[0], ends[1], false);
      segment.add(ends[2], ends[3], false);
      data.addSeries(segment);
      renderer.setSeriesPaint(s, Color.BLACK);
      renderer.setSeriesStroke(s, new BasicStroke(2f));
      renderer.setSeriesLinesVisible(s, true);
      renderer.setSeriesShapesVisible(s, false);
      renderer.setSeriesVisibleInLegend(s, true);
    }
    NumberAxis horizontal = ChartStyle.linearAxis(xLabel, false);
    NumberAxis vertical = ChartStyle.linearAxis(yLabel, false);
    for (NumberAxis axis : new NumberAxis[] {horizontal, vertical}) {
      axis.setLowerMargin(0.03);
      axis.setUpperMargin(0.03);
    }
    if (bounds != null) {
      horizontal.setRange(bounds[0], bounds[1]);
      vertical.setRange(bounds[2], bounds[3]);
    }
    XYPlot plot = ChartStyle.plot(data, horizontal, vertical, renderer);
    // the transparency applies to each point as it is drawn, not to the legend
    plot.setForegroundAlpha(x.length > 20_000 ? 0.35f : 0.7f);
    return ChartStyle.chart(title, plot,
        groupNames.length > 0 || !lines.isEmpty() ? RectangleEdge.RIGHT : null);
  }

  private static String shortened(String name) {
    return name.length() > LONGEST_NAME ? name.substring(0, LONGEST_NAME - 1) + "\u2026" : name;
  }

  public BufferedImage render(int width, int height) {
    return ChartStyle.render(chart(), width, height);
  }

  public void writePng(File file, int width, int height) throws IOException {
    PngFile.write(render(width, height), file);
  }
}
