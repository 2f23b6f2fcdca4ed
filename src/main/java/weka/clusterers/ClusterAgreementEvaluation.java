package weka.clusterers;

import fundamentos.cluster.ClusterAgreement;
import fundamentos.weka.StrictOptions;
import java.util.Locale;
import smile.validation.metric.AdjustedMutualInformation;
import weka.core.CommandlineRunnable;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaException;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/**
 * Agreement between any Weka clusterer and the class attribute (course section 4.4.3): Rand index,
 * adjusted Rand index, normalised mutual information, adjusted mutual information (through Smile,
 * as scikit-learn reports it beside the others) and the pair counts behind them. Weka's
 * ClusterEvaluation has no place for plug-in cluster metrics, so this is a command-line evaluator
 * (runnable with weka.Run) and a method for code:
 *
 * <pre>
 * weka.Run weka.clusterers.ClusterAgreementEvaluation -t data.arff [-c last] [-T test.arff] \
 *   -W weka.clusterers.SimpleKMeans -- -N 3
 * </pre>
 *
 * The clusterer is built on the training data without its class; the agreement is measured on the
 * test data if given, else on the training data; test data whose attributes differ from the
 * training data's is refused with Weka's own header comparison, which names the attribute.
 * Instances a clusterer leaves unassigned (DBSCAN's noise: an {@link UnclusteredInstanceException}
 * or a negative cluster number) form a group of their own, as scikit-learn treats the label -1; any
 * other exception is a failure and is reported with the instance, never scored as noise.
 */
public class ClusterAgreementEvaluation implements CommandlineRunnable {

  /** The agreement of a built clusterer's assignments on {@code data} with its class attribute. */
  public static ClusterAgreement evaluate(Clusterer clusterer, Instances data) throws Exception {
    if (data.classIndex() < 0 || !data.classAttribute().isNominal()) {
      throw new IllegalArgumentException("The data needs a nominal class attribute (-c) to compare "
          + "the clusters with.");
    }
    Instances features = withoutClass(data);
    int clusters = clusterer.numberOfClusters();
    double[][] table = new double[clusters + 1][data.numClasses()];
    for (int i = 0; i < data.numInstances(); i++) {
      Instance instance = data.instance(i);
      if (instance.classIsMissing()) {
        continue;
      }
      int cluster;
      try {
        cluster = clusterer.clusterInstance(features.instance(i));
      } catch (UnclusteredInstanceException unassigned) {
        cluster = -1;
      } catch (Exception e) {
        throw new WekaException("The clusterer failed on instance " + (i + 1) + ": "
            + e.getMessage(), e);
      }
      if (cluster >= clusters) {
        throw new WekaException("The clusterer put instance " + (i + 1) + " in cluster "
            + cluster + ", but says it has " + clusters + " clusters.");
      }
      // the group of unassigned instances (noise)
      table[cluster < 0 ? clusters : cluster][(int) instance.classValue()] += instance.weight();
    }
    return new ClusterAgreement(table);
  }

  /**
   * The agreement on {@code test} of a clusterer built on {@code training} (both with their class
   * set): the test data must have the training data's attributes.
   */
  public static ClusterAgreement evaluate(Clusterer clusterer, Instances training, Instances test)
      throws Exception {
    if (!training.equalHeaders(test)) {
      throw new WekaException("The test data's attributes differ from the training data's: "
          + training.equalHeadersMsg(test));
    }
    return evaluate(clusterer, test);
  }

  private static Instances withoutClass(Instances data) throws Exception {
    Remove remove = new Remove();
    remove.setAttributeIndices("" + (data.classIndex() + 1));
    remove.setInputFormat(data);
    return Filter.useFilter(data, remove);
  }

