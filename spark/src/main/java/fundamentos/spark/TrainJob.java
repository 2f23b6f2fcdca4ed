package fundamentos.spark;

import fundamentos.linear.SoftmaxModel;
import fundamentos.linear.SoftmaxTrainer;
import fundamentos.nd4j.Nd4jRuntime;
import fundamentos.nd4j.Nd4jWorker;
import fundamentos.optim.UpdateRule;
import fundamentos.training.EpochResult;
import fundamentos.training.LearningRateSchedule;
import fundamentos.training.ParameterAveraging;
import fundamentos.training.Shard;
import fundamentos.training.TrainingLoop;
import fundamentos.weka.InstancesEncoder;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.functions.NetworkClassifier;
import weka.classifiers.functions.SoftmaxRegression;
import weka.classifiers.functions.optimizers.StepRuleOptimizer;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.SerializationHelper;

/**
 * The train job: SoftmaxRegression trained on every row by synchronous data-parallel parameter
 * averaging (issue 24; {@link ParameterAveraging}, the method of DL4J's
 * ParameterAveragingTrainingMaster). Each of -workers partitions holds a shard of the rows, encoded
 * once and kept in the executors' memory; every round the driver broadcasts the parameters and the
 * optimizer's state, each partition takes -averaging mini-batch steps on its shard with the
 * scheme's own steps ({@link Shard}), and the driver averages what comes back, weighted by the
 * rows each partition's steps saw. The epochs (learning rate, convergence test, early stopping with
 * the best weights) are the scheme's own loop on the driver, counted in global epochs.
 *
 * <ol>
 *   <li>The header and its statistics (-header, else one pass) give the standardisation that
 *   SoftmaxRegression fits on one machine: each numeric column's mean and standard deviation.</li>
 *   <li>The rows are split into -workers partitions (the input's own partitions, merged in order
 *   or reshuffled by Spark when the count differs); partition p shuffles its shard with the
 *   scheme's seed + p, so one worker on rows in file order, averaging after every mini-batch,
 *   takes one machine's steps.</li>
 *   <li>The rounds, then -model writes the SoftmaxRegression, the model file {@code weka.Run -d}
 *   writes (the model and its header), which {@code weka.Run -l} and the Explorer load.</li>
 * </ol>
 *
 * <pre>
 * train -i data.csv [-header h.arff] [-c last] -model m.model [-workers 2] [-averaging 1]
 *     [-W weka.classifiers.functions.SoftmaxRegression] [the scheme's options]
 * </pre>
 *
 * The scheme trains with mini-batches whatever its -solver (full-batch L-BFGS is not data
 * parallel); each worker runs ND4J on one thread (a worker is one Spark task, one core).
 */
public final class TrainJob {

  /** The scheme trained when -W is not given. */
  static final String DEFAULT_SCHEME = SoftmaxRegression.class.getName();

  private TrainJob() {
  }

  /** What the job trained: the scheme with its model, and the loop's epochs. */
  record Result(Classifier model, List<EpochResult> epochs, long rounds, long bytesPerRound) {

    /** The model as SoftmaxRegression (the default scheme). */
    SoftmaxRegression softmax() {
      return (SoftmaxRegression) model;
    }
  }

  /** How every partition builds its shard from its rows, on the executor. */
  private interface ShardRecipe extends Serializable {
    Held build(int partition, Iterator<double[]> rows) throws Exception;
  }

  /** What the driver does for one scheme: the recipe, the start, the epochs, the model. */
  private interface Plan {
    ShardRecipe recipe();

    ParameterAveraging.State start() throws Exception;

    TrainingLoop loop(ParameterAveraging averaging);

    int epochs();

    /** The early-stopping patience (0: no held-out part). */
    int patience();

    int batchSize();

    Classifier finish(ParameterAveraging averaging, TrainingLoop loop, long rows) throws Exception;
  }

  /** SoftmaxRegression's shards: rows encoded (standardised) and the softmax model's steps. */
  private record SoftmaxRecipe(Instances header, InstancesEncoder encoder,
      StepRuleOptimizer optimizer, int batchSize, double l2, int patience,
      double validationFraction, long seed) implements ShardRecipe {

    @Override
    public Held build(int partition, Iterator<double[]> rows) throws Exception {
      List<double[]> encoded = new ArrayList<>();
      List<Integer> classes = new ArrayList<>();
      Instances one = new Instances(header, 1);
      while (rows.hasNext()) {
        double[] values = rows.next();
        double label = values[header.classIndex()];
        if (Double.isNaN(label)) {
          continue; // as on one machine: rows without a class do not train
        }
        one.clear();
        one.add(new DenseInstance(1.0, values));
        encoded.add(encoder.encode(one.instance(0)));
        classes.add((int) label);
      }
      if (encoded.isEmpty()) {
        return new Held(null, 0);
      }
      double[] weights = new double[encoded.size()];
      java.util.Arrays.fill(weights, 1.0);
      UpdateRule rule = optimizer.newUpdateRule();
      return new Held(Nd4jWorker.call(() -> {
        Nd4jRuntime.setThreads(1);
        return SoftmaxTrainer.shard(encoded.toArray(new double[0][]), encoder.numColumns(),
            classes.stream().mapToInt(Integer::intValue).toArray(), weights,
            header.numClasses(), rule, batchSize, l2, patience, validationFraction, seed + partition);
      }), encoded.size());
    }
  }

