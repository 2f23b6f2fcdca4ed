package weka.classifiers.functions;

import fundamentos.linear.SoftmaxLbfgs;
import fundamentos.linear.SoftmaxModel;
import fundamentos.linear.SoftmaxTrainer;
import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryRefusedException;
import fundamentos.nd4j.Nd4jRuntime;
import fundamentos.optim.Lbfgs;
import fundamentos.plot.LineChart;
import fundamentos.progress.Cancelled;
import fundamentos.training.EpochResult;
import fundamentos.weka.InstancesEncoder;
import fundamentos.weka.Interrupted;
import fundamentos.weka.ModelPictures;
import fundamentos.weka.OptionChecks;
import fundamentos.weka.OptionsRefusal;
import java.io.File;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Vector;
import java.util.concurrent.Callable;
import weka.classifiers.IterativeClassifier;
import weka.classifiers.functions.optimizers.LBFGS;
import weka.classifiers.functions.optimizers.Optimizer;
import weka.classifiers.functions.optimizers.SGD;
import weka.classifiers.functions.optimizers.StepRuleOptimizer;
import weka.core.AdditionalMeasureProducer;
import weka.core.BatchPredictor;
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
 * Multinomial logistic (softmax) regression trained by full-batch L-BFGS on small data or by
 * mini-batch gradient steps on ND4J. A thin Weka adapter: options, capabilities, the choice of
 * solver and the conversion of instances live here; the model, its loss and gradient are
 * {@link SoftmaxModel}, the full-batch solver {@link SoftmaxLbfgs}, the epochs {@link SoftmaxTrainer},
 * the update rules {@code fundamentos.optim}.
 */
