import fundamentos.image.HistogramOfGradients;
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
 * Analyses the results of the HOG-vs-pixels experiment the way the Experimenter's Analyse tab does:
 * percent correct per scheme and data set with the corrected paired t-test (Nadeau and Bengio)
 * against SoftmaxRegression on the pixels, printed as Weka's plain-text result matrix; then a
 * Markdown table per data set and scheme: mean accuracy and its standard deviation over the runs,
 * the number of features the classifier sees, mean training and testing time (the Experimenter's
 * elapsed times, HOG included behind FilteredClassifier).
 *
 * <p>usage: java -cp <weka.jar>:<fundamentos.jar> HogVsPixelsTable.java results.arff
 */
public class HogVsPixelsTable {

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
      if (tester.getResultsetName(r).startsWith("functions.SoftmaxRegression")) {
        baseline = r;
      }
    }
    System.out.println(tester.header(correct));
    System.out.println(tester.multiResultsetFull(baseline, correct));

    Pattern hog = Pattern.compile("attribute\\.HOG.*-cell-height (\\d+)");
    int dataset = results.attribute("Key_Dataset").index();
    int options = results.attribute("Key_Scheme_options").index();
    int train = results.attribute("Elapsed_Time_training").index();
    int test = results.attribute("Elapsed_Time_testing").index();
    // per data set and scheme: n, sum, sum of squares of accuracy, sum of train and test times
    Map<String, Map<String, double[]>> sums = new LinkedHashMap<>();
    for (Instance row : results) {
      Matcher m = hog.matcher(row.stringValue(options));
      String key = m.find() ? "HOG, " + m.group(1) + " x " + m.group(1) + " cells" : "pixels";
      double[] s = sums.computeIfAbsent(row.stringValue(dataset), d -> new LinkedHashMap<>())
          .computeIfAbsent(key, x -> new double[5]);
      double a = row.value(correct);
      s[0]++;
      s[1] += a;
      s[2] += a * a;
      s[3] += row.value(train);
      s[4] += row.value(test);
    }
    System.out.println();
    System.out.println("| data set | SoftmaxRegression on | features | accuracy (%) | std. dev. "
        + "| training time (s) | testing time (s) |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Map.Entry<String, Map<String, double[]>> d : sums.entrySet()) {
      int side = d.getKey().startsWith("digits") ? 8 : 28;
      for (Map.Entry<String, double[]> e : d.getValue().entrySet()) {
        double[] s = e.getValue();
        double mean = s[1] / s[0];
        double sd = s[0] > 1 ? Math.sqrt(Math.max(0, (s[2] - s[0] * mean * mean) / (s[0] - 1)))
            : 0;
        int features = side * side;
        Matcher m = Pattern.compile("(\\d+) x").matcher(e.getKey());
        if (m.find()) {
          int cell = Integer.parseInt(m.group(1));
          features = new HistogramOfGradients(9, cell, cell, 2, 2,
              HistogramOfGradients.BlockNorm.L2_HYS, false).numFeatures(side, side);
        }
        System.out.println(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %.2f | %.2f | %.2f |",
            d.getKey(), e.getKey(), features, mean, sd, s[3] / s[0], s[4] / s[0]));
      }
    }
  }
}
