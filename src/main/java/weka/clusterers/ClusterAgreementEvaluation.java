package weka.clusterers;

import fundamentos.cluster.ClusterAgreement;
import fundamentos.weka.StrictOptions;
import java.util.Locale;
import smile.validation.metric.AdjustedMutualInformation;
import weka.core.Attribute;
import weka.core.CommandlineRunnable;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaException;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/**
 * Agreement between a clustering and the class attribute (course section 4.4.3): Rand index,
 * adjusted Rand index, normalised mutual information, adjusted mutual information (through Smile,
 * as scikit-learn reports it beside the others) and the pair counts behind them. Weka's
 * ClusterEvaluation has no place for plug-in cluster metrics, so this is a command-line evaluator
 * (runnable with weka.Run) and a method for code. It scores either a clusterer it builds, or a
 * clustering already in the data (a cluster attribute written by AddCluster, another tool or a
 * person):
 *
 * <pre>
 * weka.Run weka.clusterers.ClusterAgreementEvaluation -t data.arff [-c last] [-T test.arff] \
 *   -W weka.clusterers.SimpleKMeans -- -N 3
 * weka.Run weka.clusterers.ClusterAgreementEvaluation -t clustered.arff [-c 5] \
 *   -cluster-attribute cluster [-noise-label -1] [-exclude-noise]
 * </pre>
 *
 * The clusterer is built on the training data without its class; the agreement is measured on the
 * test data if given, else on the training data; test data whose attributes differ from the
 * training data's is refused with Weka's own header comparison, which names the attribute.
 * Noise: instances a clusterer leaves unassigned (DBSCAN's noise: an
 * {@link UnclusteredInstanceException} or a negative cluster number), and in a given clustering a
 * missing cluster value (what AddCluster writes for them) or the value of {@code -noise-label},
 * form a group of their own, as scikit-learn treats the label -1, or are left out with
 * {@code -exclude-noise}; any other exception of a clusterer is a failure and is reported with the
 * instance, never scored as noise.
 */
public class ClusterAgreementEvaluation implements CommandlineRunnable {

  /** The agreement of a built clusterer's assignments on {@code data} with its class attribute. */
  public static ClusterAgreement evaluate(Clusterer clusterer, Instances data) throws Exception {
    return evaluate(clusterer, data, false);
  }

  /**
   * The agreement of a built clusterer's assignments on {@code data} with its class attribute, its
   * unassigned instances (noise) a group of their own or, with {@code excludeNoise}, left out.
   */
  public static ClusterAgreement evaluate(Clusterer clusterer, Instances data,
      boolean excludeNoise) throws Exception {
    return agreement(assignment(clusterer, data), data, excludeNoise);
  }

  /**
   * The agreement of a clustering given in the data, the attribute {@code clusterAttribute} (a
   * nominal or numeric attribute other than the class), with the class attribute. A missing value
   * of it is noise, and so is the value {@code noiseLabel} when not null (a nominal value, or a
   * number for a numeric attribute); noise forms a group of its own or, with {@code excludeNoise},
   * is left out.
   */
  public static ClusterAgreement evaluate(Instances data, Attribute clusterAttribute,
      String noiseLabel, boolean excludeNoise) throws WekaException {
    return agreement(assignment(data, clusterAttribute, noiseLabel), data, excludeNoise);
  }

  /** Each instance's cluster (0 ..  clusters - 1, or -1 for noise) and the number of clusters. */
  static final class Assignment {
    final int[] cluster;
    final int clusters;

    Assignment(int[] cluster, int clusters) {
      this.cluster = cluster;
      this.clusters = clusters;
    }

    int noise() {
      return (int) java.util.Arrays.stream(cluster).filter(c -> c < 0).count();
    }
  }

