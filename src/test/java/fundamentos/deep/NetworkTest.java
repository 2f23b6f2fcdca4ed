package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.nd4j.Nd4jRuntime;
import fundamentos.optim.SgdRule;
import fundamentos.training.EpochResult;
import fundamentos.training.LearningRateSchedule;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shapes, parameter counts and the training step, checked against the course's equations. */
class NetworkTest {

  @BeforeAll
  static void start() {
    Nd4jRuntime.setThreads(1);
  }

  @Test
  void shapesAndParameterCountsFollowTheCourseFormulas() {
    List<LayerSpec> layers = List.of(
        new ConvolutionSpec(8, 3, 1, true, Activation.IDENTITY),
        BatchNormSpec.defaults(),
        new ActivationSpec(Activation.RELU),
        new PoolingSpec(true, 2, 2, false),
        new ConvolutionSpec(4, 3, 1, false, Activation.RELU),
        new DenseSpec(6, Activation.RELU));
    Shape input = Shape.image(1, 10, 10);
    MultiLayerNetwork network = Network.build(layers, input, 3, 1);
    List<Network.LayerSummary> rows = Network.summary(network, layers, input);
    // convolution: (k^2 n_in + 1) n_out; batch norm: gamma and beta per channel; dense: (n_in + 1) n_out
    long[] parameters = {(9 * 1 + 1) * 8, 2 * 8, 0, 0, (9 * 8 + 1) * 4, (4 * 3 * 3 + 1) * 6, (6 + 1) * 3};
    Shape[] shapes = {Shape.image(8, 10, 10), Shape.image(8, 10, 10), Shape.image(8, 10, 10),
        Shape.image(8, 5, 5), Shape.image(4, 3, 3), Shape.flat(6), Shape.flat(3)};
    assertEquals(parameters.length, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(parameters[i], rows.get(i).parameters(), rows.get(i).layer());
      assertEquals(shapes[i].toString(), rows.get(i).output().toString(), rows.get(i).layer());
    }
  }

  @Test
  void samePaddingPoolingHalvesAnySize() {
    // the course's convnet: three max pools 3x3/2 take 28 to 14, 7, 4 and 8 to 4, 2, 1
    for (int[] sizes : new int[][] {{28, 14, 7, 4}, {8, 4, 2, 1}}) {
      List<LayerSpec> layers = List.of(new PoolingSpec(true, 3, 2, true),
          new PoolingSpec(true, 3, 2, true), new PoolingSpec(true, 3, 2, true));
      Shape input = Shape.image(1, sizes[0], sizes[0]);
      List<Network.LayerSummary> rows =
          Network.summary(Network.build(layers, input, 2, 1), layers, input);
      for (int i = 0; i < 3; i++) {
        assertEquals(sizes[i + 1], rows.get(i).output().height());
      }
    }
  }

