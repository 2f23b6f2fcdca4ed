package weka.classifiers.functions;

import fundamentos.linear.PerceptronModel;
import fundamentos.linear.PerceptronTrainer;
import fundamentos.linear.SoftmaxTrainer;
import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryRefusedException;
import fundamentos.plot.ScatterPlot;
import fundamentos.weka.InstancesEncoder;
import fundamentos.weka.Interrupted;
import fundamentos.weka.ModelPictures;
import fundamentos.weka.OptionChecks;
import fundamentos.weka.OptionsRefusal;
import fundamentos.weka.TrainingOptions;
import java.io.File;
import java.util.ArrayList;
import java.util.Locale;
import weka.classifiers.functions.optimizers.SGD;
import weka.classifiers.functions.optimizers.StepRuleOptimizer;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.Utils;
import weka.core.WekaException;

/**
 * The course's perceptron (section 3.2, Algorithm 1): one neuron with a sigmoid output trained with
 * the MSE or the binary cross-entropy loss by the package's optimizers. A thin Weka adapter: options,
 * capabilities and the conversion of instances live here; the model, its losses and gradients are
 * {@link PerceptronModel}, the epochs {@link PerceptronTrainer} on the shared training loop.
 */
public class Perceptron extends LinearGradientClassifier<StepRuleOptimizer> {

  private static final long serialVersionUID = 1L;

  public static final int LOSS_MSE = 0;
  public static final int LOSS_BCE = 1;
  public static final Tag[] TAGS_LOSS = {new Tag(LOSS_MSE, "mse"), new Tag(LOSS_BCE, "bce")};
  private static final String[] LOSS_NAMES = {"mean squared error", "binary cross-entropy"};

  private int m_Loss = LOSS_BCE;
  private File m_DecisionLineFile = new File("");

  /** The fitted neuron's weights (the encoding of the inputs is the base class's). */
  private PerceptronModel m_Model;

  public Perceptron() {
    super(defaultOptimizer(), 200);
  }

  @Override
  protected Capability classCapability() {
    return Capability.BINARY_CLASS;
  }

  /** SGD with a step of 0.5: on standardised inputs it learns AND and OR within a few dozen epochs. */
  private static SGD defaultOptimizer() {
    SGD sgd = new SGD();
    sgd.setLearningRate(0.5);
    return sgd;
  }

  public String globalInfo() {
    return "The perceptron of the course's Algorithm 1: one neuron with a sigmoid output for two "
        + "classes. "
        + "It computes y^ = sigma(w.x + b), the probability of the class's second value, and is "
        + "trained for a number of epochs by mini-batch gradient steps of one of the package's "
        + "optimizers (SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam) on the mean squared error "
        + "(1/2)(y^ - y)^2 or the binary cross-entropy -[y log y^ + (1 - y) log(1 - y^)], with "
        + "instance weights. Its decision boundary w.x + b = 0 is a hyperplane: it learns AND and "
        + "OR but not XOR. Numeric attributes are standardised with training statistics, nominal "
        + "ones one-hot encoded, missing values replaced by training means (as SoftmaxRegression "
        + "does). For two numeric attributes, the decision line can be drawn as a PNG.\n\n"
        + "For more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(Type.ARTICLE);
    result.setValue(Field.AUTHOR, "Frank Rosenblatt");
    result.setValue(Field.TITLE, "The perceptron: a probabilistic model for information storage and "
        + "organization in the brain");
    result.setValue(Field.JOURNAL, "Psychological Review");
    result.setValue(Field.VOLUME, "65");
    result.setValue(Field.NUMBER, "6");
    result.setValue(Field.PAGES, "386-408");
    result.setValue(Field.YEAR, "1958");
    TechnicalInformation xor = result.add(Type.BOOK);
    xor.setValue(Field.AUTHOR, "Marvin Minsky and Seymour Papert");
    xor.setValue(Field.TITLE, "Perceptrons: An Introduction to Computational Geometry");
    xor.setValue(Field.PUBLISHER, "MIT Press");
    xor.setValue(Field.YEAR, "1969");
    return result;
  }

  // ---------------------------------------------------------------- options

  @OptionMetadata(displayName = "loss",
      description = "The loss per instance: bce (binary cross-entropy, the default) or mse. mse is "
          + "(1/2)(y^ - y)^2, whose gradient carries the factor y^ (1 - y^).",
      commandLineParamName = "loss", commandLineParamSynopsis = "-loss <mse|bce>", displayOrder = 0)
  public SelectedTag getLoss() {
    return new SelectedTag(m_Loss, TAGS_LOSS);
  }

  public void setLoss(SelectedTag loss) {
    if (loss.getTags() == TAGS_LOSS) {
      m_Loss = loss.getSelectedTag().getID();
    }
  }