  /**
   * A partition's shard (null when it holds no row with a class) and its rows with a class. Kept
   * deserialized in the executors' memory (MEMORY_ONLY): a lost one is built again from its rows.
   */
  private record Held(Shard shard, int rows) {
  }

  /** A network scheme's shards: the scheme (its input conversion fitted) converts the rows. */
  private record NetworkRecipe(NetworkClassifier scheme, Instances header) implements ShardRecipe {

    @Override
    public Held build(int partition, Iterator<double[]> rows) throws Exception {
      Instances part = new Instances(header, 1024);
      while (rows.hasNext()) {
        part.add(new DenseInstance(1.0, rows.next()));
      }
      part.deleteWithMissingClass();
      int n = part.numInstances();
      Shard shard = Nd4jWorker.call(() -> {
        Nd4jRuntime.setThreads(1);
        return scheme.shard(part, partition);
      });
      return new Held(shard, n);
    }
  }

  static Result run(JavaSparkContext sc, String[] options, PrintStream out) {
    JobOptions parsed = new JobOptions(options);
    JobOptions.ModelOptions taken = parsed.modelOptions();
    int workers = parsed.takeAtLeast("workers", 2, 1, "a whole number");
    int frequency = parsed.takeAtLeast("averaging", 1, 1, "a whole number");
    String schemeName = parsed.take("W");
    schemeName = schemeName.isEmpty() ? DEFAULT_SCHEME : schemeName;
    if (taken.model().isEmpty()) {
      throw new JobException("No -model: the train job writes the trained classifier there");
    }
    if (!taken.output().isEmpty()) {
      throw new JobException("The train job writes a model (-model), not rows (-o): score the rows "
          + "with the score job and that model");
    }
    Classifier scheme;
    try {
      scheme = AbstractClassifier.forName(schemeName, parsed.remaining());
    } catch (Exception e) {
      throw new JobException("-W " + schemeName + ": " + e.getMessage(), e);
    }
    if (!(scheme instanceof SoftmaxRegression) && !(scheme instanceof NetworkClassifier)) {
      throw new JobException("The train job trains SoftmaxRegression, CNN or Transformer, not "
          + schemeName);
    }
    if (scheme instanceof SoftmaxRegression softmax
        && !(softmax.getOptimizer() instanceof StepRuleOptimizer)) {
      throw new JobException("The train job takes mini-batch steps: -optimizer must be SGD, Momentum,"
          + " Nesterov, AdaGrad, RMSProp or Adam, not " + softmax.getOptimizer().getClass()
          .getSimpleName());
    }
    DataInput input = parsed.open(sc);
    HeaderStatistics statistics = HeaderJob.forInput(sc, input, taken.header());
    Instances header = statistics.header;
    PcaJob.setClass(header, taken.classIndex().isEmpty() ? "last" : taken.classIndex());
    if (!header.classAttribute().isNominal()) {
      throw new JobException(scheme.getClass().getSimpleName() + " needs a nominal class; the "
          + "class attribute " + header.classAttribute().name() + " is not (choose it with -c)");
    }
    long classRows = statistics.count[header.classIndex()];
    Plan plan = scheme instanceof SoftmaxRegression softmax ? softmaxPlan(softmax, statistics)
        : networkPlan((NetworkClassifier) scheme, statistics, classRows);
    ShardRecipe recipe = plan.recipe();

    JavaRDD<double[]> rows = input.rows(sc, header, part -> part);
    int partitions = rows.getNumPartitions();
    // fewer: merge neighbouring partitions in order (one worker reads the rows in file order)
    rows = workers < partitions ? rows.coalesce(workers) : workers > partitions
        ? rows.repartition(workers) : rows;
    JavaRDD<Held> shards = rows.mapPartitionsWithIndex((p, part) ->
        Collections.singletonList(recipe.build(p, part)).iterator(), true)
        .persist(StorageLevel.MEMORY_ONLY());
    try {
      // the first action builds and keeps the shards
      List<int[]> sizes = input.run(sc, () -> shards.map(held -> new int[] {held.rows(),
          held.shard() == null ? 0 : held.shard().batches()}).collect());
      long trainingRows = sizes.stream().mapToLong(size -> size[0]).sum();
      if (trainingRows == 0) {
        throw new JobException("The input " + input.path + " has no row with a class value to "
            + "train on");
      }
      int[] batchesPerShard = sizes.stream().mapToInt(size -> size[1]).toArray();
      ParameterAveraging.State start = input.run(sc, () -> {
        try {
          return plan.start();
        } catch (Exception e) {
          throw new JobException(e.getMessage(), e);
        }
      });
      SparkWorkers cluster = new SparkWorkers(sc, shards);
      ParameterAveraging averaging = new ParameterAveraging(cluster, start, batchesPerShard,
          frequency, plan.patience() > 0);
      TrainingLoop loop = plan.loop(averaging);
      long stateValues = (long) start.parameters().length * (1 + start.optimizerState().length);
      long bytesPerRound = 2L * Double.BYTES * stateValues * workers;
      loop.setListener(epoch -> out.printf(Locale.ROOT,
          "epoch %d: training loss %.6f%s%s, %.1f s (%d rounds of %d mini-batches)%n", epoch.epoch(),
          epoch.trainingLoss(), Double.isNaN(epoch.trainingAccuracy()) ? ""
              : String.format(Locale.ROOT, ", training accuracy %.4f", epoch.trainingAccuracy()),
          Double.isNaN(epoch.validationLoss()) ? ""
              : String.format(Locale.ROOT, ", validation loss %.6f", epoch.validationLoss()),
          epoch.seconds(), averaging.roundsPerEpoch(), frequency));
      input.run(sc, () -> {
        while (loop.next(plan.epochs())) {
          // one global epoch per call
        }
        return null;
      });
      loop.restoreBest();
      Classifier model;
      try {
        model = plan.finish(averaging, loop, trainingRows);
      } catch (Exception e) {
        throw new JobException(e.getMessage(), e);
      }
      HadoopFiles.write(sc, taken.model(), "model", stream -> SerializationHelper.writeAll(stream,
          new Object[] {model, new Instances(header, 0)}));
      out.println(model);
      out.printf(Locale.ROOT, "Trained on %d rows in %d partitions: %d epochs of %d rounds, "
          + "%d mini-batches of %d between averages; about %d bytes moved a round "
          + "(parameters and optimizer state, to and from each worker). Model written to %s%n",
          trainingRows, workers, loop.epochs(), averaging.roundsPerEpoch(), frequency,
          plan.batchSize(), bytesPerRound, taken.model());
      return new Result(model, loop.history(), averaging.rounds(), bytesPerRound);
    } finally {
      shards.unpersist(false);
    }
  }

