import java.beans.PropertyDescriptor;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.swing.DefaultListModel;
import weka.classifiers.Classifier;
import weka.classifiers.lazy.IBk;
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
 * Writes the Weka Experimenter configuration of the course's Task 4, "recognition with reduced PCA
 * vs UMAP spaces (k = 8, 16, 32, 64, 128 and the original)": IBk (1-NN) on the original attributes
 * and behind FilteredClassifier with the package's PCA filter (-C -R 1.0 -M k) or UMAP filter (-N k)
 * at each k, on every data set given, 10 random 66/34 train/test splits, results to an ARFF file.
 * The file opens in the Experimenter's Setup tab (Open...) and runs from the command line:
 * java weka.Run weka.experiment.Experiment -l <file> -r.
 *
 * <p>usage: java -cp <weka.jar> PcaVsUmapExperiment.java experiment.xml results.arff data.arff...
 */
public class PcaVsUmapExperiment {

  static final int[] DIMENSIONS = {8, 16, 32, 64, 128};

  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false);
    List<Classifier> schemes = new ArrayList<>();
    schemes.add(new IBk());
    for (String reducer : new String[] {"PCA", "UMAP"}) {
      for (int k : DIMENSIONS) {
        String options = reducer.equals("PCA") ? "-C -R 1.0 -M " + k : "-N " + k + " -S 1";
        FilteredClassifier classifier = new FilteredClassifier();
        classifier.setFilter((Filter) Utils.forName(Filter.class,
            "weka.filters.unsupervised.attribute." + reducer, Utils.splitOptions(options)));
        classifier.setClassifier(new IBk());
        schemes.add(classifier);
      }
    }
    ClassifierSplitEvaluator evaluator = new ClassifierSplitEvaluator();
    evaluator.setClassifier(new IBk());
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
    experiment.setRunUpper(10);
    DefaultListModel<File> datasets = new DefaultListModel<>();
    for (int i = 2; i < args.length; i++) {
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
    experiment.setNotes("The course's Task 4: IBk on PCA and UMAP spaces of k = 8..128 dimensions "
        + "against the original attributes. Written by src/experiments/PcaVsUmapExperiment.java; "
        + "run by src/experiments/pca_vs_umap.sh.");
    Experiment.write(args[0], experiment);
    System.out.println("wrote " + args[0] + " (" + schemes.size() + " schemes, "
        + datasets.size() + " data sets, 10 runs)");
  }
}
