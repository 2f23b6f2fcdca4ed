package fundamentos.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;

/**
 * The look every chart of the package shares, on JFreeChart: white background, light grid, one
 * sans-serif family, matplotlib's colours, axes whose ticks fall on round values (1, 2 or 5 times a
 * power of ten, JFreeChart's {@code NumberTickUnitSource}; powers of ten on a log axis), and the
 * drawing into an RGB image. Rendering needs no display: it draws into a {@code BufferedImage},
 * which works with {@code java.awt.headless=true}.
 */
final class ChartStyle {

  /**
   * Matplotlib's tab10, then tab20's lighter shades: distinct colours for up to 20 series, the
   * colours readers of scikit-learn and umap-learn pictures know.
   */
  static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14),
      new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189),
      new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
      new Color(188, 189, 34), new Color(23, 190, 207), new Color(174, 199, 232),
      new Color(255, 187, 120), new Color(152, 223, 138), new Color(255, 152, 150),
      new Color(197, 176, 213), new Color(196, 156, 148), new Color(247, 182, 210),
      new Color(199, 199, 199), new Color(219, 219, 141), new Color(158, 218, 229)};

  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  private static final Font AXIS_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font TICK_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Color GRID = new Color(225, 225, 225);

  private ChartStyle() {
  }

  /** The colour of series (or class) {@code index}. */
  static Color colour(int index) {
    return PALETTE[index % PALETTE.length];
  }

  /**
   * A linear axis with round ticks that fits the data, not zero: a loss from 0.31 to 0.35 fills
   * the plot. {@code integers}: whole-number ticks only (epochs).
   */
  static NumberAxis linearAxis(String label, boolean integers) {
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(false);
    if (integers) {
      axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    return style(axis);
  }

  /** A base-10 logarithmic axis ticked at powers of ten (and 2 and 5 times them when short). */
  static ValueAxis logAxis(String label) {
    return style(new DecadeAxis(label));
  }

  static <A extends ValueAxis> A style(A axis) {
    axis.setLabelFont(AXIS_LABEL);
    axis.setTickLabelFont(TICK_LABEL);
    axis.setLabelPaint(Color.BLACK);
    axis.setTickLabelPaint(Color.DARK_GRAY);
    axis.setAxisLinePaint(Color.DARK_GRAY);
    axis.setTickMarkPaint(Color.DARK_GRAY);
    return axis;
  }

  /** An x-y plot on white with a light grid, series drawn first to last. */
  static XYPlot plot(XYDataset data, ValueAxis x, ValueAxis y, XYItemRenderer renderer) {
    // room around each tick label, which JFreeChart counts when it picks the tick step: about ten
    // labels along an axis rather than one per line of text
    x.setTickLabelInsets(new RectangleInsets(2, 14, 2, 14));
    y.setTickLabelInsets(new RectangleInsets(9, 4, 9, 4));
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(Color.DARK_GRAY);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlineStroke(new BasicStroke(1f));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
    return plot;
  }

  /** The chart around a plot: its title, and a legend at {@code legendEdge} (null: none). */
  static JFreeChart chart(String title, XYPlot plot, RectangleEdge legendEdge) {
    JFreeChart chart = new JFreeChart(title, TITLE, plot, legendEdge != null);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(4, 8, 4, 12));
    TextTitle heading = chart.getTitle();
    if (heading != null) {
      heading.setPaint(Color.BLACK);
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setPosition(legendEdge);
      legend.setItemFont(LEGEND);
      legend.setBackgroundPaint(Color.WHITE);
      legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    return chart;
  }

  /**
   * Where a value goes on an axis: itself, or NaN (a gap in the line, no point) when it cannot be
   * drawn there (not finite, or not positive on a log axis).
   */
  static double onAxis(double value, boolean log) {
    return Double.isFinite(value) && (!log || value > 0) ? value : Double.NaN;
  }

  /** Draws the chart into a width x height RGB image. */
  static BufferedImage render(JFreeChart chart, int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("A chart needs a positive size, not " + width + " x "
          + height);
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    } finally {
      g.dispose();
    }
    return image;
  }
}
