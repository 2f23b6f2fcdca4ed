package weka.clusterers;

import fundamentos.cluster.Dbscan;
import fundamentos.cluster.DbscanModel;
import fundamentos.cluster.DbscanResult;
import fundamentos.cluster.KDistance;
import fundamentos.cluster.NoClusterFound;
import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryRefusedException;
import fundamentos.neighbours.ExternalDistance;
import fundamentos.neighbours.IndexChoice;
import fundamentos.neighbours.MetricSpace;
import fundamentos.plot.LineChart;
import fundamentos.progress.Cancelled;
import fundamentos.weka.DistanceCoordinates;
import fundamentos.weka.DistanceFunctionCopy;
import fundamentos.weka.DistanceFunctionSearch;
import fundamentos.weka.InstancesEncoder;
import fundamentos.weka.Interrupted;
import fundamentos.weka.ModelPictures;
import fundamentos.weka.OptionChecks;
import fundamentos.weka.OptionsRefusal;
import fundamentos.weka.SchemeCapabilities;
import fundamentos.weka.StrictOptions;
import java.io.File;
import java.io.IOException;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Vector;
import weka.core.AdditionalMeasureProducer;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.DistanceFunction;
import weka.core.EuclideanDistance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.NormalizableDistance;
import weka.core.OptionMetadata;
import weka.core.RevisionUtils;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;
import weka.core.WekaException;

/**
 * DBSCAN with a spatial index that also labels unseen instances. A thin Weka adapter: options,
 * capabilities, the conversion of instances (with the distance function's own normalisation) and
 * the summary live here; the engine ({@link DbscanModel}) chooses the index from n, d and the metric
 * ({@link IndexChoice}: a grid, a k-d tree, a ball tree or brute force), runs DBSCAN and labels
 * unseen points by the nearest core point.
 */
