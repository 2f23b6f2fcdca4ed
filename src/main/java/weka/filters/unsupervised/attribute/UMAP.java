package weka.filters.unsupervised.attribute;

import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryRefusedException;
import fundamentos.neighbours.KnnGraph;
import fundamentos.neighbours.LpPoints;
import fundamentos.neighbours.VectorIndex;
import fundamentos.parallel.Blocks;
import fundamentos.plot.ScatterPlot;
import fundamentos.umap.FittedUmap;
import fundamentos.umap.IndexedNeighbours;
import fundamentos.umap.Initialisation;
import fundamentos.umap.NeighbourSpace;
import fundamentos.umap.PrincipalScores;
import fundamentos.umap.Umap;
import fundamentos.umap.UmapModel;
import fundamentos.weka.DistanceCoordinates;
import fundamentos.weka.DistanceFunctionCopy;
import fundamentos.weka.DistanceFunctionSearch;
import fundamentos.weka.EncodedRows;
import fundamentos.weka.FirstBatchFilter;
import fundamentos.weka.InstancesEncoder;
import fundamentos.weka.MagnitudeScaling;
import fundamentos.weka.ModelPictures;
import fundamentos.weka.OptionChecks;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Locale;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.DistanceFunction;
import weka.core.EuclideanDistance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.Randomizable;
import weka.core.RevisionUtils;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.WekaException;

/**
 * UMAP fitted on the first batch; every later batch is placed in the fitted embedding the way
 * umap-learn's {@code transform} does. A thin Weka adapter: options, capabilities, the conversion
 * of instances through the distance function (coordinates for an index, or the distance function
 * itself), the output header, the printed model and the plot live here. Fitting is one call of
 * {@link Umap#fit(NeighbourSpace, int[], PrincipalScores)} and transforming one call of {@link
 * FittedUmap#transform}: neighbour graph, fuzzy set, start, layout and transform are all in
 * {@code fundamentos.umap}. Options and defaults follow umap-learn's.
 */
public class UMAP extends FirstBatchFilter implements Randomizable, TechnicalInformationHandler {

  private static final long serialVersionUID = 1L;

  /*
   * Option groups (OptionMetadata.category): Weka's PropertySheetPanel shows each group as one
   * "Edit..." button that opens its options in an editor of their own, so that the editor fits a
   * laptop screen; command-line options and saved configurations are unchanged.
   */
  /** The option group of the layout's optimisation (epochs, rates, start). */
  static final String LAYOUT = "Layout optimisation";
  /** The option group of the fuzzy neighbour graph. */
  static final String GRAPH = "Neighbour graph";

  /** Start layouts, as tags. */
  public static final Tag[] TAGS_INIT = {
      new Tag(0, "spectral"),
      new Tag(1, "pca"),
      new Tag(2, "random")};

  private static final Initialisation[] INITS = {Initialisation.SPECTRAL, Initialisation.PCA,
      Initialisation.RANDOM};

  /**
   * The largest learning rate accepted: umap-learn clips each gradient to +-4, so a step of rate 4
   * per update keeps coordinates finite only while the rate is moderate; 1e300 made them overflow
   * to NaN. 1000 is far above any useful value (umap-learn's default is 1).
   */
  public static final double MAX_LEARNING_RATE = 1000;

  /**
   * The most repulsive samples per attractive one: the layout's work grows linearly with it, and
   * 1e12 ran for ever. 100 is twenty times umap-learn's default of 5.
   */
  public static final double MAX_NEGATIVE_SAMPLE_RATE = 100;

