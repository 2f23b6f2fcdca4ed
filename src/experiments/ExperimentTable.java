import fundamentos.plot.LineChart;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Range;
import weka.core.converters.ConverterUtils.DataSource;
import weka.experiment.PairedCorrectedTTester;
import weka.experiment.ResultMatrixPlainText;

/**
 * Analyses the results of the PCA-vs-UMAP experiment the way the Experimenter's Analyse tab does:
 * percent correct per scheme and data set with the corrected paired t-test (Nadeau and Bengio)
 * against IBk on the original attributes, printed as Weka's plain-text result matrix; then a
 * Markdown table of mean accuracy per reducer and k, and one PNG per data set of accuracy against k
 * (drawn with the package's LineChart).
 *
 * <p>usage: java -cp <weka.jar>:<fundamentos.jar> ExperimentTable.java results.arff image-prefix
 */
public class ExperimentTable {

  public static void main(String[] args) throws Exception {
    Instances results = DataSource.read(args[0]);
    PairedCorrectedTTester tester = new PairedCorrectedTTester();
    tester.setInstances(results);
    tester.setSortColumn(-1);
    tester.setRunColumn(results.attribute("Key_Run").index());
    tester.setFoldColumn(results.attribute("Key_Fold") == null ? -1
        : results.attribute("Key_Fold").index());
    tester.setDatasetKeyColumns(new Range("" + (results.attribute("Key_Dataset").index() + 1)));
    tester.setResultsetKeyColumns(new Range((results.attribute("Key_Scheme").index() + 1) + ","
        + (results.attribute("Key_Scheme_options").index() + 1) + ","
        + (results.attribute("Key_Scheme_version_ID").index() + 1)));
    ResultMatrixPlainText matrix = new ResultMatrixPlainText();
    matrix.setShowStdDev(true);
    matrix.setRowNameWidth(30);
    tester.setResultMatrix(matrix);
    tester.setShowStdDevs(true);
    tester.setSignificanceLevel(0.05);
    int correct = results.attribute("Percent_correct").index();
    int baseline = 0;
    for (int r = 0; r < tester.getNumResultsets(); r++) {
      if (tester.getResultsetName(r).startsWith("lazy.IBk")) {
        baseline = r;
      }
    }
    System.out.println(tester.header(correct));
    // the result matrix ends with the key of the numbered schemes
    System.out.println(tester.multiResultsetFull(baseline, correct));

    // mean accuracy per data set, reducer and k
    Pattern pca = Pattern.compile("attribute\\.PCA.*-M (\\d+)");
    Pattern umap = Pattern.compile("attribute\\.UMAP.*-N (\\d+)");
    Map<String, Map<String, double[]>> means = new LinkedHashMap<>();
    int dataset = results.attribute("Key_Dataset").index();
    int options = results.attribute("Key_Scheme_options").index();
    for (Instance row : results) {
      String data = row.stringValue(dataset);
      String scheme = row.stringValue(options);
      String key;
      Matcher m;
      if ((m = pca.matcher(scheme)).find()) {
        key = "PCA " + m.group(1);
      } else if ((m = umap.matcher(scheme)).find()) {
        key = "UMAP " + m.group(1);
      } else {
        key = "original";
      }
      double[] sum = means.computeIfAbsent(data, d -> new LinkedHashMap<>())
          .computeIfAbsent(key, x -> new double[2]);
      sum[0] += row.value(correct);
      sum[1]++;
    }
    int[] ks = {8, 16, 32, 64, 128};
    System.out.println();
    System.out.println("| data set | reducer | k = 8 | 16 | 32 | 64 | 128 | original |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Map.Entry<String, Map<String, double[]>> entry : means.entrySet()) {
      Map<String, double[]> m = entry.getValue();
      double original = mean(m.get("original"));
      LineChart chart = new LineChart("IBk accuracy on " + entry.getKey()
          + " in reduced spaces (10 random 66/34 splits)", "dimensions k", "percent correct")
          .xTicks("8", "16", "32", "64", "128");
      for (String reducer : new String[] {"PCA", "UMAP"}) {
        double[] line = new double[ks.length];
        StringBuilder text = new StringBuilder("| " + entry.getKey() + " | " + reducer + " |");
        for (int i = 0; i < ks.length; i++) {
          line[i] = mean(m.get(reducer + " " + ks[i]));
          text.append(String.format(Locale.ROOT, " %.2f |", line[i]));
        }
        text.append(String.format(Locale.ROOT, " %.2f |", original));
        System.out.println(text);
        chart.add(reducer, line);
      }
      double[] flat = new double[ks.length];
      java.util.Arrays.fill(flat, original);
      chart.add("original attributes", flat);
      File png = new File(args[1] + "-" + entry.getKey().replaceAll("[^A-Za-z0-9]+", "-")
          + ".png");
      chart.writePng(png, 800, 480);
      System.out.println("wrote " + png);
    }
  }

  private static double mean(double[] sum) {
    return sum == null || sum[1] == 0 ? Double.NaN : sum[0] / sum[1];
  }
}