public class SoftmaxRegression extends LinearGradientClassifier<Optimizer> implements
    IterativeClassifier, AdditionalMeasureProducer, BatchPredictor {

  private static final long serialVersionUID = 1L;

  /**
   * L-BFGS unless early stopping is on (which needs epochs) or L-BFGS's memory is short (above
   * {@link SoftmaxLbfgs#isSmall} it holds a native copy of the encoded rows): mini-batches then.
   * Before, large data (above isSmall) took mini-batches: on 60,000 Fashion-MNIST images their
   * constant-step SGD stopped at its noise floor (loss 0.405, 82.93% test accuracy in 41 s), where
   * L-BFGS with native products reaches a lower loss in fewer seconds (doc/SoftmaxRegression.md).
   */
  public static final int SOLVER_AUTO = 0;
  /** Full-batch L-BFGS on plain Java arrays, with the settings of an {@link LBFGS} optimizer (or its defaults). */
  public static final int SOLVER_LBFGS = 1;
  /** Mini-batch steps of the optimizer on ND4J, one epoch per iteration. */
  public static final int SOLVER_MINIBATCH = 2;
  public static final Tag[] TAGS_SOLVER = {new Tag(SOLVER_AUTO, "auto"), new Tag(SOLVER_LBFGS, "lbfgs"),
      new Tag(SOLVER_MINIBATCH, "minibatch")};

  private int m_Solver = SOLVER_AUTO;
  private double m_Tolerance = 1e-4;
  /**
   * 1e-5 (was 1e-4 before L-BFGS): a converged fit at 1e-4 lost 1.3 points to Weka's Logistic on
   * segment-challenge (94.7% against 96.1% in 10-fold cross-validation; 95.7% at 1e-5), while the
   * mini-batch fit on 10k Fashion-MNIST images gives the same 81.75% test accuracy at either value.
   */
  private double m_L2 = 1e-5;
  private int m_EarlyStoppingPatience = 0;
  private double m_ValidationFraction = 0.1;
  private int m_NumThreads = 0;
  private File m_LossCurveFile = new File("");

  /** The fitted softmax weights (the encoding of the inputs is the base class's). */
  private SoftmaxModel m_Model;
  private List<Double> m_ValidationCurve = new ArrayList<>();
  private int m_EpochsRun;
  private int m_BestEpoch;
  /** The solver that trained the model, and how L-BFGS ended (when it ran). */
  private boolean m_UsedLbfgs;
  private boolean m_LbfgsConverged;
  /** L-BFGS: the instances held out for early stopping (0: none). */
  private int m_HeldOut;
  private double m_FinalGradientNorm = Double.NaN;
  private int m_LbfgsEvaluations;

  /** Training state, alive between initializeClassifier and done (longer with resume). */
  private transient SoftmaxTrainer m_Trainer;
  /** The encoded training data, kept between initializeClassifier and the L-BFGS run. */
  private transient Encoded m_Data;
  private transient boolean m_LbfgsDone;
  /** The training set as the picture rule sees it (null without a loss-curve file). */
  private transient ModelPictures.Training m_PictureData;
  private boolean m_Resume;

  public SoftmaxRegression() {
    super(defaultOptimizer(), 1000);
  }

  @Override
  protected Capability classCapability() {
    return Capability.NOMINAL_CLASS;
  }

  /**
   * Plain SGD with a step size of 0.05. Measured on iris, the digits split and Fashion-MNIST (see
   * doc/SoftmaxRegression.md): Adam moves every weight by about its step size per update whatever
   * the gradient, so a step large enough for small data sets (iris needs large weights) makes rare
   * features of wide data (Fashion-MNIST's border pixels, huge once standardised) swing the logits;
   * SGD's step is proportional to the gradient and converged well on all three.
   */
  private static SGD defaultOptimizer() {
    SGD sgd = new SGD();
    sgd.setLearningRate(0.05);
    return sgd;
  }

  public String globalInfo() {
    return "Multinomial logistic (softmax) regression fitted by full-batch L-BFGS or by mini-batch "
        + "steps of a chosen optimizer. "
        + "It keeps one weight vector and bias per class, "
        + "p(y=i|x) = exp(w_i.x + b_i) / sum_j exp(w_j.x + b_j), fitted by maximum likelihood "
        + "(weighted cross-entropy with an L2 penalty). Two solvers: full-batch L-BFGS, the default "
        + "(plain Java arrays on small data, n (d + 1) k up to " + SoftmaxLbfgs.SMALL + ", as fast as "
        + "Weka's Logistic there; native BLAS products above, where -tolerance also stops it and auto "
        + "holds out -validation-fraction of the data to stop at its lowest loss), and "
        + "mini-batch gradient steps on ND4J, whose optimizer is an option object: SGD, Momentum, Nesterov, "
        + "AdaGrad, RMSProp or Adam; -optimizer LBFGS asks for full-batch L-BFGS with that object's "
        + "settings (gradient tolerance, iteration limit, corrections). Numeric attributes are standardised with training statistics, nominal attributes one-hot "
        + "encoded, missing values replaced by training means. With mini-batches, one epoch per "
        + "iteration, so IterativeClassifierOptimizer can choose the number of epochs; optional "
        + "early stopping on a stratified validation split restores the best epoch's weights.\n\n"
        + "For more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(Type.BOOK);
    result.setValue(Field.AUTHOR, "Christopher M. Bishop");
    result.setValue(Field.TITLE, "Pattern Recognition and Machine Learning");
    result.setValue(Field.YEAR, "2006");
    result.setValue(Field.PUBLISHER, "Springer");
    result.setValue(Field.NOTE, "Section 4.3.4, Multiclass logistic regression");
    TechnicalInformation adam = result.add(Type.INPROCEEDINGS);
    adam.setValue(Field.AUTHOR, "Diederik P. Kingma and Jimmy Ba");
    adam.setValue(Field.TITLE, "Adam: A Method for Stochastic Optimization");
    adam.setValue(Field.BOOKTITLE, "3rd International Conference on Learning Representations (ICLR)");
    adam.setValue(Field.YEAR, "2015");
    return result;
  }

  // ---------------------------------------------------------------- options

  @OptionMetadata(displayName = "solver",
      description = "How the loss is minimised: full-batch L-BFGS, mini-batches, or auto. Auto takes "
          + "L-BFGS unless early stopping is on or memory is short; above n (d + 1) k = "
          + SoftmaxLbfgs.SMALL + " it stops on a held-out split. The output says which ran.",
      commandLineParamName = "solver", commandLineParamSynopsis = "-solver <auto|lbfgs|minibatch>",
      displayOrder = 0)
  public SelectedTag getSolver() {
    return new SelectedTag(m_Solver, TAGS_SOLVER);
  }

  public void setSolver(SelectedTag solver) {
    if (solver.getTags() == TAGS_SOLVER) {
      m_Solver = solver.getSelectedTag().getID();
    }
  }

  @OptionMetadata(displayName = "numEpochs",
      description = "The most epochs (mini-batch passes), one per iteration; at least 1.",
      commandLineParamName = "epochs", commandLineParamSynopsis = "-epochs <int>", displayOrder = 2)
  public int getNumEpochs() {
    return m_NumEpochs;
  }

  public void setNumEpochs(int numEpochs) {
    m_NumEpochs = OptionChecks.atLeast("SoftmaxRegression", "epochs", numEpochs, 1);
  }

  @OptionMetadata(displayName = "tolerance",
      description = "Stop when the loss falls less than this over 5 epochs or iterations; 0 is off. "
          + "Epochs of mini-batches, iterations of L-BFGS on large data, as scikit-learn's "
          + "SGDClassifier; a finite number >= 0.",
      commandLineParamName = "tolerance", commandLineParamSynopsis = "-tolerance <double>",
      displayOrder = 3)
  public double getTolerance() {
    return m_Tolerance;
  }

  public void setTolerance(double tolerance) {
    m_Tolerance = OptionChecks.atLeast("SoftmaxRegression", "tolerance", tolerance, 0.0);
  }

  @OptionMetadata(displayName = "l2",
      description = "The L2 penalty lambda on the weights, not the biases; a finite number >= 0. It "
          + "applies to the standardised inputs.",
      commandLineParamName = "L2", commandLineParamSynopsis = "-L2 <double>", displayOrder = 5)
  public double getL2() {
    return m_L2;
  }

  public void setL2(double l2) {
    m_L2 = OptionChecks.atLeast("SoftmaxRegression", "L2", l2, 0.0);
  }

  @OptionMetadata(displayName = "earlyStoppingPatience",
      description = "Mini-batch solver: epochs without a lower validation loss before it stops; 0 "
          + "turns it off. The best epoch's weights are restored; with 0 all data trains. With solver "
          + "auto, early stopping picks the mini-batch solver; >= 0.",
      commandLineParamName = "early-stopping",
      commandLineParamSynopsis = "-early-stopping <int>", displayOrder = 6)
  public int getEarlyStoppingPatience() {
    return m_EarlyStoppingPatience;
  }

  public void setEarlyStoppingPatience(int patience) {
    m_EarlyStoppingPatience = OptionChecks.atLeast("SoftmaxRegression", "early-stopping", patience, 0);
  }

  @OptionMetadata(displayName = "validationFraction",
      description = "The share of the rows held out for the validation loss, in (0, 1). Used by "
          + "early stopping and by auto's L-BFGS on large data; stratified and drawn with the seed.",
      commandLineParamName = "validation-fraction",
      commandLineParamSynopsis = "-validation-fraction <double>", displayOrder = 7)
  public double getValidationFraction() {
    return m_ValidationFraction;
  }

  public void setValidationFraction(double fraction) {
    m_ValidationFraction = OptionChecks.between("SoftmaxRegression", "validation-fraction", fraction, 0, 1);
  }

  @OptionMetadata(displayName = "numThreads",
      description = "Native threads of ND4J and OpenBLAS, process-wide; 0 chooses, at most 1024. 0 "
          + "takes half the cores, at most 4, unless the system property fundamentos.threads is set; "
          + "results agree across counts to rounding.",
      commandLineParamName = "num-threads", commandLineParamSynopsis = "-num-threads <int>",
      displayOrder = 8)
  public int getNumThreads() {
    return m_NumThreads;
  }

  public void setNumThreads(int numThreads) {
    m_NumThreads = OptionChecks.inRange("SoftmaxRegression", "num-threads", numThreads, 0, OptionChecks.MAX_THREADS);
  }

  @OptionMetadata(displayName = "lossCurveFile",
      description = "If set, a PNG of the loss by epoch is written to this file after training. It "
          + "shows the training loss, and the validation loss with early stopping.",
      commandLineParamName = "loss-curve", commandLineParamSynopsis = "-loss-curve <file.png>",
      displayOrder = 9)
  public File getLossCurveFile() {
    return m_LossCurveFile;
  }

  public void setLossCurveFile(File file) {
    m_LossCurveFile = file == null ? new File("") : file;
  }

  @Override
  public String seedTipText() {
    return "The seed of the mini-batch order and of the validation split (L-BFGS draws nothing).";
  }

  public String resumeTipText() {
    return "Keep the training state after training so that more epochs can be run later. "
          + "This is IterativeClassifier's resume; it costs the memory of a copy of the "
          + "training data.";
  }

  @Override
  public void setResume(boolean resume) {
    m_Resume = resume;
  }

  @Override
  public boolean getResume() {
    return m_Resume;
  }

  // --------------------------------------------------------------- training

  @Override
  public void buildClassifier(Instances data) throws Exception {
    OptionsRefusal.check(this, getClass().getSimpleName());
    // with resume, a kept training state goes on where it stopped (IterativeClassifier)
    if (!(m_Resume && (m_Trainer != null || m_Data != null))) {
      prepare(data);
    }
    if (m_UsedLbfgs) {
      if (!m_LbfgsDone) {
        runLbfgs();
      }
      finishLbfgs();
      return;
    }
    onNd4jThread(() -> {
      if (m_Trainer == null) {
        startMiniBatches();
      }
      while (nextEpoch()) {
        // one epoch per call
      }
      finish();
      return null;
    });
  }

  /** Runs ND4J work on the package's ND4J thread ({@link Interrupted#onNd4jThread}). */
  private <T> T onNd4jThread(Callable<T> work) throws Exception {
    return Interrupted.onNd4jThread("SoftmaxRegression", work);
  }

  @Override
  public void initializeClassifier(Instances data) throws Exception {
    OptionsRefusal.check(this, getClass().getSimpleName());
    if (m_Resume && (m_Trainer != null || m_Data != null)) {
      return;
    }
    if (m_Resume && m_Model != null) {
      // a saved and loaded model (Weka's -l model -continue-iterating), or one trained without
      // resume: continuing it would silently train a new model
      throw new WekaException("SoftmaxRegression: this model holds no training state to continue "
          + "(it was saved and loaded, or trained with resume off): the optimizer's state and the "
          + "training data are not saved with a model. Train it again with -epochs set to the "
          + "total number of epochs, or, in code, set resume before the first training.");
    }
    prepare(data);
    if (!m_UsedLbfgs) {
      onNd4jThread(() -> {
        startMiniBatches();
        return null;
      });
    }
  }

  /** The training data as both solvers take it: encoded rows, class indices, instance weights. */
  private record Encoded(double[][] rows, int[] labels, double[] weights, int numClasses) {
  }

  /**
   * Everything before the first step, in plain Java (no ND4J): checks, the encoding, the choice of
   * solver and its memory check.
   */
  private void prepare(Instances data) throws Exception {
    checkSettings();
    getCapabilities().testWithFail(data);
    m_PictureData = m_LossCurveFile.getPath().isEmpty() ? null : ModelPictures.training(data);
    m_Trainer = null;
    m_Data = null;
    m_LbfgsDone = false;
    data = trainingData(data);
    int numClasses = data.numClasses();
    int d = m_Encoder.numColumns();
    String sizes = "n = " + m_NumTrainingInstances + ", d = " + d + " encoded columns, " + numClasses
        + " classes";
    m_UsedLbfgs = m_Solver == SOLVER_LBFGS || m_Optimizer instanceof LBFGS
        || m_Solver == SOLVER_AUTO && m_EarlyStoppingPatience == 0
        && lbfgsFits(m_NumTrainingInstances, d, numClasses, sizes);
    try {
      if (m_UsedLbfgs) {
        MemoryBudget.require("SoftmaxRegression", "training (L-BFGS)",
            SoftmaxLbfgs.memory(m_NumTrainingInstances, d, numClasses, lbfgsSettings().corrections()), sizes,
            "the number of attributes (nominal values become one column each) or instances, or use "
            + "-solver minibatch");
      } else {
        MemoryBudget.require("SoftmaxRegression", "training", SoftmaxTrainer.memory(
            m_NumTrainingInstances, d, numClasses, m_MiniBatchSize), sizes + ", -mini-batch " + m_MiniBatchSize,
            "the number of attributes (nominal values become one column each) or instances");
      }
    } catch (MemoryRefusedException e) {
      throw new WekaException(e.getMessage());
    }
    m_Data = new Encoded(m_Encoder.encode(data), InstancesEncoder.classIndices(data),
        InstancesEncoder.weights(data), numClasses);
    m_LossCurve = new ArrayList<>();
    m_ValidationCurve = new ArrayList<>();
    m_EpochsRun = 0;
    m_BestEpoch = 0;
    m_LbfgsConverged = false;
    m_HeldOut = 0;
    m_FinalGradientNorm = Double.NaN;
    m_LbfgsEvaluations = 0;
  }

  /**
   * Whether full-batch L-BFGS's memory (with large data, a native copy of the encoded rows) fits:
   * auto takes mini-batches, which stream the rows, when it does not.
   */
  private boolean lbfgsFits(int n, int d, int numClasses, String sizes) {
    try {
      MemoryBudget.require("SoftmaxRegression", "training (L-BFGS)",
          SoftmaxLbfgs.memory(n, d, numClasses, lbfgsSettings().corrections()), sizes, "");
      return true;
    } catch (MemoryRefusedException e) {
      return false;
    }
  }

  /** The mini-batch solver's start: the validation split, the model and trainer on ND4J. */
  private void startMiniBatches() {
    Nd4jRuntime.setThreads(m_NumThreads);
    Encoded data = m_Data;
    m_Trainer = SoftmaxTrainer.onRows(data.rows(), m_Encoder.numColumns(), data.labels(),
        data.weights(), data.numClasses(), ((StepRuleOptimizer) m_Optimizer).newUpdateRule(), m_MiniBatchSize, m_L2,
        m_EarlyStoppingPatience, m_ValidationFraction, getSeed());
    m_Model = m_Trainer.model();
    m_Data = null;
    m_Trainer.setTolerance(m_Tolerance);
    if (getDebug()) {
      m_Trainer.setListener((epoch, loss, validation) -> System.err.println("SoftmaxRegression: epoch "
          + epoch + " training loss " + loss
          + (Double.isNaN(validation) ? "" : " validation loss " + validation)));
    }
  }

  /**
   * The L-BFGS solver, on the caller's thread: plain Java, so an interrupt lands in its own loop
   * (Cancellation) and the Explorer's Thread.stop in Java code that holds no native state.
   */
  private void runLbfgs() throws Exception {
    Encoded data = m_Data;
    SoftmaxLbfgs.Result result;
    try {
      result = SoftmaxLbfgs.fit(data.rows(), m_Encoder.numColumns(), data.labels(), data.weights(),
          data.numClasses(), m_L2, runSettings(data),
          m_NumThreads > 0 ? m_NumThreads : Nd4jRuntime.automaticThreads(), heldOut(data));
    } catch (Cancelled stopped) {
      throw Interrupted.exception("SoftmaxRegression", stopped);
    }
    if (!Double.isFinite(result.loss())) {
      throw new WekaException("SoftmaxRegression: L-BFGS ended with the loss " + result.loss()
          + "; try -solver minibatch.");
    }
    m_Model = result.model(m_Encoder.numColumns(), data.numClasses());
    m_LossCurve = new ArrayList<>(result.lossCurve());
    m_ValidationCurve = new ArrayList<>(result.validationCurve());
    m_HeldOut = result.heldOut();
    m_BestEpoch = result.heldOut() > 0 ? result.bestIteration() : 0;
    m_EpochsRun = result.iterations();
    m_LbfgsEvaluations = result.evaluations();
    m_LbfgsConverged = result.converged();
    m_FinalGradientNorm = result.gradientNorm();
    m_LbfgsDone = true;
    if (getDebug()) {
      System.err.println("SoftmaxRegression: L-BFGS " + result.iterations() + " iterations, loss "
          + result.loss() + ", gradient norm " + result.gradientNorm());
    }
  }

  /**
   * L-BFGS's settings for this data: on data above {@link SoftmaxLbfgs#SMALL} also the -tolerance
   * loss test per iteration. There each iteration costs a pass over tens of thousands of rows, the
   * gradient test is not met within 1000 iterations, and the last hundreds of iterations lower the
   * loss by less than 1e-4 each while the test accuracy falls (60,000 Fashion-MNIST images: 84.4% at
   * 100 iterations, 83.5% at 1000, doc/SoftmaxRegression.md). Small data keeps the gradient test
   * alone, and so its models.
   */
  private Lbfgs.Settings runSettings(Encoded data) {
    Lbfgs.Settings settings = lbfgsSettings();
    return SoftmaxLbfgs.isSmall(data.rows().length, m_Encoder.numColumns(), data.numClasses())
        ? settings : settings.withLossTolerance(m_Tolerance);
  }

  /**
   * Early stopping for L-BFGS that auto chose on data above {@link SoftmaxLbfgs#SMALL}: the
   * -validation-fraction share of the rows, drawn with the seed, is held out, and the iterate of its
   * lowest loss is kept once {@link SoftmaxLbfgs#PATIENCE} iterations have not lowered it. On large
   * data the optimum of L overfits at the default lambda (10,000 Fashion-MNIST images: 78.9% of the
   * test images at the optimum, 82.9% at the lowest held-out loss, doc/SoftmaxRegression.md), and
   * stopping there takes a fraction of the passes. -solver lbfgs (or small data) runs to L's optimum.
   */
  private SoftmaxLbfgs.HeldOut heldOut(Encoded data) {
    return m_Solver == SOLVER_AUTO
        && !SoftmaxLbfgs.isSmall(data.rows().length, m_Encoder.numColumns(), data.numClasses())
        ? new SoftmaxLbfgs.HeldOut(m_ValidationFraction, getSeed(), SoftmaxLbfgs.PATIENCE) : null;
  }

  private void finishLbfgs() throws Exception {
    writeClaimedLossCurve();
    if (!m_Resume) {
      m_Data = null;
    }
  }

  /**
   * L-BFGS's settings: the LBFGS optimizer's, or LBFGS's defaults (which are this scheme's former
   * -gradient-tolerance and -epochs defaults, so a default model did not change) when the optimizer
   * is a mini-batch rule and auto or -solver lbfgs chose L-BFGS.
   */
  private Lbfgs.Settings lbfgsSettings() {
    return (m_Optimizer instanceof LBFGS lbfgs ? lbfgs : new LBFGS()).settings();
  }

  private void checkSettings() throws WekaException {
    if (!(m_Tolerance >= 0) || Double.isInfinite(m_Tolerance)) {
      throw new WekaException("SoftmaxRegression: the tolerance must be a number >= 0, not "
          + m_Tolerance + ".");
    }
    if (m_Optimizer instanceof LBFGS && m_Solver == SOLVER_MINIBATCH) {
      throw new WekaException("SoftmaxRegression: -solver minibatch needs a gradient step rule (SGD, "
          + "Momentum, Nesterov, AdaGrad, RMSProp or Adam), not the full-batch -optimizer LBFGS; use "
          + "-solver lbfgs or auto with LBFGS.");
    }
    if (m_Optimizer instanceof LBFGS && m_EarlyStoppingPatience > 0) {
      throw new WekaException("SoftmaxRegression: early stopping (-early-stopping "
          + m_EarlyStoppingPatience + ") needs epochs, and -optimizer LBFGS runs none: pick a mini-batch "
          + "optimizer or -early-stopping 0.");
    }
    if (m_Optimizer instanceof LBFGS lbfgs) {
      try {
        lbfgs.settings();
      } catch (IllegalArgumentException e) {
        throw new WekaException("SoftmaxRegression: " + e.getMessage());
      }
    }
    if (m_Solver == SOLVER_LBFGS && m_EarlyStoppingPatience > 0) {
      throw new WekaException("SoftmaxRegression: early stopping (-early-stopping "
          + m_EarlyStoppingPatience + ") needs epochs: use -solver minibatch or auto, or -early-stopping 0 "
          + "with -solver lbfgs.");
    }
    // LBFGS makes no update rule; the shared checks of the other options still run (on the default rule)
    StepRuleOptimizer stepRule = m_Optimizer instanceof StepRuleOptimizer rule ? rule
        : m_Optimizer == null ? null : defaultOptimizer();
    fundamentos.weka.TrainingOptions.check("SoftmaxRegression", stepRule, m_NumEpochs,
        m_MiniBatchSize, "the L2 penalty", m_L2, m_EarlyStoppingPatience, m_ValidationFraction);
  }

  /** Mini-batches: one epoch. L-BFGS: the whole run, to convergence, the first time. */
  @Override
  public boolean next() throws Exception {
    if (m_UsedLbfgs) {
      if (m_Data == null) {
        throw new WekaException("SoftmaxRegression: call initializeClassifier before next().");
      }
      if (!m_LbfgsDone) {
        runLbfgs();
      }
      return false;
    }
    return onNd4jThread(this::nextEpoch);
  }

  private boolean nextEpoch() throws Exception {
    if (m_Trainer == null) {
      throw new WekaException("SoftmaxRegression: call initializeClassifier before next().");
    }
    boolean goOn;
    try {
      goOn = m_Trainer.loop().next(m_NumEpochs);
    } catch (IllegalStateException diverged) {
      throw new WekaException("SoftmaxRegression: " + diverged.getMessage());
    }
    m_EpochsRun = m_Trainer.epochs();
    m_LossCurve = new ArrayList<>(m_Trainer.lossCurve());
    m_ValidationCurve = new ArrayList<>(m_Trainer.validationCurve());
    return goOn;
  }

  @Override
  public void done() throws Exception {
    if (m_UsedLbfgs) {
      if (m_Data != null && !m_LbfgsDone) {
        runLbfgs();
      }
      if (m_Data != null) {
        finishLbfgs();
      }
      return;
    }
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
    writeClaimedLossCurve();
    if (!m_Resume) {
      m_Trainer = null;
    }
  }

  /**
   * Writes the loss curve when one is asked for and this build may draw it: a cross-validation fold
   * leaves the curve of the model built on all the data (ModelPictures).
   */
  private void writeClaimedLossCurve() throws java.io.IOException {
    if (!m_LossCurveFile.getPath().isEmpty() && !m_LossCurveFile.isDirectory()
        && ModelPictures.claim(m_LossCurveFile, m_PictureData)) {
      writeLossCurve(m_LossCurveFile);
    }
  }

  /**
   * Takes a model trained elsewhere by mini-batch steps, as if this scheme had trained it with its
   * options: the Spark module's train job (parameter averaging across workers, doc/Spark.md) writes
   * the model file this way, so that Weka loads and prints it as its own.
   *
   * @param encoder the encoding of the instances the model was trained on (standardised)
   * @param model the fitted weights
   * @param instances the training instances
   * @param epochs the training epochs, in order
   * @param bestEpoch the epoch whose weights early stopping kept (0: the last)
   */
  public void setTrainedModel(InstancesEncoder encoder, SoftmaxModel model, int instances,
      List<EpochResult> epochs, int bestEpoch) {
    m_Encoder = encoder;
    m_Model = model;
    m_NumTrainingInstances = instances;
    m_LossCurve = new ArrayList<>();
    m_ValidationCurve = new ArrayList<>();
    for (EpochResult epoch : epochs) {
      m_LossCurve.add(epoch.trainingLoss());
      if (!Double.isNaN(epoch.validationLoss())) {
        m_ValidationCurve.add(epoch.validationLoss());
      }
    }
    m_EpochsRun = epochs.size();
    m_BestEpoch = bestEpoch;
    m_UsedLbfgs = false;
    m_Trainer = null;
    m_Data = null;
  }

  // ------------------------------------------------------------- prediction

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    requireModel();
    return m_Model.probabilities(new double[][] {m_Encoder.encode(instance)})[0];
  }

  @Override
  public double[][] distributionsForInstances(Instances instances) throws Exception {
    requireModel();
    if (instances.numInstances() == 0) {
      return new double[0][];
    }
    double[][] rows = m_Encoder.encode(instances);
    return m_Model.probabilities(rows);
  }

  @Override
  public boolean implementsMoreEfficientBatchPrediction() {
    return true;
  }

  private void requireModel() throws WekaException {
    if (m_Model == null) {
      throw new WekaException("SoftmaxRegression: no model built yet.");
    }
  }

  // ------------------------------------------------------ model description

  /** The weight of each encoded column for each class, in the attributes' original units. */
  public double[][] coefficients() {
    return originalUnits(m_Model::parameter, m_Model.numClasses());
  }

  @Override
  public String toString() {
    if (m_Model == null) {
      return "SoftmaxRegression: no model built yet.";
    }
    StringBuilder text = new StringBuilder();
    text.append("Softmax (multinomial logistic) regression\n");
    text.append("=========================================\n\n");
    if (m_UsedLbfgs) {
      text.append("Solver: L-BFGS, full batch (-solver ").append(TAGS_SOLVER[m_Solver].getReadable())
          .append("), L2 penalty: ").append(m_L2).append(", gradient tolerance: ")
          .append(lbfgsSettings().gradientTolerance()).append('\n');
      text.append("Trained on ").append(m_NumTrainingInstances).append(" instances: ")
          .append(m_EpochsRun).append(" iteration(s), ").append(m_LbfgsEvaluations)
          .append(" passes over the data; ")
          .append(m_LbfgsConverged ? "converged" : "stopped at the iteration cap (maxIterations), not converged")
          .append(".\n");
      if (m_HeldOut > 0) {
        text.append("Early stopping: ").append(m_HeldOut).append(" of the instances held out (-validation-fraction "
            + m_ValidationFraction + "); kept the weights of iteration ").append(m_BestEpoch)
            .append(", the lowest held-out loss.\n");
      }
      text.append(String.format(java.util.Locale.ROOT, "Final loss %.6f, gradient norm %.3g.%n%n",
          m_LossCurve.isEmpty() ? Double.NaN : m_LossCurve.get(m_LossCurve.size() - 1), m_FinalGradientNorm));
    } else {
      text.append("Solver: mini-batch (-solver ").append(TAGS_SOLVER[m_Solver].getReadable()).append(")\n");
      text.append("Optimizer: ").append(m_Optimizer).append('\n');
      text.append("Mini-batch size: ").append(m_MiniBatchSize).append(", L2 penalty: ")
          .append(m_L2).append(", seed: ").append(getSeed()).append('\n');
      text.append("Trained on ").append(m_NumTrainingInstances).append(" instances for ")
          .append(m_EpochsRun).append(" epoch(s)");
      if (m_BestEpoch > 0) {
        text.append("; early stopping kept the weights of epoch ").append(m_BestEpoch);
      }
      text.append(".\n\n");
    }
    text.append(lossCurveSummary()).append('\n');

    Instances header = m_Encoder.header();
    double[][] coefficients = coefficients();
    int k = m_Model.numClasses();
    int nameWidth = nameWidth("Variable");
    int width = 12;
    for (int c = 0; c < k; c++) {
      width = Math.max(width, header.classAttribute().value(c).length() + 1);
    }
    text.append("Coefficients (original attribute units)\n");
    text.append(Utils.padRight("Variable", nameWidth));
    for (int c = 0; c < k; c++) {
      text.append(' ').append(Utils.padLeft(header.classAttribute().value(c), width));
    }
    text.append('\n').append("=".repeat(nameWidth + k * (width + 1))).append('\n');
    for (int j = 0; j <= m_Encoder.numColumns(); j++) {
      text.append(Utils.padRight(j < m_Encoder.numColumns() ? m_Encoder.columnName(j) : "Intercept",
          nameWidth));
      for (int c = 0; c < k; c++) {
        text.append(' ').append(Utils.padLeft(
            Utils.doubleToString(coefficients[j][c], width, getNumDecimalPlaces()), width));
      }
      text.append('\n');
    }
    return text.toString();
  }

  private String lossCurveSummary() {
    if (m_LossCurve.isEmpty()) {
      return "Training loss: no epoch run.\n";
    }
    String step = m_UsedLbfgs ? "iteration" : "epoch";
    StringBuilder text = new StringBuilder("Training loss (cross-entropy + penalty) by " + step + ":\n");
    int n = m_LossCurve.size();
    java.util.TreeSet<Integer> shown = new java.util.TreeSet<>();
    for (double q : new double[] {0, 0.1, 0.25, 0.5, 0.75, 1}) {
      shown.add((int) Math.round(q * (n - 1)));
    }
    for (int e : shown) {
      text.append(String.format(java.util.Locale.ROOT, "  %s %5d  %.6f%n", step, m_UsedLbfgs ? e : e + 1,
          m_LossCurve.get(e)));
    }
    return text.toString();
  }

  // ------------------------------------------------------ additional measures

  @Override
  public Enumeration<String> enumerateMeasures() {
    Vector<String> names = new Vector<>();
    names.add("measureNumEpochs");
    names.add("measureFinalTrainingLoss");
    return names.elements();
  }

  @Override
  public double getMeasure(String name) {
    if (name.equalsIgnoreCase("measureNumEpochs")) {
      return m_EpochsRun;
    }
    if (name.equalsIgnoreCase("measureFinalTrainingLoss")) {
      return m_LossCurve.isEmpty() ? Double.NaN : m_LossCurve.get(m_LossCurve.size() - 1);
    }
    throw new IllegalArgumentException(name + " not supported (SoftmaxRegression)");
  }

  /** Writes the loss by epoch as a PNG chart. */
  public void writeLossCurve(File file) throws java.io.IOException {
    String step = m_UsedLbfgs ? "L-BFGS iteration" : "epoch";
    LineChart chart = new LineChart("SoftmaxRegression: loss by " + step, step, "loss")
        .add("training (with penalty)", m_LossCurve.stream().mapToDouble(Double::doubleValue).toArray());
    if (!m_ValidationCurve.isEmpty()) {
      chart.add("validation", m_ValidationCurve.stream().mapToDouble(Double::doubleValue).toArray());
    }
    chart.writePng(file, 640, 400);
  }

  public static void main(String[] args) {
    runClassifier(new SoftmaxRegression(), args);
  }
}
