package weka.filters.unsupervised.attribute;

import fundamentos.manifold.Tsne;
import fundamentos.manifold.TsneEmbedding;
import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryRefusedException;
import fundamentos.parallel.Blocks;
import fundamentos.weka.EmbeddingInstances;
import fundamentos.weka.EmbeddingScatter;
import fundamentos.weka.EncodedRows;
import fundamentos.weka.FirstBatchFilter;
import fundamentos.weka.InstancesEncoder;
import fundamentos.weka.ModelPictures;
import fundamentos.weka.OptionChecks;
import java.io.File;
import java.util.Locale;
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
 * t-SNE of the first batch, by Smile's exact implementation or the package's Barnes-Hut engine
 * ({@code fundamentos.manifold.Tsne} chooses and runs them). A thin Weka adapter: options, the
 * encoding of instances, the output header, the picture and the refusal of a second batch (t-SNE has no way to place new points) live here.
 */
public class TSNE extends FirstBatchFilter implements Randomizable, TechnicalInformationHandler {

  private static final long serialVersionUID = 1L;

  /** The largest learning rate accepted: far above any useful one (scikit-learn's "auto" gives n / 48). */
  public static final double MAX_LEARNING_RATE = 1e5;

  private double m_Perplexity = Tsne.DEFAULT_PERPLEXITY;
  private int m_Iterations = Tsne.DEFAULT_ITERATIONS;
  private double m_LearningRate = Tsne.DEFAULT_LEARNING_RATE;
  private int m_PcaComponents = Tsne.DEFAULT_PCA_COMPONENTS;
  private int m_NumComponents = 2;
  private int m_Seed = 1;
  private File m_PlotFile = new File("");
  private int m_Method = METHOD_AUTO;
  private double m_Theta = Tsne.DEFAULT_THETA;
  private int m_NumThreads = 0;

  /** The methods, as tags for the GUI and the command line. */
  public static final int METHOD_AUTO = 0;
  public static final int METHOD_EXACT = 1;
  public static final int METHOD_BARNES_HUT = 2;
  public static final Tag[] TAGS_METHOD = {
      new Tag(METHOD_AUTO, "auto"),
      new Tag(METHOD_EXACT, "exact"),
      new Tag(METHOD_BARNES_HUT, "barnes-hut")};
  private static final Tsne.Method[] METHODS = {Tsne.Method.AUTO, Tsne.Method.EXACT,
      Tsne.Method.BARNES_HUT};

  /** The largest theta accepted: beyond 1 whole clusters count as one point. */
  public static final double MAX_THETA = 1;

  /** The embedding of the first batch (null before it). */
  private TsneEmbedding m_Embedding;
  private long m_FitMillis;
  /** The method the fit used (auto resolved). */
  private Tsne.Method m_Used;

  /** The output's coordinate attributes are tsne1, tsne2, ... */
  private static final String PREFIX = "tsne";