  static Assignment assignment(Clusterer clusterer, Instances data) throws Exception {
    requireNominalClass(data);
    Instances features = withoutClass(data);
    int clusters = clusterer.numberOfClusters();
    int[] assigned = new int[data.numInstances()];
    for (int i = 0; i < data.numInstances(); i++) {
      if (data.instance(i).classIsMissing()) {
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
      assigned[i] = Math.max(cluster, -1);
    }
    return new Assignment(assigned, clusters);
  }

  static Assignment assignment(Instances data, Attribute clusterAttribute, String noiseLabel)
      throws WekaException {
    requireNominalClass(data);
    String name = "'" + clusterAttribute.name() + "'";
    if (clusterAttribute.index() == data.classIndex()) {
      throw new WekaException("The cluster attribute " + name + " is the class attribute: name "
          + "the attribute that holds the clusters with -cluster-attribute and the class with -c.");
    }
    if (!clusterAttribute.isNominal() && clusterAttribute.type() != Attribute.NUMERIC) {
      throw new WekaException("The cluster attribute " + name + " is a "
          + Attribute.typeToString(clusterAttribute) + " attribute: the clusters must be a nominal "
          + "or numeric attribute (convert it with StringToNominal or NumericToNominal first).");
    }
    double noise = Double.NaN;
    if (noiseLabel != null) {
      if (clusterAttribute.isNominal()) {
        noise = clusterAttribute.indexOfValue(noiseLabel);
        if (noise < 0) {
          throw new WekaException("The noise label '" + noiseLabel + "' is not a value of the "
              + "cluster attribute " + name + ", whose values are " + values(clusterAttribute)
              + ".");
        }
      } else {
        try {
          noise = Double.parseDouble(noiseLabel);
        } catch (NumberFormatException e) {
          throw new WekaException("The noise label '" + noiseLabel + "' is not a number, and the "
              + "cluster attribute " + name + " is numeric: give the number that marks noise "
              + "(e.g. -1).");
        }
      }
    }
    // nominal: the value's index; numeric: the distinct values in increasing order
    java.util.TreeMap<Double, Integer> numbers = new java.util.TreeMap<>();
    int[] assigned = new int[data.numInstances()];
    for (int i = 0; i < assigned.length; i++) {
      double value = data.instance(i).value(clusterAttribute);
      if (Double.isNaN(value) || value == noise) {
        assigned[i] = -1;
      } else if (clusterAttribute.isNominal()) {
        assigned[i] = (int) value;
      } else {
        assigned[i] = numbers.computeIfAbsent(value, v -> numbers.size());
      }
    }
    if (!clusterAttribute.isNominal()) {
      // renumber in increasing order of the labels, so the table's rows follow them
      int[] rank = new int[numbers.size()];
      int r = 0;
      for (int first : numbers.values()) {
        rank[first] = r++;
      }
      for (int i = 0; i < assigned.length; i++) {
        assigned[i] = assigned[i] < 0 ? -1 : rank[assigned[i]];
      }
    }
    return new Assignment(assigned,
        clusterAttribute.isNominal() ? clusterAttribute.numValues() : numbers.size());
  }

  private static String values(Attribute attribute) {
    StringBuilder text = new StringBuilder();
    for (int v = 0; v < attribute.numValues(); v++) {
      text.append(v == 0 ? "" : ", ").append(attribute.value(v));
    }
    return text.toString();
  }

  /** Noise is cluster number {@code clusters} (a group of its own) or left out. */
  static ClusterAgreement agreement(Assignment assignment, Instances data, boolean excludeNoise)
      throws WekaException {
    int n = data.numInstances();
    int[] clusters = new int[n];
    int[] classes = new int[n];
    double[] weights = new double[n];
    double scored = 0;
    for (int i = 0; i < n; i++) {
      Instance instance = data.instance(i);
      int cluster = assignment.cluster[i];
      clusters[i] = cluster >= 0 ? cluster : excludeNoise ? -1 : assignment.clusters;
      classes[i] = instance.classIsMissing() ? -1 : (int) instance.classValue();
      weights[i] = instance.weight();
      if (clusters[i] >= 0 && classes[i] >= 0) {
        scored += weights[i];
      }
    }
    if (scored <= 0) {
      throw new WekaException("No instance is left to score: each of the " + n + " instances has "
          + "a missing class" + (excludeNoise ? ", is noise (left out by -exclude-noise)" : "")
          + " or a weight of 0.");
    }
    return ClusterAgreement.of(clusters, classes, weights);
  }

  private static void requireNominalClass(Instances data) {
    if (data.classIndex() < 0 || !data.classAttribute().isNominal()) {
      throw new IllegalArgumentException("The data needs a nominal class attribute (-c) to compare "
          + "the clusters with.");
    }
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
    String clusterAttributeName = Utils.getOption("cluster-attribute", options);
    String noiseLabel = Utils.getOption("noise-label", options);
    boolean excludeNoise = Utils.getFlag("exclude-noise", options);
    String[] clustererOptions = Utils.partitionOptions(options);
    if (trainFile.isEmpty() || clustererName.isEmpty() == clusterAttributeName.isEmpty()) {
      throw new IllegalArgumentException(USAGE);
    }
    Utils.checkForRemainingOptions(options);
    Instances train = DataSource.read(trainFile);
    setClass(train, classIndex);
    Assignment assignment;
    Instances test;
    if (!clusterAttributeName.isEmpty()) {
      if (!testFile.isEmpty() || clustererOptions.length > 0) {
        throw new IllegalArgumentException("-cluster-attribute scores the clustering in the "
            + "data of -t: -T and a clusterer's options (after --) go only with -W.\n" + USAGE);
      }
      Attribute cluster = clusterAttribute(train, clusterAttributeName);
      assignment = assignment(train, cluster, noiseLabel.isEmpty() ? null : noiseLabel);
      test = train;
      System.out.println("Clustering: attribute '" + cluster.name() + "' of " + trainFile);
    } else {
      if (!noiseLabel.isEmpty()) {
        throw new IllegalArgumentException("-noise-label names the noise value of "
            + "-cluster-attribute; a clusterer's noise (-W) is what it leaves unassigned.");
      }
      test = testFile.isEmpty() ? train : DataSource.read(testFile);
      setClass(test, classIndex);
      if (!train.equalHeaders(test)) {
        // before the clusterer is built: a mismatch must not cost a training run
        throw new WekaException("The test data's attributes differ from the training data's: "
            + train.equalHeadersMsg(test));
      }
      Clusterer clusterer = AbstractClusterer.forName(clustererName, clustererOptions);
      clusterer.buildClusterer(withoutClass(train));
      System.out.println("Clusterer: " + clustererName + " " + Utils.joinOptions(
          clusterer instanceof weka.core.OptionHandler
              ? ((weka.core.OptionHandler) clusterer).getOptions() : new String[0]));
      assignment = assignment(clusterer, test);
    }
    System.out.println("Evaluated on " + (testFile.isEmpty() ? "the training data" : testFile)
        + " (" + test.numInstances() + " instances, class '" + test.classAttribute().name()
        + "')");
    System.out.println("Noise: " + assignment.noise() + " instances, "
        + (excludeNoise ? "left out" : "scored as a group of their own") + "\n");
    System.out.println(report(agreement(assignment, test, excludeNoise)));
  }

  private static final String USAGE = "Usage: ClusterAgreementEvaluation -t <data> "
      + "[-c <class: first, last or position; default last>] [-exclude-noise] and either\n"
      + "  -W <clusterer> [-T <test data>] [-- <the clusterer's options>]  (builds the clusterer "
      + "on -t without its class), or\n"
      + "  -cluster-attribute <name, first, last or position> [-noise-label <value>]  (scores the "
      + "clustering in the data: a missing value is noise, and so is the -noise-label value)";

  /** The attribute named {@code spec}: its name, or first, last or its position from 1. */
  static Attribute clusterAttribute(Instances data, String spec) throws WekaException {
    Attribute named = data.attribute(spec);
    if (named != null) {
      return named;
    }
    int position = spec.equals("first") ? 1 : spec.equals("last") ? data.numAttributes() : -1;
    if (position < 0) {
      try {
        position = Integer.parseInt(spec);
      } catch (NumberFormatException e) {
        position = 0;
      }
    }
    if (position < 1 || position > data.numAttributes()) {
      throw new WekaException("ClusterAgreementEvaluation: -cluster-attribute " + spec + " is "
          + "neither an attribute's name nor first, last or a position from 1 to "
          + data.numAttributes() + " (AddCluster's attribute is called 'cluster').");
    }
    return data.attribute(position - 1);
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
