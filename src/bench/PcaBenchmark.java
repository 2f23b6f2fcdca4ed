import java.nio.file.Files;
import java.nio.file.Path;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;

/**
 * Times one PCA filter (ours from the installed package, or Weka's PrincipalComponents) on a
 * training ARFF and a test ARFF, class = last attribute. Loading the files is not timed. Prints one
 * line: fit seconds (setInputFormat + filtering the training set, the first time in this JVM), test
 * transform seconds, number of components, fraction of variance explained (the output columns'
 * training variances over the input columns' total), peak resident memory (MB, from
 * /proc/self/status VmHWM), and the fit seconds of a second, fresh filter fitted in the same JVM
 * ("-" unless a fourth argument "repeat" is given): what each further fit costs in a
 * cross-validation or an Experimenter run, once the JIT and the native libraries are warm.
 *
 * <p>Run by src/bench/pca_fashion.sh: java -cp <weka class path> src/bench/PcaBenchmark.java
 * <filter class> "<options>" train.arff test.arff [repeat]
 */
public class PcaBenchmark {
  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false);
    Instances train = DataSource.read(args[2]);
    train.setClassIndex(train.numAttributes() - 1);
    Instances test = DataSource.read(args[3]);
    test.setClassIndex(test.numAttributes() - 1);

    Filter filter = (Filter) Utils.forName(Filter.class, args[0], Utils.splitOptions(args[1]));
    long start = System.nanoTime();
    filter.setInputFormat(train);
    Instances trainOut = Filter.useFilter(train, filter);
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    Filter.useFilter(test, filter);
    double transformSeconds = (System.nanoTime() - start) / 1e9;

    int components = trainOut.numAttributes() - 1;
    double explained = 0;
    for (int c = 0; c < components; c++) {
      explained += trainOut.variance(c);
    }
    double total = 0;
    for (int a = 0; a < train.numAttributes() - 1; a++) {
      total += train.variance(a);
    }
    String repeated = "-";
    if (args.length > 4 && args[4].equals("repeat")) {
      Filter again = (Filter) Utils.forName(Filter.class, args[0], Utils.splitOptions(args[1]));
      start = System.nanoTime();
      again.setInputFormat(train);
      Filter.useFilter(train, again);
      repeated = String.format("%.2f", (System.nanoTime() - start) / 1e9);
    }
    System.out.printf("%.2f %.2f %d %.5f %d %s%n", fitSeconds, transformSeconds, components,
        explained / total, peakMegabytes(), repeated);
  }

  private static long peakMegabytes() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }
}