  private int m_NumNeighbors = 15;
  private double m_MinDist = 0.1;
  private double m_Spread = 1.0;
  private int m_NumComponents = 2;
  private DistanceFunction m_DistanceFunction = rawEuclidean();
  private int m_NumEpochs = 0;
  private double m_LearningRate = 1.0;
  private double m_NegativeSampleRate = 5;
  private double m_RepulsionStrength = 1.0;
  private double m_SetOpMixRatio = 1.0;
  private double m_LocalConnectivity = 1.0;
  private int m_Init = 0;
  private boolean m_Supervised = false;
  private double m_TargetWeight = 0.5;
  private int m_ExactBelow = VectorIndex.DEFAULT_EXACT_BELOW;
  /** The exact training graph computed elsewhere (the Spark UMAP job), or null; not saved. */
  private transient IndexedNeighbours.TrainingGraphSource m_GraphSource;
  private int m_Seed = 1;
  private int m_NumThreads = 0;
  private File m_PlotFile = new File("");

  /*
   * Fitted on the first batch: the engine's model with its neighbour space, exactly one of the two
   * (new instances go to the index as coordinates, to the brute-force search as instances).
   */
  private FittedUmap<float[][]> m_Indexed; // a distance with coordinates, searched by an index
  private FittedUmap<Instances> m_Searched; // any other distance function, searched with itself
  private MagnitudeScaling m_Scaling; // extreme magnitudes, all-missing attributes
  private DistanceCoordinates m_Coordinates; // the indexed path's conversion of instances
  private String m_DistanceUsed;
  private long m_FitMillis;

  /**
   * Raw magnitudes in [2^-40, 2^40) are used as they are (dates, milliseconds since 1970, among
   * them): their squares stay inside the single precision of the neighbour index, and the
   * smoothed-distance search (which starts at 1 and doubles) reaches them with enough of its 64
   * steps left.
   */
  private static final int SCALING_LIMIT = 40;

  private static DistanceFunction rawEuclidean() {
    EuclideanDistance euclidean = new EuclideanDistance();
    euclidean.setDontNormalize(true);
    return euclidean;
  }

  public String globalInfo() {
    return "UMAP embeds the data in a few dimensions so that neighbouring points stay neighbours. "
        + "Uniform Manifold Approximation and Projection (the course's section 5.2) is computed as "
        + "umap-learn computes it: the k-neighbour fuzzy simplicial set (rho_i, sigma_i with "
        + "memberships summing to log2 k, then the fuzzy union), a spectral start, and the "
        + "cross-entropy layout by SGD with negative sampling, low-dimensional memberships "
        + "1 / (1 + a d^2b) with a, b fitted from minDist and spread. Every input row gets an output "
        + "row (disconnected parts of the graph are laid out side by side, nothing is dropped).\n\n"
        + "The first batch is fitted; every later batch (test data, FilteredClassifier, the "
        + "Experimenter) is placed like umap-learn's transform: neighbours in the training set, a "
        + "start at their membership-weighted mean, then SGD against the frozen training embedding "
        + "at a quarter of the learning rate. Each new instance is placed on its own, so the result "
        + "does not depend on the batch it comes in, and the training embedding never changes.\n\n"
        + "Neighbours: exact below " + VectorIndex.DEFAULT_EXACT_BELOW + " instances, else "
        + "NN-descent (kept as a search graph for later batches). Euclidean, Manhattan, Chebyshev, "
        + "Minkowski, Cosine and BurstingEuclidean distances on numeric attributes are indexed; any "
        + "other distance function (or nominal attributes, missing values) is searched exactly "
        + "with the distance function itself, O(n^2). The default distance is Euclidean on the raw "
        + "values (umap-learn's default; turn Weka's attribute normalisation on in the distance "
        + "function if the attributes have different scales).\n\n"
        + "Supervised mode uses a nominal class like umap-learn's target_weight. The class "
        + "attribute is passed through, never used unless supervised. Instance weights are "
        + "ignored (passed through). The same seed gives the same embedding whatever the number of "
        + "threads.\n\nFor more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(Type.ARTICLE);
    result.setValue(Field.AUTHOR, "L. McInnes and J. Healy and J. Melville");
    result.setValue(Field.TITLE, "UMAP: Uniform Manifold Approximation and Projection for "
        + "Dimension Reduction");
    result.setValue(Field.JOURNAL, "arXiv");
    result.setValue(Field.NUMBER, "1802.03426");
    result.setValue(Field.YEAR, "2018");
    TechnicalInformation descent = result.add(Type.INPROCEEDINGS);
    descent.setValue(Field.AUTHOR, "W. Dong and M. Charikar and K. Li");
    descent.setValue(Field.TITLE, "Efficient k-nearest neighbor graph construction for generic "
        + "similarity measures");
    descent.setValue(Field.BOOKTITLE, "Proceedings of the 20th International Conference on World "
        + "Wide Web");
    descent.setValue(Field.PAGES, "577-586");
    descent.setValue(Field.YEAR, "2011");
    return result;
  }

