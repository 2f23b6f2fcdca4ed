import java.util.ArrayList;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.WekaPackageManager;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * The test accuracy (%) of a saved model (the model and its training header, as weka.Run -d and
 * the Spark train job write it) on an ARFF test set whose nominal values may be in another order:
 * attributes are matched by name and nominal values by label, as Weka's InputMappedClassifier
 * does. The Spark jobs' header lists a CSV column's values in order of first appearance, the
 * Fashion-MNIST test ARFF in label order, so weka.Run -l -T would refuse the pair as incompatible.
 * Run by src/bench/spark_train.sh: java -cp <weka class path> src/bench/TestAccuracy.java
 * model.model test.arff
 */
public class TestAccuracy {
  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false);
    Object[] saved = SerializationHelper.readAll(args[0]);
    Classifier model = (Classifier) saved[0];
    Instances header = (Instances) saved[1];
    Instances test = DataSource.read(args[1]);
    test.setClassIndex(test.numAttributes() - 1);
    Instances mapped = new Instances(header, test.numInstances());
    int[] from = new int[header.numAttributes()];
    for (int a = 0; a < from.length; a++) {
      from[a] = test.attribute(header.attribute(a).name()).index();
    }
    for (Instance row : test) {
      double[] values = new double[from.length];
      for (int a = 0; a < from.length; a++) {
        values[a] = header.attribute(a).isNominal()
            ? header.attribute(a).indexOfValue(row.stringValue(from[a])) : row.value(from[a]);
      }
      mapped.add(new DenseInstance(1.0, values));
    }
    Evaluation evaluation = new Evaluation(mapped);
    evaluation.evaluateModel(model, mapped);
    System.out.printf(java.util.Locale.ROOT, "%.2f%n", evaluation.pctCorrect());
  }
}
