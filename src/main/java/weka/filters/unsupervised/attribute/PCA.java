package weka.filters.unsupervised.attribute;

import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryRefusedException;
import fundamentos.pca.PcaModel;
import fundamentos.pca.PcaSolver;
import fundamentos.pca.PrincipalComponentAnalysis;
import fundamentos.plot.ImageGrid;
import fundamentos.weka.EncodedRows;
import fundamentos.weka.FirstBatchFilter;
import fundamentos.weka.InstancesEncoder;
import fundamentos.weka.ModelPictures;
import fundamentos.weka.OptionChecks;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import weka.core.Attribute;
import weka.core.DenseInstance;
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
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;
import weka.core.WekaException;

/**
 * Principal components analysis fitted on the first batch and applied unchanged to every later
 * batch. A thin Weka adapter: options, capabilities, the conversion of instances, the output
 * header, the printed model and the eigen-images live here; fitting is one call of {@link
 * PrincipalComponentAnalysis#fit} and transforming one call of {@link PcaModel#transform} (threads
 * included); their refusals (IllegalArgumentException, LAPACK's ArithmeticException) become
 * WekaExceptions here.
 * Option letters and defaults follow Weka's own {@code PrincipalComponents} (-C, -R, -M, -A) so
 * that it is a drop-in replacement.
 */