  // ---------------------------------------------------------------- options

  @OptionMetadata(displayName = "numNeighbors",
      description = "n_neighbors: the size of the local neighbourhood, at least 2. It includes the "
          + "point itself, as in umap-learn; larger values keep more global structure; with "
          + "fewer instances, the number of instances - 1 is used.",
      commandLineParamName = "K", commandLineParamSynopsis = "-K <int>", displayOrder = 1)
  public int getNumNeighbors() {
    return m_NumNeighbors;
  }

  public void setNumNeighbors(int value) {
    m_NumNeighbors = OptionChecks.atLeast("UMAP", "K", value, 2);
  }

  @OptionMetadata(displayName = "minDist",
      description = "min_dist: how tightly points may be packed in the embedding; >= 0, at most "
          + "spread. It is the distance below which the low-dimensional membership is 1.",
      commandLineParamName = "min-dist", commandLineParamSynopsis = "-min-dist <double>",
      displayOrder = 2)
  public double getMinDist() {
    return m_MinDist;
  }

  public void setMinDist(double value) {
    m_MinDist = OptionChecks.atLeast("UMAP", "min-dist", value, 0.0);
  }

  @OptionMetadata(displayName = "spread",
      description = "spread: the scale of the embedded points (with minDist it fixes a and b); a finite number > 0.",
      commandLineParamName = "spread", commandLineParamSynopsis = "-spread <double>",
      displayOrder = 3)
  public double getSpread() {
    return m_Spread;
  }

  public void setSpread(double value) {
    m_Spread = OptionChecks.above("UMAP", "spread", value, 0, Double.MAX_VALUE);
  }

  @OptionMetadata(displayName = "numComponents",
      description = "n_components: the dimension of the embedding, at least 1.",
      commandLineParamName = "N", commandLineParamSynopsis = "-N <int>", displayOrder = 4)
  public int getNumComponents() {
    return m_NumComponents;
  }

  public void setNumComponents(int value) {
    m_NumComponents = OptionChecks.atLeast("UMAP", "N", value, 1);
  }

  @OptionMetadata(displayName = "distanceFunction",
      description = "The metric of the input space. Euclidean (default, without attribute "
          + "normalisation, as umap-learn), Manhattan, Chebyshev, Minkowski, Cosine and "
          + "BurstingEuclidean are indexed; any other Weka distance function is searched exactly.",
      commandLineParamName = "A", commandLineParamSynopsis = "-A <class name and options>",
      displayOrder = 5)
  public DistanceFunction getDistanceFunction() {
    return m_DistanceFunction;
  }

  public void setDistanceFunction(DistanceFunction value) {
    m_DistanceFunction = value;
  }

  @OptionMetadata(displayName = "numEpochs",
      description = "n_epochs of the layout, >= 0 (0: 500 up to 10,000 instances, else 200). Later "
          + "batches get a third of it (0: 100, or 30 above 10,000 training instances).",
      commandLineParamName = "E", commandLineParamSynopsis = "-E <int>", displayOrder = 6,
      category = LAYOUT)
  public int getNumEpochs() {
    return m_NumEpochs;
  }

  public void setNumEpochs(int value) {
    m_NumEpochs = OptionChecks.atLeast("UMAP", "E", value, 0);
  }

