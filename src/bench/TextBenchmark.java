import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Trains a classifier (class name and options, from Weka or the installed package) on a training
 * ARFF and evaluates it on a test ARFF, the class last. Prints "seconds <training s> accuracy <test
 * %> auc <area under the ROC curve of the second class value>". Run by
 * src/bench/transformer_reuters.sh: java -cp <weka class path> src/bench/TextBenchmark.java
 * train.arff test.arff "<class> <options>"
 */
public class TextBenchmark {
  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false);
    Instances train = DataSource.read(args[0]);
    train.setClassIndex(train.numAttributes() - 1);
    Instances test = DataSource.read(args[1]);
    test.setClassIndex(test.numAttributes() - 1);
    String[] options = Utils.splitOptions(args[2]);
    String name = options[0];
    options[0] = "";
    Classifier classifier = AbstractClassifier.forName(name, options);
    long start = System.nanoTime();
    classifier.buildClassifier(train);
    double seconds = (System.nanoTime() - start) / 1e9;
    Evaluation evaluation = new Evaluation(train);
    evaluation.evaluateModel(classifier, test);
    System.out.printf("seconds %.1f accuracy %.2f auc %.4f%n", seconds, evaluation.pctCorrect(),
        evaluation.areaUnderROC(1));
  }
}
