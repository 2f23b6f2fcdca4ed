package fundamentos.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every chart kind rendered headless: the image has the size asked for, is not blank (enough
 * pixels off the white background, enough distinct colours, each series' colour present), the
 * labelled ticks fall on round values, and an axis is logarithmic exactly when asked.
 */
class ChartRenderingTest {

  /** A log axis' label is round when it has at most two significant digits: 0.3, 20, 1000. */
  private static void assertRound(double value) {
    if (value == 0) {
      return;
    }
    double scaled = Math.abs(value) / Math.pow(10, Math.floor(Math.log10(Math.abs(value))) - 1);
    assertEquals(Math.rint(scaled), scaled, 1e-6 * scaled, "tick at " + value + " is not round");
  }

  /**
   * Linear ticks step by one unit of 1, 2 or 5 times a power of ten and sit on its multiples
   * (0.05, 0.10, 0.15; never 0.0350, 0.118, 0.201).
   */
  private static void assertOneTwoFiveSteps(List<ValueTick> ticks) {
    for (int i = 1; i < ticks.size(); i++) {
      double step = ticks.get(i).getValue() - ticks.get(i - 1).getValue();
      double first = ticks.get(1).getValue() - ticks.get(0).getValue();
      assertEquals(first, step, 1e-9 * Math.abs(first), "equal steps");
      double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
      assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9
          || Math.abs(mantissa - 5) < 1e-9, "step " + step + " is not 1, 2 or 5 times 10^p");
      double k = ticks.get(i).getValue() / step;
      assertEquals(Math.rint(k), k, 1e-6 * Math.max(1, Math.abs(k)),
          "tick at " + ticks.get(i).getValue() + " is not a multiple of its step " + step);
    }
  }

  /** Draws the chart as the package does and returns the labelled ticks JFreeChart drew. */
  private static List<ValueTick> labelledTicks(JFreeChart chart, ValueAxis axis,
      RectangleEdge edge, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    ChartRenderingInfo info = new ChartRenderingInfo();
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height), info);
    Rectangle2D area = info.getPlotInfo().getDataArea();
    List<ValueTick> labelled = new ArrayList<>();
    for (Object o : axis.refreshTicks(g, new AxisState(), area, edge)) {
      ValueTick tick = (ValueTick) o;
      boolean hasLabel = tick instanceof LogTick log ? log.getAttributedLabel() != null
          : tick.getText() != null && !tick.getText().isEmpty();
      if (hasLabel && tick.getTickType() == TickType.MAJOR) {
        labelled.add(tick);
      }
    }
    g.dispose();
    return labelled;
  }

  private static List<ValueTick> roundTicks(JFreeChart chart, ValueAxis axis, RectangleEdge edge,
      int width, int height, int atLeast) {
    List<ValueTick> ticks = labelledTicks(chart, axis, edge, width, height);
    assertTrue(ticks.size() >= atLeast, ticks.size() + " labelled ticks on " + axis.getLabel());
    for (ValueTick tick : ticks) {
      assertTrue(axis.getRange().contains(tick.getValue()), "tick inside the axis");
      if (axis instanceof LogAxis) {
        assertRound(tick.getValue());
      }
    }
    if (!(axis instanceof LogAxis)) {
      assertOneTwoFiveSteps(ticks);
    }
    return ticks;
  }

  /** Not blank: pixels off white, distinct colours; returns the distinct colour count. */
  private static int assertDrawn(BufferedImage image, int width, int height) {
    assertEquals(width, image.getWidth());
    assertEquals(height, image.getHeight());
    Set<Integer> colours = new HashSet<>();
    int off = 0;
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        int rgb = image.getRGB(c, r) & 0xffffff;
        colours.add(rgb);
        if (rgb != 0xffffff) {
          off++;
        }
      }
    }
    assertTrue(off > 0.02 * width * height, off + " pixels off the background");
    assertTrue(colours.size() >= 16, colours.size() + " distinct colours");
    return colours.size();
  }

  /** Pixels within a small distance of a colour: a series was drawn in it. */
  private static int pixelsNear(BufferedImage image, Color colour) {
    int count = 0;
    for (int r = 0; r < image.getHeight(); r++) {
      for (int c = 0; c < image.getWidth(); c++) {
        Color p = new Color(image.getRGB(c, r));
        int dr = p.getRed() - colour.getRed();
        int dg = p.getGreen() - colour.getGreen();
        int db = p.getBlue() - colour.getBlue();
        if (dr * dr + dg * dg + db * db <= 12 * 12) {
          count++;
        }
      }
    }
    return count;
  }

  /** The colour a point of {@code colour} takes on white at the given opacity. */
  private static Color onWhite(Color colour, double alpha) {
    return new Color((int) Math.round(alpha * colour.getRed() + (1 - alpha) * 255),
        (int) Math.round(alpha * colour.getGreen() + (1 - alpha) * 255),
        (int) Math.round(alpha * colour.getBlue() + (1 - alpha) * 255));
  }

  @Test
  void rendersWithoutADisplay() {
    // surefire sets java.awt.headless; a chart must not need a screen
    assertTrue(GraphicsEnvironment.isHeadless());
    BufferedImage image = new LineChart("t", "x", "y").add("a", new double[] {1, 2, 3})
        .render(320, 200);
    assertDrawn(image, 320, 200);
  }

  @Test
  void lossCurveHasRoundTicksAndEverySeries() {
    double[] loss = new double[60];
    double[] validation = new double[60];
    for (int i = 0; i < loss.length; i++) {
      loss[i] = 0.3 + 1.7 * Math.exp(-i / 9.0);
      validation[i] = i == 20 ? Double.NaN : 0.35 + 1.6 * Math.exp(-i / 11.0);
    }
    LineChart chart = new LineChart("loss by epoch", "epoch", "loss")
        .add("training", loss).add("validation", validation);
    BufferedImage image = chart.render(640, 400);
    assertDrawn(image, 640, 400);
    assertTrue(pixelsNear(image, ChartStyle.colour(0)) > 100, "training line drawn");
    assertTrue(pixelsNear(image, ChartStyle.colour(1)) > 100, "validation line drawn");

    JFreeChart drawn = chart.chart();
    XYPlot plot = drawn.getXYPlot();
    assertEquals(2, plot.getLegendItems().getItemCount(), "a legend names both series");
    assertFalse(plot.getRangeAxis() instanceof LogAxis, "linear unless asked");
    for (ValueTick tick : roundTicks(drawn, plot.getDomainAxis(), RectangleEdge.BOTTOM, 640, 400,
        3)) {
      assertEquals(Math.rint(tick.getValue()), tick.getValue(), "epochs are whole numbers");
    }
    roundTicks(drawn, plot.getRangeAxis(), RectangleEdge.LEFT, 640, 400, 3);
  }

  @Test
  void kDistancePlotTicksAreRoundWhereTheHandDrawnOnesWereNot() {
    // doc/images/dbscan-iris-k-distance.png's range, which the hand-drawn axis labelled
    // 0.0350, 0.118, 0.201
    double[] sorted = new double[150];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = 0.04 + 0.16 * Math.pow(1 - i / 149.0, 3);
    }
    double[] knee = new double[sorted.length];
    java.util.Arrays.fill(knee, 0.18);
    LineChart chart = new LineChart("5-distance", "points sorted by decreasing k-distance",
        "distance to the 5-th nearest neighbour").add("5-distance", sorted)
        .add("suggested eps (knee)", knee);
    assertDrawn(chart.render(800, 500), 800, 500);
    JFreeChart drawn = chart.chart();
    roundTicks(drawn, drawn.getXYPlot().getRangeAxis(), RectangleEdge.LEFT, 800, 500, 3);
  }

  @Test
  void categoriesLabelEveryPoint() {
    LineChart chart = new LineChart("accuracy against k", "dimensions k", "percent correct")
        .xTicks("8", "16", "32", "64", "128").add("PCA", new double[] {95.1, 98.0, 97.7, 96.7, 96.7})
        .add("UMAP", new double[] {97.2, 97.2, 97.1, 97.0, 97.0});
    assertDrawn(chart.render(800, 480), 800, 480);
    SymbolAxis x = assertInstanceOf(SymbolAxis.class, chart.chart().getXYPlot().getDomainAxis());
    assertEquals(List.of("8", "16", "32", "64", "128"), List.of(x.getSymbols()));
  }

  @Test
  void logAxisWhenAskedTickedAtPowersOfTen() {
    double[] loss = new double[40];
    for (int i = 0; i < loss.length; i++) {
      loss[i] = 2 * Math.pow(10, -i / 10.0); // 2 down to 2e-4: four decades
    }
    LineChart chart = new LineChart("loss", "epoch", "loss").logY().add("training", loss)
        .add("with a gap", new double[] {1, 0, -1, 0.5});
    assertDrawn(chart.render(640, 400), 640, 400);
    JFreeChart drawn = chart.chart();
    ValueAxis y = drawn.getXYPlot().getRangeAxis();
    assertInstanceOf(LogAxis.class, y);
    List<ValueTick> ticks = roundTicks(drawn, y, RectangleEdge.LEFT, 640, 400, 4);
    for (ValueTick tick : ticks) {
      double exponent = Math.log10(tick.getValue());
      assertEquals(Math.rint(exponent), exponent, 1e-9, "a power of ten: " + tick.getValue());
    }
    // equal ratios are equal distances: the mapping is logarithmic
    Rectangle2D area = new Rectangle2D.Double(0, 0, 100, 300);
    double decade = y.valueToJava2D(0.01, area, RectangleEdge.LEFT)
        - y.valueToJava2D(0.1, area, RectangleEdge.LEFT);
    assertEquals(decade, y.valueToJava2D(0.1, area, RectangleEdge.LEFT)
        - y.valueToJava2D(1, area, RectangleEdge.LEFT), 1e-9);
    assertTrue(decade > 0);
  }

  @Test
  void logAxisShorterThanADecadeStillHasRoundLabels() {
    for (double[] range : new double[][] {{0.3, 0.9}, {0.31, 0.35}, {1500, 2600}}) {
      double[] values = new double[20];
      for (int i = 0; i < values.length; i++) {
        values[i] = range[0] + (range[1] - range[0]) * i / 19.0;
      }
      LineChart chart = new LineChart("narrow", "epoch", "loss").logY().add("s", values);
      JFreeChart drawn = chart.chart();
      roundTicks(drawn, drawn.getXYPlot().getRangeAxis(), RectangleEdge.LEFT, 640, 400, 2);
    }
  }

  @Test
  void scatterPlotColoursEachClassAndNamesItInTheLegend() {
    java.util.Random random = new java.util.Random(7);
    int n = 600;
    double[] x = new double[n];
    double[] y = new double[n];
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      group[i] = i % 4 == 3 ? -1 : i % 4;
      x[i] = 3 * (i % 4) + random.nextGaussian() * 0.4 - 0.573;
      y[i] = 5.62 * (i % 2) + random.nextGaussian() * 0.4;
    }
    ScatterPlot plot = new ScatterPlot("embedding", x, y, group,
        new String[] {"setosa", "versicolor", "a class name far longer than any legend wants"})
        .axisLabels("umap1", "umap2");
    BufferedImage image = plot.render(900, 700);
    assertDrawn(image, 900, 700);
    for (int c = 0; c < 3; c++) {
      assertTrue(pixelsNear(image, onWhite(ChartStyle.colour(c), 0.7)) > 100,
          "class " + c + " drawn");
    }
    JFreeChart drawn = plot.chart();
    assertEquals(List.of("(no class)", "setosa", "versicolor", "a class name far long\u2026"),
        legendNames(drawn));
    roundTicks(drawn, drawn.getXYPlot().getDomainAxis(), RectangleEdge.BOTTOM, 900, 700, 3);
    roundTicks(drawn, drawn.getXYPlot().getRangeAxis(), RectangleEdge.LEFT, 900, 700, 3);

    ScatterPlot unnamed = new ScatterPlot("no classes", x, y, new int[n], new String[0]);
    assertEquals(null, unnamed.chart().getLegend(), "no names, no legend");
    assertThrows(IllegalArgumentException.class,
        () -> new ScatterPlot("t", x, new double[1], group, new String[0]));
  }

  /** A decision line over the points: named in the legend, drawn black, inside fixed bounds. */
  @Test
  void scatterPlotDrawsALineWithinItsBounds() {
    double[] x = {0, 0, 1, 1};
    double[] y = {0, 1, 0, 1};
    ScatterPlot plot = new ScatterPlot("AND", x, y, new int[] {0, 0, 0, 1}, new String[] {"0", "1"})
        .bounds(-0.15, 1.15, -0.15, 1.15).line("w.x + b = 0", 0.35, 1.15, 1.15, 0.35);
    JFreeChart drawn = plot.chart();
    assertEquals(List.of("0", "1", "w.x + b = 0"), legendNames(drawn));
    assertEquals(-0.15, drawn.getXYPlot().getDomainAxis().getLowerBound(), 1e-12);
    assertEquals(1.15, drawn.getXYPlot().getRangeAxis().getUpperBound(), 1e-12);
    BufferedImage image = plot.render(640, 480);
    assertDrawn(image, 640, 480);
    assertTrue(pixelsNear(image, onWhite(java.awt.Color.BLACK, 0.7)) > 100, "the line is drawn");
    assertThrows(IllegalArgumentException.class, () -> plot.bounds(1, 0, 0, 1));
  }

  private static List<String> legendNames(JFreeChart chart) {
    List<String> names = new ArrayList<>();
    org.jfree.chart.LegendItemCollection items = chart.getXYPlot().getLegendItems();
    for (int i = 0; i < items.getItemCount(); i++) {
      names.add(items.get(i).getLabel());
    }
    return names;
  }

  @Test
  void costCurveIsLogLog() throws Exception {
    double[] sizes = {1e3, 1e4, 1e5, 1e6};
    CostCurveChart chart = new CostCurveChart("time as n grows", "rows", "seconds")
        .add("ours", sizes, new double[] {0.01, 0.09, 1.1, 12})
        .add("peer", sizes, new double[] {0.02, 0.5, 30, 0}); // 0: not measured, a gap
    BufferedImage image = chart.render(800, 500);
    assertDrawn(image, 800, 500);
    assertTrue(pixelsNear(image, ChartStyle.colour(0)) > 100);
    assertTrue(pixelsNear(image, ChartStyle.colour(1)) > 100);
    JFreeChart drawn = chart.chart();
    for (RectangleEdge edge : new RectangleEdge[] {RectangleEdge.BOTTOM, RectangleEdge.LEFT}) {
      ValueAxis axis = edge == RectangleEdge.BOTTOM ? drawn.getXYPlot().getDomainAxis()
          : drawn.getXYPlot().getRangeAxis();
      assertInstanceOf(LogAxis.class, axis);
      for (ValueTick tick : roundTicks(drawn, axis, edge, 800, 500, 3)) {
        double exponent = Math.log10(tick.getValue());
        assertEquals(Math.rint(exponent), exponent, 1e-9, "a power of ten: " + tick.getValue());
      }
    }
    assertEquals(List.of("ours", "peer"), legendNames(drawn));
    assertThrows(IllegalArgumentException.class,
        () -> chart.add("bad", sizes, new double[] {1, 2}));
  }

  @Test
  void writesThePngItDrawsIntoANewFolder(@TempDir Path dir) throws Exception {
    File file = dir.resolve("new/folder/curve.png").toFile();
    new LineChart("t", "epoch", "loss").add("a", new double[] {3, 2, 1.5}).writePng(file, 640, 400);
    BufferedImage read = ImageIO.read(file);
    assertDrawn(read, 640, 400);
    assertThrows(IllegalArgumentException.class,
        () -> new LineChart("t", "x", "y").render(0, 400));
  }

  @Test
  void yAxisOfALinearChartIsANumberAxisThatNeedNotIncludeZero() {
    LineChart chart = new LineChart("t", "epoch", "loss").add("a", new double[] {0.31, 0.33, 0.35});
    NumberAxis y = assertInstanceOf(NumberAxis.class, chart.chart().getXYPlot().getRangeAxis());
    chart.render(640, 400);
    JFreeChart drawn = chart.chart();
    roundTicks(drawn, drawn.getXYPlot().getRangeAxis(), RectangleEdge.LEFT, 640, 400, 3);
    assertFalse(y.getAutoRangeIncludesZero());
    assertTrue(drawn.getXYPlot().getRangeAxis().getLowerBound() > 0.25, "the data fill the plot");
  }
}