  @OptionMetadata(displayName = "learningRate",
      description = "learning_rate: the initial SGD step, which falls linearly to 0. Greater than 0 "
          + "and at most 1000, since larger steps overflow the coordinates.",
      commandLineParamName = "learning-rate", commandLineParamSynopsis = "-learning-rate <double>",
      displayOrder = 7,
      category = LAYOUT)
  public double getLearningRate() {
    return m_LearningRate;
  }

  public void setLearningRate(double value) {
    m_LearningRate = OptionChecks.above("UMAP", "learning-rate", value, 0, MAX_LEARNING_RATE);
  }

  @OptionMetadata(displayName = "negativeSampleRate",
      description = "negative_sample_rate: repulsive samples per attractive one; above 0, at most "
          + "100. The work grows linearly with it.",
      commandLineParamName = "negative-sample-rate",
      commandLineParamSynopsis = "-negative-sample-rate <double>", displayOrder = 8,
      category = LAYOUT)
  public double getNegativeSampleRate() {
    return m_NegativeSampleRate;
  }

  public void setNegativeSampleRate(double value) {
    m_NegativeSampleRate = OptionChecks.above("UMAP", "negative-sample-rate", value, 0, MAX_NEGATIVE_SAMPLE_RATE);
  }

  @OptionMetadata(displayName = "repulsionStrength",
      description = "repulsion_strength: the weight gamma of the repulsive term; a finite number >= 0.",
      commandLineParamName = "repulsion-strength",
      commandLineParamSynopsis = "-repulsion-strength <double>", displayOrder = 9,
      category = LAYOUT)
  public double getRepulsionStrength() {
    return m_RepulsionStrength;
  }

  public void setRepulsionStrength(double value) {
    m_RepulsionStrength = OptionChecks.atLeast("UMAP", "repulsion-strength", value, 0.0);
  }

  @OptionMetadata(displayName = "setOpMixRatio",
      description = "set_op_mix_ratio: how directed memberships combine, in [0, 1]. 1 takes their "
          + "fuzzy union, 0 their intersection, values between mix them.",
      commandLineParamName = "set-op-mix-ratio",
      commandLineParamSynopsis = "-set-op-mix-ratio <double>", displayOrder = 10,
      category = GRAPH)
  public double getSetOpMixRatio() {
    return m_SetOpMixRatio;
  }

  public void setSetOpMixRatio(double value) {
    m_SetOpMixRatio = OptionChecks.inRange("UMAP", "set-op-mix-ratio", value, 0.0, 1.0);
  }

  @OptionMetadata(displayName = "localConnectivity",
      description = "local_connectivity: how many nearest neighbours each point is fully connected "
          + "to. rho_i is the distance to that many; a finite number >= 0.",
      commandLineParamName = "local-connectivity",
      commandLineParamSynopsis = "-local-connectivity <double>", displayOrder = 11,
      category = GRAPH)
  public double getLocalConnectivity() {
    return m_LocalConnectivity;
  }

  public void setLocalConnectivity(double value) {
    m_LocalConnectivity = OptionChecks.atLeast("UMAP", "local-connectivity", value, 0.0);
  }

  @OptionMetadata(displayName = "init",
      description = "The start layout: spectral, pca or random. Spectral is the Laplacian eigenmap of"
          + " the fuzzy graph, per connected component when there are several.",
      commandLineParamName = "init", commandLineParamSynopsis = "-init <spectral|pca|random>",
      displayOrder = 12,
      category = LAYOUT)
  public SelectedTag getInit() {
    return new SelectedTag(m_Init, TAGS_INIT);
  }

  public void setInit(SelectedTag value) {
    if (value.getTags() == TAGS_INIT) {
      m_Init = value.getSelectedTag().getID();
    }
  }

  @OptionMetadata(displayName = "supervised",
      description = "Use the nominal class of the first batch to shape the embedding, as umap-learn's"
          + " fit(X, y). Instances with a missing class count as unlabelled.",
      commandLineParamName = "supervised", commandLineParamSynopsis = "-supervised",
      commandLineParamIsFlag = true, displayOrder = 13)
  public boolean getSupervised() {
    return m_Supervised;
  }

