package weka.classifiers.functions;

import fundamentos.deep.ChannelStandardiser;
import fundamentos.deep.Examples;
import fundamentos.deep.ImageAugmentation;
import fundamentos.deep.LayerActivations;
import fundamentos.deep.LayerSpec;
import fundamentos.deep.Network;
import fundamentos.deep.NetworkBytes;
import fundamentos.deep.NetworkMemory;
import fundamentos.deep.NetworkTrainer;
import fundamentos.deep.Probabilities;
import fundamentos.deep.Shape;
import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryRefusedException;
import fundamentos.nd4j.Nd4jRuntime;
import fundamentos.plot.LineChart;
import fundamentos.training.EpochResult;
import fundamentos.training.LearningRateSchedule;
import fundamentos.training.ParameterAveraging;
import fundamentos.training.Shard;
import fundamentos.training.TrainingLoop;
import fundamentos.training.ValidationSplit;
import fundamentos.weka.ImageFiles;
import fundamentos.weka.ImageLayout;
import fundamentos.weka.InstancesEncoder;
import fundamentos.weka.Interrupted;
import fundamentos.weka.ModelPictures;
import fundamentos.weka.OptionChecks;
import fundamentos.weka.OptionsRefusal;
import fundamentos.weka.StrictOptions;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Vector;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import weka.classifiers.IterativeClassifier;
import weka.classifiers.RandomizableClassifier;
import weka.classifiers.functions.optimizers.Adam;
import weka.classifiers.functions.optimizers.StepRuleOptimizer;
import weka.core.AdditionalMeasureProducer;
import weka.core.Attribute;
import weka.core.BatchPredictor;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.LogHandler;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;
import weka.core.WekaException;
import weka.gui.Logger;
import weka.gui.ProgrammaticProperty;

/**
 * What the package's network classifiers (CNN, Transformer) share: the training options, the
 * conversion of images (pixel attributes or image files) and ordinary attributes into rows, the
 * training loop ({@link NetworkTrainer}: one epoch per iteration, early stopping, progress), batch
 * prediction, the model summary, additional measures and saving through DL4J's serializer. A
 * subclass chooses the input and the layers; the network is {@link Network}, the update rules
 * {@code fundamentos.optim} (shared with SoftmaxRegression).
 */