  @Test
  void aLayerThatDoesNotFitSaysWhy() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Network.build(List.of(new ConvolutionSpec(4, 3, 1, false, Activation.RELU)),
            Shape.image(1, 2, 2), 2, 1));
    assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Network.build(List.of(new DenseSpec(4, Activation.RELU),
            new ConvolutionSpec(4, 3, 1, true, Activation.RELU)), Shape.image(1, 4, 4), 2, 1));
    assertTrue(e.getMessage().contains("image input"), e.getMessage());
  }

  @Test
  void layerNormalisationMatchesItsEquation() {
    for (Shape input : new Shape[] {Shape.flat(5), Shape.image(2, 3, 3)}) {
      MultiLayerNetwork network = Network.build(List.of(new LayerNormSpec(1e-5)), input, 2, 1);
      long c = input.channels();
      INDArray gain = network.getLayer(0).getParam("gain");
      INDArray bias = network.getLayer(0).getParam("bias");
      for (int k = 0; k < c; k++) {
        gain.putScalar(k, 0.5 + k);
        bias.putScalar(k, -1 + k);
      }
      int f = (int) input.size();
      Random random = new Random(3);
      float[] x = new float[2 * f];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (random.nextGaussian() * 3 + 1);
      }
      double[][] out = network.feedForward(Nd4j.create(x, new long[] {2, f}, 'c'), false).get(1)
          .reshape(2, f).toDoubleMatrix();
      int plane = f / (int) c;
      for (int r = 0; r < 2; r++) {
        double mean = 0;
        for (int j = 0; j < f; j++) {
          mean += x[r * f + j] / (double) f;
        }
        double variance = 0;
        for (int j = 0; j < f; j++) {
          variance += Math.pow(x[r * f + j] - mean, 2) / f;
        }
        for (int j = 0; j < f; j++) {
          int k = j / plane;
          double expected = (0.5 + k) * (x[r * f + j] - mean) / Math.sqrt(variance + 1e-5) + (-1 + k);
          assertEquals(expected, out[r][j], 1e-4, "row " + r + " value " + j + " of " + input);
        }
      }
    }
  }

  private static Examples blobs(int n, double weight, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n * 4];
    int[] y = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = (float) (random.nextGaussian() + (y[i] == 1 ? 1.5 : -1.5));
      }
      w[i] = weight;
    }
    return new Examples(x, Shape.flat(4), y, w);
  }

  private static NetworkTrainer.Settings settings(int epochs) {
    return new NetworkTrainer.Settings(8, 0, LearningRateSchedule.constant(), epochs, 0,
        new ImageAugmentation(0, false));
  }

  /** Weights 2.5 everywhere are 2.5 copies of the whole data set: the same steps as weights 1. */
  @Test
  void uniformWeightsChangeNothing() {
    double[][] moves = new double[2][];
    for (int run = 0; run < 2; run++) {
      MultiLayerNetwork network = Network.build(List.of(new DenseSpec(3, Activation.TANH)),
          Shape.flat(4), 2, 7);
      INDArray before = network.params().dup();
      new NetworkTrainer(network, blobs(8, run == 0 ? 1 : 2.5, 5), null, 2, new SgdRule(0.01), settings(1), 3)
          .runEpoch();
      moves[run] = network.params().sub(before).toDoubleVector();
    }
    assertTrue(java.util.Arrays.stream(moves[0]).anyMatch(v -> Math.abs(v) > 1e-4));
    assertArrayEquals(moves[0], moves[1], 1e-6);
  }

  /** Examples with some weights 2 and 0, and the same data with each example copied w times. */
  static Examples[] weightedAndCopies(int n, long seed) {
    Examples data = blobs(n, 1, seed);
    double[] w = new double[n];
    int copies = 0;
    for (int i = 0; i < n; i++) {
      w[i] = i % 3;
      copies += (int) w[i];
    }
    float[] x = new float[copies * 4];
    int[] y = new int[copies];
    double[] ones = new double[copies];
    int row = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < w[i]; c++) {
        System.arraycopy(data.features(), i * 4, x, row * 4, 4);
        y[row] = data.labels()[i];
        ones[row++] = 1;
      }
    }
    return new Examples[] {new Examples(data.features(), Shape.flat(4), data.labels(), w),
        new Examples(x, Shape.flat(4), y, ones)};
  }

  private static double[] trainSmall(Examples data, int batchSize, int epochs, double rate, long seed) {
    MultiLayerNetwork network = Network.build(List.of(new DenseSpec(3, Activation.TANH)), Shape.flat(4), 2, 7);
    NetworkTrainer trainer = new NetworkTrainer(network, data, null, 2, new SgdRule(rate),
        new NetworkTrainer.Settings(batchSize, 1e-3, LearningRateSchedule.constant(), epochs, 0, null), seed);
    for (int e = 0; e < epochs; e++) {
      trainer.runEpoch();
    }
    return network.params().toDoubleVector();
  }

  /** A full batch sees the gradient of the duplicated data: weight 2 trains like two copies, 0 like none. */
  @Test
  void fullBatchTrainingWithWeightsEqualsTrainingOnCopies() {
    Examples[] data = weightedAndCopies(24, 11);
    double[] weighted = trainSmall(data[0], data[0].size(), 30, 0.2, 1);
    double[] copies = trainSmall(data[1], data[1].size(), 30, 0.2, 1);
    assertArrayEquals(copies, weighted, 1e-5);
  }

  /**
   * With one example per mini-batch, SGD on the weighted examples and on the copies take the same
   * expected step; averaged over seeds they end near the same parameters, and near the full-batch
   * optimum. Dividing each mini-batch by its own weight sum (the old rule) ignores the weights here.
   */
  @Test
  void miniBatchTrainingWithWeightsMatchesCopiesInExpectation() {
    Examples[] data = weightedAndCopies(24, 11);
    // a softmax layer alone with weight decay 0.05: a convex loss with one optimum
    double[] optimum = trainLinear(data[1], data[1].size(), 600, 0.5, 1);
    Examples unweightedData = new Examples(data[0].features(), data[0].shape(), data[0].labels(), ones(24));
    double[] unweighted = trainLinear(unweightedData, 24, 600, 0.5, 1);
    double separation = distance(optimum, unweighted);
    int seeds = 4;
    double[] meanWeighted = new double[optimum.length];
    double[] meanCopies = new double[optimum.length];
    for (int seed = 0; seed < seeds; seed++) {
      // the same number of steps (1440): 24 weighted examples, 24 copies
      double[] a = trainLinear(data[0], 1, 60, 0.05, seed);
      double[] b = trainLinear(data[1], 1, 60, 0.05, 50 + seed);
      for (int i = 0; i < a.length; i++) {
        meanWeighted[i] += a[i] / seeds;
        meanCopies[i] += b[i] / seeds;
      }
    }
    assertTrue(distance(meanWeighted, meanCopies) < separation / 3,
        distance(meanWeighted, meanCopies) + " against " + separation);
    assertTrue(distance(meanWeighted, optimum) < separation / 3, distance(meanWeighted, optimum) + " against " + separation);
  }

  private static double[] trainLinear(Examples data, int batchSize, int epochs, double rate, long seed) {
    MultiLayerNetwork network = Network.build(List.of(), Shape.flat(4), 2, 7);
    NetworkTrainer trainer = new NetworkTrainer(network, data, null, 2, new SgdRule(rate),
        new NetworkTrainer.Settings(batchSize, 0.05, LearningRateSchedule.constant(), epochs, 0, null), seed);
    for (int e = 0; e < epochs; e++) {
      trainer.runEpoch();
    }
    return network.params().toDoubleVector();
  }

  @Test
  void aMiniBatchOfZeroWeightsIsHarmlessAndAllZeroIsRefused() {
    Examples data = blobs(16, 1, 4);
    double[] w = data.weights().clone();
    java.util.Arrays.fill(w, 0, 8, 0.0);
    double[] trained = trainSmall(new Examples(data.features(), data.shape(), data.labels(), w), 1, 2, 0.1, 1);
    assertTrue(java.util.Arrays.stream(trained).allMatch(Double::isFinite));
    Examples none = new Examples(data.features(), data.shape(), data.labels(), new double[16]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainSmall(none, 4, 1, 0.1, 1));
    assertTrue(e.getMessage().contains("positive"), e.getMessage());
  }

  private static double[] ones(int n) {
    double[] v = new double[n];
    java.util.Arrays.fill(v, 1);
    return v;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  @Test
  void batchNormalisationKeepsRunningAveragesWithItsDecay() {
    MultiLayerNetwork network = Network.build(List.of(new BatchNormSpec(0.9, 1e-5)),
        Shape.flat(4), 2, 1);
    Examples data = blobs(8, 1, 9);
    new NetworkTrainer(network, data, null, 2, new SgdRule(0.01),
        new NetworkTrainer.Settings(8, 0, LearningRateSchedule.constant(), 1, 0, null), 1).runEpoch();
    INDArray mean = network.getLayer(0).getParam("mean");
    for (int j = 0; j < 4; j++) {
      double batchMean = 0;
      for (int i = 0; i < 8; i++) {
        batchMean += data.features()[i * 4 + j] / 8.0;
      }
      // one batch: running mean = 0.9 * 0 + 0.1 * batch mean
      assertEquals(0.1 * batchMean, mean.getDouble(j), 1e-5);
    }
  }

  @Test
  void trainingSeparatesBlobsAndEarlyStoppingRestoresTheBestEpoch() {
    MultiLayerNetwork network = Network.build(List.of(new DenseSpec(8, Activation.RELU)),
        Shape.flat(4), 2, 1);
    NetworkTrainer trainer = new NetworkTrainer(network, blobs(200, 1, 1), blobs(100, 1, 2), 2,
        new SgdRule(0.05), new NetworkTrainer.Settings(16, 1e-4, LearningRateSchedule.constant(),
            20, 3, null), 1);
    while (trainer.epochs() < 20 && trainer.runEpoch()) {
      // until early stopping
    }
    trainer.restoreBest();
    double best = trainer.history().stream().mapToDouble(EpochResult::validationLoss).min().getAsDouble();
    assertEquals(best, trainer.evaluate(blobs(100, 1, 2))[0], 1e-6);
    assertTrue(trainer.evaluate(blobs(100, 1, 2))[1] >= 0.95);
  }

  @Test
  void theOneDnnBuildRunsConvolutionsOnOneDnn() throws Exception {
    java.util.Properties build = new java.util.Properties();
    try (var in = NetworkTest.class.getResourceAsStream("/fundamentos/native.properties")) {
      build.load(in);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue("-onednn".equals(build.getProperty("platform.extension")),
        "a build without the oneDNN natives");
    assertTrue(LayerHelpers.oneDnnBuild());
    MultiLayerNetwork network = Network.build(
        List.of(new ConvolutionSpec(4, 3, 1, true, Activation.IDENTITY)), Shape.image(1, 8, 8), 2, 1);
    assertTrue(SmallNetworks.helper(network, 0) != null);
  }

  @Test
  void layerHelpersTrainToTheSameParametersAsDl4jsOwnCode() throws Exception {
    // every layer with a helper, batch norm on images and on dense rows, and the convolution
    // output cache, through two epochs of two mini-batches each
    List<LayerSpec> layers = List.of(new ConvolutionSpec(4, 3, 1, true, Activation.IDENTITY),
        BatchNormSpec.defaults(), new ActivationSpec(Activation.RELU), new PoolingSpec(true, 3, 2, true),
        new ConvolutionSpec(3, 3, 1, false, Activation.RELU),
        new DenseSpec(5, Activation.IDENTITY), BatchNormSpec.defaults(),
        new ActivationSpec(Activation.RELU));
    Shape input = Shape.image(1, 8, 8);
    Examples data = noiseImages(input, 2);
    double[][] results = new double[2][];
    double[][] predictions = new double[2][];
    for (String setting : new String[] {"off", "auto"}) {
      System.setProperty(LayerHelpers.PROPERTY, setting);
      try {
        MultiLayerNetwork network = Network.build(layers, input, 2, 1);
        assertEquals(setting.equals("auto"), SmallNetworks.helper(network, 1) instanceof BatchNormHelper, setting);
        NetworkTrainer trainer = new NetworkTrainer(network, data, null, 2, new SgdRule(0.1),
            new NetworkTrainer.Settings(8, 0, LearningRateSchedule.constant(), 2, 0, null), 1);
        trainer.runEpoch();
        trainer.runEpoch();
        int k = setting.equals("off") ? 0 : 1;
        results[k] = network.params().toDoubleVector();
        predictions[k] = Probabilities.of(network, data.features(), 16, 64)[3];
      } finally {
        System.clearProperty(LayerHelpers.PROPERTY);
      }
    }
    for (int i = 0; i < results[0].length; i++) {
      assertEquals(results[0][i], results[1][i], 1e-4 + 1e-4 * Math.abs(results[0][i]), "parameter " + i);
    }
    // inference: batch norm with the running statistics
    assertArrayEquals(predictions[0], predictions[1], 1e-4);
  }

  @Test
  void layerNormalisationPassesExactGradients() {
    // DL4J M2.1 doubled the gradient through SameDiff layers (SameDiffGradient): the dense layer
    // below the layer norm and the layer norm itself got 2x the finite-difference gradient
    MultiLayerNetwork network = Network.build(List.of(new DenseSpec(6, Activation.IDENTITY),
        new LayerNormSpec(1e-5)), Shape.flat(4), 2, 1);
    int n = 2;
    network.setInput(Nd4j.createFromArray(new float[][] {{0.3f, -1f, 0.5f, 2f}, {1f, 0.2f, -0.7f, 0.1f}}));
    network.setLabels(Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}}));
    network.computeGradientAndScore();
    INDArray analytic = network.getFlattenedGradients().dup();
    INDArray params = network.params();
    // the first value of every parameter array: dense W and b, gain, bias, output W and b
    long offset = 0;
    for (INDArray p : network.paramTable().values()) {
      double original = params.getDouble(offset);
      params.putScalar(offset, original + 1e-2);
      network.computeGradientAndScore();
      double plus = network.score();
      params.putScalar(offset, original - 1e-2);
      network.computeGradientAndScore();
      double minus = network.score();
      params.putScalar(offset, original);
      double numeric = (plus - minus) / 2e-2;
      // DL4J's gradient is the sum over the batch, its score the mean
      assertEquals(numeric, analytic.getDouble(offset) / n, 0.02 * Math.abs(numeric) + 1e-4,
          "parameter at " + offset);
      offset += p.length();
    }
  }

  @Test
  void reluRunsAfterMaxPoolingWithExactlyTheSameTraining() {
    List<LayerSpec> layers = List.of(new ConvolutionSpec(4, 3, 1, true, Activation.IDENTITY),
        new ActivationSpec(Activation.RELU), new PoolingSpec(true, 3, 2, true),
        new DenseSpec(5, Activation.IDENTITY), new ActivationSpec(Activation.RELU));
    assertArrayEquals(new int[] {0, 2, 1, 3, 4}, Network.executionIndex(layers));
    Shape input = Shape.image(1, 8, 8);
    Examples data = noiseImages(input, 3);
    double[][] results = new double[2][];
    for (int k = 0; k < 2; k++) {
      MultiLayerNetwork network = Network.build(layers, input, 2, 1, k == 1);
      assertEquals(k == 1, network.getLayer(1)
          instanceof org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer);
      NetworkTrainer trainer = new NetworkTrainer(network, data, null, 2, new SgdRule(0.1),
          new NetworkTrainer.Settings(8, 0, LearningRateSchedule.constant(), 2, 0, null), 1);
      trainer.runEpoch();
      trainer.runEpoch();
      results[k] = network.params().toDoubleVector();
    }
    assertArrayEquals(results[0], results[1], 1e-6);
    // the summary still lists the layers in the given order, with the ReLU's own output shape
    List<Network.LayerSummary> rows = Network.summary(Network.build(layers, input, 2, 1), layers, input);
    assertEquals("relu", rows.get(1).layer());
    assertEquals("4x8x8", rows.get(1).output().toString());
    assertEquals("4x4x4", rows.get(2).output().toString());
  }

  @Test
  void batchNormHelperFollowsItsEquationsOnViewsOfLargerArrays() {
    // input and upstream gradient as views with an offset into larger arrays
    INDArray whole = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 3, 2, 2);
    INDArray x = whole.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 5));
    INDArray dy = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 3, 2, 2)
        .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 5));
    INDArray gamma = Nd4j.createFromArray(new float[] {1f, 2f, 0.5f}).reshape(1, 3);
    INDArray beta = Nd4j.createFromArray(new float[] {0f, 1f, -1f}).reshape(1, 3);
    var workspaces = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
    BatchNormHelper helper = new BatchNormHelper();
    double eps = 1e-5;
    INDArray y = helper.preOutput(x, true, x.shape(), gamma, beta, null, null, 0.9, eps,
        org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, workspaces);
    INDArray dGamma = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3);
    INDArray dBeta = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3);
    INDArray dx = helper.backpropGradient(x, dy, x.shape(), gamma, beta, dGamma, dBeta, eps,
        org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, workspaces).getSecond();
    int m = 4 * 2 * 2;
    for (int c = 0; c < 3; c++) {
      double[] xs = new double[m];
      double[] dys = new double[m];
      int i = 0;
      for (int n = 0; n < 4; n++) {
        for (int p = 0; p < 4; p++) {
          xs[i] = x.getDouble(n, c, p / 2, p % 2);
          dys[i++] = dy.getDouble(n, c, p / 2, p % 2);
        }
      }
      double mu = java.util.Arrays.stream(xs).average().getAsDouble();
      double var = java.util.Arrays.stream(xs).map(v -> (v - mu) * (v - mu)).average().getAsDouble();
      double std = Math.sqrt(var + eps);
      double g = gamma.getDouble(c);
      double sumDy = java.util.Arrays.stream(dys).sum();
      double sumDyXhat = 0;
      for (int j = 0; j < m; j++) {
        sumDyXhat += dys[j] * (xs[j] - mu) / std;
      }
      assertEquals(mu, helper.getMeanCache(null).getDouble(c), 1e-6);
      assertEquals(var, helper.getVarCache(null).getDouble(c), 1e-6);
      assertEquals(sumDy, dBeta.getDouble(c), 1e-5);
      assertEquals(sumDyXhat, dGamma.getDouble(c), 1e-5);
      for (int j = 0; j < m; j++) {
        int n = j / 4;
        int p = j % 4;
        double xhat = (xs[j] - mu) / std;
        assertEquals(g * xhat + beta.getDouble(c), y.getDouble(n, c, p / 2, p % 2), 1e-5);
        double expected = g / std * (dys[j] - sumDy / m - xhat * sumDyXhat / m);
        assertEquals(expected, dx.getDouble(n, c, p / 2, p % 2), 1e-5);
      }
    }
  }

  /** 16 images of Gaussian noise, labelled 0 and 1 in turn, weight 1. */
  private static Examples noiseImages(Shape input, long seed) {
    int f = (int) input.size();
    Examples data = new Examples(new float[16 * f], input, new int[16], new double[16]);
    Random random = new Random(seed);
    for (int i = 0; i < data.features().length; i++) {
      data.features()[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < 16; i++) {
      data.labels()[i] = i % 2;
      data.weights()[i] = 1;
    }
    return data;
  }

  @Test
  void learningRateSchedules() {
    LearningRateSchedule cosine = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 1, 1);
    assertEquals(0.1, cosine.rate(0.1, 0, 10), 1e-12);
    assertEquals(0.05, cosine.rate(0.1, 5, 10), 1e-12);
    assertEquals(0.1 / 2 * (1 + Math.cos(Math.PI * 9 / 10)), cosine.rate(0.1, 9, 10), 1e-12);
    LearningRateSchedule step = new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 3, 0.5);
    assertArrayEquals(new double[] {1, 1, 1, 0.5, 0.5, 0.5, 0.25},
        java.util.stream.IntStream.range(0, 7).mapToDouble(e -> step.rate(1, e, 7)).toArray(), 1e-12);
  }

  @Test
  void augmentationShiftsAndFlipsWithinTheImage() {
    Shape shape = Shape.image(1, 5, 5);
    float[] one = new float[25];
    one[2 * 5 + 2] = 1; // the centre pixel
    ImageAugmentation shift = new ImageAugmentation(2, false);
    Random random = new Random(1);
    for (int trial = 0; trial < 20; trial++) {
      float[] image = one.clone();
      shift.apply(image, 1, shape, random);
      int at = -1;
      for (int i = 0; i < 25; i++) {
        if (image[i] == 1) {
          at = i;
        }
      }
      assertTrue(at >= 0, "a shift of at most 2 keeps the centre pixel inside a 5x5 image");
      assertEquals(1, java.util.stream.IntStream.range(0, 25).filter(i -> image[i] != 0).count());
    }
    float[] row = {1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    ImageAugmentation flip = new ImageAugmentation(0, true);
    boolean flipped = false;
    for (int trial = 0; trial < 10 && !flipped; trial++) {
      float[] image = row.clone();
      flip.apply(image, 1, shape, random);
      flipped = image[0] == 5 && image[4] == 1;
      assertTrue(flipped || image[0] == 1);
    }
    assertTrue(flipped);
  }
}