  @OptionMetadata(displayName = "numEpochs",
      description = "The number of epochs (passes over the training data); at least 1. All of them "
          + "run, as in Algorithm 1.",
      commandLineParamName = "epochs", commandLineParamSynopsis = "-epochs <int>", displayOrder = 2)
  public int getNumEpochs() {
    return m_NumEpochs;
  }

  public void setNumEpochs(int numEpochs) {
    m_NumEpochs = OptionChecks.atLeast("Perceptron", "epochs", numEpochs, 1);
  }

  @OptionMetadata(displayName = "decisionLineFile",
      description = "If set, a PNG of the training instances and the decision line is written to "
          + "this file. The line is w.x + b = 0; it needs exactly two numeric attributes besides the "
          + "class.",
      commandLineParamName = "decision-line", commandLineParamSynopsis = "-decision-line <file.png>",
      displayOrder = 5)
  public File getDecisionLineFile() {
    return m_DecisionLineFile;
  }

  public void setDecisionLineFile(File file) {
    m_DecisionLineFile = file == null ? new File("") : file;
  }

  @Override
  public String seedTipText() {
    return "The seed of the random start of the weights and of the mini-batch order.";
  }

  // --------------------------------------------------------------- training

  @Override
  public void buildClassifier(Instances data) throws Exception {
    OptionsRefusal.check(this, "Perceptron");
    TrainingOptions.check("Perceptron", m_Optimizer, m_NumEpochs, m_MiniBatchSize, "the penalty", 0,
        0, 0.5);
    if (data.classIndex() >= 0 && (!data.classAttribute().isNominal()
        || data.classAttribute().numValues() != 2)) {
      throw new WekaException("Perceptron: the class '" + data.classAttribute().name() + "' is "
          + (data.classAttribute().isNominal() ? "nominal with " + data.classAttribute().numValues()
          + " values" : weka.core.Attribute.typeToString(data.classAttribute()))
          + "; a perceptron separates two classes and needs a nominal class with exactly two values. "
          + "Use SoftmaxRegression for more classes, or MakeIndicator to make a two-valued class.");
    }
    getCapabilities().testWithFail(data);
    boolean drawLine = !m_DecisionLineFile.getPath().isEmpty() && !m_DecisionLineFile.isDirectory();
    if (drawLine) {
      checkTwoNumericInputs(data);
    }
    ModelPictures.Training pictureData = drawLine ? ModelPictures.training(data) : null;
    data = trainingData(data);
    try {
      // the perceptron's mini-batch training holds what softmax regression's holds for one column
      MemoryBudget.require("Perceptron", "training", SoftmaxTrainer.memory(m_NumTrainingInstances,
          m_Encoder.numColumns(), 1, m_MiniBatchSize), "n = " + m_NumTrainingInstances + ", d = "
          + m_Encoder.numColumns() + " encoded columns, -mini-batch " + m_MiniBatchSize,
          "the number of attributes (nominal values become one column each) or instances");
    } catch (MemoryRefusedException e) {
      throw new WekaException(e.getMessage());
    }
    double[][] rows = m_Encoder.encode(data);
    int[] labels = InstancesEncoder.classIndices(data);
    double[] weights = InstancesEncoder.weights(data);
    PerceptronModel.Loss loss = m_Loss == LOSS_MSE ? PerceptronModel.Loss.MSE : PerceptronModel.Loss.BCE;
    m_Model = Interrupted.onNd4jThread("Perceptron", () -> {
      PerceptronTrainer trainer = new PerceptronTrainer(rows, m_Encoder.numColumns(), labels, weights,
          loss, m_Optimizer.newUpdateRule(), m_MiniBatchSize, getSeed());
      try {
        for (int e = 0; e < m_NumEpochs; e++) {
          trainer.runEpoch();
        }
      } catch (IllegalStateException diverged) {
        throw new WekaException("Perceptron: " + diverged.getMessage()
            + "; try a smaller learning rate.");
      }
      m_LossCurve = new ArrayList<>(trainer.lossCurve());
      return trainer.model();
    });
    if (drawLine && ModelPictures.claim(m_DecisionLineFile, pictureData)) {
      writeDecisionLine(data, m_DecisionLineFile);
    }
  }

  /** The decision line needs exactly two numeric inputs besides the class. */
  private static void checkTwoNumericInputs(Instances data) throws WekaException {
    int numeric = 0;
    int others = 0;
    for (int a = 0; a < data.numAttributes(); a++) {
      if (a != data.classIndex()) {
        if (data.attribute(a).isNumeric() && !data.attribute(a).isDate()) {
          numeric++;
        } else {
          others++;
        }
      }
    }
    if (numeric != 2 || others != 0) {
      throw new WekaException("Perceptron: -decision-line draws the line w1 x1 + w2 x2 + b = 0 and "
          + "needs exactly two numeric attributes besides the class; this data has " + numeric
          + " numeric and " + others + " other input attribute(s). Remove attributes (Remove filter) "
          + "or leave -decision-line empty.");
    }
  }

