package fundamentos.deep;

import fundamentos.optim.UpdateRule;
import fundamentos.progress.Cancellation;
import fundamentos.training.EpochResult;
import fundamentos.training.LearningRateSchedule;
import fundamentos.training.ParameterAveraging;
import fundamentos.training.Shard;
import fundamentos.training.TrainableModel;
import fundamentos.training.TrainingLoop;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batch training of a {@link Network} (course section 3.3), one epoch per call: DL4J computes
 * the loss and its gradient by backpropagation, and one of the course's update rules
 * ({@code fundamentos.optim}, shared with SoftmaxRegression) moves the parameters. The epochs
 * (order, schedule, early stopping, progress) are the shared {@link TrainingLoop}'s; this class
 * brings the network's step, losses and parameters. Each epoch shuffles the previous epoch's order
 * again ({@link TrainingLoop.Shuffle#CONTINUED}); augmentation draws from the same generator.
 *
 * <p>Instance weights mean copies. The loss is (1/W) sum_i w_i CE(y_i, p_i) + (lambda/2) sum W^2
 * over the whole training set (W = sum_i w_i; the penalty on the weight matrices and embedding
 * tables, not biases, positions or normalisation gains). A mini-batch B estimates its gradient as
 * sum_{i in B} w_i grad CE_i / (|B| W / n): instance weights scale each example's cross-entropy (its
 * one-hot label row is multiplied by w_i, see {@link Network}), and DL4J's sum of per-example
 * gradients is divided by the mini-batch's expected weight |B| W / n (its own updater, which is not
 * used, would divide by |B|). Over uniformly drawn mini-batches that is an unbiased estimate of the
 * gradient of the data with each example copied w_i times; a mini-batch of zero weights gives a zero
 * gradient, never 0 / 0. Batch normalisation's running mean and variance are not
 * parameters of the loss: DL4J hands their exponential-average update over as a "gradient", which
 * is applied as is. Early stopping keeps a copy of the parameters of the epoch with the lowest
 * validation loss. The training loss of an epoch is the mean weighted cross-entropy over its
 * mini-batches; the accuracy reported with it is measured on up to 2,000 training examples.
 *
 * <p>A network built with the squared error ({@link Network.OutputLoss#SQUARED_ERROR},
 * {@link WeightedSquaredError}) is trained the same way on l_i = (1/2) ||p_i - y_i||^2 instead of CE
 * (its loss reads the weight from the scaled label row too); its training and validation losses are
 * the weighted mean squared error.
 */
public final class NetworkTrainer {

  /** How training runs. */
  public record Settings(int batchSize, double weightDecay, LearningRateSchedule schedule,
      int epochs, int patience, ImageAugmentation augmentation) {
  }

  private static final int EVALUATION_BATCH = 512;
  private static final int TRAINING_SAMPLE = 2000;

  private final MultiLayerNetwork network;
  private final Examples training;
  private final Examples validation;
  private final Examples trainingSample;
  private final int numClasses;
  /** Whether the output layer's loss is the squared error (else the cross-entropy). */
  private final boolean squaredError;
  private final Settings settings;
  /** W / n: a mini-batch of b examples is expected to weigh b times this. */
  private final double meanWeight;
  private final TrainingLoop loop;
  // the epoch running: its number and order, the mini-batch buffer, the sums of its mean loss
  private int epoch;
  private int[] order;
  private float[] batch = new float[0];
  private double lossSum;
  private double weightSum;

  /**
   * @param validation held-out examples for early stopping, or null
   */
  public NetworkTrainer(MultiLayerNetwork network, Examples training, Examples validation,
      int numClasses, UpdateRule rule, Settings settings, long seed) {
    if (training.size() == 0) {
      throw new IllegalArgumentException("No training examples.");
    }
    this.network = network;
    this.training = training;
    double total = totalWeight(training);
    meanWeight = total / training.size();
    if (!(meanWeight > 0) || Double.isInfinite(meanWeight)) {
      throw new IllegalArgumentException("The instance weights of the training examples sum to " + total
          + ": at least one example needs a positive, finite weight.");
    }
    // a validation split of zero weight has no loss to compare (0 / 0): no early stopping then
    this.validation = validation == null || validation.size() == 0 || !(totalWeight(validation) > 0) ? null
        : validation;
    this.numClasses = numClasses;
    this.squaredError = Network.outputLoss(network) == Network.OutputLoss.SQUARED_ERROR;
    this.settings = settings;
    Random random = new Random(seed);
    // dropout masks come from ND4J's global generator
    Nd4j.getRandom().setSeed(seed);
    int[] sample = new int[training.size()];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = i;
    }
    TrainingLoop.shuffle(sample, new Random(seed + 1));
    // the accuracy reported each epoch: examples of weight 0 count for nothing in it
    sample = java.util.Arrays.stream(sample).filter(i -> training.weights()[i] > 0).toArray();
    trainingSample = training.subset(java.util.Arrays.copyOf(sample,
        Math.min(TRAINING_SAMPLE, sample.length)));
    loop = new TrainingLoop(new Steps(), rule, new TrainingLoop.Settings(
        Math.min(settings.batchSize(), training.size()), settings.schedule(), settings.epochs(),
        settings.patience(), 0, TrainingLoop.Shuffle.CONTINUED), random);
  }

  /**
   * One worker's part of training on many machines ({@link ParameterAveraging}): the network's
   * steps on the worker's shard of the examples, with its held-out part, shuffled epoch by epoch as
   * one machine shuffles ({@link TrainingLoop.Shuffle#CONTINUED}) from the shard's seed. Its
   * training loss is the mean over the shard's steps of the epoch, as on one machine.
   *
   * @param network a network of the training's architecture (the driver's parameters replace its
   *     own every round)
   * @param rule a rule of the training's kind (the driver's state replaces its own every round)
   */
  public static Shard shard(MultiLayerNetwork network, Examples training, Examples validation,
      int numClasses, UpdateRule rule, Settings settings, long seed) {
    NetworkTrainer trainer = new NetworkTrainer(network, training, validation, numClasses, rule,
        settings, seed);
    return new Shard(trainer.new Steps(), rule, Math.min(settings.batchSize(), training.size()),
        TrainingLoop.Shuffle.CONTINUED, seed);
  }

  private static double totalWeight(Examples examples) {
    double total = 0;
    for (double w : examples.weights()) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("Instance weights must be finite and not negative, not " + w + ".");
      }
      total += w;
    }
    return total;
  }

  /** Receives every finished epoch (progress reports). */
  public void setListener(Consumer<EpochResult> listener) {
    loop.setListener(listener);
  }

  /** The epochs, for a caller that runs them as Weka's iterations (next, resume, progress). */
  public TrainingLoop loop() {
    return loop;
  }

  /** Epochs run so far. */
  public int epochs() {
    return loop.epochs();
  }

  public List<EpochResult> history() {
    return loop.history();
  }

  /** The epoch whose parameters early stopping keeps (0 without a validation split). */
  public int bestEpoch() {
    return loop.bestEpoch();
  }

  /**
   * Runs one epoch.
   *
   * @return false once early stopping has seen {@code patience} epochs without improvement
   * @throws IllegalStateException when the loss is no longer finite (diverged)
   */
  public boolean runEpoch() {
    return loop.runEpoch();
  }

  /** Puts back the parameters of the best validation epoch (nothing without a validation split). */
  public void restoreBest() {
    loop.restoreBest();
  }

  /** One gradient step on a mini-batch; returns its loss (DL4J's score: weighted mean cross-entropy). */
  private double step(INDArray features, INDArray labels, UpdateRule rule) {
    network.setInput(features);
    network.setLabels(labels);
    // padded tokens of sequences: the mask reaches the encoder blocks and the pooling
    INDArray mask = Network.featureMask(network, features);
    if (mask != null) {
      network.setLayerMaskArrays(mask, null);
    }
    network.computeGradientAndScore();
    double score = network.score();
    long rows = features.size(0);
    INDArray gradient = network.getGradientsViewArray();
    INDArray params = network.params();
    Map<String, INDArray> views = network.gradient().gradientForVariable();
    // running statistics first: their "gradient" is the update itself, not divided by |B|
    for (Map.Entry<String, INDArray> entry : views.entrySet()) {
      String key = entry.getKey();
      int split = key.indexOf('_');
      String name = key.substring(split + 1);
      if (Network.isRunningStatistic(name)) {
        int layer = Integer.parseInt(key.substring(0, split));
        network.getLayer(layer).getParam(name).subi(entry.getValue());
        entry.getValue().assign(0);
      }
    }
    gradient.divi(rows * meanWeight);
    if (settings.weightDecay() > 0) {
      for (Map.Entry<String, INDArray> entry : views.entrySet()) {
        String key = entry.getKey();
        int split = key.indexOf('_');
        int layer = Integer.parseInt(key.substring(0, split));
        String name = key.substring(split + 1);
        if (Network.isWeightMatrix(network, layer, name)) {
          entry.getValue().addi(network.getLayer(layer).getParam(name).mul(settings.weightDecay()));
        }
      }
    }
    // DL4J keeps the parameters as a vector and the gradients as a 1 x n row
    rule.step(params, gradient.reshape(params.shape()));
    network.clearLayersStates();
    if (mask != null) {
      network.clearLayerMaskArrays();
    }
    return score;
  }

  /**
   * The weighted mean loss (cross-entropy, or (1/2) ||p - y||^2 for a squared-error network) and
   * the weighted accuracy on some examples (inference mode).
   */
  public double[] evaluate(Examples examples) {
    int f = (int) examples.shape().size();
    double loss = 0;
    double correct = 0;
    double total = 0;
    for (int from = 0; from < examples.size(); from += EVALUATION_BATCH) {
      Cancellation.check();
      int rows = Math.min(EVALUATION_BATCH, examples.size() - from);
      float[] x = java.util.Arrays.copyOfRange(examples.features(), from * f, (from + rows) * f);
      double[][] p = Probabilities.of(network, x, rows, f);
      for (int r = 0; r < rows; r++) {
        int y = examples.labels()[from + r];
        double w = examples.weights()[from + r];
        if (squaredError) {
          double squares = 0;
          for (int k = 0; k < p[r].length; k++) {
            double residual = p[r][k] - (k == y ? 1 : 0);
            squares += residual * residual;
          }
          loss += w * 0.5 * squares;
        } else {
          loss -= w * Math.log(Math.max(p[r][y], 1e-12));
        }
        int argmax = 0;
        for (int k = 1; k < p[r].length; k++) {
          if (p[r][k] > p[r][argmax]) {
            argmax = k;
          }
        }
        correct += argmax == y ? w : 0;
        total += w;
      }
    }
    return new double[] {loss / total, correct / total};
  }

  /** The network's part of training: a mini-batch step, the losses, the parameters. */
  private final class Steps implements TrainableModel {

    @Override
    public int trainingSize() {
      return training.size();
    }

    @Override
    public void startEpoch(int number, int[] epochOrder) {
      epoch = number;
      order = epochOrder;
      lossSum = 0;
      weightSum = 0;
    }

    @Override
    public void step(int from, int to, UpdateRule rule, Random random) {
      int f = (int) training.shape().size();
      int rows = to - from;
      if (rows != batch.length / f) {
        batch = new float[rows * f];
      }
      float[] labels = new float[rows * numClasses];
      for (int r = 0; r < rows; r++) {
        int i = order[from + r];
        System.arraycopy(training.features(), i * f, batch, r * f, f);
        labels[r * numClasses + training.labels()[i]] = (float) training.weights()[i];
        weightSum += training.weights()[i];
      }
      if (settings.augmentation() != null && settings.augmentation().active()
          && training.shape().spatial()) {
        settings.augmentation().apply(batch, rows, training.shape(), random);
      }
      double score = NetworkTrainer.this.step(Nd4j.create(batch, new long[] {rows, f}, 'c'),
          Nd4j.create(labels, new long[] {rows, numClasses}, 'c'), rule);
      if (!Double.isFinite(score)) {
        throw new IllegalStateException("training diverged: the loss became " + score + " in epoch "
            + epoch + "; lower the learning rate or standardise the inputs.");
      }
      lossSum += score * rows;
    }

    /** The mean weighted loss (cross-entropy or squared error) over the epoch's mini-batches. */
    @Override
    public double trainingLoss() {
      return lossSum / Math.max(weightSum, Double.MIN_VALUE);
    }

    @Override
    public double trainingAccuracy() {
      return evaluate(trainingSample)[1];
    }

    @Override
    public boolean hasValidation() {
      return validation != null;
    }

    @Override
    public double[] validation() {
      return evaluate(validation);
    }

    @Override
    public double trainingWeight() {
      return meanWeight * training.size();
    }

    @Override
    public double validationWeight() {
      return validation == null ? 0 : totalWeight(validation);
    }

    @Override
    public INDArray copyOfParameters() {
      return network.params().dup();
    }

    @Override
    public void setParameters(INDArray parameters) {
      network.setParams(parameters);
    }
  }
}
