package fundamentos.plot;

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
 * regions read as dense; points of no known class are drawn grey, beneath the others.
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
    NumberAxis horizontal = ChartStyle.linearAxis(xLabel, false);
    NumberAxis vertical = ChartStyle.linearAxis(yLabel, false);
    for (NumberAxis axis : new NumberAxis[] {horizontal, vertical}) {
      axis.setLowerMargin(0.03);
      axis.setUpperMargin(0.03);
    }
    XYPlot plot = ChartStyle.plot(data, horizontal, vertical, renderer);
    // the transparency applies to each point as it is drawn, not to the legend
    plot.setForegroundAlpha(x.length > 20_000 ? 0.35f : 0.7f);
    return ChartStyle.chart(title, plot, groupNames.length > 0 ? RectangleEdge.RIGHT : null);
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