  // ------------------------------------------------------------- prediction

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    if (m_Model == null) {
      throw new WekaException("Perceptron: no model built yet.");
    }
    double p = m_Model.outputs(new double[][] {m_Encoder.encode(instance)})[0];
    return new double[] {1 - p, p};
  }

  // ------------------------------------------------------ model description

  /**
   * The weights and the bias in the attributes' original units, [w_1 .. w_d, b]: w.x + b is the
   * pre-activation z of an unstandardised instance.
   */
  public double[] coefficients() {
    double[][] units = originalUnits((j, c) -> m_Model.parameter(j), 1);
    double[] result = new double[units.length];
    for (int j = 0; j < units.length; j++) {
      result[j] = units[j][0];
    }
    return result;
  }

  /** Draws the training instances and the decision line w.x + b = 0 in original units. */
  public void writeDecisionLine(Instances data, File file) throws java.io.IOException {
    int[] columns = new int[2];
    int found = 0;
    for (int a = 0; a < data.numAttributes() && found < 2; a++) {
      if (a != data.classIndex()) {
        columns[found++] = a;
      }
    }
    int n = data.numInstances();
    double[] x = new double[n];
    double[] y = new double[n];
    int[] group = new int[n];
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      Instance row = data.instance(i);
      x[i] = row.isMissing(columns[0]) ? Double.NaN : row.value(columns[0]);
      y[i] = row.isMissing(columns[1]) ? Double.NaN : row.value(columns[1]);
      group[i] = (int) row.classValue();
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        xMin = Math.min(xMin, x[i]);
        xMax = Math.max(xMax, x[i]);
        yMin = Math.min(yMin, y[i]);
        yMax = Math.max(yMax, y[i]);
      }
    }
    String[] names = {data.classAttribute().value(0), data.classAttribute().value(1)};
    double[] c = coefficients();
    ScatterPlot plot = new ScatterPlot(String.format(Locale.ROOT,
        "Perceptron (%s): %.3g %s %s %.3g %s %s %.3g = 0", TAGS_LOSS[m_Loss].getReadable(), c[0],
        data.attribute(columns[0]).name(), c[1] < 0 ? "-" : "+", Math.abs(c[1]),
        data.attribute(columns[1]).name(), c[2] < 0 ? "-" : "+", Math.abs(c[2])),
        x, y, group, names).axisLabels(data.attribute(columns[0]).name(), data.attribute(columns[1]).name());
    if (xMin <= xMax) {
      double padX = Math.max(xMax - xMin, 1e-9) * 0.15;
      double padY = Math.max(yMax - yMin, 1e-9) * 0.15;
      plot.bounds(xMin - padX, xMax + padX, yMin - padY, yMax + padY);
      double[][] ends = PerceptronModel.lineInBox(c[0], c[1], c[2], xMin - padX, xMax + padX,
          yMin - padY, yMax + padY);
      if (ends != null) {
        plot.line("w.x + b = 0", ends[0][0], ends[0][1], ends[1][0], ends[1][1]);
      }
    }
    plot.writePng(file, 640, 480);
  }

  @Override
  public String toString() {
    if (m_Model == null) {
      return "Perceptron: no model built yet.";
    }
    StringBuilder text = new StringBuilder();
    text.append("Perceptron (one sigmoid neuron, Algorithm 1)\n");
    text.append("============================================\n\n");
    text.append("Loss: ").append(TAGS_LOSS[m_Loss].getReadable()).append(" (")
        .append(LOSS_NAMES[m_Loss]).append(")\n");
    text.append("Optimizer: ").append(m_Optimizer).append('\n');
    text.append("Mini-batch size: ").append(m_MiniBatchSize).append(", seed: ").append(getSeed())
        .append('\n');
    text.append("Trained on ").append(m_NumTrainingInstances).append(" instances for ")
        .append(m_LossCurve.size()).append(" epoch(s); final training loss ")
        .append(m_LossCurve.isEmpty() ? "n/a"
            : String.format(Locale.ROOT, "%.6f", m_LossCurve.get(m_LossCurve.size() - 1)))
        .append(".\n\n");
    Instances header = m_Encoder.header();
    text.append("y^ = sigma(w.x + b) is the probability of class '")
        .append(header.classAttribute().value(1)).append("'; w.x + b = 0 is the decision boundary.\n\n");
    double[] c = coefficients();
    int nameWidth = nameWidth("Intercept (b)");
    text.append("Weights (original attribute units)\n");
    for (int j = 0; j <= m_Encoder.numColumns(); j++) {
      text.append(Utils.padRight(j < m_Encoder.numColumns() ? m_Encoder.columnName(j) : "Intercept (b)",
          nameWidth)).append(' ').append(Utils.doubleToString(c[j], 12, getNumDecimalPlaces()))
          .append('\n');
    }
    return text.toString();
  }

  public static void main(String[] args) {
    runClassifier(new Perceptron(), args);
  }
}
