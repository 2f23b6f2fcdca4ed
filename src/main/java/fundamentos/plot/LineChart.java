package fundamentos.plot;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A line chart written as a PNG through JFreeChart (headless): training curves, k-distance plots
 * and similar diagnostics. Series share the x axis 1..n (epochs, sorted points), or the labels
 * given to {@link #xTicks}; the y axis is linear, or logarithmic after {@link #logY()}. A legend
 * under the plot names the series.
 */
public final class LineChart {

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<String> names = new ArrayList<>();
  private final List<double[]> series = new ArrayList<>();
  private String[] xTicks;
  private boolean logY;

  public LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Adds a series; non-finite values (and on a log axis values up to 0) leave a gap. */
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

  /**
   * A base-10 logarithmic y axis (losses over several orders of magnitude), ticked at powers of
   * ten.
   */
  public LineChart logY() {
    logY = true;
    return this;
  }

  /** The chart as JFreeChart draws it (tests look at its axes). */
  JFreeChart chart() {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int s = 0; s < series.size(); s++) {
      double[] values = series.get(s);
      // the position makes the key unique: two series may carry the same name
      XYSeries line = new XYSeries(new SeriesKey(s, names.get(s)), false, true);
      for (int i = 0; i < values.length; i++) {
        line.add(xTicks != null ? i : i + 1, ChartStyle.onAxis(values[i], logY), false);
      }
      data.addSeries(line);
      renderer.setSeriesPaint(s, ChartStyle.colour(s));
      renderer.setSeriesStroke(s, new BasicStroke(2f));
      renderer.setSeriesShape(s, new Ellipse2D.Double(-4, -4, 8, 8));
      // a lone point has no line to show it
      renderer.setSeriesShapesVisible(s, xTicks != null || values.length == 1);
    }
    ValueAxis x;
    if (xTicks != null) {
      SymbolAxis categories = new SymbolAxis(xLabel, xTicks);
      categories.setGridBandsVisible(false);
      x = ChartStyle.style(categories);
    } else {
      x = ChartStyle.linearAxis(xLabel, true);
    }
    ValueAxis y = logY ? ChartStyle.logAxis(yLabel) : ChartStyle.linearAxis(yLabel, false);
    return ChartStyle.chart(title, ChartStyle.plot(data, x, y, renderer), RectangleEdge.BOTTOM);
  }

  /** Draws the chart into an image of the given size. */
  public BufferedImage render(int width, int height) {
    return ChartStyle.render(chart(), width, height);
  }

  /** Writes the chart as a PNG. */
  public void writePng(File file, int width, int height) throws IOException {
    PngFile.write(render(width, height), file);
  }
}
