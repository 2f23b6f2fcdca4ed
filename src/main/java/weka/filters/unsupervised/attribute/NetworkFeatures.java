package weka.filters.unsupervised.attribute;

import fundamentos.deep.Network;
import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryRefusedException;
import fundamentos.weka.EmbeddingInstances;
import fundamentos.weka.FirstBatchFilter;
import fundamentos.weka.OptionChecks;
import fundamentos.weka.TrainingHeader;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import weka.classifiers.Classifier;
import weka.classifiers.functions.CNN;
import weka.classifiers.functions.NetworkClassifier;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.RevisionUtils;
import weka.core.SerializationHelper;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.WeightedInstancesHandler;
import weka.core.WekaException;

/**
 * The activations of a hidden layer of a trained CNN or Transformer as attributes: learned
 * features for any other scheme (course section 4.3.3). A thin Weka adapter: the network's own
 * conversion of instances ({@link NetworkClassifier#layerActivations}) and the engine
 * {@code fundamentos.deep.LayerActivations} do the work; here live the options, the reading of the
 * saved model, the comparison of headers and the output format.
 */
public class NetworkFeatures extends FirstBatchFilter implements TechnicalInformationHandler,
    WeightedInstancesHandler {

  private static final long serialVersionUID = 1L;

  /** The output's feature attributes are feature1, feature2, ... */
  private static final String PREFIX = "feature";

  private File m_ModelFile = new File("");
  private Classifier m_Classifier = new CNN();
  private int m_Layer = 0;

  /** The trained network in use (read from the file or the classifier option), null before. */
  private NetworkClassifier m_Model;
  /** Where it came from, for the summary. */
  private String m_Source;
  /** The hidden layer read, 0-based. */
  private int m_LayerIndex;

  public String globalInfo() {
    return "Replaces the input with the activations of a hidden layer of a trained CNN or "
        + "Transformer.\n\n"
        + "These activations are the network's learned features. "
        + "The course's section 4.3.3: a network trained on one task describes each instance by "
        + "the outputs of one of its layers, and another scheme (IBk, SoftmaxRegression, a "
        + "clusterer) works on that description, for example classes the network never saw. The "
        + "default layer is the last hidden one (the course's convnet: the 256 units of its dense "
        + "layer after batch norm and ReLU; the Transformer: the pooled token, CLS or mean, that "
        + "its softmax layer reads).\n\n"
        + "The network comes from a model file written by a CNN or Transformer with -d on the "
        + "command line or the Explorer's \"Save model\" (a .gz name is read gzipped), or, with no "
        + "file, from the classifier option holding a trained network (Java code). Nothing is "
        + "fitted: the network is used as it was trained, in inference mode (no dropout, batch "
        + "norm's running statistics). The input must have the network's training attributes, in "
        + "the same order; only the class may differ (other classes, other labels). The input is "
        + "converted as the network converts it (pixels standardised with the training images' "
        + "statistics, image files read, words looked up). The class attribute is passed through; "
        + "the output has one numeric attribute per activation, flattened channels first for "
        + "image-shaped layers; instance weights are passed through.\n\n"
        + "For more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(Type.INPROCEEDINGS);
    result.setValue(Field.AUTHOR, "Jason Yosinski and Jeff Clune and Yoshua Bengio and Hod Lipson");
    result.setValue(Field.TITLE, "How transferable are features in deep neural networks?");
    result.setValue(Field.BOOKTITLE, "Advances in Neural Information Processing Systems 27");
    result.setValue(Field.YEAR, "2014");
    result.setValue(Field.PAGES, "3320-3328");
    return result;
  }

  // ---------------------------------------------------------------- options

  @OptionMetadata(displayName = "modelFile",
      description = "A trained CNN or Transformer saved with -d or the Explorer's Save model. When "
          + "set it is used; otherwise the classifier option.",
      commandLineParamName = "model", commandLineParamSynopsis = "-model <file>", displayOrder = 1)
  public File getModelFile() {
    return m_ModelFile;
  }

  public void setModelFile(File file) {
    m_ModelFile = file == null ? new File("") : file;
  }

  @OptionMetadata(displayName = "classifier",
      description = "A trained CNN or Transformer, used when no model file is set. Only a network "
          + "trained in Java code has weights; one configured here must be trained first.",
      commandLineParamName = "W", commandLineParamSynopsis = "-W <classifier and options>",
      displayOrder = 2)
  public Classifier getClassifier() {
    return m_Classifier;
  }

  public void setClassifier(Classifier classifier) {
    m_Classifier = classifier;
  }

  @OptionMetadata(displayName = "layer",
      description = "The hidden layer whose activations become the features. Counted as the "
          + "network's layer table lists them, from 1; 0 is the last hidden layer.",
      commandLineParamName = "layer", commandLineParamSynopsis = "-layer <int>", displayOrder = 3)
  public int getLayer() {
    return m_Layer;
  }

  public void setLayer(int layer) {
    m_Layer = OptionChecks.atLeast("NetworkFeatures", "layer", layer, 0);
  }

  /** With a model file the classifier option is not used, and is left out. */
  @Override
  public String[] getOptions() {
    String[] options = super.getOptions();
    if (m_ModelFile.getPath().isEmpty()) {
      return options;
    }
    List<String> kept = new java.util.ArrayList<>();
    for (int i = 0; i < options.length; i++) {
      if (options[i].equals("-W") && i + 1 < options.length) {
        i++;
      } else {
        kept.add(options[i]);
      }
    }
    return kept.toArray(new String[0]);
  }

  // ---------------------------------------------------------------- filtering

  /** Any input a network converts: its own conversion refuses what it was not trained on. */
  @Override
  public Capabilities getCapabilities() {
    Capabilities result = super.getCapabilities();
    result.enable(Capability.STRING_ATTRIBUTES);
    result.enable(Capability.RELATIONAL_ATTRIBUTES);
    return result;
  }

  @Override
  protected void forgetFit() {
    m_Model = null;
  }

  /** The output format needs only the network and the header. */
  @Override
  protected boolean hasImmediateOutputFormat() {
    return true;
  }

  @Override
  protected Instances determineOutputFormat(Instances data) throws Exception {
    m_Model = model();
    Instances training = m_Model.trainingHeader();
    TrainingHeader.check("NetworkFeatures", training, data);
    List<Network.LayerSummary> layers = m_Model.layerSummary();
    int hidden = m_Model.numHiddenLayers();
    if (hidden == 0) {
      throw new WekaException("NetworkFeatures: the " + name(m_Model) + " has no hidden layer "
          + "(its training data had no input attribute), so it has no features.");
    }
    if (m_Layer > hidden) {
      throw new WekaException("NetworkFeatures: the " + name(m_Model) + " has hidden layers 1 to "
          + hidden + " (its layer table: " + describe(layers, hidden) + "), not " + m_Layer + ".");
    }
    m_LayerIndex = m_Layer == 0 ? hidden - 1 : m_Layer - 1;
    long width = layers.get(m_LayerIndex).output().size();
    if (width > Integer.MAX_VALUE - 1) {
      throw new WekaException("NetworkFeatures: layer " + (m_LayerIndex + 1) + " has " + width
          + " activations, too many attributes; choose a later layer.");
    }
    Instances withClass = new Instances(data, 0);
    withClass.setClassIndex(training.classIndex());
    return EmbeddingInstances.header(withClass, PREFIX, (int) width, "_NetworkFeatures");
  }

  @Override
  protected Instances process(Instances batch) throws Exception {
    if (m_Model == null) {
      throw new IllegalStateException("NetworkFeatures: set the input format first.");
    }
    Instances format = getOutputFormat();
    int width = format.numAttributes() - 1;
    int n = batch.numInstances();
    Instances training = m_Model.trainingHeader();
    try {
      // the input copy, the features as floats, then as doubles in the output instances
      MemoryBudget.require("NetworkFeatures", "the features", MemoryBudget.plus(
          MemoryBudget.times(n, batch.numAttributes(), Double.BYTES),
          MemoryBudget.times(n, width, Float.BYTES + 2 * Double.BYTES)), 0,
          "n = " + n + ", layer " + (m_LayerIndex + 1) + " of " + width + " activations",
          "the number of instances per batch, or choose a layer with fewer activations");
    } catch (MemoryRefusedException e) {
      throw new WekaException(e.getMessage());
    }
    float[][] features = m_Model.layerActivations(
        TrainingHeader.asTraining("NetworkFeatures", training, batch), m_LayerIndex);
    int c = training.classIndex();
    Instances output = new Instances(format, n);
    for (int i = 0; i < n; i++) {
      double[] row = new double[width + 1];
      for (int j = 0; j < width; j++) {
        if (!Float.isFinite(features[i][j])) {
          throw new WekaException("NetworkFeatures: instance " + (i + 1) + " of the batch gives "
              + "the activation " + features[i][j] + " (feature " + (j + 1) + "): its values are "
              + "beyond the 32-bit floats the network computes in, after the network's "
              + "standardisation with the training statistics. Give it data on the training "
              + "data's scale.");
        }
        row[j] = features[i][j];
      }
      row[width] = batch.instance(i).value(c);
      output.add(new DenseInstance(batch.instance(i).weight(), row));
    }
    return output;
  }

  /** The network: read from the model file when one is set, else the classifier option's. */
  private NetworkClassifier model() throws Exception {
    Object model;
    if (!m_ModelFile.getPath().isEmpty()) {
      model = read(m_ModelFile);
      m_Source = "model file " + m_ModelFile;
    } else {
      model = m_Classifier;
      m_Source = "the classifier option";
    }
    if (!(model instanceof NetworkClassifier network)) {
      String what = model == null ? "nothing" : "a " + model.getClass().getSimpleName() + " ("
          + model.getClass().getName() + ")";
      throw new WekaException("NetworkFeatures: the " + m_Source + " holds " + what + ", not a CNN "
          + "or Transformer; the features are the activations of a network's layer.");
    }
    if (!network.isTrained()) {
      throw new WekaException("NetworkFeatures: the " + name(network) + " of the " + m_Source
          + " is not trained. Train it and save it (-d <file> on the command line, or the "
          + "Explorer's Save model), then give the file as the model file.");
    }
    return network;
  }

  private static Object read(File file) throws WekaException {
    if (!file.isFile()) {
      throw new WekaException("NetworkFeatures: the model file " + file.getAbsolutePath()
          + " does not exist. Save a trained CNN or Transformer with -d <file> (command line) or "
          + "the Explorer's Save model.");
    }
    try (InputStream in = stream(file)) {
      return SerializationHelper.read(in);
    } catch (Exception e) {
      throw new WekaException("NetworkFeatures: cannot read " + file + " as a saved Weka model ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + "). Give a file written by a CNN or Transformer with -d or the Explorer's Save model.");
    }
  }

  private static InputStream stream(File file) throws java.io.IOException {
    InputStream in = new BufferedInputStream(new FileInputStream(file));
    return file.getName().toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(in) : in;
  }

  private static String name(NetworkClassifier model) {
    return model.getClass().getSimpleName();
  }

  private static String describe(List<Network.LayerSummary> layers, int hidden) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < hidden; i++) {
      text.append(i == 0 ? "" : ", ").append(i + 1).append(' ').append(layers.get(i).layer());
    }
    return text.toString();
  }

  // ---------------------------------------------------------------- summary

  @Override
  public String toString() {
    if (m_Model == null) {
      return "NetworkFeatures: no input format set yet.";
    }
    Network.LayerSummary layer = m_Model.layerSummary().get(m_LayerIndex);
    return String.format(Locale.ROOT, "NetworkFeatures%n===============%n%n%s from the %s%n"
        + "Layer %d of %d hidden layers: %s, output %s, %d features%n", name(m_Model), m_Source,
        m_LayerIndex + 1, m_Model.numHiddenLayers(), layer.layer(), layer.output(),
        layer.output().size());
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  public static void main(String[] args) {
    runFilter(new NetworkFeatures(), args);
  }
}