public abstract class NetworkClassifier extends RandomizableClassifier implements
    IterativeClassifier, WeightedInstancesHandler, TechnicalInformationHandler,
    AdditionalMeasureProducer, BatchPredictor, LogHandler {

  private static final long serialVersionUID = 1L;

  /*
   * Option groups (OptionMetadata.category): Weka's PropertySheetPanel shows each group as one
   * "Edit..." button that opens the group's options in an editor of their own, so that the whole
   * editor fits a laptop screen (1366 x 768); command-line options and saved configurations are
   * those of the flat properties, unchanged.
   */
  /** The group of training options beyond the optimizer and the epochs. */
  protected static final String TRAINING = "Training";
  /** The group of options that read images (pixel attributes, files) and augment them. */
  protected static final String IMAGES = "Image input";
  /** The group of what training reports and draws (progress lines, pictures). */
  protected static final String OUTPUT = "Output";

  /** Channel orders of pixel attributes. */
  public static final Tag[] CHANNEL_ORDERS = {
      new Tag(0, "planar"),
      new Tag(1, "interleaved")};

  /** Learning-rate schedules. */
  public static final Tag[] SCHEDULES = {new Tag(0, "constant"),
      new Tag(1, "step"),
      new Tag(2, "cosine")};

  /** Where the network's input rows come from. */
  protected enum Input { PIXELS, FILES, TABULAR, TEXT, MIXED, SEQUENCE }

  // options
  private StepRuleOptimizer m_Optimizer = new Adam();
  private int m_NumEpochs = 10;
  private int m_BatchSize = 64;
  private double m_WeightDecay = 0;
  private SelectedTag m_Schedule = new SelectedTag(2, SCHEDULES);
  private int m_ScheduleStep = 5;
  private double m_ScheduleGamma = 0.1;
  private int m_EarlyStoppingPatience = 0;
  private double m_ValidationFraction = 0.1;
  private int m_ImageHeight = 0;
  private int m_ImageWidth = 0;
  private int m_ImageChannels = 0;
  private SelectedTag m_ChannelOrder = new SelectedTag(0, CHANNEL_ORDERS);
  private File m_ImageDirectory = new File(System.getProperty("user.dir"));
  private int m_AugmentShift = 0;
  private boolean m_AugmentFlip = false;
  private int m_NumThreads = 0;
  private boolean m_Quiet = false;
  private File m_TrainingCurveFile = new File("");

  // the fitted model
  /** Where the rows come from. */
  protected Input m_Input;
  /** The training data's header. */
  protected Instances m_Header;
  private ImageLayout m_Layout;
  private int m_FileAttribute = -1;
  /** The shape of one input row of the network. */
  protected Shape m_Shape;
  private ChannelStandardiser m_Standardiser;
  /** The encoding of ordinary attributes (TABULAR input), else null. */
  protected InstancesEncoder m_Encoder;
  /** The trained network. */
  protected transient MultiLayerNetwork m_Network;
  /** With no input attribute at all (class only): the training class distribution, else null. */
  private double[] m_Prior;
  private List<Network.LayerSummary> m_Summary = new ArrayList<>();
  /** Where each layer of the summary runs in the DL4J network (Network.executionIndex). */
  private int[] m_ExecutionIndex;
  private List<EpochResult> m_History = new ArrayList<>();
  private int m_BestEpoch;
  private int m_NumTrainingInstances;
  private double m_TrainingSeconds;

  // training state between initializeClassifier and done
  private transient NetworkTrainer m_Trainer;
  /** The training set as the picture rule sees it (null without a training-curve file). */
  private transient ModelPictures.Training m_PictureData;
  private boolean m_Resume;
  private transient Logger m_Log;

  protected NetworkClassifier() {
    setSeed(1);
  }

  /** The scheme's name in messages ("CNN"). */
  protected abstract String schemeName();

  /** The heading of the model output. */
  protected abstract String title();

  /** Which input the training data gives (called before the input is fitted). */
  protected abstract Input chooseInput(Instances data) throws WekaException;

  /** The layers for an input of the fitted shape, the softmax output layer excluded. */
  protected abstract List<LayerSpec> architecture(Instances data) throws WekaException;

  /** Whether the network has convolutions (BLAS then runs on one thread, see numThreads). */
  protected abstract boolean convolutional();

  /**
   * Whether the network's own layers split a mini-batch among the threads (BLAS then runs on one
   * thread in each).
   */
  protected boolean splitsBatches() {
    return false;
  }

  /** Checks the subclass's own options before training. */
  protected void checkOwnSettings() throws WekaException {
  }

  // ---------------------------------------------------------------- options

  /**
   * Refuses an unparsable, unknown or out-of-range option value with a message naming it, before
   * Weka's parser (which would print the error and keep the default) sees the rest.
   */
  @Override
  public void setOptions(String[] options) throws Exception {
    refuseFullBatchOptimizer(Utils.getOption("optimizer", options.clone()));
    StrictOptions.setClassifierOptions(options, this, () -> super.setOptions(options));
  }

  /**
   * The optimizer property's type already leaves LBFGS out; this only turns Weka's "not assignable"
   * into a message that says where LBFGS belongs.
   */
  private void refuseFullBatchOptimizer(String optimizer) throws Exception {
    String[] spec = Utils.splitOptions(optimizer);
    if (spec.length > 0 && (spec[0].equals("LBFGS") || spec[0].endsWith(".LBFGS"))) {
      throw new WekaException(schemeName() + ": LBFGS is the full-batch optimizer of the convex models "
          + "(SoftmaxRegression -optimizer LBFGS); a network trains on mini-batches: pick SGD, Momentum, "
          + "Nesterov, AdaGrad, RMSProp or Adam.");
    }
  }

  @OptionMetadata(displayName = "optimizer",
      description = "The gradient update rule and its hyperparameters. SGD, Momentum, Nesterov, "
          + "AdaGrad, RMSProp or Adam (full-batch LBFGS is for SoftmaxRegression).",
      commandLineParamName = "optimizer", commandLineParamSynopsis = "-optimizer <class and options>",
      displayOrder = 20)
  public StepRuleOptimizer getOptimizer() {
    return m_Optimizer;
  }

  // the declared type keeps LBFGS out of the GenericObjectEditor's list and out of the command line
  public void setOptimizer(StepRuleOptimizer optimizer) {
    m_Optimizer = optimizer;
  }

  @OptionMetadata(displayName = "numEpochs", description = "The number of passes over the training "
      + "data (one per iteration); at least 1.", commandLineParamName = "epochs",
      commandLineParamSynopsis = "-epochs <int>", displayOrder = 21)
  public int getNumEpochs() {
    return m_NumEpochs;
  }

  public void setNumEpochs(int epochs) {
    m_NumEpochs = OptionChecks.atLeast(schemeName(), "epochs", epochs, 1);
  }

  @OptionMetadata(displayName = "miniBatchSize",
      description = "Training instances per gradient step; at least 1.",
      commandLineParamName = "mini-batch", commandLineParamSynopsis = "-mini-batch <int>",
      displayOrder = 22)
  public int getMiniBatchSize() {
    return m_BatchSize;
  }

  public void setMiniBatchSize(int size) {
    m_BatchSize = OptionChecks.atLeast(schemeName(), "mini-batch", size, 1);
  }

  @OptionMetadata(displayName = "weightDecay",
      description = "The L2 penalty lambda/2 ||W||^2 on the weights; a finite number >= 0, 0 for "
          + "none. It applies to weight matrices, filters and embedding tables, not to "
          + "biases, positions or normalisation parameters.",
      commandLineParamName = "weight-decay", commandLineParamSynopsis = "-weight-decay <double>",
      displayOrder = 23,
      category = TRAINING)
  public double getWeightDecay() {
    return m_WeightDecay;
  }

  public void setWeightDecay(double decay) {
    m_WeightDecay = OptionChecks.atLeast(schemeName(), "weight-decay", decay, 0.0);
  }

  @OptionMetadata(displayName = "learningRateSchedule",
      description = "How the optimizer's learning rate changes by epoch: constant, step or cosine. "
          + "Step multiplies it by gamma every step epochs; cosine anneals it to 0 over the "
          + "epochs.", commandLineParamName = "schedule",
      commandLineParamSynopsis = "-schedule <constant|step|cosine>", displayOrder = 24,
      category = TRAINING)
  public SelectedTag getLearningRateSchedule() {
    return m_Schedule;
  }

  public void setLearningRateSchedule(SelectedTag schedule) {
    if (schedule != null && schedule.getTags() == SCHEDULES) {
      m_Schedule = schedule;
    }
  }

  @OptionMetadata(displayName = "scheduleStep", description = "Step schedule: epochs between "
      + "decays; at least 1.", commandLineParamName = "schedule-step",
      commandLineParamSynopsis = "-schedule-step <int>", displayOrder = 25,
      category = TRAINING)
  public int getScheduleStep() {
    return m_ScheduleStep;
  }

  public void setScheduleStep(int step) {
    m_ScheduleStep = OptionChecks.atLeast(schemeName(), "schedule-step", step, 1);
  }

  @OptionMetadata(displayName = "scheduleGamma", description = "Step schedule: the factor applied "
      + "at each decay; a finite number > 0.", commandLineParamName = "schedule-gamma",
      commandLineParamSynopsis = "-schedule-gamma <double>", displayOrder = 26,
      category = TRAINING)
  public double getScheduleGamma() {
    return m_ScheduleGamma;
  }

  public void setScheduleGamma(double gamma) {
    m_ScheduleGamma = OptionChecks.above(schemeName(), "schedule-gamma", gamma, 0, Double.MAX_VALUE);
  }

  @OptionMetadata(displayName = "earlyStoppingPatience",
      description = "Epochs without a lower validation loss before training stops; 0 turns early "
          + "stopping off. The best epoch's weights are restored; with 0 all data is used for"
          + " training; >= 0.", commandLineParamName = "early-stopping",
      commandLineParamSynopsis = "-early-stopping <int>", displayOrder = 27,
      category = TRAINING)
  public int getEarlyStoppingPatience() {
    return m_EarlyStoppingPatience;
  }

  public void setEarlyStoppingPatience(int patience) {
    m_EarlyStoppingPatience = OptionChecks.atLeast(schemeName(), "early-stopping", patience, 0);
  }

  @OptionMetadata(displayName = "validationFraction",
      description = "With early stopping: the fraction of the training data held out; strictly "
          + "between 0 and 1. It is stratified and drawn with the seed.",
      commandLineParamName = "validation-fraction",
      commandLineParamSynopsis = "-validation-fraction <double>", displayOrder = 28,
      category = TRAINING)
  public double getValidationFraction() {
    return m_ValidationFraction;
  }

  public void setValidationFraction(double fraction) {
    m_ValidationFraction = OptionChecks.between(schemeName(), "validation-fraction", fraction, 0, 1);
  }

  @OptionMetadata(displayName = "imageHeight", description = "Image height in pixels; 0 infers it "
      + "(square pixel attributes, or the first image file's size). Image files are resized to it. "
      + ">= 0.",
      commandLineParamName = "height", commandLineParamSynopsis = "-height <int>", displayOrder = 29,
      category = IMAGES)
  public int getImageHeight() {
    return m_ImageHeight;
  }

  public void setImageHeight(int height) {
    m_ImageHeight = OptionChecks.atLeast(schemeName(), "height", height, 0);
  }

  @OptionMetadata(displayName = "imageWidth",
      description = "Image width in pixels; 0 infers it; >= 0.",
      commandLineParamName = "width", commandLineParamSynopsis = "-width <int>", displayOrder = 30,
      category = IMAGES)
  public int getImageWidth() {
    return m_ImageWidth;
  }

  public void setImageWidth(int width) {
    m_ImageWidth = OptionChecks.atLeast(schemeName(), "width", width, 0);
  }

  @OptionMetadata(displayName = "imageChannels",
      description = "Channels per pixel (1 grey, 3 RGB); 0 infers them; >= 0. Inferred: 1 for pixel "
          + "attributes, the first file's for image files.",
      commandLineParamName = "channels", commandLineParamSynopsis = "-channels <int>",
      displayOrder = 31,
      category = IMAGES)
  public int getImageChannels() {
    return m_ImageChannels;
  }

  public void setImageChannels(int channels) {
    m_ImageChannels = OptionChecks.atLeast(schemeName(), "channels", channels, 0);
  }

  @OptionMetadata(displayName = "channelOrder",
      description = "The order of colour pixel attributes: planar or interleaved. Planar: all of one "
          + "channel, then the next; interleaved: red, green, blue of one pixel, then the "
          + "next pixel.",
      commandLineParamName = "channel-order",
      commandLineParamSynopsis = "-channel-order <planar|interleaved>", displayOrder = 32,
      category = IMAGES)
  public SelectedTag getChannelOrder() {
    return m_ChannelOrder;
  }

  public void setChannelOrder(SelectedTag order) {
    if (order != null && order.getTags() == CHANNEL_ORDERS) {
      m_ChannelOrder = order;
    }
  }

  @OptionMetadata(displayName = "imageDirectory",
      description = "The folder that relative image file "
      + "names (a string attribute) are read from.", commandLineParamName = "image-dir",
      commandLineParamSynopsis = "-image-dir <folder>", displayOrder = 33,
      category = IMAGES)
  public File getImageDirectory() {
    return m_ImageDirectory;
  }

  public void setImageDirectory(File directory) {
    m_ImageDirectory = directory;
  }

  @OptionMetadata(displayName = "augmentShift",
      description = "Training images are shifted by up to this many pixels in each direction; 0 for "
          + "none. A new random shift every epoch; >= 0.",
      commandLineParamName = "augment-shift", commandLineParamSynopsis = "-augment-shift <int>",
      displayOrder = 34,
      category = IMAGES)
  public int getAugmentShift() {
    return m_AugmentShift;
  }

  public void setAugmentShift(int shift) {
    m_AugmentShift = OptionChecks.atLeast(schemeName(), "augment-shift", shift, 0);
  }

  @OptionMetadata(displayName = "augmentFlip", description = "Training images are mirrored left to "
      + "right with probability 1/2 (not for digits or text).", commandLineParamName = "augment-flip",
      commandLineParamSynopsis = "-augment-flip", commandLineParamIsFlag = true, displayOrder = 35,
      category = IMAGES)
  public boolean getAugmentFlip() {
    return m_AugmentFlip;
  }

  public void setAugmentFlip(boolean flip) {
    m_AugmentFlip = flip;
  }

  @OptionMetadata(displayName = "numThreads",
      description = "Native threads for ND4J, for the whole process; 0 chooses, at most 1024. 0 takes"
          + " half the cores, at most 4, unless the system property fundamentos.threads is "
          + "set; results are reproducible for a seed and a fixed thread count.",
      commandLineParamName = "num-threads", commandLineParamSynopsis = "-num-threads <int>",
      displayOrder = 36)
  public int getNumThreads() {
    return m_NumThreads;
  }

  public void setNumThreads(int threads) {
    m_NumThreads = OptionChecks.inRange(schemeName(), "num-threads", threads, 0, OptionChecks.MAX_THREADS);
  }

  @OptionMetadata(displayName = "quiet",
      description = "Do not report every epoch in the Explorer's log and status line or on standard "
          + "error. The report gives loss, accuracy, elapsed and remaining time.",
      commandLineParamName = "quiet", commandLineParamSynopsis = "-quiet",
      commandLineParamIsFlag = true, displayOrder = 37,
      category = OUTPUT)
  public boolean getQuiet() {
    return m_Quiet;
  }

  public void setQuiet(boolean quiet) {
    m_Quiet = quiet;
  }

  @OptionMetadata(displayName = "trainingCurveFile", description = "If set, a PNG of the loss and "
      + "accuracy by epoch is written to this file after training.",
      commandLineParamName = "curve", commandLineParamSynopsis = "-curve <file.png>", displayOrder = 38,
      category = OUTPUT)
  public File getTrainingCurveFile() {
    return m_TrainingCurveFile;
  }

  public void setTrainingCurveFile(File file) {
    m_TrainingCurveFile = file == null ? new File("") : file;
  }

  @Override
  public String seedTipText() {
    return "The seed of all random choices of training. It draws the weight initialisation, "
          + "mini-batch order, dropout, augmentation and validation split.";
  }

  public String resumeTipText() {
    return "Keep the training state after training so that more epochs can be run later. "
        + "Raise the epochs and call initializeClassifier and next again in the same session; "
        + "a saved model keeps no training state and cannot continue.";
  }

  @Override
  public void setResume(boolean resume) {
    m_Resume = resume;
  }

  @Override
  public boolean getResume() {
    return m_Resume;
  }

  @Override
  public void setLog(Logger log) {
    m_Log = log;
  }

  /** Set by the Explorer (LogHandler), not an option. */
  @ProgrammaticProperty
  @Override
  public Logger getLog() {
    return m_Log;
  }

  // --------------------------------------------------------------- training

  @Override
  public void buildClassifier(Instances data) throws Exception {
    OptionsRefusal.check(this, getClass().getSimpleName());
    onNd4jThread(() -> {
      initialize(data);
      while (next()) {
        // one epoch per call
      }
      done();
      return null;
    });
  }

  /** Runs ND4J work on the package's ND4J thread ({@link Interrupted#onNd4jThread}). */
  private <T> T onNd4jThread(Callable<T> work) throws Exception {
    return Interrupted.onNd4jThread(schemeName(), work);
  }

  /**
   * Starts training, or with resume set and the training state of an earlier training still held,
   * goes on from it (more epochs: raise numEpochs first). The state lives in memory only: a model
   * trained without resume, or saved and loaded (Weka's {@code -l model -continue-iterating}), has
   * none, and continuing it is refused rather than silently started afresh.
   */
  @Override
  public void initializeClassifier(Instances data) throws Exception {
    OptionsRefusal.check(this, getClass().getSimpleName());
    if (m_Resume && m_Trainer == null && m_Network != null) {
      throw new WekaException(schemeName() + ": this model holds no training state to continue "
          + "(it was saved and loaded, or trained with resume off): the optimizer's state and the "
          + "training data are not saved with a model. Train it again with -epochs set to the "
          + "total number of epochs (the same seed gives the same network), or, in code, set "
          + "resume before the first training and call initializeClassifier and next again.");
    }
    onNd4jThread(() -> {
      initialize(data);
      return null;
    });
  }

  private void initialize(Instances data) throws Exception {
    if (m_Resume && m_Trainer != null) {
      return;
    }
    startTraining(data);
    trainingStarted(data);
  }

  /**
   * Called once a new training has been set up, whether it was started by buildClassifier or by
   * initializeClassifier (not when a resumed training goes on): the place for a scheme's own
   * preparations, such as the Transformer's attention-map instance.
   */
  protected void trainingStarted(Instances data) throws Exception {
    // nothing to prepare here
  }

  private void startTraining(Instances data) throws Exception {
    checkSettings();
    if (isImageFileData(data)) {
      // Weka has no capability for file references: a string attribute of image file names is
      // accepted in this one form (file name + nominal class), everything else is checked as usual
      if (!data.classAttribute().isNominal()) {
        throw new WekaException(schemeName() + ": the class must be nominal, not "
            + Attribute.typeToString(data.classAttribute()) + ".");
      }
    } else {
      getCapabilities().testWithFail(data);
    }
    m_PictureData = m_TrainingCurveFile.getPath().isEmpty() ? null : ModelPictures.training(data);
    data = new Instances(data);
    data.deleteWithMissingClass();
    if (data.numInstances() == 0) {
      throw new WekaException(schemeName() + ": no training instances with a class value; cannot "
          + "train.");
    }
    if (data.numClasses() < 2) {
      throw new WekaException(schemeName() + ": the class has " + data.numClasses() + " value(s); "
          + "a network needs at least two.");
    }
    if (!(data.sumOfWeights() > 0)) {
      throw new WekaException(schemeName() + ": the instance weights sum to " + data.sumOfWeights()
          + "; at least one training instance needs a positive weight.");
    }
    // a network with convolutions: their (OpenMP) threads get the cores, BLAS (the dense layers)
    // one thread; a network whose layers split each mini-batch among Java threads: those get the
    // cores, BLAS and libnd4j (the small output layer, the optimizer) one thread, since OpenMP's
    // idle threads spin while the Java threads work (one epoch of a ViT: 8.9 s, 6.9 s with one
    // OpenMP thread); otherwise BLAS does the work and gets the threads
    if (splitsBatches()) {
      Nd4jRuntime.setThreads(1, 1, m_NumThreads);
    } else {
      Nd4jRuntime.setThreads(m_NumThreads, convolutional() ? 1 : m_NumThreads);
    }
    m_Header = new Instances(data, 0);
    m_NumTrainingInstances = data.numInstances();
    m_Input = chooseInput(data);
    float[] rows = fitInput(data);
    int[] labels = InstancesEncoder.classIndices(data);
    double[] weights = InstancesEncoder.weights(data);
    m_Prior = null;
    if (m_Shape.size() == 0) {
      // nothing to learn from: predict the training class distribution (as ZeroR)
      m_Prior = new double[data.numClasses()];
      for (int i = 0; i < labels.length; i++) {
        m_Prior[labels[i]] += weights[i];
      }
      weka.core.Utils.normalize(m_Prior);
      m_Network = null;
      m_ExecutionIndex = null;
      m_Summary = new ArrayList<>();
      m_History = new ArrayList<>();
      m_Trainer = null;
      return;
    }
    Examples all = new Examples(rows, m_Shape, labels, weights);
    ValidationSplit split = ValidationSplit.of(labels, weights, data.numClasses(),
        m_EarlyStoppingPatience, m_ValidationFraction, getSeed());
    Examples training = split.hasValidation() ? all.subset(split.training()) : all;
    Examples validation = split.hasValidation() ? all.subset(split.validation()) : null;
    List<LayerSpec> specs;
    try {
      specs = architecture(data);
      checkMemory(specs, data.numClasses(), training.size());
      m_Network = Network.build(specs, m_Shape, data.numClasses(), getSeed(), outputLoss());
    } catch (MemoryRefusedException e) {
      throw new WekaException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new WekaException(schemeName() + ": " + e.getMessage());
    }
    m_Summary = Network.summary(m_Network, specs, m_Shape);
    m_ExecutionIndex = Network.executionIndex(specs);
    m_History = new ArrayList<>();
    m_BestEpoch = 0;
    m_TrainingSeconds = 0;
    m_Trainer = new NetworkTrainer(m_Network, training, validation, data.numClasses(),
        m_Optimizer.newUpdateRule(), trainerSettings(), getSeed());
    m_Trainer.setListener(this::report);
  }

  /** The learning-rate schedule the options choose. */
  private LearningRateSchedule schedule() {
    return switch (m_Schedule.getSelectedTag().getID()) {
      case 1 -> new LearningRateSchedule(LearningRateSchedule.Kind.STEP, m_ScheduleStep,
          m_ScheduleGamma);
      case 2 -> new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 1, 1);
      default -> LearningRateSchedule.constant();
    };
  }

  private NetworkTrainer.Settings trainerSettings() {
    return new NetworkTrainer.Settings(m_BatchSize, m_WeightDecay, schedule(), m_NumEpochs,
        m_EarlyStoppingPatience, new ImageAugmentation(m_AugmentShift, m_AugmentFlip));
  }

  // ------------------------------------------ training on many machines (the Spark train job)

  /**
   * Fits the conversion of instances to network inputs from statistics of the training rows
   * gathered elsewhere, for training on many machines (the Spark module's train job, parameter
   * averaging): image pixels only (numeric attributes forming the image the options describe),
   * standardised per channel ({@link ChannelStandardiser#ofMoments}) as on one machine.
   *
   * @param header the training header, class set
   * @param means each attribute's mean over the training rows (the class's is ignored)
   * @param meanSquares each attribute's mean of squares
   * @param instances the training rows with a class
   */
  public void fitInputFromStatistics(Instances header, double[] means, double[] meanSquares,
      int instances) throws Exception {
    checkSettings();
    if (!header.classAttribute().isNominal() || header.numClasses() < 2) {
      throw new WekaException(schemeName() + " needs a nominal class of at least two values.");
    }
    if (chooseInput(header) != Input.PIXELS) {
      throw new WekaException(schemeName() + " trains on many machines on images whose pixels are "
          + "numeric attributes (a network with convolutions or pooling), not on "
          + chooseInput(header).name().toLowerCase(Locale.ROOT) + " input.");
    }
    m_Input = Input.PIXELS;
    m_Header = new Instances(header, 0);
    m_NumTrainingInstances = instances;
    m_Layout = ImageLayout.of(header, m_ImageHeight, m_ImageWidth, m_ImageChannels,
        m_ChannelOrder.getSelectedTag().getID() == 1);
    m_Shape = m_Layout.shape();
    m_Standardiser = ChannelStandardiser.ofMoments(planar(header, means),
        planar(header, meanSquares), m_Shape);
    m_Encoder = null;
    m_Prior = null;
  }

  /** Per-attribute values laid out as one image's planar row. */
  private double[] planar(Instances header, double[] values) {
    double[] row = values.clone();
    row[header.classIndex()] = 0;
    return m_Layout.pixels(new weka.core.DenseInstance(1.0, row));
  }

  /** A network of this scheme's architecture, its weights drawn from the seed as on one machine. */
  private MultiLayerNetwork newNetwork() throws WekaException {
    try {
      return Network.build(architecture(m_Header), m_Shape, m_Header.numClasses(), getSeed(),
          outputLoss());
    } catch (IllegalArgumentException e) {
      throw new WekaException(schemeName() + ": " + e.getMessage());
    }
  }

  /**
   * Where training on many machines starts (after {@link #fitInputFromStatistics}): the network's
   * weights as one machine would start them, and the update rule's state, zero.
   */
  public ParameterAveraging.State startingState() throws Exception {
    return Interrupted.onNd4jThread(schemeName(), () -> {
      INDArray params = newNetwork().params();
      return new ParameterAveraging.State(params.ravel().toDoubleVector(),
          m_Optimizer.newUpdateRule().state(params), 0);
    });
  }

  /**
   * One worker's shard (after {@link #fitInputFromStatistics}): its rows converted as this scheme
   * converts them, a network of its architecture, and its held-out part and shuffles drawn from
   * the seed + {@code partition} (partition 0 of all rows is one machine's training).
   *
   * @param rows the worker's rows under the training header (rows without a class are dropped)
   */
  public Shard shard(Instances rows, int partition) throws Exception {
    rows = new Instances(rows);
    rows.deleteWithMissingClass();
    if (rows.numInstances() == 0) {
      return null;
    }
    float[] x = inputRows(rows);
    int[] labels = InstancesEncoder.classIndices(rows);
    double[] weights = InstancesEncoder.weights(rows);
    long seed = getSeed() + (long) partition;
    Examples all = new Examples(x, m_Shape, labels, weights);
    ValidationSplit split = ValidationSplit.of(labels, weights, rows.numClasses(),
        m_EarlyStoppingPatience, m_ValidationFraction, seed);
    return NetworkTrainer.shard(newNetwork(), split.hasValidation() ? all.subset(split.training())
        : all, split.hasValidation() ? all.subset(split.validation()) : null, rows.numClasses(),
        m_Optimizer.newUpdateRule(), trainerSettings(), seed);
  }

  /** The driver's epochs over the rounds of {@code averaging}: this scheme's schedule and patience. */
  public TrainingLoop averagingLoop(ParameterAveraging averaging) {
    return averaging.loop(m_Optimizer.newUpdateRule(), schedule(), m_NumEpochs,
        m_EarlyStoppingPatience, 0);
  }

  /** Takes the averaged weights as its trained network, as if it had trained them itself. */
  public void setTrainedParameters(double[] parameters, List<EpochResult> epochs, int bestEpoch)
      throws Exception {
    Interrupted.onNd4jThread(schemeName(), () -> {
      MultiLayerNetwork network = newNetwork();
      network.setParams(org.nd4j.linalg.factory.Nd4j.createFromArray(parameters)
          .castTo(network.params().dataType()).reshape(network.params().shape()));
      List<LayerSpec> specs = architecture(m_Header);
      m_Network = network;
      m_Summary = Network.summary(network, specs, m_Shape);
      m_ExecutionIndex = Network.executionIndex(specs);
      return null;
    });
    m_History = new ArrayList<>(epochs);
    m_BestEpoch = bestEpoch;
    m_TrainingSeconds = epochs.stream().mapToDouble(EpochResult::seconds).sum();
    m_Trainer = null;
  }

  /**
   * Refuses, before the network is allocated, a training whose parameters and mini-batch
   * activations (NetworkMemory's estimate) or whose copies of the examples exceed the memory
   * available: ND4J would end in a native trace or an OutOfMemoryError.
   */
  private void checkMemory(List<LayerSpec> specs, int numClasses, int n) {
    int batch = Math.max(1, Math.min(m_BatchSize, n));
    NetworkMemory.Estimate estimate = NetworkMemory.of(specs, m_Shape, numClasses, batch);
    // the training/validation split copies the examples once more on the heap
    long heap = MemoryBudget.times(m_NumTrainingInstances, m_Shape.size(), Float.BYTES);
    MemoryBudget.require(schemeName(), "training", heap, estimate.offHeapBytes(),
        "n = " + m_NumTrainingInstances + ", input " + m_Shape + ", " + estimate.parameters()
        + " parameters, " + estimate.activationsPerExample() + " activations per example, "
        + "-mini-batch " + m_BatchSize + memorySizes(), memoryOptions());
  }

  /** The loss on the softmax output: cross-entropy unless the scheme offers another. */
  protected Network.OutputLoss outputLoss() {
    return Network.OutputLoss.CROSS_ENTROPY;
  }

  /** The scheme's options that drive the estimate, as ", -option value" pieces. */
  protected String memorySizes() {
    return "";
  }

  /** The options a user lowers to need less memory. */
  protected String memoryOptions() {
    return "-mini-batch or the layers' sizes";
  }

  private void checkSettings() throws WekaException {
    fundamentos.weka.TrainingOptions.check(schemeName(), m_Optimizer, m_NumEpochs, m_BatchSize,
        "the weight decay", m_WeightDecay, m_EarlyStoppingPatience, m_ValidationFraction);
    if (m_Schedule.getSelectedTag().getID() == 1 && (m_ScheduleStep < 1 || !(m_ScheduleGamma > 0))) {
      throw new WekaException(schemeName() + ": a step schedule needs a step >= 1 and gamma > 0.");
    }
    if (m_AugmentShift < 0) {
      throw new WekaException(schemeName() + ": the augmentation shift must be >= 0 pixels.");
    }
    checkOwnSettings();
  }

  /** Whether the data is a list of image files: one string attribute and a class (ImageDirectoryLoader). */
  protected boolean isImageFileData(Instances data) {
    return data.classIndex() >= 0 && data.numAttributes() == 2
        && data.attribute(1 - data.classIndex()).isString();
  }

  /**
   * Fits the conversion of the chosen input (images standardised per channel with the training
   * images' statistics, attributes encoded) and returns the training rows; sets the shape.
   */
  protected float[] fitInput(Instances data) throws WekaException {
    m_FileAttribute = m_Input == Input.FILES ? 1 - data.classIndex() : -1;
    m_Encoder = null;
    m_Layout = null;
    m_Standardiser = null;
    float[] rows;
    switch (m_Input) {
      case FILES -> {
        BufferedImage first;
        try {
          first = ImageFiles.read(file(data.instance(0)));
        } catch (WekaException e) {
          throw new WekaException(schemeName() + " reads the string attribute '"
              + data.attribute(m_FileAttribute).name() + "' as image file names: " + e.getMessage());
        }
        m_Shape = ImageFiles.shapeOf(first, m_ImageHeight, m_ImageWidth, m_ImageChannels);
        rows = imageRows(data);
      }
      case PIXELS -> {
        m_Layout = ImageLayout.of(data, m_ImageHeight, m_ImageWidth, m_ImageChannels,
            m_ChannelOrder.getSelectedTag().getID() == 1);
        m_Shape = m_Layout.shape();
        rows = m_Layout.rows(data);
      }
      case TABULAR -> {
        // dates count as numbers (milliseconds since 1970, standardised)
        m_Encoder = InstancesEncoder.fit(data, true, true);
        m_Shape = Shape.flat(m_Encoder.numColumns());
        return tabularRows(data);
      }
      default -> throw new IllegalStateException(m_Input + " input is the subclass's");
    }
    m_Standardiser = ChannelStandardiser.fit(rows, m_Shape);
    m_Standardiser.apply(rows, m_Shape);
    return rows;
  }

  /** The network's input rows for instances with the fitted conversion. */
  protected float[] inputRows(Instances data) throws WekaException {
    float[] rows = switch (m_Input) {
      case FILES -> imageRows(data);
      case PIXELS -> m_Layout.rows(data);
      case TABULAR -> tabularRows(data);
      default -> throw new IllegalStateException(m_Input + " input is the subclass's");
    };
    if (m_Standardiser != null) {
      m_Standardiser.apply(rows, m_Shape);
    }
    return rows;
  }

  private float[] tabularRows(Instances data) throws WekaException {
    double[][] encoded = m_Encoder.encode(data);
    int f = m_Encoder.numColumns();
    float[] rows = new float[encoded.length * f];
    for (int i = 0; i < encoded.length; i++) {
      for (int j = 0; j < f; j++) {
        rows[i * f + j] = (float) encoded[i][j];
      }
    }
    return rows;
  }

  private float[] imageRows(Instances data) throws WekaException {
    int size = (int) m_Shape.size();
    float[] rows = new float[data.numInstances() * size];
    boolean resize = m_ImageHeight > 0 || m_ImageWidth > 0;
    try {
      for (int i = 0; i < data.numInstances(); i++) {
        File file = file(data.instance(i));
        ImageFiles.row(ImageFiles.read(file), file, m_Shape, resize, rows, i * size);
      }
    } catch (WekaException e) {
      throw new WekaException(schemeName() + " reads the string attribute '"
          + data.attribute(m_FileAttribute).name() + "' as image file names: " + e.getMessage());
    }
    return rows;
  }

  private File file(Instance instance) throws WekaException {
    if (instance.isMissing(m_FileAttribute)) {
      throw new WekaException(schemeName() + ": an instance has no image file name.");
    }
    File file = new File(instance.stringValue(m_FileAttribute));
    return file.isAbsolute() ? file : new File(m_ImageDirectory, file.getPath());
  }

  @Override
  public boolean next() throws Exception {
    return onNd4jThread(this::nextEpoch);
  }

  private boolean nextEpoch() throws Exception {
    if (m_Prior != null) {
      return false;
    }
    if (m_Trainer == null) {
      throw new WekaException(schemeName() + ": call initializeClassifier before next().");
    }
    boolean goOn;
    try {
      goOn = m_Trainer.loop().next(m_NumEpochs);
    } catch (IllegalStateException diverged) {
      throw new WekaException(schemeName() + ": " + diverged.getMessage());
    }
    m_History = new ArrayList<>(m_Trainer.history());
    return goOn;
  }

  @Override
  public void done() throws Exception {
    onNd4jThread(() -> {
      finish();
      return null;
    });
  }

  private void finish() throws Exception {
    if (m_Trainer == null) {
      return;
    }
    m_Trainer.restoreBest();
    m_BestEpoch = m_Trainer.bestEpoch();
    if (m_Log != null && !m_Quiet) {
      m_Log.statusMessage("OK");
    }
    // a cross-validation fold leaves the curve of the model built on all the data (ModelPictures)
    if (!m_TrainingCurveFile.getPath().isEmpty() && !m_TrainingCurveFile.isDirectory()
        && ModelPictures.claim(m_TrainingCurveFile, m_PictureData)) {
      writeTrainingCurve(m_TrainingCurveFile);
    }
    if (!m_Resume) {
      m_Trainer = null;
    }
  }

  /** One line per epoch: to the Explorer's log and status line, or to standard error. */
  private void report(EpochResult result) {
    m_TrainingSeconds = m_Trainer.loop().secondsElapsed();
    if (m_Quiet) {
      return;
    }
    double left = m_Trainer.loop().secondsLeft(m_NumEpochs);
    String line = String.format(Locale.ROOT, "%s: epoch %d/%d, loss %.4f, training accuracy %.4f%s,"
        + " %.1f s elapsed, about %.0f s left", schemeName(), result.epoch(), m_NumEpochs,
        result.trainingLoss(), result.trainingAccuracy(),
        Double.isNaN(result.validationLoss()) ? ""
            : String.format(Locale.ROOT, ", validation loss %.4f, validation accuracy %.4f",
                result.validationLoss(), result.validationAccuracy()),
        m_TrainingSeconds, left);
    if (m_Log != null) {
      m_Log.logMessage(line);
      m_Log.statusMessage(line);
    } else {
      System.err.println(line);
    }
  }

  // ------------------------------------------------------------- prediction

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    return distributionsForInstances(single(instance))[0];
  }

  /**
   * A data set of one instance. It keeps the instance's own header when it has one: a string
   * value is an index into its attribute's values, which another header (the training data's)
   * would map to a different string (a file name, a text).
   */
  protected Instances single(Instance instance) throws WekaException {
    Instances one = new Instances(instance.dataset() != null ? instance.dataset() : requireModel(),
        1);
    one.add(instance);
    return one;
  }

  @Override
  public double[][] distributionsForInstances(Instances instances) throws Exception {
    Instances header = requireModel();
    if (!header.equalHeaders(instances)) {
      throw new WekaException(schemeName() + ": the instances do not match the training data's "
          + "attributes: " + header.equalHeadersMsg(instances));
    }
    if (instances.numInstances() == 0) {
      return new double[0][];
    }
    if (m_Prior != null) {
      double[][] result = new double[instances.numInstances()][];
      for (int i = 0; i < result.length; i++) {
        result[i] = m_Prior.clone();
      }
      return result;
    }
    float[] rows = inputRows(instances);
    // on the ND4J thread too: the Explorer's Stop also comes during the evaluation after training
    return onNd4jThread(() -> Probabilities.of(m_Network, rows, instances.numInstances(),
        (int) m_Shape.size()));
  }

  /**
   * The activations of a hidden layer for instances with the training data's attributes: the
   * learned features (course section 4.3.3, {@code NetworkFeatures}), one row per instance,
   * flattened in the order of the layer's output shape in {@link #layerSummary}.
   *
   * @param layer the hidden layer, 0-based as {@link #layerSummary} lists it (the output layer, its
   *     last row, is not a hidden layer)
   */
  public float[][] layerActivations(Instances instances, int layer) throws Exception {
    Instances header = requireModel();
    if (m_Network == null) {
      throw new WekaException(schemeName() + ": the model has no network (its training data had no "
          + "input attribute), so it has no layer to read features from.");
    }
    if (!header.equalHeaders(instances)) {
      throw new WekaException(schemeName() + ": the instances do not match the training data's "
          + "attributes: " + header.equalHeadersMsg(instances));
    }
    if (m_ExecutionIndex == null) {
      throw new WekaException(schemeName() + ": this model was saved by an earlier version of the "
          + "package, which did not record the order its layers run in; train it again.");
    }
    int hidden = numHiddenLayers();
    if (layer < 0 || layer >= hidden) {
      throw new WekaException(schemeName() + ": the network has hidden layers 1 to " + hidden
          + ", not " + (layer + 1) + ".");
    }
    int n = instances.numInstances();
    if (n == 0) {
      return new float[0][];
    }
    float[] rows = inputRows(instances);
    int f = (int) m_Shape.size();
    return onNd4jThread(() -> LayerActivations.of(m_Network, m_ExecutionIndex, layer, rows, n, f));
  }

  /** Whether a model has been built (a network, or the class distribution of data without inputs). */
  public boolean isTrained() {
    return m_Network != null || m_Prior != null;
  }

  /** The training data's header (no instances); throws when no model is built. */
  public Instances trainingHeader() throws WekaException {
    return new Instances(requireModel(), 0);
  }

  /** The number of hidden layers (the rows of {@link #layerSummary} before the output layer). */
  public int numHiddenLayers() {
    return Math.max(0, m_Summary.size() - 1);
  }

  @Override
  public boolean implementsMoreEfficientBatchPrediction() {
    return true;
  }

  /** The training header; throws when no model is built. */
  protected Instances requireModel() throws WekaException {
    if (m_Network == null && m_Prior == null) {
      throw new WekaException(schemeName() + ": no model built yet.");
    }
    return m_Header;
  }

  // ------------------------------------------------------ model description

  /** Total trainable parameters of the network. */
  public long numParameters() {
    long total = 0;
    for (Network.LayerSummary row : m_Summary) {
      total += row.parameters();
    }
    return total;
  }

  /** The output shape and parameter count of every layer (the output layer last). */
  public List<Network.LayerSummary> layerSummary() {
    return Collections.unmodifiableList(m_Summary);
  }

  /** The loss and accuracy of every epoch run. */
  public List<EpochResult> trainingHistory() {
    return Collections.unmodifiableList(m_History);
  }

  /** How the model output describes the input rows. */
  protected String describeInput() {
    return switch (m_Input) {
      case FILES -> "image files, " + m_Shape + " (channels x height x width)";
      case PIXELS -> "pixel attributes, " + m_Shape + " (channels x height x width)";
      case TABULAR -> m_Shape + " standardised / one-hot columns";
      default -> m_Shape.toString();
    };
  }

  @Override
  public String toString() {
    if (m_Network == null && m_Prior == null) {
      return schemeName() + ": no model built yet.";
    }
    if (m_Prior != null) {
      return schemeName() + ": the data has no input attribute; predicting the training class "
          + "distribution " + java.util.Arrays.toString(m_Prior) + ".";
    }
    StringBuilder text = new StringBuilder();
    text.append(title()).append('\n').append("=".repeat(title().length())).append("\n\n");
    text.append("Input: ").append(describeInput()).append('\n');
    int width = "Layer".length();
    for (Network.LayerSummary row : m_Summary) {
      width = Math.max(width, row.layer().length());
    }
    text.append('\n').append(Utils.padRight("Layer", width)).append("  ")
        .append(Utils.padLeft("Output shape", 14)).append("  ").append(Utils.padLeft("Parameters", 12))
        .append('\n').append("=".repeat(width + 30)).append('\n');
    for (Network.LayerSummary row : m_Summary) {
      text.append(Utils.padRight(row.layer(), width)).append("  ")
          .append(Utils.padLeft(row.output().toString(), 14)).append("  ")
          .append(Utils.padLeft(Long.toString(row.parameters()), 12)).append('\n');
    }
    text.append("=".repeat(width + 30)).append('\n');
    text.append(Utils.padRight("Total trainable parameters", width + 16))
        .append(Utils.padLeft(Long.toString(numParameters()), 14)).append("\n\n");
    text.append("Loss: ").append(Network.outputLoss(m_Network) == Network.OutputLoss.SQUARED_ERROR
        ? "squared error (1/2) ||p - y||^2 on the softmax output" : "cross-entropy").append('\n');
    text.append("Optimizer: ").append(m_Optimizer).append(", mini-batch size ").append(m_BatchSize)
        .append(", weight decay ").append(m_WeightDecay).append(", schedule ")
        .append(m_Schedule.getSelectedTag().getReadable()).append(", seed ").append(getSeed())
        .append('\n');
    text.append("Trained on ").append(m_NumTrainingInstances).append(" instances for ")
        .append(m_History.size()).append(" epoch(s) in ")
        .append(String.format(Locale.ROOT, "%.1f", m_TrainingSeconds)).append(" s");
    if (m_BestEpoch > 0) {
      text.append("; early stopping kept the weights of epoch ").append(m_BestEpoch);
    }
    text.append(".\n\n");
    if (!m_History.isEmpty()) {
      text.append("Epoch  learning rate  training loss  training accuracy*  validation loss  "
          + "validation accuracy\n");
      for (EpochResult r : m_History) {
        text.append(String.format(Locale.ROOT, "%5d  %13.6f  %13.4f  %18.4f  %15s  %19s%n", r.epoch(),
            r.learningRate(), r.trainingLoss(), r.trainingAccuracy(),
            Double.isNaN(r.validationLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", r.validationLoss()),
            Double.isNaN(r.validationAccuracy()) ? "-"
                : String.format(Locale.ROOT, "%.4f", r.validationAccuracy())));
      }
      text.append("* on up to 2,000 training instances, in prediction mode, after the epoch; the "
          + "training loss is the mean over the epoch's mini-batches.\n");
    }
    return text.toString();
  }

  /** Writes the training and validation loss and accuracy by epoch as a PNG chart. */
  public void writeTrainingCurve(File file) throws IOException {
    double[] loss = m_History.stream().mapToDouble(EpochResult::trainingLoss).toArray();
    double[] accuracy = m_History.stream().mapToDouble(EpochResult::trainingAccuracy).toArray();
    LineChart chart = new LineChart(schemeName() + ": loss and accuracy by epoch", "epoch", "")
        .add("training loss", loss).add("training accuracy", accuracy);
    if (m_History.stream().anyMatch(r -> !Double.isNaN(r.validationLoss()))) {
      chart.add("validation loss", m_History.stream().mapToDouble(EpochResult::validationLoss).toArray());
      chart.add("validation accuracy",
          m_History.stream().mapToDouble(EpochResult::validationAccuracy).toArray());
    }
    chart.writePng(file, 640, 400);
  }

  // ------------------------------------------------------ additional measures

  @Override
  public Enumeration<String> enumerateMeasures() {
    Vector<String> names = new Vector<>();
    names.add("measureNumEpochs");
    names.add("measureBestEpoch");
    names.add("measureFinalTrainingLoss");
    names.add("measureFinalValidationLoss");
    names.add("measureNumParameters");
    names.add("measureTrainingSeconds");
    return names.elements();
  }

  @Override
  public double getMeasure(String name) {
    EpochResult last = m_History.isEmpty() ? null : m_History.get(m_History.size() - 1);
    switch (name.toLowerCase(Locale.ROOT)) {
      case "measurenumepochs":
        return m_History.size();
      case "measurebestepoch":
        return m_BestEpoch;
      case "measurefinaltrainingloss":
        return last == null ? Double.NaN : last.trainingLoss();
      case "measurefinalvalidationloss":
        return last == null ? Double.NaN : last.validationLoss();
      case "measurenumparameters":
        return numParameters();
      case "measuretrainingseconds":
        return m_TrainingSeconds;
      default:
        throw new IllegalArgumentException(name + " not supported (" + schemeName() + ")");
    }
  }

  // ---------------------------------------------------------- serialization

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeObject(m_Network == null ? null : NetworkBytes.of(m_Network));
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    byte[] bytes = (byte[]) in.readObject();
    if (bytes != null) {
      Nd4jRuntime.start();
      m_Network = NetworkBytes.restore(bytes);
    }
  }

  @Override
  public String getRevision() {
    return "fundamentos 0.1.0";
  }
}
