package weka.classifiers.functions;

import fundamentos.deep.LayerSpec;
import fundamentos.deep.Network;
import fundamentos.weka.SchemeCapabilities;
import java.util.ArrayList;
import java.util.List;
import weka.classifiers.IterativeClassifier;
import weka.classifiers.functions.layers.ActivationLayer;
import weka.classifiers.functions.layers.BatchNormLayer;
import weka.classifiers.functions.layers.ConvolutionLayer;
import weka.classifiers.functions.layers.DenseLayer;
import weka.classifiers.functions.layers.GlobalPoolingLayer;
import weka.classifiers.functions.layers.NetworkLayer;
import weka.classifiers.functions.layers.PoolingLayer;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;

/**
 * A convolutional network (or, with dense layers only, a multilayer perceptron) on DeepLearning4j.
 * A thin Weka adapter: the layers option and the capabilities live here; training, input
 * conversion, prediction and saving are shared with the Transformer ({@link NetworkClassifier}).
 */
public class CNN extends NetworkClassifier {

  private static final long serialVersionUID = 1L;

  public static final int LOSS_CROSS_ENTROPY = 0;
  public static final int LOSS_MSE = 1;
  public static final Tag[] TAGS_LOSS = {new Tag(LOSS_CROSS_ENTROPY, "cross-entropy"),
      new Tag(LOSS_MSE, "mse")};

  private NetworkLayer[] m_Layers = defaultLayers();
  /** The loss on the softmax output; models saved before this option read 0, cross-entropy. */
  private int m_Loss = LOSS_CROSS_ENTROPY;

  public CNN() {
  }

  /**
   * The course's simple convnet (section 3.5): three blocks conv 3x3 - batch norm - ReLU - max pool
   * 3x3/2 with 32, 64 and 128 filters, then dense 256 - batch norm - ReLU; the softmax output layer
   * is always added.
   */
  public static NetworkLayer[] defaultLayers() {
    List<NetworkLayer> layers = new ArrayList<>();
    for (int filters : new int[] {32, 64, 128}) {
      ConvolutionLayer conv = new ConvolutionLayer();
      conv.setFilters(filters);
      conv.setActivation(new SelectedTag(0, NetworkLayer.ACTIVATIONS));
      layers.add(conv);
      layers.add(new BatchNormLayer());
      layers.add(new ActivationLayer());
      PoolingLayer pool = new PoolingLayer();
      pool.setKernelSize(3);
      pool.setStride(2);
      layers.add(pool);
    }
    DenseLayer dense = new DenseLayer();
    dense.setUnits(256);
    dense.setActivation(new SelectedTag(0, NetworkLayer.ACTIVATIONS));
    layers.add(dense);
    layers.add(new BatchNormLayer());
    layers.add(new ActivationLayer());
    return layers.toArray(new NetworkLayer[0]);
  }

  public String globalInfo() {
    return "A convolutional neural network or multilayer perceptron on DeepLearning4j, built from "
        + "a list of layers. "
        + "It follows the course's section 3.5. The architecture "
        + "is a list of layers (convolution, pooling, batch and layer normalisation, dropout, dense, "
        + "global pooling, activation) followed by a softmax output layer; the default is the "
        + "course's simple convnet (conv 3x3x32 - BN - ReLU - maxpool 3x3/2, the same with 64 and 128 "
        + "filters, dense 256 - BN - ReLU). With dense layers only it is the course's multilayer "
        + "perceptron and works on any numeric and nominal data (standardised, one-hot encoded).\n\n"
        + "Images come from numeric pixel attributes (height x width x channels, planar or "
        + "interleaved; a square grey image is inferred) or from a string attribute of image file "
        + "names (ImageDirectoryLoader, IDXLoader) read from the image directory and resized to the "
        + "given height and width. Pixel values are standardised per channel with the training "
        + "images' mean and deviation.\n\n"
        + "Training: mini-batch gradient steps with the optimizers shared with SoftmaxRegression, a "
        + "learning-rate schedule, weight decay, optional random shifts and flips, early stopping on "
        + "a stratified validation split that restores the best weights; one epoch per iteration "
        + "(IterativeClassifier); instance weights scale each example's loss. Progress (epoch, loss, "
        + "accuracy, time) goes to the Explorer's log and status line or to standard error.\n\n"
        + "For more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(Type.ARTICLE);
    result.setValue(Field.AUTHOR, "Yann LeCun and Leon Bottou and Yoshua Bengio and Patrick Haffner");
    result.setValue(Field.TITLE, "Gradient-based learning applied to document recognition");
    result.setValue(Field.JOURNAL, "Proceedings of the IEEE");
    result.setValue(Field.VOLUME, "86");
    result.setValue(Field.NUMBER, "11");
    result.setValue(Field.PAGES, "2278-2324");
    result.setValue(Field.YEAR, "1998");
    TechnicalInformation bn = result.add(Type.INPROCEEDINGS);
    bn.setValue(Field.AUTHOR, "Sergey Ioffe and Christian Szegedy");
    bn.setValue(Field.TITLE, "Batch Normalization: Accelerating Deep Network Training by Reducing "
        + "Internal Covariate Shift");
    bn.setValue(Field.BOOKTITLE, "Proceedings of the 32nd International Conference on Machine Learning");
    bn.setValue(Field.YEAR, "2015");
    return result;
  }

