import java.nio.file.Files;
import java.nio.file.Path;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.AdditionalMeasureProducer;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Trains one of the package's network classifiers (CNN or Transformer, from the installed package)
 * on an ARFF with the given options, one epoch per iteration, timing each epoch, then measures test
 * accuracy. Prints one line per epoch ("epoch e seconds s") and a final line: "total <train
 * seconds> accuracy <test %> parameters <n> peak <MB>". Run by src/bench/cnn_fashion.sh and
 * vit_fashion.sh: java -cp <weka class path> src/bench/NetworkBenchmark.java train.arff test.arff
 * "<options>" [classifier class, default weka.classifiers.functions.CNN]
 */
public class NetworkBenchmark {
  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false);
    Instances train = DataSource.read(args[0]);
    train.setClassIndex(train.numAttributes() - 1);
    Instances test = DataSource.read(args[1]);
    test.setClassIndex(test.numAttributes() - 1);
    String scheme = args.length > 3 ? args[3] : "weka.classifiers.functions.CNN";
    Classifier cnn = AbstractClassifier.forName(scheme, Utils.splitOptions(args[2]));
    weka.classifiers.IterativeClassifier iterative = (weka.classifiers.IterativeClassifier) cnn;
    long start = System.nanoTime();
    iterative.initializeClassifier(train);
    long last = System.nanoTime();
    System.out.printf("setup %.2f%n", (last - start) / 1e9);
    int epoch = 0;
    boolean more = true;
    while (more) {
      more = iterative.next();
      long now = System.nanoTime();
      System.out.printf("epoch %d seconds %.2f%n", ++epoch, (now - last) / 1e9);
      last = now;
    }
    iterative.done();
    double seconds = (System.nanoTime() - start) / 1e9;
    Evaluation evaluation = new Evaluation(train);
    evaluation.evaluateModel(cnn, test);
    long peak = -1;
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        peak = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    System.out.printf("total %.1f accuracy %.2f parameters %.0f peak %d%n", seconds,
        evaluation.pctCorrect(), ((AdditionalMeasureProducer) cnn).getMeasure("measureNumParameters"),
        peak);
  }
}