  public String globalInfo() {
    return "t-SNE embeds the first batch of data in a few dimensions so that neighbouring points "
        + "stay neighbours.\n\nVan der Maaten and Hinton's t-distributed stochastic neighbour "
        + "embedding (the course's Figure 2.6): Gaussian affinities calibrated to the perplexity, "
        + "Student-t affinities in the embedding, and gradient descent on their KL divergence with "
        + "early exaggeration, momentum and gains. Two methods: Smile's exact O(n^2) "
        + "implementation, or Barnes-Hut t-SNE (van der Maaten 2014), the package's own: "
        + "affinities among the 3 perplexity nearest neighbours and repulsion through a quadtree, "
        + "O(n log n) per iteration. By default (auto) below 1,000 instances the exact method, "
        + "from there on Barnes-Hut.\n\n"
        + "Attributes are used as they are (nominal ones one-hot, missing values replaced by the "
        + "mean), reduced first to the leading principal components (the package's PCA) unless "
        + "pcaComponents is 0. The class attribute is passed through; instance weights are passed "
        + "through and used only by the PCA.\n\n"
        + "t-SNE cannot place new points: the filter embeds the first batch and refuses any later "
        + "one (test data, FilteredClassifier). UMAP places later batches in its fitted embedding "
        + "and is faster; use it for anything but a picture of one data set.\n\n"
        + "Memory: the exact method holds three n x n matrices of doubles (24 n^2 bytes: 2.4 GB "
        + "for 10,000 instances), Barnes-Hut a few kB per "
        + "instance; both estimated before they are allocated.\n\nFor more information see:\n\n"
        + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(Type.ARTICLE);
    result.setValue(Field.AUTHOR, "L. van der Maaten and G. Hinton");
    result.setValue(Field.TITLE, "Visualizing Data using t-SNE");
    result.setValue(Field.JOURNAL, "Journal of Machine Learning Research");
    result.setValue(Field.VOLUME, "9");
    result.setValue(Field.PAGES, "2579-2605");
    result.setValue(Field.YEAR, "2008");
    TechnicalInformation barnesHut = result.add(Type.ARTICLE);
    barnesHut.setValue(Field.AUTHOR, "L. van der Maaten");
    barnesHut.setValue(Field.TITLE, "Accelerating t-SNE using Tree-Based Algorithms");
    barnesHut.setValue(Field.JOURNAL, "Journal of Machine Learning Research");
    barnesHut.setValue(Field.VOLUME, "15");
    barnesHut.setValue(Field.PAGES, "3221-3245");
    barnesHut.setValue(Field.YEAR, "2014");
    return result;
  }

  // ---------------------------------------------------------------- options

  @OptionMetadata(displayName = "perplexity",
      description = "The effective number of neighbours of each point's Gaussian. A finite number "
          + ">= 1 (usually 5 to 50); lowered to (n - 1) / 3 for small data.",
      commandLineParamName = "perplexity", commandLineParamSynopsis = "-perplexity <double>",
      displayOrder = 1)
  public double getPerplexity() {
    return m_Perplexity;
  }

  public void setPerplexity(double value) {
    m_Perplexity = OptionChecks.atLeast("TSNE", "perplexity", value, 1.0);
  }

  @OptionMetadata(displayName = "iterations",
      description = "Gradient-descent iterations, at least 1. The first 250 use early exaggeration "
          + "(12) and momentum 0.5, the rest momentum 0.8.",
      commandLineParamName = "I", commandLineParamSynopsis = "-I <int>", displayOrder = 2)
  public int getIterations() {
    return m_Iterations;
  }

  public void setIterations(int value) {
    m_Iterations = OptionChecks.atLeast("TSNE", "I", value, 1);
  }

  @OptionMetadata(displayName = "learningRate",
      description = "The gradient step eta. Greater than 0 and at most 100000 (Smile's default "
          + "200); too large a rate makes the embedding diverge.",
      commandLineParamName = "learning-rate", commandLineParamSynopsis = "-learning-rate <double>",
      displayOrder = 3)
  public double getLearningRate() {
    return m_LearningRate;
  }

  public void setLearningRate(double value) {
    m_LearningRate = OptionChecks.above("TSNE", "learning-rate", value, 0, MAX_LEARNING_RATE);
  }

  @OptionMetadata(displayName = "pcaComponents",
      description = "Principal components kept before t-SNE, the usual practice. 0 turns the "
          + "reduction off, as does a value >= the number of columns.",
      commandLineParamName = "pca", commandLineParamSynopsis = "-pca <int>", displayOrder = 4)
  public int getPcaComponents() {
    return m_PcaComponents;
  }

  public void setPcaComponents(int value) {
    m_PcaComponents = OptionChecks.atLeast("TSNE", "pca", value, 0);
  }

  @OptionMetadata(displayName = "numComponents",
      description = "The dimension of the embedding, at least 1 (2 for a picture).",
      commandLineParamName = "N", commandLineParamSynopsis = "-N <int>", displayOrder = 5)
  public int getNumComponents() {
    return m_NumComponents;
  }

