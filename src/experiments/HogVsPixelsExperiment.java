import java.beans.PropertyDescriptor;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.swing.DefaultListModel;
import weka.classifiers.Classifier;
import weka.classifiers.meta.FilteredClassifier;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.experiment.ClassifierSplitEvaluator;
import weka.experiment.Experiment;
import weka.experiment.InstancesResultListener;
import weka.experiment.PropertyNode;
import weka.experiment.RandomSplitResultProducer;
import weka.filters.Filter;

/**
 * Writes the Weka Experimenter configuration of the course's Task 2.4.2, "softmax regression on raw
 * pixels and on HOG features": SoftmaxRegression (defaults) on the pixel attributes, and behind
 * FilteredClassifier with the package's HOG filter at two cell sizes (2 x 2 and 4 x 4 pixels; 9
 * orientations, blocks of 2 x 2 cells, L2-Hys), on every data set given, random 66/34
 * train/test splits, results to an ARFF file. The file opens in the Experimenter's Setup tab
 * (Open...) and runs from the command line: java weka.Run weka.experiment.Experiment -l <file> -r.
 *
 * <p>usage: java -cp <weka.jar> HogVsPixelsExperiment.java experiment.xml results.arff runs
 * data.arff...
 */
public class HogVsPixelsExperiment {

  /** The HOG settings compared with the pixels: cell side in pixels. */
  static final int[] CELLS = {2, 4};

  /** SoftmaxRegression with its defaults (by name: the package's classes load with the package). */
  static Classifier softmax() throws Exception {
    return (Classifier) Utils.forName(Classifier.class,
        "weka.classifiers.functions.SoftmaxRegression", new String[0]);
  }

  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false);
    List<Classifier> schemes = new ArrayList<>();
    schemes.add(softmax());
    for (int cell : CELLS) {
      FilteredClassifier classifier = new FilteredClassifier();
      classifier.setFilter((Filter) Utils.forName(Filter.class,
          "weka.filters.unsupervised.attribute.HOG", Utils.splitOptions("-orientations 9"
              + " -cell-height " + cell + " -cell-width " + cell
              + " -block-height 2 -block-width 2 -norm L2-Hys")));
      classifier.setClassifier(softmax());
      schemes.add(classifier);
    }
    ClassifierSplitEvaluator evaluator = new ClassifierSplitEvaluator();
    evaluator.setClassifier(softmax());
    RandomSplitResultProducer producer = new RandomSplitResultProducer();
    producer.setTrainPercent(66);
    producer.setRandomizeData(true);
    producer.setSplitEvaluator(evaluator);
    InstancesResultListener listener = new InstancesResultListener();
    listener.setOutputFile(new File(args[1]));

    Experiment experiment = new Experiment();
    experiment.setResultProducer(producer);
    experiment.setResultListener(listener);
    experiment.setRunLower(1);
    experiment.setRunUpper(Integer.parseInt(args[2]));
    DefaultListModel<File> datasets = new DefaultListModel<>();
    for (int i = 3; i < args.length; i++) {
      datasets.addElement(new File(args[i]));
    }
    experiment.setDatasets(datasets);
    experiment.setUsePropertyIterator(true);
    experiment.setPropertyPath(new PropertyNode[] {
        new PropertyNode(evaluator, new PropertyDescriptor("splitEvaluator",
            RandomSplitResultProducer.class), RandomSplitResultProducer.class),
        new PropertyNode(evaluator.getClassifier(), new PropertyDescriptor("classifier",
            ClassifierSplitEvaluator.class), ClassifierSplitEvaluator.class)});
    experiment.setPropertyArray(schemes.toArray(new Classifier[0]));
    experiment.setNotes("The course's Task 2.4.2: SoftmaxRegression on raw pixels against HOG "
        + "features (FilteredClassifier with HOG). Written by "
        + "src/experiments/HogVsPixelsExperiment.java; run by src/experiments/hog_vs_pixels.sh.");
    Experiment.write(args[0], experiment);
    System.out.println("wrote " + args[0] + " (" + schemes.size() + " schemes, "
        + datasets.size() + " data sets, " + args[2] + " runs)");
  }
}
