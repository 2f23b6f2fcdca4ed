import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;

/**
 * Times the UMAP filter from the installed package on a training ARFF (fit) and a test ARFF
 * (transform), class = last attribute; loading the files is not timed. Writes both embeddings as
 * CSV (one row per instance, the class index last) for umap_quality.py, and prints one line: fit
 * seconds (setInputFormat + filtering the training set, first time in this JVM), transform seconds,
 * peak resident memory (MB, /proc/self/status VmHWM).
 *
 * <p>Another filter with -Dbench.filter=<class> (src/bench/tsne_umap.sh times the TSNE filter this
 * way); test.arff "-" fits only (t-SNE embeds one batch and has no transform): the transform
 * seconds are then 0 and no test embedding is written.
 *
 * <p>Run by src/bench/umap_fashion.sh: java -cp <weka class path> src/bench/UmapBenchmark.java
 * "<options>" train.arff test.arff train-embedding.csv test-embedding.csv
 */
public class UmapBenchmark {
  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false);
    Instances train = DataSource.read(args[1]);
    train.setClassIndex(train.numAttributes() - 1);
    boolean fitOnly = args[2].equals("-");
    Instances test = fitOnly ? null : DataSource.read(args[2]);
    if (test != null) {
      test.setClassIndex(test.numAttributes() - 1);
    }
    Filter filter = (Filter) Utils.forName(Filter.class,
        System.getProperty("bench.filter", "weka.filters.unsupervised.attribute.UMAP"),
        Utils.splitOptions(args[0]));
    long start = System.nanoTime();
    filter.setInputFormat(train);
    Instances trainOut = Filter.useFilter(train, filter);
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    double transformSeconds = 0;
    write(trainOut, args[3]);
    if (!fitOnly) {
      start = System.nanoTime();
      Instances testOut = Filter.useFilter(test, filter);
      transformSeconds = (System.nanoTime() - start) / 1e9;
      write(testOut, args[4]);
    }
    System.err.println(filter);
    System.out.printf("%.2f %.2f %d%n", fitSeconds, transformSeconds, peakMegabytes());
  }

  private static void write(Instances data, String file) throws Exception {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(file)))) {
      for (int i = 0; i < data.numInstances(); i++) {
        double[] v = data.instance(i).toDoubleArray();
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < v.length; j++) {
          line.append(j > 0 ? "," : "").append(j == v.length - 1 ? String.valueOf((int) v[j])
              : String.valueOf(v[j]));
        }
        out.println(line);
      }
    }
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