  public void setSupervised(boolean value) {
    m_Supervised = value;
  }

  @OptionMetadata(displayName = "targetWeight",
      description = "target_weight of supervised mode: 0 mostly the data, 1 mostly the class; in [0, 1].",
      commandLineParamName = "target-weight", commandLineParamSynopsis = "-target-weight <double>",
      displayOrder = 14,
      category = GRAPH)
  public double getTargetWeight() {
    return m_TargetWeight;
  }

  public void setTargetWeight(double value) {
    m_TargetWeight = OptionChecks.inRange("UMAP", "target-weight", value, 0.0, 1.0);
  }

  @OptionMetadata(displayName = "exactNeighboursBelow",
      description = "Exact neighbour search below this many training instances, NN-descent from there"
          + " on; >= 0. umap-learn switches at 4096.",
      commandLineParamName = "exact-below", commandLineParamSynopsis = "-exact-below <int>",
      displayOrder = 15,
      category = GRAPH)
  public int getExactNeighboursBelow() {
    return m_ExactBelow;
  }

  public void setExactNeighboursBelow(int value) {
    m_ExactBelow = OptionChecks.atLeast("UMAP", "exact-below", value, 0);
  }

  @OptionMetadata(displayName = "seed",
      description = "Seed of every random choice (neighbour search, start, negative samples).",
      commandLineParamName = "S", commandLineParamSynopsis = "-S <int>", displayOrder = 16)
  @Override
  public int getSeed() {
    return m_Seed;
  }

  @Override
  public void setSeed(int value) {
    m_Seed = value;
  }

  @OptionMetadata(displayName = "numThreads",
      description = "Threads for the neighbour search and for placing later batches; 0 is one per "
          + "core. At most 1024; results do not depend on it.",
      commandLineParamName = "num-threads", commandLineParamSynopsis = "-num-threads <int>",
      displayOrder = 17)
  public int getNumThreads() {
    return m_NumThreads;
  }

  public void setNumThreads(int value) {
    m_NumThreads = OptionChecks.inRange("UMAP", "num-threads", value, 0, OptionChecks.MAX_THREADS);
  }

  @OptionMetadata(displayName = "plotFile",
      description = "If set, a PNG scatter plot of the training data's embedding is written after "
          + "fitting. It shows the first two coordinates, coloured by class.",
      commandLineParamName = "plot", commandLineParamSynopsis = "-plot <file.png>",
      displayOrder = 18)
  public File getPlotFile() {
    return m_PlotFile;
  }

  public void setPlotFile(File value) {
    m_PlotFile = value;
  }

  // ---------------------------------------------------------------- filtering

  @Override
  protected void forgetFit() {
    m_Indexed = null;
    m_Searched = null;
    m_Scaling = null;
    m_Coordinates = null;
  }

  /** The fitted UMAP, whichever neighbour space it searches; null before the first batch. */
  private FittedUmap<?> fitted() {
    return m_Indexed != null ? m_Indexed : m_Searched;
  }