  public void setNumComponents(int value) {
    m_NumComponents = OptionChecks.atLeast("TSNE", "N", value, 1);
  }

  @OptionMetadata(displayName = "seed",
      description = "Seed of the random start (Smile's generator of the calling thread).",
      commandLineParamName = "S", commandLineParamSynopsis = "-S <int>", displayOrder = 6)
  @Override
  public int getSeed() {
    return m_Seed;
  }

  @Override
  public void setSeed(int value) {
    m_Seed = value;
  }

  @OptionMetadata(displayName = "plotFile",
      description = "If set, a PNG scatter plot of the embedding is written after fitting. It "
          + "shows the first two coordinates, coloured by class.",
      commandLineParamName = "plot", commandLineParamSynopsis = "-plot <file.png>",
      displayOrder = 7)
  public File getPlotFile() {
    return m_PlotFile;
  }

  public void setPlotFile(File value) {
    m_PlotFile = value;
  }

  @OptionMetadata(displayName = "method",
      description = "How the embedding is computed: auto, exact or barnes-hut. Auto is Smile's "
          + "exact t-SNE below 1,000 instances or above 3 dimensions, Barnes-Hut otherwise.",
      commandLineParamName = "method",
      commandLineParamSynopsis = "-method <auto|exact|barnes-hut>", displayOrder = 8)
  public SelectedTag getMethod() {
    return new SelectedTag(m_Method, TAGS_METHOD);
  }

  public void setMethod(SelectedTag value) {
    if (value.getTags() == TAGS_METHOD) {
      m_Method = value.getSelectedTag().getID();
    }
  }

  @OptionMetadata(displayName = "theta",
      description = "Barnes-Hut's accuracy, from 0 (exact and slow) to 1. A cell of points counts "
          + "as one when its diagonal is below theta times its distance; the default is 0.5.",
      commandLineParamName = "theta", commandLineParamSynopsis = "-theta <double>",
      displayOrder = 9)
  public double getTheta() {
    return m_Theta;
  }

  public void setTheta(double value) {
    m_Theta = OptionChecks.inRange("TSNE", "theta", value, 0.0, MAX_THETA);
  }

  @OptionMetadata(displayName = "numThreads",
      description = "Threads of the Barnes-Hut method; 0 is one per core. The exact method uses "
          + "Java's common pool. At most 1024; the embedding does not depend on it.",
      commandLineParamName = "num-threads", commandLineParamSynopsis = "-num-threads <int>",
      displayOrder = 10)
  public int getNumThreads() {
    return m_NumThreads;
  }

  public void setNumThreads(int value) {
    m_NumThreads = OptionChecks.inRange("TSNE", "num-threads", value, 0, OptionChecks.MAX_THREADS);
  }

  // ---------------------------------------------------------------- filtering

  @Override
  protected void forgetFit() {
    m_Embedding = null;
  }

  @Override
  protected Instances determineOutputFormat(Instances data) throws Exception {
    fit(data);
    return EmbeddingInstances.header(data, PREFIX, m_NumComponents, "_TSNE");
  }