public class PCA extends FirstBatchFilter implements Randomizable, WeightedInstancesHandler,
    TechnicalInformationHandler {

  private static final long serialVersionUID = 1L;

  /** Name of the optional reconstruction-error attribute. */
  public static final String ERROR_ATTRIBUTE = "reconstruction_error";

  /** The solvers, as tags for the GUI and the command line. */
  public static final Tag[] TAGS_SOLVER = {
      new Tag(0, "auto"),
      new Tag(1, "covariance"),
      new Tag(2, "randomized"),
      new Tag(3, "full-svd")};

  private static final PcaSolver[] SOLVERS = {PcaSolver.AUTO, PcaSolver.COVARIANCE,
      PcaSolver.RANDOMIZED, PcaSolver.FULL_SVD};

  private boolean m_CenterData = false;
  private double m_VarianceCovered = 0.95;
  /** The most power iterations accepted: scikit-learn uses 4 or 7; more only adds time. */
  private static final int PCA_MAX_POWER_ITERATIONS = 1000;

  private int m_MaximumAttributes = -1;
  private int m_MaximumAttributeNames = 5;
  private int m_Solver = 0;
  private boolean m_Whiten = false;
  private boolean m_Reconstruct = false;
  private boolean m_ReconstructionError = false;
  private int m_Seed = 1;
  private int m_PowerIterations = -1;
  private int m_NumThreads = 0;
  private File m_EigenImagesFile = new File("");
  private int m_ImageWidth = 0;
  private int m_EigenImageCount = 16;

  /** Fitted on the first batch. */
  private InstancesEncoder m_Encoder;
  private PcaModel m_Model;

  public String globalInfo() {
    return "Principal components analysis: replaces the attributes by their scores on the leading "
        + "principal components. "
        + "It is the course's PCA (Algorithm 6): it centres (and by default "
        + "standardises) the data, finds the eigenvectors of its covariance (correlation) matrix and "
        + "replaces the attributes by the scores on the leading ones, enough to cover a fraction of "
        + "the variance. The first batch fits the components; every later batch (test data, "
        + "FilteredClassifier, the Experimenter) is transformed with them unchanged.\n\n"
        + "Nominal attributes are one-hot encoded, dates read as numbers, missing values replaced by training means, "
        + "constant attributes contribute nothing, instance weights weight the covariance, the class "
        + "attribute is passed through (as the last attribute). The solver is chosen by shape like "
        + "scikit-learn (covariance eigendecomposition when attributes are few relative to "
        + "instances, randomized SVD for a few components of a large matrix, full SVD otherwise), "
        + "all on native BLAS/LAPACK. Signs are deterministic (largest loading of each component "
        + "positive). Optional whitening, reconstruction x_hat = sum_i y_i w_i in the original "
        + "attributes instead of scores, a per-instance reconstruction-error attribute, and a PNG "
        + "of the leading eigen-images for pixel data. Option letters and defaults follow Weka's "
        + "PrincipalComponents. With -output-debug-info the eigenvalue summary (also toString()) "
        + "is printed to standard error after fitting.\n\nFor more information see:\n\n"
        + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(Type.BOOK);
    result.setValue(Field.AUTHOR, "I. T. Jolliffe");
    result.setValue(Field.TITLE, "Principal Component Analysis");
    result.setValue(Field.EDITION, "Second");
    result.setValue(Field.YEAR, "2002");
    result.setValue(Field.PUBLISHER, "Springer");
    TechnicalInformation halko = result.add(Type.ARTICLE);
    halko.setValue(Field.AUTHOR, "N. Halko and P. G. Martinsson and J. A. Tropp");
    halko.setValue(Field.TITLE, "Finding structure with randomness: Probabilistic algorithms for "
        + "constructing approximate matrix decompositions");
    halko.setValue(Field.JOURNAL, "SIAM Review");
    halko.setValue(Field.VOLUME, "53");
    halko.setValue(Field.NUMBER, "2");
    halko.setValue(Field.PAGES, "217-288");
    halko.setValue(Field.YEAR, "2011");
    return result;
  }

  // ---------------------------------------------------------------- options

  @OptionMetadata(displayName = "centerData",
      description = "Center rather than standardize the data, as the course's PCA and scikit-learn "
          + "do. The components then come from the covariance rather than the correlation "
          + "matrix.",
      commandLineParamName = "C", commandLineParamSynopsis = "-C", commandLineParamIsFlag = true,
      displayOrder = 1)
  public boolean getCenterData() {
    return m_CenterData;
  }

  public void setCenterData(boolean value) {
    m_CenterData = value;
  }

  @OptionMetadata(displayName = "varianceCovered",
      description = "The fraction of the total variance the kept components cover, in (0, 1]. The "
          + "fewest leading components whose eigenvalues reach it are kept; 1 keeps all.",
      commandLineParamName = "R", commandLineParamSynopsis = "-R <fraction>", displayOrder = 2)
  public double getVarianceCovered() {
    return m_VarianceCovered;
  }

  public void setVarianceCovered(double value) {
    m_VarianceCovered = OptionChecks.above("PCA", "R", value, 0, 1);
  }

  @OptionMetadata(displayName = "maximumAttributes",
      description = "Keep at most this many components (-1: no limit; at least -1). With -R 1 it keeps exactly "
          + "this many.",
      commandLineParamName = "M", commandLineParamSynopsis = "-M <int>", displayOrder = 3)
  public int getMaximumAttributes() {
    return m_MaximumAttributes;
  }

  public void setMaximumAttributes(int value) {
    m_MaximumAttributes = OptionChecks.atLeast("PCA", "M", value, -1);
  }

  @OptionMetadata(displayName = "maximumAttributeNames",
      description = "The number of largest loadings shown in each component's attribute name. -1 "
          + "shows all; at least -1.",
      commandLineParamName = "A", commandLineParamSynopsis = "-A <int>", displayOrder = 4)
  public int getMaximumAttributeNames() {
    return m_MaximumAttributeNames;
  }

  public void setMaximumAttributeNames(int value) {
    m_MaximumAttributeNames = OptionChecks.atLeast("PCA", "A", value, -1);
  }

  @OptionMetadata(displayName = "solver",
      description = "How the components are computed: auto, covariance, randomized or full-svd. Auto "
          + "chooses by shape, as scikit-learn; then the covariance matrix's eigenvectors, "
          + "Halko and others' randomized SVD, or the data matrix's SVD.",
      commandLineParamName = "solver",
      commandLineParamSynopsis = "-solver <auto|covariance|randomized|full-svd>", displayOrder = 5)
  public SelectedTag getSolver() {
    return new SelectedTag(m_Solver, TAGS_SOLVER);
  }

  public void setSolver(SelectedTag value) {
    if (value.getTags() == TAGS_SOLVER) {
      m_Solver = value.getSelectedTag().getID();
    }
  }

  @OptionMetadata(displayName = "whiten",
      description = "Divide each score by the root of its eigenvalue so that components have unit "
          + "variance. The variance is that of the training data.",
      commandLineParamName = "whiten", commandLineParamSynopsis = "-whiten",
      commandLineParamIsFlag = true, displayOrder = 6)
  public boolean getWhiten() {
    return m_Whiten;
  }

  public void setWhiten(boolean value) {
    m_Whiten = value;
  }

  @OptionMetadata(displayName = "reconstruct",
      description = "Output the reconstruction from the kept components instead of the scores. It is "
          + "in the original attributes and units (the course's equation); nominal attributes"
          + " come out as numeric one-hot columns.",
      commandLineParamName = "reconstruct", commandLineParamSynopsis = "-reconstruct",
      commandLineParamIsFlag = true, displayOrder = 7)
  public boolean getReconstruct() {
    return m_Reconstruct;
  }

  public void setReconstruct(boolean value) {
    m_Reconstruct = value;
  }

  @OptionMetadata(displayName = "reconstructionError",
      description = "Add an attribute with each instance's squared distance to its reconstruction. It"
          + " is named '" + ERROR_ATTRIBUTE + "' and measured in the centred (standardised) space "
          + "the components live in.",
      commandLineParamName = "reconstruction-error",
      commandLineParamSynopsis = "-reconstruction-error", commandLineParamIsFlag = true,
      displayOrder = 8)
  public boolean getReconstructionError() {
    return m_ReconstructionError;
  }

  public void setReconstructionError(boolean value) {
    m_ReconstructionError = value;
  }

  @OptionMetadata(displayName = "seed",
      description = "The seed of the randomized solver's random projection.",
      commandLineParamName = "S", commandLineParamSynopsis = "-S <int>", displayOrder = 9)
  @Override
  public int getSeed() {
    return m_Seed;
  }

  @Override
  public void setSeed(int value) {
    m_Seed = value;
  }

  @OptionMetadata(displayName = "powerIterations",
      description = "Power iterations of the randomized solver, from -1 to 1000. With -1 it chooses "
          + "as scikit-learn: 7 for few components, else 4.",
      commandLineParamName = "power-iterations", commandLineParamSynopsis = "-power-iterations <int>",
      displayOrder = 10)
  public int getPowerIterations() {
    return m_PowerIterations;
  }

  public void setPowerIterations(int value) {
    m_PowerIterations = OptionChecks.inRange("PCA", "power-iterations", value, -1, PCA_MAX_POWER_ITERATIONS);
  }

  @OptionMetadata(displayName = "numThreads",
      description = "Native BLAS threads (0: one per core; at most 1024). Results agree across thread counts to "
          + "rounding only.",
      commandLineParamName = "num-threads", commandLineParamSynopsis = "-num-threads <int>",
      displayOrder = 11)
  public int getNumThreads() {
    return m_NumThreads;
  }

  public void setNumThreads(int value) {
    m_NumThreads = OptionChecks.inRange("PCA", "num-threads", value, 0, OptionChecks.MAX_THREADS);
  }

  @OptionMetadata(displayName = "eigenImagesFile",
      description = "If set, a PNG of the mean image and the leading eigen-images is written after "
          + "fitting. The eigen-images are the principal axes drawn as images; for pixel "
          + "attributes.",
      commandLineParamName = "eigen-images", commandLineParamSynopsis = "-eigen-images <file.png>",
      displayOrder = 12)
  public File getEigenImagesFile() {
    return m_EigenImagesFile;
  }

  public void setEigenImagesFile(File value) {
    m_EigenImagesFile = value;
  }

  @OptionMetadata(displayName = "imageWidth",
      description = "Pixels per image row for the eigen-images (0: square images; >= 0).",
      commandLineParamName = "image-width", commandLineParamSynopsis = "-image-width <int>",
      displayOrder = 13)
  public int getImageWidth() {
    return m_ImageWidth;
  }

  public void setImageWidth(int value) {
    m_ImageWidth = OptionChecks.atLeast("PCA", "image-width", value, 0);
  }

  @OptionMetadata(displayName = "eigenImageCount",
      description = "How many eigen-images to draw (>= 0).",
      commandLineParamName = "eigen-image-count", commandLineParamSynopsis = "-eigen-image-count <int>",
      displayOrder = 14)
  public int getEigenImageCount() {
    return m_EigenImageCount;
  }

  public void setEigenImageCount(int value) {
    m_EigenImageCount = OptionChecks.atLeast("PCA", "eigen-image-count", value, 0);
  }

  // ---------------------------------------------------------------- filtering

  @Override
  protected void forgetFit() {
    m_Encoder = null;
    m_Model = null;
  }

  /** The engine with this filter's options. */
  private PrincipalComponentAnalysis configured() {
    return new PrincipalComponentAnalysis()
        .standardise(!m_CenterData).varianceCovered(m_VarianceCovered)
        .maxComponents(m_MaximumAttributes).solver(SOLVERS[m_Solver]).seed(m_Seed)
        .powerIterations(m_PowerIterations).whiten(m_Whiten).threads(m_NumThreads);
  }

  /**
   * Also starts loading OpenBLAS in the background (once per JVM): in a fresh JVM it then loads
   * while Weka hands over the first batch and the encoder reads it, instead of after.
   */
  @Override
  public boolean setInputFormat(Instances instanceInfo) throws Exception {
    configured().startLoadingNatives();
    return super.setInputFormat(instanceInfo);
  }

  /** Fits the components on the first batch and returns the output header. */
  @Override
  protected Instances determineOutputFormat(Instances data) throws Exception {
    if (m_Model == null) { // set by setFittedModel, else forgotten by every setInputFormat
      fit(data);
    }
    return outputHeader(data);
  }

  /**
   * Takes components fitted elsewhere (the Spark PCA job's distributed covariance) as the fit of
   * this filter's first batch: later batches are transformed with them, and the filter serializes
   * like one fitted here. The options (-C, -R, -M, -whiten, -reconstruct, ...) must be those the
   * model was fitted with.
   *
   * @param header the training attributes (its instances are not read)
   * @param encoder their raw encoding ({@link InstancesEncoder#fromStatistics})
   * @param model the components of the encoded columns
   */
  public void setFittedModel(Instances header, InstancesEncoder encoder, PcaModel model)
      throws Exception {
    if (model.numColumns() != encoder.numColumns()) {
      throw new WekaException("The model has " + model.numColumns() + " columns; the header "
          + "encodes to " + encoder.numColumns());
    }
    setInputFormat(new Instances(header, 0));
    m_Encoder = encoder;
    m_Model = model;
    batchFinished();
  }

  private void fit(Instances data) throws Exception {
    if (!(m_VarianceCovered > 0 && m_VarianceCovered <= 1)) {
      throw new WekaException("varianceCovered (-R) must be in (0, 1], not " + m_VarianceCovered);
    }
    if (data.numInstances() == 0) {
      throw new WekaException("PCA is fitted on the first batch of data, which is empty: give it "
          + "at least one instance.");
    }
    InstancesEncoder encoder = InstancesEncoder.fit(data, false, true);
    if (encoder.numColumns() == 0) {
      throw new WekaException("PCA needs at least one attribute besides the class.");
    }
    PrincipalComponentAnalysis pca = configured();
    int n = data.numInstances();
    int d = encoder.numColumns();
    try {
      MemoryBudget.require("PCA", "fitting", pca.memory(n, d), "n = " + n + ", d = " + d
          + " columns, -solver " + pca.solverFor(n, d).name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', '-') + ", -M " + m_MaximumAttributes,
          "-M (with -solver randomized) or the number of attributes");
    } catch (MemoryRefusedException e) {
      throw new WekaException(e.getMessage());
    }
    EncodedRows rows = new EncodedRows(encoder, data);
    double[] weights = InstancesEncoder.weights(data);
    PcaModel model;
    try {
      model = pca.fit(rows, weights, encoder.columnMeans());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new WekaException("PCA could not be fitted: " + e.getMessage(), e);
    }
    m_Encoder = encoder;
    m_Model = model;
    // a cross-validation fold (FilteredClassifier) leaves the picture of the whole first batch
    if (m_EigenImagesFile != null && !m_EigenImagesFile.getPath().isEmpty()
        && !m_EigenImagesFile.isDirectory()
        && ModelPictures.claim(m_EigenImagesFile, ModelPictures.training(data))) {
      writeEigenImages(m_EigenImagesFile);
    }
    if (getDebug()) {
      System.err.println(this);
    }
  }

  private Instances outputHeader(Instances data) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    Set<String> used = new HashSet<>();
    if (m_Reconstruct) {
      for (int j = 0; j < m_Encoder.numColumns(); j++) {
        attributes.add(new Attribute(unique(m_Encoder.columnName(j), used)));
      }
    } else {
      for (int i = 0; i < m_Model.numComponents(); i++) {
        attributes.add(new Attribute(unique(componentName(i), used)));
      }
    }
    if (m_ReconstructionError) {
      attributes.add(new Attribute(unique(ERROR_ATTRIBUTE, used)));
    }
    if (data.classIndex() >= 0) {
      Attribute classAttribute = data.classAttribute().copy(unique(data.classAttribute().name(),
          used));
      attributes.add(classAttribute);
    }
    String suffix = m_Reconstruct ? "_reconstructed" : "_principal components";
    Instances header = new Instances(data.relationName() + suffix, attributes, 0);
    if (data.classIndex() >= 0) {
      header.setClassIndex(header.numAttributes() - 1);
    }
    return header;
  }

  private static String unique(String name, Set<String> used) {
    String candidate = name;
    for (int copy = 2; !used.add(candidate); copy++) {
      candidate = name + "_" + copy;
    }
    return candidate;
  }

  /** Weka's PrincipalComponents naming: the largest loadings, e.g. "0.522x+0.372y-0.721z...". */
  private String componentName(int component) {
    double[] axis = m_Model.axis(component);
    Integer[] order = byMagnitude(axis);
    int shown = m_MaximumAttributeNames > 0 ? Math.min(axis.length, m_MaximumAttributeNames)
        : axis.length;
    StringBuilder name = new StringBuilder();
    for (int r = 0; r < shown; r++) {
      double loading = axis[order[r]];
      if (r > 0 && loading >= 0) {
        name.append('+');
      }
      name.append(Utils.doubleToString(loading, 5, 3).trim()).append(m_Encoder.columnName(order[r]));
    }
    if (shown < axis.length) {
      name.append("...");
    }
    return name.toString();
  }

  @Override
  protected Instances process(Instances batch) throws Exception {
    if (m_Model == null) {
      throw new IllegalStateException("PCA has not been fitted: set the input format and finish "
          + "the first batch.");
    }
    Instances output = new Instances(getOutputFormat(), batch.numInstances());
    boolean hasClass = batch.classIndex() >= 0;
    EncodedRows rows = new EncodedRows(m_Encoder, batch);
    double[][] values;
    try {
      values = m_Model.transform(rows, m_Reconstruct ? PcaModel.Output.RECONSTRUCTION
          : PcaModel.Output.SCORES, m_ReconstructionError, hasClass ? 1 : 0, m_NumThreads);
    } catch (IllegalArgumentException e) {
      throw new WekaException(e.getMessage(), e);
    }
    for (int i = 0; i < values.length; i++) {
      Instance instance = batch.instance(i);
      double[] row = values[i];
      if (hasClass) {
        row[row.length - 1] = instance.classValue();
      }
      output.add(new DenseInstance(instance.weight(), row));
    }
    return output;
  }

  // ---------------------------------------------------------------- summary and pictures

  /** The fitted model (null before the first batch). */
  public PcaModel getModel() {
    return m_Model;
  }

  /**
   * Writes a PNG of the training mean (grey levels) followed by the leading eigen-images (the
   * principal axes as images, blue negative, red positive), the course's eigenfaces figure.
   */
  public void writeEigenImages(File file) throws WekaException {
    if (m_Model == null) {
      throw new WekaException("PCA has not been fitted yet.");
    }
    int d = m_Encoder.numColumns();
    int width = m_ImageWidth > 0 ? m_ImageWidth : (int) Math.round(Math.sqrt(d));
    if (width * (d / width) != d) {
      throw new WekaException("Cannot draw " + d + " attributes as " + (m_ImageWidth > 0
          ? "images " + width + " pixels wide" : "square images")
          + ": set imageWidth (-image-width) to the number of pixels per image row.");
    }
    ImageGrid grid = new ImageGrid(width, d / width);
    grid.add(m_Model.mean(), "mean", ImageGrid.Style.GRAY);
    int count = Math.min(Math.max(0, m_EigenImageCount), m_Model.numComponents());
    for (int i = 0; i < count; i++) {
      grid.add(m_Model.axis(i), String.format(Locale.ROOT, "PC%d %.1f%%", i + 1,
          100 * m_Model.explainedVarianceRatio(i)), ImageGrid.Style.DIVERGING);
    }
    try {
      grid.write(file, Math.min(9, count + 1));
    } catch (IOException e) {
      throw new WekaException("Could not write the eigen-images to " + file + ": " + e.getMessage(),
          e);
    }
  }

  /** Eigenvalues, explained variance and top loadings per kept component. */
  @Override
  public String toString() {
    if (m_Model == null) {
      return "PCA: not fitted yet.";
    }
    PcaModel model = m_Model;
    StringBuilder text = new StringBuilder();
    text.append("Principal components analysis\n=============================\n\n");
    text.append(String.format(Locale.ROOT, "Fitted on %d instances, %d columns%s; %s matrix.%n",
        model.trainingRows(), model.numColumns(),
        m_Encoder.numColumns() > m_Encoder.header().numAttributes() - 1
            ? " (nominal attributes one-hot)" : "",
        m_CenterData ? "covariance (centred)" : "correlation (standardised)"));
    text.append("Solver: ").append(model.solver().name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .append(m_Solver == 0 ? " (chosen automatically)" : "").append('\n');
    text.append(String.format(Locale.ROOT, "Components kept: %d (variance covered >= %s%s)%s%n%n",
        model.numComponents(), Utils.doubleToString(m_VarianceCovered, 4),
        m_MaximumAttributes > 0 ? ", at most " + m_MaximumAttributes : "",
        model.whitens() ? ", whitened" : ""));
    text.append(String.format(Locale.ROOT, "%-9s %14s %10s %10s  %s%n", "Component", "Eigenvalue",
        "Proportion", "Cumulative", "Largest loadings"));
    double cumulative = 0;
    for (int i = 0; i < model.numComponents(); i++) {
      double ratio = model.explainedVarianceRatio(i);
      cumulative += ratio;
      text.append(String.format(Locale.ROOT, "%-9s %14.6g %10.4f %10.4f  %s%n", "PC" + (i + 1),
          model.eigenvalues()[i], ratio, cumulative, topLoadings(model.axis(i), 5)));
    }
    text.append(String.format(Locale.ROOT, "%nTotal variance (trace of the %s matrix): %.6g%n",
        m_CenterData ? "covariance" : "correlation", model.totalVariance()));
    text.append(String.format(Locale.ROOT, "Discarded variance (sum of the eigenvalues not kept): "
        + "%.6g%n", model.discardedVariance()));
    text.append("The training instances' squared reconstruction errors, weighted and divided by "
        + "(sum of weights - 1), add up to the discarded variance (Eq. 5.11).\n");
    return text.toString();
  }

  private String topLoadings(double[] axis, int count) {
    Integer[] order = byMagnitude(axis);
    List<String> parts = new ArrayList<>();
    for (int r = 0; r < Math.min(count, axis.length); r++) {
      parts.add(String.format(Locale.ROOT, "%+.3f %s", axis[order[r]],
          m_Encoder.columnName(order[r])));
    }
    return String.join(", ", parts);
  }

  /** The attribute indices of an axis, by decreasing magnitude of their loading. */
  private static Integer[] byMagnitude(double[] axis) {
    Integer[] order = new Integer[axis.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(axis[b]), Math.abs(axis[a])));
    return order;
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  public static void main(String[] args) {
    runFilter(new PCA(), args);
  }
}