  // ---------------------------------------------------------------- options

  @OptionMetadata(displayName = "layers", description = "The hidden layers in order; the softmax "
      + "output layer over the classes is added after them.", commandLineParamName = "layer",
      commandLineParamSynopsis = "-layer <layer class and options> (repeat for each layer)",
      displayOrder = 1)
  public NetworkLayer[] getLayers() {
    return m_Layers;
  }

  public void setLayers(NetworkLayer[] layers) {
    m_Layers = layers == null ? new NetworkLayer[0] : layers;
  }

  @OptionMetadata(displayName = "loss",
      description = "The loss on the softmax output: cross-entropy (the default) or mse. mse is "
          + "(1/2) sum_k (p_k - y_k)^2 against the one-hot class, the course's section 3.3.1.",
      commandLineParamName = "loss", commandLineParamSynopsis = "-loss <cross-entropy|mse>",
      displayOrder = 2, category = TRAINING)
  public SelectedTag getLoss() {
    return new SelectedTag(m_Loss, TAGS_LOSS);
  }

  public void setLoss(SelectedTag loss) {
    if (loss.getTags() == TAGS_LOSS) {
      m_Loss = loss.getSelectedTag().getID();
    }
  }

  @Override
  protected Network.OutputLoss outputLoss() {
    return m_Loss == LOSS_MSE ? Network.OutputLoss.SQUARED_ERROR : Network.OutputLoss.CROSS_ENTROPY;
  }

  /** Whether the architecture needs images (any convolution or pooling layer). */
  private boolean spatialArchitecture() {
    for (NetworkLayer layer : m_Layers) {
      if (layer instanceof ConvolutionLayer || layer instanceof PoolingLayer
          || layer instanceof GlobalPoolingLayer) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Capabilities getCapabilities() {
    Capabilities result = SchemeCapabilities.only(super.getCapabilities(),
        Capability.NUMERIC_ATTRIBUTES, Capability.MISSING_VALUES, Capability.NOMINAL_CLASS,
        Capability.MISSING_CLASS_VALUES);
    if (!spatialArchitecture()) {
      // the MLP encodes any tabular data
      result.enable(Capability.NOMINAL_ATTRIBUTES);
      result.enable(Capability.DATE_ATTRIBUTES);
    }
    result.setMinimumNumberInstances(1);
    return result;
  }

  @Override
  protected String schemeName() {
    return "CNN";
  }

  @Override
  protected String title() {
    return "Convolutional network (DeepLearning4j)";
  }

  @Override
  protected Input chooseInput(Instances data) {
    if (isImageFileData(data)) {
      return Input.FILES;
    }
    return spatialArchitecture() ? Input.PIXELS : Input.TABULAR;
  }

  @Override
  protected String memoryOptions() {
    return "-mini-batch or the layers' filters, kernels and widths (-layer)";
  }

  @Override
  protected List<LayerSpec> architecture(Instances data) {
    List<LayerSpec> specs = new ArrayList<>();
    for (NetworkLayer layer : m_Layers) {
      specs.add(layer.toSpec());
    }
    return specs;
  }

  @Override
  protected boolean convolutional() {
    return java.util.Arrays.stream(m_Layers).anyMatch(layer -> layer instanceof ConvolutionLayer);
  }

  public static void main(String[] args) {
    runClassifier(new CNN(), args);
  }
}
