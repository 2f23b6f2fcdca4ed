import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;

/**
 * Times the package's HOG filter on Fashion-MNIST ARFF files (class = last attribute): the first
 * file is the first batch, every further file a later batch, as in FilteredClassifier. Loading the
 * files is not timed. Prints one line: seconds for all files (the first time in this JVM), images,
 * features per image, the sum of every feature (to compare with scikit-image's run), and the
 * seconds of a second pass in the same JVM (JIT warm).
 *
 * <p>Run by src/bench/hog_fashion.sh: java -cp <weka class path> src/bench/HogBenchmark.java
 * "<HOG options>" a.arff [b.arff ...]
 */
public class HogBenchmark {
  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false);
    Instances[] data = new Instances[args.length - 1];
    for (int i = 1; i < args.length; i++) {
      data[i - 1] = DataSource.read(args[i]);
      data[i - 1].setClassIndex(data[i - 1].numAttributes() - 1);
    }
    double[] seconds = new double[2];
    double sum = 0;
    int images = 0;
    int features = 0;
    for (int pass = 0; pass < 2; pass++) {
      Filter filter = (Filter) Utils.forName(Filter.class,
          "weka.filters.unsupervised.attribute.HOG", Utils.splitOptions(args[0]));
      long start = System.nanoTime();
      filter.setInputFormat(data[0]);
      Instances[] out = new Instances[data.length];
      for (int i = 0; i < data.length; i++) {
        out[i] = Filter.useFilter(data[i], filter);
      }
      seconds[pass] = (System.nanoTime() - start) / 1e9;
      if (pass == 0) {
        for (Instances o : out) {
          images += o.numInstances();
          features = o.numAttributes() - 1;
          for (int r = 0; r < o.numInstances(); r++) {
            for (int a = 0; a < features; a++) {
              sum += o.instance(r).value(a);
            }
          }
        }
      }
    }
    System.out.printf(java.util.Locale.ROOT, "%.2f %d %d %.6f %.2f%n", seconds[0], images,
        features, sum, seconds[1]);
  }
}
