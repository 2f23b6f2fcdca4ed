import fundamentos.plot.CostCurveChart;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the measurements of src/bench/cost_curves.sh (a CSV: scheme, title, size unit, tool,
 * threads, n, seconds, peak MB, status), fits each tool's growth exponents (least-squares slope of
 * log time against log n, and of log peak memory against log n, over the sizes it finished) and
 * draws, per scheme, two log-log charts with the package's own plotting ({@link CostCurveChart}:
 * one series per tool): cost-time-SCHEME.png and cost-memory-SCHEME.png in the output folder.
 * Prints the table of exponents in Markdown.
 *
 * <p>Run with the installed package's jars on the class path: java -cp
 * "wekahome/packages/fundamentos/fundamentos.jar:wekahome/packages/fundamentos/lib/*"
 * src/bench/CostCurves.java results.csv out-folder image-prefix-for-the-table
 */
public class CostCurves {

  private record Point(double n, double seconds, double megabytes) {
  }

  private static final class Tool {
    final String threads;
    final List<Point> points = new ArrayList<>();
    final List<String> missing = new ArrayList<>();

    Tool(String threads) {
      this.threads = threads;
    }
  }

  private static final class Scheme {
    final String title;
    final String unit;
    final Map<String, Tool> tools = new LinkedHashMap<>();

    Scheme(String title, String unit) {
      this.title = title;
      this.unit = unit;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, Scheme> schemes = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      Scheme scheme = schemes.computeIfAbsent(f[0], k -> new Scheme(f[1], f[2]));
      Tool tool = scheme.tools.computeIfAbsent(f[3], k -> new Tool(f[4]));
      double n = Double.parseDouble(f[5]);
      if (f[8].equals("ok")) {
        tool.points.add(new Point(n, Double.parseDouble(f[6]), Double.parseDouble(f[7])));
      } else {
        tool.missing.add(String.format(Locale.ROOT, "%,.0f (%s)", n, f[8]));
      }
    }
    File out = new File(args[1]);
    out.mkdirs();
    String images = args.length > 2 ? args[2] : args[1];
    System.out.println("| scheme | tool | threads | sizes measured | time at the largest (s) "
        + "| time exponent | peak memory at the largest (MB) | memory exponent | charts |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (Map.Entry<String, Scheme> entry : schemes.entrySet()) {
      Scheme scheme = entry.getValue();
      CostCurveChart time = new CostCurveChart(scheme.title + ": time", scheme.unit,
          "seconds");
      CostCurveChart memory = new CostCurveChart(scheme.title + ": peak memory", scheme.unit,
          "peak resident memory (MB)");
      for (Map.Entry<String, Tool> t : scheme.tools.entrySet()) {
        Tool tool = t.getValue();
        double[] n = tool.points.stream().mapToDouble(Point::n).toArray();
        double[] seconds = tool.points.stream().mapToDouble(Point::seconds).toArray();
        double[] megabytes = tool.points.stream().mapToDouble(Point::megabytes).toArray();
        String timeSlope = exponent(n, seconds);
        String memorySlope = exponent(n, megabytes);
        time.add(t.getKey() + " (slope " + timeSlope + ")", n, seconds);
        memory.add(t.getKey() + " (slope " + memorySlope + ")", n, megabytes);
        String sizes = n.length == 0 ? "none"
            : String.format(Locale.ROOT, "%,.0f to %,.0f (%d)", n[0], n[n.length - 1], n.length);
        if (!tool.missing.isEmpty()) {
          sizes += "; missing: " + String.join(", ", tool.missing);
        }
        // the charts' links once per scheme, on its first tool's row
        String charts = t.getKey().equals(scheme.tools.keySet().iterator().next())
            ? String.format("[time](%s/cost-time-%s.png), [memory](%s/cost-memory-%s.png)",
                images, entry.getKey(), images, entry.getKey())
            : "";
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
            scheme.title, t.getKey(), tool.threads, sizes,
            n.length == 0 ? "-" : seconds(seconds[n.length - 1]), timeSlope,
            n.length == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", megabytes[n.length - 1]),
            memorySlope, charts);
      }
      time.writePng(new File(out, "cost-time-" + entry.getKey() + ".png"), 640, 420);
      memory.writePng(new File(out, "cost-memory-" + entry.getKey() + ".png"), 640, 420);
    }
  }

  /** Seconds with three significant digits or more (0.00215, 0.0215, 2.15, 21.5, 215). */
  static String seconds(double s) {
    return String.format(Locale.ROOT, s >= 10 ? "%.1f" : s >= 1 ? "%.2f" : s >= 0.1 ? "%.3f"
        : "%.2g", s);
  }

  /** The least-squares slope of log y against log x ("-" below two sizes). */
  static String exponent(double[] x, double[] y) {
    int k = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0 && y[i] > 0) {
        sx += Math.log(x[i]);
        sy += Math.log(y[i]);
        k++;
      }
    }
    if (k < 2) {
      return "-";
    }
    double mx = sx / k;
    double my = sy / k;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0 && y[i] > 0) {
        double dx = Math.log(x[i]) - mx;
        sxy += dx * (Math.log(y[i]) - my);
        sxx += dx * dx;
      }
    }
    return String.format(Locale.ROOT, "%.2f", sxy / sxx);
  }
}