  /** SoftmaxRegression: the standardisation from the statistics, the softmax model's steps. */
  private static Plan softmaxPlan(SoftmaxRegression scheme, HeaderStatistics statistics) {
    scheme.setSolver(new SelectedTag(SoftmaxRegression.SOLVER_MINIBATCH,
        SoftmaxRegression.TAGS_SOLVER));
    Instances header = statistics.header;
    InstancesEncoder encoder = standardised(statistics);
    StepRuleOptimizer optimizer = (StepRuleOptimizer) scheme.getOptimizer();
    SoftmaxRecipe recipe = new SoftmaxRecipe(new Instances(header, 0), encoder, optimizer,
        scheme.getMiniBatchSize(), scheme.getL2(), scheme.getEarlyStoppingPatience(),
        scheme.getValidationFraction(), scheme.getSeed());
    UpdateRule driverRule = optimizer.newUpdateRule();
    return new Plan() {
      @Override
      public ShardRecipe recipe() {
        return recipe;
      }

      @Override
      public ParameterAveraging.State start() {
        return SoftmaxTrainer.start(encoder.numColumns(), header.numClasses(), driverRule);
      }

      @Override
      public TrainingLoop loop(ParameterAveraging averaging) {
        return averaging.loop(driverRule, LearningRateSchedule.constant(), Integer.MAX_VALUE,
            scheme.getEarlyStoppingPatience(), scheme.getTolerance());
      }

      @Override
      public int epochs() {
        return scheme.getNumEpochs();
      }

      @Override
      public int patience() {
        return scheme.getEarlyStoppingPatience();
      }

      @Override
      public int batchSize() {
        return scheme.getMiniBatchSize();
      }

      @Override
      public Classifier finish(ParameterAveraging averaging, TrainingLoop loop, long rows) {
        SoftmaxModel model = SoftmaxModel.ofParameters(encoder.numColumns(), header.numClasses(),
            averaging.state().parameters());
        scheme.setTrainedModel(encoder, model, (int) rows, loop.history(), loop.bestEpoch());
        return scheme;
      }
    };
  }