public class IndexedDBSCAN extends AbstractDensityBasedClusterer implements
    WeightedInstancesHandler, TechnicalInformationHandler, AdditionalMeasureProducer {

  private static final long serialVersionUID = 1L;

  public static final int INDEX_AUTO = 0;
  public static final int INDEX_KD_TREE = 1;
  public static final int INDEX_BALL_TREE = 2;
  public static final int INDEX_GRID = 3;
  public static final int INDEX_BRUTE_FORCE = 4;
  /**
   * How range queries are answered. Each tag's ID is its position: Weka's OptionMetadata reads a
   * tag given by name on the command line as its position in this array.
   */
  public static final Tag[] TAGS_INDEX = {new Tag(INDEX_AUTO, "auto"),
      new Tag(INDEX_KD_TREE, "kd-tree"), new Tag(INDEX_BALL_TREE, "ball-tree"),
      new Tag(INDEX_GRID, "grid"), new Tag(INDEX_BRUTE_FORCE, "brute-force")};

  /** Up to this many coordinates a Euclidean distance is clustered on a grid (auto). */
  public static final int GRID_MAX_DIMENSION = IndexChoice.GRID_MAX_DIMENSION;

  /** Above this dimension a k-d tree's boxes prune little and the automatic choice is a ball tree. */
  public static final int KD_TREE_MAX_DIMENSION = IndexChoice.KD_TREE_MAX_DIMENSION;

  /** 0: chosen at the knee of the k-distance curve of the training data. */
  private double m_Epsilon = 0;
  private int m_MinPoints = 6;
  private DistanceFunction m_DistanceFunction = new EuclideanDistance();
  private int m_Index = INDEX_AUTO;
  private File m_KDistancePlot = new File("");

  // the fitted model
  private Instances m_Header;
  /** The distance function's name as the summary shows it. */
  private String m_DistanceName;
  /** The instances as points of the metric space; null when the distance function is used as is. */
  private DistanceCoordinates m_Coordinates;
  /** The clustering and the rule for unseen points. */
  private DbscanModel m_Model;
  private String m_IndexUsed;
  private double m_SuggestedEpsilon = Double.NaN;
  /** The epsilon the model was built with, given or chosen. */
  private double m_EpsilonUsed = Double.NaN;
  /** How epsilon was chosen; null when it was given. */
  private String m_EpsilonChoice;

  public String globalInfo() {
    return "DBSCAN density-based clustering with range queries answered by a grid, k-d tree or "
        + "ball tree. "
        + "DBSCAN (the course's Algorithms 4 and 5: eps, minPts; core, border and noise points) "
        + "with range queries answered by a spatial index, so that a typical run costs "
        + "O(n log n) time and O(n) memory: for Euclidean distance in up to "
        + GRID_MAX_DIMENSION + " coordinates a grid of cells of side eps / sqrt(d), on which "
        + "core points and clusters are found with few distance computations (Gunawan 2013); "
        + "otherwise a k-d tree (a ball tree above " + KD_TREE_MAX_DIMENSION + " attributes); brute "
        + "force only when the distance function leaves no choice (any Weka DistanceFunction "
        + "works). Euclidean, Manhattan, Chebyshev, Minkowski, cosine and the signed square-root "
        + "(bursting) Euclidean distance are indexed, after the distance function's own "
        + "attribute normalisation.\n\nUnseen instances are labelled with the "
        + "cluster of the nearest core point within eps; otherwise they are noise, and "
        + "clusterInstance throws an exception, which Weka's ClusterEvaluation counts as an "
        + "unclustered instance (classes-to-clusters evaluation leaves them out). As a "
        + "DensityBasedClusterer (for the Experimenter) the density of an instance in a cluster is "
        + "the share of the cluster's core points within eps of it. Instance weights count towards "
        + "minPts. A border point within eps of two clusters joins the cluster of its nearest "
        + "core point, as an unseen point would, whatever the data order. A k-distance plot (PNG) "
        + "with a suggested eps helps choose the "
        + "parameters.\n\nFor more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(Type.INPROCEEDINGS);
    result.setValue(Field.AUTHOR, "Martin Ester and Hans-Peter Kriegel and Joerg Sander and Xiaowei Xu");
    result.setValue(Field.TITLE, "A Density-Based Algorithm for Discovering Clusters in Large "
        + "Spatial Databases with Noise");
    result.setValue(Field.BOOKTITLE, "Second International Conference on Knowledge Discovery and "
        + "Data Mining");
    result.setValue(Field.YEAR, "1996");
    result.setValue(Field.PAGES, "226-231");
    result.setValue(Field.PUBLISHER, "AAAI Press");
    TechnicalInformation grid = result.add(Type.MASTERSTHESIS);
    grid.setValue(Field.AUTHOR, "Ade Gunawan");
    grid.setValue(Field.TITLE, "A Faster Algorithm for DBSCAN");
    grid.setValue(Field.SCHOOL, "Technische Universiteit Eindhoven");
    grid.setValue(Field.YEAR, "2013");
    return result;
  }

  // ---------------------------------------------------------------- options

  /**
   * Refuses an unparsable, unknown or out-of-range option value with a message naming it, before
   * Weka's parser (which would print the error and keep the default) sees the rest.
   */
  @Override
  public void setOptions(String[] options) throws Exception {
    OptionsRefusal.set(this, () -> {
      StrictOptions.parse(options, this, AbstractClusterer.class);
      super.setOptions(options);
    });
  }

  @OptionMetadata(displayName = "epsilon",
      description = "The radius of a neighbourhood, in the distance function's units; 0 chooses it. "
          + "0 (the default): the knee of the data's minPoints-distance curve, shown in the model. "
          + "Weka's Euclidean distance first maps attributes to [0, 1].",
      commandLineParamName = "E", commandLineParamSynopsis = "-E <double>", displayOrder = 1)
  public double getEpsilon() {
    return m_Epsilon;
  }

  public void setEpsilon(double value) {
    m_Epsilon = OptionChecks.atLeast("IndexedDBSCAN", "E", value, 0);
  }

  @OptionMetadata(displayName = "minPoints",
      description = "The number of instances within epsilon that makes an instance a core point; at "
          + "least 1. Instances count by weight, the instance itself included.",
      commandLineParamName = "M", commandLineParamSynopsis = "-M <int>", displayOrder = 2)
  public int getMinPoints() {
    return m_MinPoints;
  }

  public void setMinPoints(int value) {
    m_MinPoints = OptionChecks.atLeast("IndexedDBSCAN", "M", value, 1);
  }

  @OptionMetadata(displayName = "distanceFunction",
      description = "The distance function. Euclidean, Manhattan, Chebyshev, Minkowski, Cosine and "
          + "BurstingEuclidean distances are indexed; any other is searched by brute force.",
      commandLineParamName = "A", commandLineParamSynopsis = "-A <class name and options>",
      displayOrder = 3)
  public DistanceFunction getDistanceFunction() {
    return m_DistanceFunction;
  }

  public void setDistanceFunction(DistanceFunction value) {
    m_DistanceFunction = value;
  }

  @OptionMetadata(displayName = "index",
      description = "How neighbourhoods are found: auto, kd-tree, ball-tree, grid or brute-force. "
          + "Auto takes a grid for Euclidean distance in up to " + GRID_MAX_DIMENSION + " "
          + "coordinates, a k-d tree up to " + KD_TREE_MAX_DIMENSION + " attributes, a ball tree "
          + "above, brute force for other distances.",
      commandLineParamName = "index",
      commandLineParamSynopsis = "-index <auto|kd-tree|ball-tree|grid|brute-force>",
      displayOrder = 4)
  public SelectedTag getIndex() {
    return new SelectedTag(m_Index, TAGS_INDEX);
  }

  public void setIndex(SelectedTag value) {
    if (value.getTags() == TAGS_INDEX) {
      m_Index = value.getSelectedTag().getID();
    }
  }

  @OptionMetadata(displayName = "kDistancePlot",
      description = "If set, a PNG of the k-distance plot is written to this file. It shows the "
          + "sorted distances to the minPoints-th nearest neighbour, with the suggested "
          + "epsilon at its knee.",
      commandLineParamName = "k-distance-plot",
      commandLineParamSynopsis = "-k-distance-plot <file.png>", displayOrder = 5)
  public File getKDistancePlot() {
    return m_KDistancePlot;
  }

  public void setKDistancePlot(File value) {
    m_KDistancePlot = value;
  }

  // ---------------------------------------------------------------- clustering

  @Override
  public Capabilities getCapabilities() {
    return SchemeCapabilities.only(super.getCapabilities(), Capability.NO_CLASS,
        Capability.NUMERIC_ATTRIBUTES, Capability.NOMINAL_ATTRIBUTES, Capability.DATE_ATTRIBUTES,
        Capability.MISSING_VALUES);
  }

  @Override
  public void buildClusterer(Instances data) throws Exception {
    OptionsRefusal.check(this, "IndexedDBSCAN");
    try {
      build(data);
    } catch (Cancelled stopped) {
      throw Interrupted.exception("IndexedDBSCAN", stopped);
    }
  }

  /**
   * Checks the options and the data, translates the instances and the distance function for the
   * engine ({@link DbscanModel#fit}: the index, eps at the knee, DBSCAN, the rule for unseen
   * points) and writes the plot.
   */
  private void build(Instances data) throws Exception {
    if (!(m_Epsilon >= 0) || Double.isInfinite(m_Epsilon)) {
      throw new WekaException("epsilon (-E) must be a positive distance or 0 (chosen from the "
          + "data), not " + m_Epsilon);
    }
    if (m_MinPoints < 1) {
      throw new WekaException("minPoints (-M) must be at least 1, not " + m_MinPoints);
    }
    getCapabilities().testWithFail(data);
    InstancesEncoder.requireFinite(data);
    int numAttributes = data.numAttributes() - (data.classIndex() >= 0 ? 1 : 0);
    try {
      MemoryBudget.require("IndexedDBSCAN", "clustering", Dbscan.memory(data.numInstances(),
          numAttributes), "n = " + data.numInstances() + ", d = " + numAttributes,
          "the number of instances or attributes (memory is O(n d), whatever -E and -M)");
    } catch (MemoryRefusedException e) {
      throw new WekaException(e.getMessage());
    }
    DistanceFunction distance = DistanceFunctionCopy.of(m_DistanceFunction);
    // the distance takes its ranges from the data; it keeps the data only on the brute-force path,
    // where it searches the instances themselves (a copy, below)
    distance.setInstances(data);
    m_Header = new Instances(data, 0);
    m_DistanceName = distanceName(distance);
    m_Coordinates = DistanceCoordinates.of(distance, data);
    MetricSpace space = m_Coordinates == null ? null : m_Coordinates.space();
    // null: every instance weighs 1, and a neighbourhood's weight is its size
    double[] weights = null;
    for (int i = 0; i < data.numInstances(); i++) {
      if (data.instance(i).weight() != 1) {
        weights = new double[data.numInstances()];
        for (int j = 0; j < weights.length; j++) {
          weights[j] = data.instance(j).weight();
        }
        break;
      }
    }
    double[][] points = new double[data.numInstances()][];
    ExternalDistance external = null;
    if (space != null) {
      for (int i = 0; i < points.length; i++) {
        points[i] = m_Coordinates.point(data.instance(i));
      }
    } else {
      // brute force searches a copy of the instances, so that the user's data stays theirs
      Instances train = new Instances(data);
      distance.setInstances(train);
      for (int i = 0; i < points.length; i++) {
        points[i] = train.instance(i).toDoubleArray();
      }
      external = DistanceFunctionSearch.external(train, distance);
    }
    m_Model = null;
    m_EpsilonChoice = null;
    DbscanModel model;
    try {
      model = DbscanModel.fit(points, weights, m_Epsilon, m_MinPoints,
          IndexChoice.Kind.values()[m_Index], space, external);
    } catch (IndexChoice.Refused refused) {
      throw new WekaException(space == null
          ? "A " + (m_Index == INDEX_KD_TREE ? "k-d tree" : m_Index == INDEX_BALL_TREE
              ? "ball tree" : "grid") + " cannot index " + distance.getClass().getSimpleName()
              + (DistanceCoordinates.hasMissing(data) ? " on data with missing values" : "")
              + ": use -index auto or brute-force."
          : "A grid needs a Euclidean distance (Euclidean, cosine or bursting) "
              + "and few enough cells of side epsilon / sqrt(" + (points.length == 0 ? 0
              : points[0].length) + ") along the data's spread: use -index auto or kd-tree.");
    } catch (NoClusterFound none) {
      m_EpsilonChoice = epsilonChoice(none.finding().kneeSample(), points.length);
      throw new WekaException(allNoise(none.finding()));
    }
    m_Model = model;
    m_EpsilonChoice = epsilonChoice(model.kneeSample(), points.length);
    m_EpsilonUsed = model.epsilon();
    m_IndexUsed = indexUsed(model, space != null, distance);
    // a cross-validation fold leaves the plot of the model built on all the data (ModelPictures)
    if (m_KDistancePlot != null && !m_KDistancePlot.getPath().isEmpty()
        && !m_KDistancePlot.isDirectory()
        && ModelPictures.claim(m_KDistancePlot, ModelPictures.training(data))) {
      writeKDistancePlot(model.trainingKDistances(), m_KDistancePlot);
    }
  }

  /** The distance function's name as the summary shows it. */
  private static String distanceName(DistanceFunction distance) {
    return distance.getClass().getSimpleName()
        + (distance instanceof NormalizableDistance
            && ((NormalizableDistance) distance).getDontNormalize() ? " (not normalised)" : "");
  }

  /** The index the model's range queries ran on, as the summary shows it. */
  private static String indexUsed(DbscanModel model, boolean indexed, DistanceFunction distance) {
    int dimension = model.dimension();
    switch (model.index()) {
      case KD_TREE:
        return "k-d tree";
      case BALL_TREE:
        return "ball tree (" + dimension + " dimensions)";
      case GRID:
        return "grid of cells of side epsilon / sqrt(" + dimension + ")";
      default:
        return indexed ? "brute force"
            : "brute force with " + distance.getClass().getSimpleName();
    }
  }

  /**
   * Takes a clustering fitted elsewhere (the Spark DBSCAN job's, partition by partition) as this
   * clusterer's model: it then labels unseen instances, summarises and serializes like one built
   * here. The options (-E, -M and the distance function) must be those the model was fitted with.
   *
   * @param header the training attributes (its instances are not read)
   * @param coordinates the instances as points, normalised by the training data's ranges
   * @param model the clustering and its core points ({@link DbscanModel#ofCorePoints})
   */
  public void setFittedModel(Instances header, DistanceCoordinates coordinates, DbscanModel model) {
    m_Header = new Instances(header, 0);
    m_DistanceName = distanceName(m_DistanceFunction);
    m_Coordinates = coordinates;
    m_Model = model;
    m_EpsilonUsed = model.epsilon();
    m_EpsilonChoice = null;
    m_SuggestedEpsilon = Double.NaN;
    m_IndexUsed = indexUsed(model, true, m_DistanceFunction);
  }

  /** How epsilon was chosen, as the model prints it; null when it was given. */
  private String epsilonChoice(int kneeSample, int n) {
    if (kneeSample == 0) {
      return null;
    }
    return String.format(Locale.ROOT, "chosen at the knee of the %d-distance curve of %s",
        m_MinPoints, kneeSample == n ? "the " + n + " instances"
            : kneeSample + " evenly spaced of the " + n + " instances");
  }

  private double[] query(Instance instance) throws Exception {
    if (m_Model == null) {
      throw new WekaException("IndexedDBSCAN has not been built yet.");
    }
    if (instance.numAttributes() != m_Header.numAttributes()) {
      throw new WekaException("The instance has " + instance.numAttributes() + " attributes, but "
          + "the clusterer was built on " + m_Header.numAttributes() + ".");
    }
    return m_Coordinates != null ? m_Coordinates.point(instance) : instance.toDoubleArray();
  }

  @Override
  public int clusterInstance(Instance instance) throws Exception {
    int label = m_Model == null ? DbscanResult.NOISE : m_Model.label(query(instance));
    if (label == DbscanResult.NOISE) {
      throw new UnclusteredInstanceException("The instance is noise: no core point within epsilon.");
    }
    return label;
  }

  @Override
  public int numberOfClusters() throws Exception {
    if (m_Model == null) {
      throw new WekaException("IndexedDBSCAN has not been built yet.");
    }
    return m_Model.result().numClusters();
  }

  @Override
  public double[] clusterPriors() throws Exception {
    numberOfClusters();
    return m_Model.priors();
  }

  /**
   * log of the share of each cluster's core points within epsilon of the instance; a noise
   * instance (no core point within epsilon) has no density in any cluster and raises an exception,
   * which ClusterEvaluation counts as unclustered.
   */
  @Override
  public double[] logDensityPerClusterForInstance(Instance instance) throws Exception {
    numberOfClusters();
    double[] log = m_Model.logDensities(query(instance));
    if (log == null) {
      throw new UnclusteredInstanceException("The instance is noise: no core point within epsilon.");
    }
    return log;
  }

  // ---------------------------------------------------------------- summary, measures, plot

  /** The refusal of a result without clusters, with what to change (the engine's finding). */
  private String allNoise(NoClusterFound.Finding none) {
    int n = none.points();
    String noise = "IndexedDBSCAN: " + (n == 1 ? "the only training instance is"
        : "every one of the " + n + " training instances is") + " noise, so there is no cluster: ";
    double total = none.totalWeight();
    if (total < m_MinPoints) {
      return noise + String.format(Locale.ROOT, "together they weigh %s, less than minPoints "
          + "(-M %d), so none can be a core point. ", Utils.doubleToString(total, 6), m_MinPoints)
          + (total >= 1 ? "Lower minPoints to at most " + (int) Math.floor(total) + "."
              : "Give the instances positive weights.");
    }
    double knee = none.knee();
    double epsilon = none.epsilon();
    String raise = knee > epsilon && Double.isFinite(knee)
        ? String.format(Locale.ROOT, "Raise epsilon (the knee of these data's %d-distances is "
            + "about %.4g; -k-distance-plot draws the curve) or lower minPoints.", m_MinPoints, knee)
        : "Raise epsilon or lower minPoints (-k-distance-plot draws the distances to choose from).";
    return noise + String.format(Locale.ROOT, "none has instances of weight minPoints (-M %d) "
        + "within epsilon (-E %s%s). ", m_MinPoints, epsilon,
        m_EpsilonChoice == null ? "" : ", " + m_EpsilonChoice) + raise;
  }

  private void writeKDistancePlot(double[] kDistances, File file) throws IOException {
    int k = m_MinPoints;
    double[] sorted = KDistance.sortedDecreasing(kDistances);
    m_SuggestedEpsilon = sorted.length == 0 ? Double.NaN : sorted[KDistance.knee(sorted)];
    double[] line = new double[sorted.length];
    java.util.Arrays.fill(line, m_SuggestedEpsilon);
    new LineChart(String.format(Locale.ROOT, "%d-distance (suggested eps %.4g, used %.4g)", k,
        m_SuggestedEpsilon, m_EpsilonUsed), "points sorted by decreasing k-distance",
        "distance to the " + k + "-th nearest neighbour")
        .add(k + "-distance", sorted).add("suggested eps (knee)", line)
        .writePng(file, 800, 500);
  }

  @Override
  public Enumeration<String> enumerateMeasures() {
    Vector<String> measures = new Vector<>();
    measures.add("measureEpsilon");
    measures.add("measureNumClusters");
    measures.add("measureNumCorePoints");
    measures.add("measureNumBorderPoints");
    measures.add("measureNumNoisePoints");
    return measures.elements();
  }

  @Override
  public double getMeasure(String name) {
    if (m_Model == null) {
      return Double.NaN;
    }
    DbscanResult result = m_Model.result();
    switch (name) {
      case "measureEpsilon":
        return m_EpsilonUsed;
      case "measureNumClusters":
        return result.numClusters();
      case "measureNumCorePoints":
        return result.numCore();
      case "measureNumBorderPoints":
        return result.numBorder();
      case "measureNumNoisePoints":
        return result.numNoise();
      default:
        throw new IllegalArgumentException(name + " not supported (IndexedDBSCAN)");
    }
  }

  @Override
  public String toString() {
    if (m_Model == null) {
      return "IndexedDBSCAN: not built yet.";
    }
    DbscanResult result = m_Model.result();
    StringBuilder text = new StringBuilder();
    text.append("IndexedDBSCAN\n=============\n\n");
    text.append(String.format(Locale.ROOT, "epsilon %s%s, minPoints %d, distance %s%n",
        Utils.doubleToString(m_EpsilonUsed, 6),
        m_EpsilonChoice == null ? "" : " (" + m_EpsilonChoice + "; -E sets it)", m_MinPoints,
        m_DistanceName));
    text.append("Neighbourhoods: ").append(m_IndexUsed).append("\n\n");
    text.append(String.format(Locale.ROOT, "Clusters: %d%n", result.numClusters()));
    int[] sizes = result.clusterSizes();
    for (int c = 0; c < sizes.length; c++) {
      text.append(String.format(Locale.ROOT, "  cluster %d: %d instances%n", c, sizes[c]));
    }
    text.append(String.format(Locale.ROOT, "Core points: %d, border points: %d, noise: %d%n",
        result.numCore(), result.numBorder(), result.numNoise()));
    if (!Double.isNaN(m_SuggestedEpsilon)) {
      text.append(String.format(Locale.ROOT, "k-distance plot written; suggested epsilon (knee): "
          + "%.6g%n", m_SuggestedEpsilon));
    }
    return text.toString();
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  public static void main(String[] args) {
    runClusterer(new IndexedDBSCAN(), args);
  }
}
