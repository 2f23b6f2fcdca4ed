import java.io.File;
import java.util.Random;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.WekaPackageManager;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * 10-fold cross-validation (seed 1) of SoftmaxRegression (defaults, from the installed package)
 * and Weka's Logistic on each ARFF given, class = last attribute. Prints a Markdown table.
 * Run by src/bench/weka_examples.sh.
 */
public class CrossValidateExamples {
  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false);
    String[] schemes = {"weka.classifiers.functions.SoftmaxRegression", "weka.classifiers.functions.Logistic"};
    System.out.println("| data set | instances | SoftmaxRegression accuracy (%) | time (s) | Logistic accuracy (%) | time (s) |");
    System.out.println("|---|---|---|---|---|---|");
    for (String file : args) {
      Instances data = DataSource.read(file);
      data.setClassIndex(data.numAttributes() - 1);
      StringBuilder row = new StringBuilder("| " + new File(file).getName() + " | " + data.numInstances());
      for (String scheme : schemes) {
        Classifier classifier = AbstractClassifier.forName(scheme, new String[0]);
        long start = System.nanoTime();
        Evaluation evaluation = new Evaluation(data);
        evaluation.crossValidateModel(classifier, data, 10, new Random(1));
        row.append(String.format(" | %.2f | %.1f", evaluation.pctCorrect(), (System.nanoTime() - start) / 1e9));
      }
      System.out.println(row.append(" |"));
    }
  }
}
