import java.io.File;
import java.util.Random;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * 10-fold cross-validation (seed 1) of SoftmaxRegression (defaults plus the options given, from the
 * installed package) and Weka's Logistic (defaults) on each ARFF given, class = last attribute.
 * Prints one line per data set: file name, instances, SoftmaxRegression's accuracy (%) and seconds,
 * Logistic's accuracy (%) and seconds. Run by src/bench/weka_examples.sh: java -cp <weka class path>
 * src/bench/CrossValidateExamples.java "<SoftmaxRegression options>" data.arff...
 */
public class CrossValidateExamples {
  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false);
    String[][] schemes = {
        {"weka.classifiers.functions.SoftmaxRegression", args[0]},
        {"weka.classifiers.functions.Logistic", ""}};
    for (int f = 1; f < args.length; f++) {
      Instances data = DataSource.read(args[f]);
      data.setClassIndex(data.numAttributes() - 1);
      StringBuilder row = new StringBuilder(new File(args[f]).getName() + " " + data.numInstances());
      for (String[] scheme : schemes) {
        Classifier classifier = AbstractClassifier.forName(scheme[0], Utils.splitOptions(scheme[1]));
        long start = System.nanoTime();
        Evaluation evaluation = new Evaluation(data);
        evaluation.crossValidateModel(classifier, data, 10, new Random(1));
        row.append(String.format(" %.2f %.2f", evaluation.pctCorrect(), (System.nanoTime() - start) / 1e9));
      }
      System.out.println(row);
    }
  }
}