  @Override
  protected Instances determineOutputFormat(Instances data) throws Exception {
    fit(data);
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int c = 0; c < m_NumComponents; c++) {
      attributes.add(new Attribute("umap" + (c + 1)));
    }
    if (data.classIndex() >= 0) {
      String name = data.classAttribute().name();
      for (int c = 0; c < m_NumComponents; c++) {
        if (name.equals("umap" + (c + 1))) {
          name = name + "_class";
        }
      }
      attributes.add(data.classAttribute().copy(name));
    }
    Instances header = new Instances(data.relationName() + "_UMAP", attributes, 0);
    if (data.classIndex() >= 0) {
      header.setClassIndex(header.numAttributes() - 1);
    }
    return header;
  }

  private int threads() {
    return m_NumThreads > 0 ? m_NumThreads : Blocks.availableThreads();
  }

  private void checkOptions() throws WekaException {
    if (m_NumNeighbors < 2) {
      throw new WekaException("numNeighbors (-K) must be at least 2, not " + m_NumNeighbors);
    }
    if (m_NumComponents < 1) {
      throw new WekaException("numComponents (-N) must be at least 1, not " + m_NumComponents);
    }
    if (!(m_Spread > 0) || !(m_MinDist >= 0) || m_MinDist > m_Spread) {
      throw new WekaException("UMAP needs spread > 0 and 0 <= minDist <= spread, not minDist "
          + m_MinDist + ", spread " + m_Spread);
    }
    if (m_DistanceFunction == null) {
      throw new WekaException("No distance function (-A) set.");
    }
  }

  private void fit(Instances data) throws Exception {
    checkOptions();
    long start = System.currentTimeMillis();
    int n = data.numInstances();
    if (n == 0) {
      throw new WekaException("UMAP is fitted on the first batch of data, which is empty: give it "
          + "at least one instance.");
    }
    if (data.numAttributes() - (data.classIndex() >= 0 ? 1 : 0) == 0) {
      throw new WekaException("UMAP needs at least one attribute besides the class.");
    }
    int[] target = null;
    if (m_Supervised) {
      if (data.classIndex() < 0 || !data.classAttribute().isNominal()) {
        throw new WekaException("Supervised UMAP (-supervised) needs a nominal class attribute; "
            + "set the class (e.g. -c last) or turn supervised mode off.");
      }
      target = new int[n];
      for (int i = 0; i < n; i++) {
        target[i] = data.instance(i).classIsMissing() ? -1 : (int) data.instance(i).classValue();
      }
    }
    // the batch is the filter's own copy of the input (SimpleBatchFilter): no second copy of a
    // possibly large data set
    // values near 1e-300 or 1e300 would underflow or overflow in squared distances (and the float
    // index): the whole batch is scaled by a power of two, which every distance follows exactly
    m_Scaling = MagnitudeScaling.of(data, SCALING_LIMIT);
    Instances train = m_Scaling.apply(data);
    DistanceFunction distance = DistanceFunctionCopy.of(m_DistanceFunction);
    distance.setInstances(train);
    int k = Umap.neighboursUsed(m_NumNeighbors, n);
    int d = data.numAttributes() - (data.classIndex() >= 0 ? 1 : 0);
    try {
      MemoryBudget.require("UMAP", "fitting", Umap.memory(n, d, k, m_NumComponents), "n = " + n
          + ", d = " + d + ", -K " + m_NumNeighbors + " (" + k + " used), -N " + m_NumComponents,
          "-K (umap-learn's default is 15) or fit on a sample of the instances");
    } catch (MemoryRefusedException e) {
      throw new WekaException(e.getMessage());
    }
    Umap umap = new Umap();
    try {
      umap.neighbours(m_NumNeighbors).minDist(m_MinDist).spread(m_Spread)
          .components(m_NumComponents).epochs(m_NumEpochs).learningRate(m_LearningRate)
          .negativeSampleRate(m_NegativeSampleRate).repulsionStrength(m_RepulsionStrength)
          .setOpMixRatio(m_SetOpMixRatio).localConnectivity(m_LocalConnectivity)
          .targetWeight(m_TargetWeight).initialisation(INITS[m_Init]).seed(m_Seed)
          .threads(threads());
    } catch (IllegalArgumentException e) {
      throw new WekaException(e.getMessage(), e);
    }
    PrincipalScores scores = principalRows(train);
    m_Coordinates = DistanceCoordinates.of(distance, train);
    if (m_Coordinates != null) {
      LpPoints points = new LpPoints(pointsOf(train), m_Coordinates.space().metric().order());
      m_Indexed = umap.fit(new IndexedNeighbours(points, m_Coordinates.space(), m_ExactBelow,
          m_GraphSource), target, scores);
    } else {
      m_Searched = umap.fit(new DistanceFunctionNeighbours(new DistanceFunctionSearch(train,
          distance)), target, scores);
    }
    m_DistanceUsed = distanceName(distance) + ", " + fitted().space().method();
    m_FitMillis = System.currentTimeMillis() - start;
    // a cross-validation fold (FilteredClassifier) leaves the plot of the whole first batch
    if (m_PlotFile != null && !m_PlotFile.getPath().isEmpty() && !m_PlotFile.isDirectory()
        && ModelPictures.claim(m_PlotFile, ModelPictures.training(data))) {
      writePlot(m_PlotFile, train);
    }
    if (getDebug()) {
      System.err.println(this);
    }
  }

  /**
   * Has the exact k-neighbour graph of the training instances computed elsewhere when the filter is
   * fitted (the Spark UMAP job's blocks of rows against blocks, for samples too large for one
   * machine's exact search): the graph of the points in the distance's index coordinates, exactly
   * {@code ExactKnn.ofPoints}'s. Only for distances the filter indexes (numeric attributes); not a
   * user option and not saved with the filter.
   */
  public void setTrainingGraphSource(IndexedNeighbours.TrainingGraphSource source) {
    m_GraphSource = source;
  }

  /** Whether the fitted filter searches points in index coordinates (a graph source applies). */
  public boolean indexesDistances() {
    return m_Indexed != null;
  }

  /** The instances as single-precision points of the distance's index coordinates. */
  private float[][] pointsOf(Instances data) throws WekaException {
    float[][] rows = new float[data.numInstances()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = LpPoints.toFloat(m_Coordinates.point(data.instance(i)));
      for (float v : rows[i]) {
        if (!Float.isFinite(v)) {
          throw new WekaException("Instance " + (i + 1) + " has a value too large for UMAP's "
              + "single-precision neighbour search (|x| > 3.4e38 after the distance's scaling): "
              + "rescale the data, e.g. with Standardize.");
        }
      }
    }
    return rows;
  }

  private static String distanceName(DistanceFunction distance) {
    String name = distance.getClass().getSimpleName();
    if (distance instanceof weka.core.NormalizableDistance) {
      name += ((weka.core.NormalizableDistance) distance).getDontNormalize() ? " (raw values)"
          : " (attributes normalised to [0, 1])";
    }
    return name;
  }

  /**
   * The rows the engine's principal-component start reads: one-hot nominals, dates as numbers,
   * missing values as training means, not standardised (the engine centres them). The capabilities
   * admit only attributes the encoder encodes, so its WekaException does not arise here.
   */
  private static PrincipalScores principalRows(Instances data) throws WekaException {
    InstancesEncoder encoder = InstancesEncoder.fit(data, false, true);
    return new PrincipalScores(new EncodedRows(encoder, data), InstancesEncoder.weights(data),
        encoder.columnMeans());
  }

  /**
   * Weka's distance function itself, searched by brute force ({@link DistanceFunctionSearch}):
   * nominal attributes, missing values, any metric without index coordinates. Weka's distance
   * functions do not promise to be thread-safe, so it runs on one thread.
   */
  private record DistanceFunctionNeighbours(DistanceFunctionSearch search)
      implements NeighbourSpace<Instances> {

    @Override
    public int size() {
      return search.size();
    }

    @Override
    public KnnGraph trainingGraph(int k, long seed, int threads) {
      return search.graph(k, threads);
    }

    @Override
    public KnnGraph neighboursOf(Instances queries, int k, int threads) {
      return search.kNearest(DistanceFunctionSearch.queries(queries), k, threads);
    }

    @Override
    public String method() {
      return "exact neighbours with the distance function";
    }
  }

  @Override
  protected Instances process(Instances batch) throws Exception {
    if (fitted() == null) {
      throw new IllegalStateException("UMAP has not been fitted: set the input format and finish "
          + "the first batch.");
    }
    double[][] y = isFirstBatchDone() ? transform(m_Scaling.apply(batch)) : fitted().embedding();
    Instances output = new Instances(getOutputFormat(), batch.numInstances());
    boolean hasClass = batch.classIndex() >= 0;
    for (int i = 0; i < batch.numInstances(); i++) {
      double[] row = new double[m_NumComponents + (hasClass ? 1 : 0)];
      System.arraycopy(y[i], 0, row, 0, m_NumComponents);
      if (hasClass) {
        row[m_NumComponents] = batch.instance(i).classValue();
      }
      output.add(new DenseInstance(batch.instance(i).weight(), row));
    }
    return output;
  }

  /** New instances placed in the training embedding: one engine call on either path. */
  private double[][] transform(Instances batch) throws WekaException {
    return m_Indexed != null ? m_Indexed.transform(pointsOf(batch), threads())
        : m_Searched.transform(batch, threads());
  }

  // ---------------------------------------------------------------- summary and pictures

  /** The fitted model (null before the first batch). */
  public UmapModel getModel() {
    return fitted() == null ? null : fitted().model();
  }

  /** Writes the scatter plot of the training embedding, coloured by the class of the data. */
  private void writePlot(File file, Instances data) throws WekaException {
    double[][] y = fitted().embedding();
    double[] x0 = new double[y.length];
    double[] x1 = new double[y.length];
    int[] group = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      x0[i] = y[i][0];
      x1[i] = m_NumComponents > 1 ? y[i][1] : 0;
      group[i] = data.classIndex() >= 0 && data.classAttribute().isNominal()
          && !data.instance(i).classIsMissing() ? (int) data.instance(i).classValue() : -1;
    }
    String[] names = new String[0];
    if (data.classIndex() >= 0 && data.classAttribute().isNominal()) {
      names = new String[data.classAttribute().numValues()];
      for (int c = 0; c < names.length; c++) {
        names[c] = data.classAttribute().value(c);
      }
    }
    String title = String.format(Locale.ROOT, "UMAP of %s (%d instances, k = %d, min_dist = %s)",
        data.relationName(), y.length, fitted().model().neighbours(), m_MinDist);
    try {
      new ScatterPlot(title, x0, x1, group, names).axisLabels("umap1", "umap2")
          .writePng(file, 900, 700);
    } catch (IOException e) {
      throw new WekaException("Could not write the plot to " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    if (fitted() == null) {
      return "UMAP: not fitted yet.";
    }
    UmapModel model = fitted().model();
    UmapModel.FitReport report = model.report();
    int neighboursUsed = model.neighbours();
    StringBuilder text = new StringBuilder();
    text.append("UMAP\n====\n\n");
    text.append(String.format(Locale.ROOT, "Fitted on %d instances in %.1f s%n",
        model.trainingSize(), m_FitMillis / 1000.0));
    text.append("Distance: ").append(m_DistanceUsed).append('\n');
    text.append(m_Scaling.note());
    text.append(String.format(Locale.ROOT, "n_neighbors %d%s, n_components %d, min_dist %s, "
        + "spread %s (a = %.4f, b = %.4f)%n", neighboursUsed,
        neighboursUsed < m_NumNeighbors ? " (lowered from " + m_NumNeighbors + ": too few "
            + "instances)" : "", m_NumComponents, m_MinDist, m_Spread, model.curve().a(),
        model.curve().b()));
    text.append(String.format(Locale.ROOT, "Fuzzy graph: %d edges, %d connected component%s%s%n",
        report.edges() / 2, report.components(), report.components() == 1 ? "" : "s",
        m_Supervised ? ", intersected with the class (target weight " + m_TargetWeight + ")"
            : ""));
    text.append("Start: ").append(report.initialisation().name().toLowerCase(Locale.ROOT))
        .append(report.spectralFellBack() ? " (fallback: too few instances for the requested "
            + "start)" : report.components() > 1 && report.initialisation()
            == Initialisation.SPECTRAL ? " (per component, components side by side)" : "")
        .append('\n');
    text.append(String.format(Locale.ROOT, "Epochs: %d (later batches: %d at a quarter of the "
        + "learning rate %s)%n", report.epochs(), model.transformEpochs(), m_LearningRate));
    return text.toString();
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  public static void main(String[] args) {
    runFilter(new UMAP(), args);
  }
}