  /**
   * Adjusted mutual information (Vinh, Epps and Bailey 2010): (I - E[I]) / ((H(C) + H(K)) / 2 -
   * E[I]), E[I] under the hypergeometric model of random labelings with the same group sizes, the
   * arithmetic mean of the entropies as in scikit-learn's default. Computed by Smile
   * ({@link AdjustedMutualInformation#sum}) from the labels the table counts; NaN when a count is
   * not a whole number (instance weights other than whole numbers: the hypergeometric model counts
   * instances). Two labelings of one group each agree fully (1, as scikit-learn says), where Smile's
   * formula is 0 / 0.
   */
  public static double adjustedMutualInformation(ClusterAgreement agreement) {
    double[][] table = agreement.contingency();
    long n = 0;
    int clusters = 0;
    int classes = 0;
    int[] classTotals = new int[table.length == 0 ? 0 : table[0].length];
    for (double[] row : table) {
      long rowTotal = 0;
      for (int j = 0; j < row.length; j++) {
        if (row[j] != Math.rint(row[j]) || row[j] < 0 || row[j] > Integer.MAX_VALUE) {
          return Double.NaN;
        }
        rowTotal += (long) row[j];
        classTotals[j] += (int) row[j];
      }
      n += rowTotal;
      clusters += rowTotal > 0 ? 1 : 0;
    }
    for (int total : classTotals) {
      classes += total > 0 ? 1 : 0;
    }
    if (n == 0 || n > Integer.MAX_VALUE) {
      return Double.NaN;
    }
    if (clusters == 1 && classes == 1) {
      return 1.0;
    }
    int[] cluster = new int[(int) n];
    int[] clazz = new int[(int) n];
    int at = 0;
    for (int i = 0; i < table.length; i++) {
      for (int j = 0; j < table[i].length; j++) {
        for (int m = 0; m < (int) table[i][j]; m++, at++) {
          cluster[at] = i;
          clazz[at] = j;
        }
      }
    }
    return AdjustedMutualInformation.sum(clazz, cluster);
  }

  /** The evaluation as text. */
  public static String report(ClusterAgreement agreement) {
    return String.format(Locale.ROOT, "=== Agreement of the clusters with the classes ===%n%n"
        + "Rand index                      %.4f%n"
        + "Adjusted Rand index             %.4f%n"
        + "Normalised mutual information   %.4f%n"
        + "Adjusted mutual information     %.4f%n%n"
        + "Pairs: TP %.0f (same cluster, same class), FP %.0f, FN %.0f, TN %.0f%n",
        agreement.randIndex(), agreement.adjustedRandIndex(),
        agreement.normalizedMutualInformation(), adjustedMutualInformation(agreement),
        agreement.truePositives(),
        agreement.falsePositives(), agreement.falseNegatives(), agreement.trueNegatives());
  }

  @Override
  public void preExecution() {
  }

  @Override
  public void postExecution() {
  }

  @Override
  public void run(Object toRun, String[] options) throws Exception {
    String trainFile = Utils.getOption('t', options);
    String testFile = Utils.getOption('T', options);
    String classIndex = Utils.getOption('c', options);
    String clustererName = Utils.getOption('W', options);
    if (trainFile.isEmpty() || clustererName.isEmpty()) {
      throw new IllegalArgumentException("Usage: ClusterAgreementEvaluation -t <train.arff> "
          + "[-T <test.arff>] [-c <class index, default last>] -W <clusterer> [-- <its options>]");
    }
    Instances train = DataSource.read(trainFile);
    setClass(train, classIndex);
    Instances test = testFile.isEmpty() ? train : DataSource.read(testFile);
    setClass(test, classIndex);
    if (!train.equalHeaders(test)) {
      // before the clusterer is built: a mismatch must not cost a training run
      throw new WekaException("The test data's attributes differ from the training data's: "
          + train.equalHeadersMsg(test));
    }
    Clusterer clusterer = AbstractClusterer.forName(clustererName,
        Utils.partitionOptions(options));
    clusterer.buildClusterer(withoutClass(train));
    System.out.println("Clusterer: " + clustererName + " " + Utils.joinOptions(
        clusterer instanceof weka.core.OptionHandler
            ? ((weka.core.OptionHandler) clusterer).getOptions() : new String[0]));
    System.out.println("Evaluated on " + (testFile.isEmpty() ? "the training data" : testFile)
        + " (" + test.numInstances() + " instances, class '" + test.classAttribute().name() + "')\n");
    System.out.println(report(evaluate(clusterer, train, test)));
  }

  private static void setClass(Instances data, String index) throws WekaException {
    if (index.isEmpty() || index.equals("last")) {
      data.setClassIndex(data.numAttributes() - 1);
    } else if (index.equals("first")) {
      data.setClassIndex(0);
    } else {
      int position = StrictOptions.wholeNumber("ClusterAgreementEvaluation", "c", index,
          "first, last or an attribute position from 1 to " + data.numAttributes());
      if (position < 1 || position > data.numAttributes()) {
        throw new WekaException("ClusterAgreementEvaluation: option -c must be first, last or an "
            + "attribute position from 1 to " + data.numAttributes() + ", not " + index + ".");
      }
      data.setClassIndex(position - 1);
    }
  }

  public static void main(String[] args) throws Exception {
    new ClusterAgreementEvaluation().run(null, args);
  }
}