  /**
   * CNN and Transformer on images: the per-channel standardisation from each pixel's mean and mean
   * square, the network's steps (its weights drawn from the seed on the driver).
   */
  private static Plan networkPlan(NetworkClassifier scheme, HeaderStatistics statistics,
      long rows) {
    Instances header = statistics.header;
    int m = header.numAttributes();
    double[] means = new double[m];
    double[] meanSquares = new double[m];
    for (int a = 0; a < m; a++) {
      long n = statistics.count[a];
      if (n > 0 && statistics.valueCounts[a] == null) {
        double variance = n > 1 ? statistics.stdDev[a] * statistics.stdDev[a] * (n - 1) / n : 0;
        means[a] = statistics.mean[a];
        meanSquares[a] = variance + means[a] * means[a];
      }
    }
    try {
      scheme.fitInputFromStatistics(header, means, meanSquares, (int) rows);
    } catch (Exception e) {
      throw new JobException(e.getMessage(), e);
    }
    NetworkRecipe recipe;
    try {
      recipe = new NetworkRecipe((NetworkClassifier) weka.classifiers.AbstractClassifier
          .makeCopy(scheme), new Instances(header, 0));
    } catch (Exception e) {
      throw new JobException(e.getMessage(), e);
    }
    return new Plan() {
      @Override
      public ShardRecipe recipe() {
        return recipe;
      }

      @Override
      public ParameterAveraging.State start() throws Exception {
        return scheme.startingState();
      }

      @Override
      public TrainingLoop loop(ParameterAveraging averaging) {
        return scheme.averagingLoop(averaging);
      }

      @Override
      public int epochs() {
        return scheme.getNumEpochs();
      }

      @Override
      public int patience() {
        return scheme.getEarlyStoppingPatience();
      }

      @Override
      public int batchSize() {
        return scheme.getMiniBatchSize();
      }

      @Override
      public Classifier finish(ParameterAveraging averaging, TrainingLoop loop, long n)
          throws Exception {
        scheme.setTrainedParameters(averaging.state().parameters(), loop.history(),
            loop.bestEpoch());
        return scheme;
      }
    };
  }

  /**
   * The standardisation SoftmaxRegression fits on one machine ({@link InstancesEncoder#fit} with
   * standardise): numeric columns centred on their mean and divided by their population standard
   * deviation, from the header's statistics (which hold the sample deviation: times
   * sqrt((n - 1) / n)).
   */
  static InstancesEncoder standardised(HeaderStatistics statistics) {
    Instances header = statistics.header;
    int m = header.numAttributes();
    double[] means = new double[m];
    double[] deviations = new double[m];
    double[][] counts = new double[m][];
    for (int a = 0; a < m; a++) {
      long n = statistics.count[a];
      if (statistics.valueCounts[a] != null) {
        counts[a] = new double[statistics.valueCounts[a].length];
        for (int v = 0; v < counts[a].length; v++) {
          counts[a][v] = statistics.valueCounts[a][v];
        }
      } else if (n > 0) {
        means[a] = statistics.mean[a];
        deviations[a] = n > 1 ? statistics.stdDev[a] * Math.sqrt((n - 1) / (double) n) : 0;
      }
    }
    try {
      return InstancesEncoder.fromStatistics(header, false, means, deviations, counts);
    } catch (Exception e) {
      throw new JobException(e.getMessage(), e);
    }
  }

  /** The partitions as {@link ParameterAveraging}'s workers: one Spark stage per round. */
  private record SparkWorkers(JavaSparkContext sc, JavaRDD<Held> shards)
      implements ParameterAveraging.Workers {

    @Override
    public List<ParameterAveraging.Update> train(ParameterAveraging.Round round,
        ParameterAveraging.State state) {
      Broadcast<ParameterAveraging.State> sent = sc.broadcast(state);
      try {
        // collect() keeps the partitions' order: the average sums them in that order
        return shards.map(held -> held.shard() == null ? null : Nd4jWorker.call(() ->
            held.shard().train(round, sent.value()))).collect().stream()
            .filter(java.util.Objects::nonNull).toList();
      } finally {
        sent.destroy();
      }
    }

    @Override
    public List<ParameterAveraging.Measurement> measure(double[] parameters) {
      Broadcast<double[]> sent = sc.broadcast(parameters);
      try {
        return shards.filter(held -> held.shard() != null).map(held -> Nd4jWorker.call(() ->
            held.shard().measure(sent.value()))).collect();
      } finally {
        sent.destroy();
      }
    }
  }
}
