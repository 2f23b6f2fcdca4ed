package weka.classifiers.functions;

import fundamentos.weka.EarlierModelFile;
import fundamentos.weka.InstancesEncoder;
import fundamentos.weka.OptionChecks;
import fundamentos.weka.SchemeCapabilities;
import fundamentos.weka.StrictOptions;
import java.io.ObjectStreamException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import weka.classifiers.RandomizableClassifier;
import weka.classifiers.functions.optimizers.Optimizer;
import weka.core.Capabilities.Capability;
import weka.core.Capabilities;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.TechnicalInformationHandler;
import weka.core.WeightedInstancesHandler;
import weka.core.WekaException;

/**
 * What the package's two linear classifiers trained by gradient steps ({@link Perceptron},
 * {@link SoftmaxRegression}) share on the Weka side, as {@link NetworkClassifier} is for CNN and
 * Transformer: the optimizer, epochs and mini-batch options, strict option parsing, the
 * capabilities, the preparation of the training data (missing classes dropped, weights checked,
 * inputs standardised and one-hot encoded) and the weights in the attributes' original units. The
 * type parameter is the optimizer type the scheme's {@code optimizer} property takes, so each
 * scheme's GenericObjectEditor offers its own choice (bean introspection resolves it per class).
 *
 * @param <O> the optimizers the scheme accepts
 */
public abstract class LinearGradientClassifier<O extends Optimizer> extends RandomizableClassifier
    implements WeightedInstancesHandler, TechnicalInformationHandler {

  private static final long serialVersionUID = 1L;

  /**
   * Called by Java serialization when a file written before this class existed is read: its
   * fields would stay null, so the file is refused with a message instead of failing later.
   */
  private void readObjectNoData() throws ObjectStreamException {
    throw EarlierModelFile.refused(getClass().getSimpleName() + " model");
  }

  protected O m_Optimizer;
  /** The number of epochs: its option is each scheme's own, as its meaning differs a little. */
  protected int m_NumEpochs;
  protected int m_MiniBatchSize = 32;

  /** The fitted encoding of the inputs (standardised numeric, one-hot nominal). */
  protected InstancesEncoder m_Encoder;
  protected List<Double> m_LossCurve = new ArrayList<>();
  protected int m_NumTrainingInstances;

  protected LinearGradientClassifier(O optimizer, int numEpochs) {
    m_Optimizer = optimizer;
    m_NumEpochs = numEpochs;
    setSeed(1);
  }

  /** The class type the scheme predicts (binary or nominal). */
  protected abstract Capability classCapability();

  // ---------------------------------------------------------------- options

  /**
   * Refuses an unparsable, unknown or out-of-range option value with a message naming it, before
   * Weka's parser (which would print the error and keep the default) sees the rest.
   */
  @Override
  public void setOptions(String[] options) throws Exception {
    StrictOptions.setClassifierOptions(options, this, () -> super.setOptions(options));
  }

  @OptionMetadata(displayName = "optimizer",
      description = "The update rule: SGD, Momentum, Nesterov, AdaGrad, RMSProp or Adam. "
          + "SoftmaxRegression also takes LBFGS, full-batch L-BFGS with its settings (auto L-BFGS on "
          + "small data uses LBFGS's defaults). The default is SGD.",
      commandLineParamName = "optimizer",
      commandLineParamSynopsis = "-optimizer <class name and options>", displayOrder = 1)
  public O getOptimizer() {
    return m_Optimizer;
  }

  public void setOptimizer(O optimizer) {
    m_Optimizer = optimizer;
  }

  @OptionMetadata(displayName = "miniBatchSize",
      description = "The number of training instances per gradient step; at least 1. 1 is the "
          + "stochastic form, one step per instance (in SoftmaxRegression, of the mini-batch solver).",
      commandLineParamName = "mini-batch", commandLineParamSynopsis = "-mini-batch <int>",
      displayOrder = 4)
  public int getMiniBatchSize() {
    return m_MiniBatchSize;
  }

  public void setMiniBatchSize(int miniBatchSize) {
    m_MiniBatchSize = OptionChecks.atLeast(getClass().getSimpleName(), "mini-batch", miniBatchSize, 1);
  }

  // ----------------------------------------------------------- capabilities

  @Override
  public Capabilities getCapabilities() {
    Capabilities result = SchemeCapabilities.only(super.getCapabilities(),
        Capability.NOMINAL_ATTRIBUTES, Capability.NUMERIC_ATTRIBUTES, Capability.MISSING_VALUES,
        classCapability(), Capability.MISSING_CLASS_VALUES);
    result.setMinimumNumberInstances(1);
    return result;
  }

  // --------------------------------------------------------------- training

  /**
   * The training data as both schemes fit it (after the capabilities test): a copy without the
   * instances whose class is missing (at least one left, with a positive weight sum); fits
   * {@link #m_Encoder} and counts {@link #m_NumTrainingInstances} on it.
   */
  protected Instances trainingData(Instances data) throws Exception {
    String scheme = getClass().getSimpleName();
    data = new Instances(data);
    data.deleteWithMissingClass();
    if (data.numInstances() == 0) {
      throw new WekaException(scheme + ": no training instances with a class value; cannot train.");
    }
    if (!(data.sumOfWeights() > 0)) {
      throw new WekaException(scheme + ": the instance weights sum to " + data.sumOfWeights()
          + "; at least one training instance needs a positive weight.");
    }
    m_Encoder = InstancesEncoder.fit(data, true);
    m_NumTrainingInstances = data.numInstances();
    return data;
  }

  // ------------------------------------------------------ model description

  /** One weight of the fitted model: encoded column {@code j} (d is the bias), output {@code c}. */
  protected interface Weights {
    double get(int j, int c);
  }

  /**
   * The weights of {@code k} outputs in the attributes' original units, [w_1 .. w_d, b] per output:
   * w.x + b is the output's pre-activation for an unstandardised instance.
   */
  protected double[][] originalUnits(Weights standardised, int k) {
    int d = m_Encoder.numColumns();
    double[][] result = new double[d + 1][k];
    for (int c = 0; c < k; c++) {
      double bias = standardised.get(d, c);
      for (int j = 0; j < d; j++) {
        // w (x - m) / s + b = (w / s) x + (b - w m / s)
        double w = standardised.get(j, c) / m_Encoder.scale(j);
        result[j][c] = w;
        bias -= w * m_Encoder.centre(j);
      }
      result[d][c] = bias;
    }
    return result;
  }

  /** The width of the column of encoded attribute names, at least that of {@code header}. */
  protected int nameWidth(String header) {
    int width = header.length();
    for (int j = 0; j < m_Encoder.numColumns(); j++) {
      width = Math.max(width, m_Encoder.columnName(j).length());
    }
    return width;
  }

  /** The training loss after each epoch (each L-BFGS iteration). */
  public List<Double> getLossCurve() {
    return Collections.unmodifiableList(m_LossCurve);
  }

  @Override
  public String getRevision() {
    return "fundamentos 0.1.0";
  }
}