  private void fit(Instances data) throws Exception {
    long start = System.currentTimeMillis();
    int n = data.numInstances();
    if (n == 0) {
      throw new WekaException("t-SNE embeds the first batch of data, which is empty: give it at "
          + "least one instance.");
    }
    InstancesEncoder encoder = InstancesEncoder.fit(data, false, true);
    if (encoder.numColumns() == 0) {
      throw new WekaException("t-SNE needs at least one attribute besides the class.");
    }
    Tsne tsne;
    try {
      tsne = new Tsne().perplexity(m_Perplexity).iterations(m_Iterations)
          .learningRate(m_LearningRate).pcaComponents(m_PcaComponents)
          .dimensions(m_NumComponents).seed(m_Seed).method(METHODS[m_Method]).theta(m_Theta)
          .threads(m_NumThreads > 0 ? m_NumThreads : Blocks.availableThreads());
      m_Used = tsne.methodFor(n);
      MemoryBudget.require("TSNE", "the embedding", tsne.memory(n, encoder.numColumns()),
          "n = " + n + ", d = " + encoder.numColumns() + ", -pca " + m_PcaComponents + ", "
          + TAGS_METHOD[m_Used.ordinal()].getReadable() + " method",
          m_Used == Tsne.Method.EXACT ? "the number of instances (the exact method holds n x n "
          + "affinities; -method barnes-hut does not)" : "the number of instances");
      m_Embedding = tsne.fit(new EncodedRows(encoder, data), InstancesEncoder.weights(data));
    } catch (MemoryRefusedException | IllegalArgumentException | ArithmeticException e) {
      throw new WekaException(e.getMessage(), e);
    }
    m_FitMillis = System.currentTimeMillis() - start;
    // a cross-validation fold leaves the plot of the whole first batch
    if (m_PlotFile != null && !m_PlotFile.getPath().isEmpty() && !m_PlotFile.isDirectory()
        && ModelPictures.claim(m_PlotFile, ModelPictures.training(data))) {
      EmbeddingScatter.write(m_PlotFile, m_Embedding.coordinates(), data, String.format(
          Locale.ROOT, "t-SNE of %s (%d instances, perplexity %s)", data.relationName(), n,
          m_Embedding.perplexity()), PREFIX);
    }
    if (getDebug()) {
      System.err.println(this);
    }
  }

  @Override
  protected Instances process(Instances batch) throws Exception {
    if (isFirstBatchDone()) {
      throw new WekaException("t-SNE cannot place new points: it embeds only the first batch it "
          + "was given, and this is a later one (test data, a FilteredClassifier's or the "
          + "Experimenter's test fold). UMAP (weka.filters.unsupervised.attribute.UMAP) places "
          + "new points in its fitted embedding: use it instead.");
    }
    if (m_Embedding == null) {
      throw new IllegalStateException("t-SNE has not been fitted: set the input format and finish "
          + "the first batch.");
    }
    return EmbeddingInstances.of(getOutputFormat(), batch, m_Embedding.coordinates());
  }

  // ---------------------------------------------------------------- summary and picture

  /** The embedding of the first batch (null before it). */
  public TsneEmbedding getEmbedding() {
    return m_Embedding;
  }

  @Override
  public String toString() {
    if (m_Embedding == null) {
      return "TSNE: not fitted yet.";
    }
    StringBuilder text = new StringBuilder("t-SNE\n=====\n\n");
    text.append(String.format(Locale.ROOT, "Embedded %d instances in %d dimension%s in %.1f s%n",
        m_Embedding.coordinates().length, m_NumComponents, m_NumComponents == 1 ? "" : "s",
        m_FitMillis / 1000.0));
    text.append(String.format(Locale.ROOT, "Input: %d column%s%s%n", m_Embedding.inputColumns(),
        m_Embedding.inputColumns() == 1 ? "" : "s", m_Embedding.varianceKept() < 1
            ? String.format(Locale.ROOT, " (principal components, %.1f%% of the variance)",
                100 * m_Embedding.varianceKept()) : ""));
    text.append(m_Used == Tsne.Method.EXACT ? "Method: exact (Smile)\n" : String.format(
        Locale.ROOT, "Method: Barnes-Hut, theta %s%n", m_Theta));
    text.append(String.format(Locale.ROOT, "Perplexity %s%s, %d iterations, learning rate %s%n",
        m_Embedding.perplexity(), m_Embedding.perplexity() < m_Perplexity ? " (lowered from "
            + m_Perplexity + ": too few instances)" : "", m_Iterations, m_LearningRate));
    text.append(String.format(Locale.ROOT, "KL divergence (bits): %.4f%n",
        m_Embedding.klDivergence()));
    return text.toString();
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  public static void main(String[] args) {
    runFilter(new TSNE(), args);
  }
}
