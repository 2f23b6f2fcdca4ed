package fundamentos.plot;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A cost curve written as a PNG through JFreeChart: time or memory against problem size, both axes
 * base-10 logarithmic, so that a cost growing as n^b is a straight line of slope b and schemes
 * whose costs differ by orders of magnitude share one picture. Each series has its own sizes; every
 * measurement is marked and joined to the next. Values that are not finite or not positive cannot
 * lie on a log axis and leave a gap.
 */
public final class CostCurveChart {

  private record Curve(String name, double[] sizes, double[] costs) {
  }

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Curve> curves = new ArrayList<>();

  /**
   * @param xLabel the size's name and unit (rows, images)
   * @param yLabel the cost's name and unit (seconds, MB)
   */
  public CostCurveChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Adds a scheme's measurements: the cost at each size, in the order measured. */
  public CostCurveChart add(String name, double[] sizes, double[] costs) {
    if (sizes.length != costs.length) {
      throw new IllegalArgumentException("The curve " + name + " has " + sizes.length
          + " sizes but " + costs.length + " costs");
    }
    curves.add(new Curve(name, sizes.clone(), costs.clone()));
    return this;
  }

  /** The chart as JFreeChart draws it (tests look at its axes). */
  JFreeChart chart() {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int s = 0; s < curves.size(); s++) {
      Curve curve = curves.get(s);
      XYSeries line = new XYSeries(new SeriesKey(s, curve.name()), false, true);
      for (int i = 0; i < curve.sizes().length; i++) {
        line.add(ChartStyle.onAxis(curve.sizes()[i], true),
            ChartStyle.onAxis(curve.costs()[i], true), false);
      }
      data.addSeries(line);
      renderer.setSeriesPaint(s, ChartStyle.colour(s));
      renderer.setSeriesStroke(s, new BasicStroke(2f));
      renderer.setSeriesShape(s, new Ellipse2D.Double(-4, -4, 8, 8));
    }
    return ChartStyle.chart(title, ChartStyle.plot(data, ChartStyle.logAxis(xLabel),
        ChartStyle.logAxis(yLabel), renderer), RectangleEdge.BOTTOM);
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
