package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.nd4j.Nd4jRuntime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network's plumbing on small cases: the DL4J configuration a network gets, the execution
 * order, the shape conversions, which parameters are statistics or weight matrices, the
 * probabilities, saving and restoring, the layer helpers' switch, and the Transformer layers'
 * configuration (initialisation, masks, pooling, descriptions, the dropout generator).
 */
class NetworkPartsTest {

  @BeforeAll
  static void start() {
    Nd4jRuntime.setThreads(1);
  }

  @Test
  void aNetworkGetsHeInitialisationNoUpdaterAndAnUnweightedSoftmaxOutput() {
    MultiLayerNetwork network = Network.build(List.of(new ConvolutionSpec(2, 3, 1, true,
        Activation.IDENTITY), new DenseSpec(3, Activation.RELU)), Shape.image(1, 4, 4), 3, 42);
    assertEquals(3, network.getnLayers());
    for (int i = 0; i < 3; i++) {
      BaseLayer layer = (BaseLayer) network.getLayer(i).conf().getLayer();
      assertEquals(org.deeplearning4j.nn.weights.WeightInitRelu.class,
          layer.getWeightInitFn().getClass(), "layer " + i);
      assertEquals(org.nd4j.linalg.learning.config.NoOp.class, layer.getIUpdater().getClass());
      assertEquals(42, network.getLayer(i).conf().getSeed());
    }
    assertEquals(DataType.FLOAT, network.params().dataType());
    OutputLayer output = (OutputLayer) network.getLayer(2).conf().getLayer();
    assertEquals(3, output.getNOut());
    assertEquals(2 * 4 * 4 * 1, ((org.deeplearning4j.nn.conf.layers.DenseLayer) network
        .getLayer(1).conf().getLayer()).getNIn());
    assertEquals(org.nd4j.linalg.activations.impl.ActivationSoftmax.class,
        output.getActivationFn().getClass());
    INDArray classWeights = ((org.nd4j.linalg.lossfunctions.impl.LossMCXENT) output.getLossFn())
        .getWeights();
    assertArrayEquals(new double[] {1, 1, 1}, classWeights.toDoubleVector(), 0);
    assertThrows(IllegalArgumentException.class,
        () -> Network.build(List.of(), Shape.flat(2), 1, 1));
    assertEquals(2, Network.build(List.of(), Shape.flat(2), 2, 1).getLayer(0).getParam("b")
        .length());
  }

  private static ActivationSpec relu() {
    return new ActivationSpec(Activation.RELU);
  }

  @Test
  void onlyAReluDirectlyBeforeAMaxPoolingMovesBehindIt() {
    PoolingSpec max = new PoolingSpec(true, 2, 2, false);
    PoolingSpec average = new PoolingSpec(false, 2, 2, false);
    assertArrayEquals(new int[] {1, 0}, Network.executionIndex(List.of(relu(), max)));
    assertArrayEquals(new int[] {0, 1}, Network.executionIndex(List.of(relu(), average)));
    assertArrayEquals(new int[] {0, 1},
        Network.executionIndex(List.of(new ActivationSpec(Activation.TANH), max)));
    assertArrayEquals(new int[] {0, 1}, Network.executionIndex(List.of(max, relu())));
    assertArrayEquals(new int[] {0, 2, 1, 3},
        Network.executionIndex(List.of(relu(), relu(), max, relu())));
    assertArrayEquals(new int[] {1, 0, 3, 2},
        Network.executionIndex(List.of(relu(), max, relu(), max)));
    assertArrayEquals(new int[] {0}, Network.executionIndex(List.of(relu())));
    assertArrayEquals(new int[0], Network.executionIndex(List.of()));
  }

  @Test
  void shapesAndInputTypesConvert() {
    InputType image = Network.inputType(Shape.image(3, 4, 5));
    InputType.InputTypeConvolutionalFlat flat = (InputType.InputTypeConvolutionalFlat) image;
    assertEquals(4, flat.getHeight());
    assertEquals(5, flat.getWidth());
    assertEquals(3, flat.getDepth());
    InputType.InputTypeRecurrent sequence =
        (InputType.InputTypeRecurrent) Network.inputType(Shape.sequence(8, 5));
    assertEquals(8, sequence.getSize());
    assertEquals(5, sequence.getTimeSeriesLength());
    assertEquals(7, ((InputType.InputTypeFeedForward) Network.inputType(Shape.flat(7))).getSize());
    assertEquals(Shape.image(3, 4, 5), Network.shape(InputType.convolutional(4, 5, 3)));
    assertEquals(Shape.image(3, 4, 5), Network.shape(InputType.convolutionalFlat(4, 5, 3)));
    assertEquals(Shape.sequence(8, 5), Network.shape(InputType.recurrent(8, 5)));
    assertEquals(Shape.flat(7), Network.shape(InputType.feedForward(7)));
  }

  @Test
  void runningStatisticsAndWeightMatrices() {
    assertTrue(Network.isRunningStatistic(BatchNormalizationParamInitializer.GLOBAL_MEAN));
    assertTrue(Network.isRunningStatistic(BatchNormalizationParamInitializer.GLOBAL_VAR));
    assertTrue(Network.isRunningStatistic(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
    assertFalse(Network.isRunningStatistic(BatchNormalizationParamInitializer.GAMMA));
    assertFalse(Network.isRunningStatistic(BatchNormalizationParamInitializer.BETA));
    assertFalse(Network.isRunningStatistic("W"));
    MultiLayerNetwork network = Network.build(List.of(new DenseSpec(3, Activation.RELU),
        new LayerNormSpec(1e-5), BatchNormSpec.defaults()), Shape.flat(4), 2, 1);
    assertTrue(Network.isWeightMatrix(network, 0, "W"));
    assertFalse(Network.isWeightMatrix(network, 0, "b"));
    // normalisation parameters get no weight decay (NetworkTrainer, the weightDecay option)
    assertFalse(Network.isWeightMatrix(network, 1, "gain"));
    assertFalse(Network.isWeightMatrix(network, 1, "bias"));
    assertFalse(Network.isWeightMatrix(network, 2, "gamma"));
    assertTrue(Network.isWeightMatrix(network, 3, "W"));
    // layer normalisation starts as the identity: gain 1, bias 0
    assertArrayEquals(new double[] {1, 1, 1},
        network.getLayer(1).getParam("gain").toDoubleVector(), 0);
    assertArrayEquals(new double[] {0, 0, 0},
        network.getLayer(1).getParam("bias").toDoubleVector(), 0);
    // batch normalisation: gamma and beta count, the running mean and variance do not
    assertEquals(6, Network.trainableParameters(network, 2));
    MultiLayerNetwork transformer = transformer(TokenEmbedding.patches(1, 4, 4, 2, 8, true,
        true));
    assertTrue(Network.isWeightMatrix(transformer, 0, "E"));
    assertFalse(Network.isWeightMatrix(transformer, 0, "e"));
    assertFalse(Network.isWeightMatrix(transformer, 0, "cls"));
    assertFalse(Network.isWeightMatrix(transformer, 0, "P"));
    assertTrue(Network.isWeightMatrix(transformer, 1, "Wq"));
    assertTrue(Network.isWeightMatrix(transformer, 1, "W2"));
    assertFalse(Network.isWeightMatrix(transformer, 1, "bq"));
    assertFalse(Network.isWeightMatrix(transformer, 1, "norm1Gain"));
    assertFalse(Network.isWeightMatrix(transformer, 2, "normGain"));
  }

  /** Embedding, one pre-norm block, pooling and a 2-class softmax head, in single precision. */
  private static MultiLayerNetwork transformer(TokenEmbedding embedding) {
    return SmallNetworks.withSoftmaxHead(SmallNetworks.transformer(embedding, 1, true, false,
        embedding.isClassToken()), embedding.inputSize(), 2);
  }

  @Test
  void featureMasksComeFromATokenLayerInFront() {
    INDArray ids = Nd4j.createFromArray(new float[][] {{5, 3, 0, 0}, {1, 2, 6, 4}});
    MultiLayerNetwork words = transformer(TokenEmbedding.words(7, 4, 8, false, false));
    assertEquals(Nd4j.createFromArray(new float[][] {{1, 1, 0, 0}, {1, 1, 1, 1}}),
        Network.featureMask(words, ids));
    MultiLayerNetwork patches = transformer(TokenEmbedding.patches(1, 4, 4, 2, 8, true, true));
    assertNull(Network.featureMask(patches, Nd4j.rand(DataType.FLOAT, 2, 16)));
    MultiLayerNetwork linear = Network.build(List.of(), Shape.flat(3), 2, 1);
    assertNull(Network.featureMask(linear, Nd4j.rand(DataType.FLOAT, 2, 3)));
    MultiLayerNetwork dense = Network.build(List.of(new DenseSpec(2, Activation.RELU),
        new DenseSpec(2, Activation.RELU)), Shape.flat(3), 2, 1);
    assertNull(Network.featureMask(dense, Nd4j.rand(DataType.FLOAT, 2, 3)));
  }

  @Test
  void probabilitiesAreTheSoftmaxOfEveryRowInBlocks() {
    MultiLayerNetwork network = Network.build(List.of(), Shape.flat(3), 2, 8);
    double[][] w = network.getLayer(0).getParam("W").toDoubleMatrix();
    double[] b = network.getLayer(0).getParam("b").toDoubleVector();
    int rows = 1100;
    Random random = new Random(3);
    float[] x = new float[rows * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    double[][] p = Probabilities.of(network, x, rows, 3);
    assertEquals(rows, p.length);
    for (int r = 0; r < rows; r++) {
      double[] z = b.clone();
      for (int c = 0; c < 2; c++) {
        for (int a = 0; a < 3; a++) {
          z[c] += x[r * 3 + a] * w[a][c];
        }
      }
      double p1 = 1 / (1 + Math.exp(z[0] - z[1]));
      assertEquals(2, p[r].length);
      assertEquals(1 - p1, p[r][0], 1e-5, "row " + r);
      assertEquals(p1, p[r][1], 1e-5, "row " + r);
      assertEquals(1, p[r][0] + p[r][1], 1e-6);
    }
  }

  @Test
  void networksRoundTripThroughBytesAndCorruptBytesAreRefused() throws Exception {
    MultiLayerNetwork network = Network.build(List.of(new DenseSpec(4, Activation.RELU),
        BatchNormSpec.defaults(), new LayerNormSpec(1e-5)), Shape.flat(3), 2, 5);
    network.params().addi(Nd4j.rand(DataType.FLOAT, network.params().shape()).muli(0.1));
    byte[] bytes = NetworkBytes.of(network);
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    // the caller's context class loader is not the package's (as inside Weka): restore must look
    // for the custom layer classes (LayerNormalization) in the package's own loader, never in the
    // caller's, which here holds other copies of the package's classes that cannot be linked
    java.util.Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ClassLoader marker = new ClassLoader(null) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith("fundamentos.")) {
          asked.add(name);
          throw new NoClassDefFoundError(name + ": another copy, without its libraries");
        }
        throw new ClassNotFoundException(name);
      }
    };
    thread.setContextClassLoader(marker);
    try {
      MultiLayerNetwork restored = NetworkBytes.restore(bytes);
      assertSame(marker, thread.getContextClassLoader(), "the caller's class loader is back");
      assertEquals(java.util.Set.of(), asked, "package classes asked of the caller's loader");
      assertArrayEquals(network.params().toDoubleVector(), restored.params().toDoubleVector(), 0);
      assertEquals(network.getLayerWiseConfigurations().toJson(),
          restored.getLayerWiseConfigurations().toJson());
      INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3);
      assertArrayEquals(network.output(x).reshape(-1).toDoubleVector(),
          restored.output(x).reshape(-1).toDoubleVector(),
          1e-6);
      assertEquals(LayerHelpers.enabled() && LayerHelpers.cpuBackend(),
          SmallNetworks.helper(restored, 1) instanceof BatchNormHelper);
      assertThrows(Exception.class, () -> NetworkBytes.restore(new byte[] {1, 2, 3, 4}));
      assertSame(marker, thread.getContextClassLoader());
      assertThrows(Exception.class,
          () -> NetworkBytes.restore(java.util.Arrays.copyOf(bytes, bytes.length / 2)));
      assertSame(marker, thread.getContextClassLoader());
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Test
  void helpersAreOnUnlessSwitchedOff() {
    assertTrue(LayerHelpers.cpuBackend());
    String previous = System.getProperty(LayerHelpers.PROPERTY);
    try {
      System.clearProperty(LayerHelpers.PROPERTY);
      assertTrue(LayerHelpers.enabled());
      for (String off : new String[] {"off", " OFF ", "Off"}) {
        System.setProperty(LayerHelpers.PROPERTY, off);
        assertFalse(LayerHelpers.enabled(), off);
      }
      for (String on : new String[] {"auto", "on", ""}) {
        System.setProperty(LayerHelpers.PROPERTY, on);
        assertTrue(LayerHelpers.enabled(), on);
      }
    } finally {
      if (previous == null) {
        System.clearProperty(LayerHelpers.PROPERTY);
      } else {
        System.setProperty(LayerHelpers.PROPERTY, previous);
      }
    }
  }

  @Test
  void oneDnnIsUsedOnTheCpuWhenItsBindingsAreThere() {
    ClassLoader own = LayerHelpers.class.getClassLoader();
    // the generic build: a loader without oneDNN's bindings (this one sees only the JDK)
    ClassLoader bare = new java.net.URLClassLoader(new java.net.URL[0], null);
    assertFalse(LayerHelpers.oneDnnBuild(() -> true, bare));
    assertFalse(LayerHelpers.oneDnnBuild(() -> false, bare));
    assertEquals(LayerHelpers.oneDnnBuild(), LayerHelpers.oneDnnBuild(() -> true, own));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        own.getResource("org/bytedeco/dnnl/global/dnnl.class") != null, "the -onednn build");
    assertTrue(LayerHelpers.oneDnnBuild(() -> true, own));
    // CUDA: DL4J's cuDNN path even where oneDNN's bindings are on the class path
    assertFalse(LayerHelpers.oneDnnBuild(() -> false, own));
    // ND4J's natives that fail to load: no oneDNN either
    assertFalse(LayerHelpers.oneDnnBuild(() -> {
      throw new UnsatisfiedLinkError("no jnind4jcpu");
    }, own));
  }

  @Test
  void layerNormalisationKeepsImagesAsImages() {
    LayerNormalization image = new LayerNormalization(Shape.image(3, 4, 5), 1e-5);
    InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) image
        .getOutputType(0, InputType.convolutionalFlat(4, 5, 3));
    assertEquals(3, out.getChannels());
    assertEquals(4, out.getHeight());
    assertEquals(5, out.getWidth());
    InputType convolutional = InputType.convolutional(4, 5, 3);
    assertSame(convolutional, image.getOutputType(0, convolutional));
    assertNotNull(image.getPreProcessorForInputType(InputType.convolutionalFlat(4, 5, 3)));
    LayerNormalization flat = new LayerNormalization(Shape.flat(5), 1e-5);
    InputType feedForward = InputType.feedForward(5);
    assertSame(feedForward, flat.getOutputType(0, feedForward));
    assertNull(flat.getPreProcessorForInputType(feedForward));
  }

  /** Sequences [2, 3 values, 4 tokens]: value j of token t of sequence s is 100 s + 10 j + t. */
  private static INDArray sequences() {
    INDArray x = Nd4j.create(DataType.FLOAT, 2, 3, 4);
    for (int s = 0; s < 2; s++) {
      for (int j = 0; j < 3; j++) {
        for (int t = 0; t < 4; t++) {
          x.putScalar(new long[] {s, j, t}, 100 * s + 10 * j + t);
        }
      }
    }
    return x;
  }

  private static INDArray pool(SequencePooling pooling, INDArray mask) {
    return pool(pooling, sequences(), mask);
  }

  private static INDArray pool(SequencePooling pooling, INDArray sequences, INDArray mask) {
    MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
        .dataType(DataType.FLOAT).list().layer(pooling)
        .setInputType(InputType.recurrent(3, 4)).build());
    network.init();
    return network.output(sequences, false, mask, null);
  }

  @Test
  void poolingTakesTheClsTokenOrTheMeanOfTheRealTokens() {
    // the first sequence has two real tokens, the second four
    INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 0, 0}, {1, 1, 1, 1}});
    INDArray mean = pool(new SequencePooling(3, 4, false, false), mask);
    INDArray cls = pool(new SequencePooling(3, 4, true, false), mask);
    for (int j = 0; j < 3; j++) {
      assertEquals(10 * j + 0.5, mean.getDouble(0, j), 1e-4);
      assertEquals(100 + 10 * j + 1.5, mean.getDouble(1, j), 1e-4);
      assertEquals(10 * j, cls.getDouble(0, j), 1e-4);
      assertEquals(100 + 10 * j, cls.getDouble(1, j), 1e-4);
    }
    // without a mask every token counts
    INDArray all = pool(new SequencePooling(3, 4, false, false), null);
    assertEquals(1.5, all.getDouble(0, 0), 1e-4);
    // a final layer norm (gain 1, bias 0) standardises the pooled vector: a + 10 j has
    // mean a + 10 and variance 200 / 3
    INDArray normalised = pool(new SequencePooling(3, 4, false, true), mask);
    double z = 10 / Math.sqrt(200.0 / 3 + 1e-5);
    for (int s = 0; s < 2; s++) {
      assertEquals(-z, normalised.getDouble(s, 0), 1e-4);
      assertEquals(0, normalised.getDouble(s, 1), 1e-4);
      assertEquals(z, normalised.getDouble(s, 2), 1e-4);
    }
    // where the variance is small, the layer norm's epsilon (1e-5) counts: values a thousand times
    // smaller pool to a vector of variance 200 / 3 * 1e-6, standardised as (x - mean) /
    // sqrt(var + 1e-5), about 1.14 instead of 1.22 without epsilon
    INDArray small = pool(new SequencePooling(3, 4, false, true), sequences().mul(1e-3), mask);
    double zSmall = 0.01 / Math.sqrt(200.0 / 3 * 1e-6 + 1e-5);
    for (int s = 0; s < 2; s++) {
      assertEquals(-zSmall, small.getDouble(s, 0), 1e-4);
      assertEquals(0, small.getDouble(s, 1), 1e-4);
      assertEquals(zSmall, small.getDouble(s, 2), 1e-4);
    }
    // a constant pooled vector (variance 0) gives the bias, 0, not 0 / 0
    INDArray constant = pool(new SequencePooling(3, 4, false, true),
        Nd4j.ones(DataType.FLOAT, 2, 3, 4), mask);
    assertArrayEquals(new double[6], constant.reshape(-1).toDoubleVector(), 0);
    assertEquals("mean over tokens", new SequencePooling(3, 4, false, false).describe());
    assertEquals("CLS token + layer norm", new SequencePooling(3, 4, true, true).describe());
    assertNull(new SequencePooling(3, 4, true, true).feedForwardMaskArray(mask,
        MaskState.Active, 2).getFirst());
    InputType.InputTypeFeedForward out = (InputType.InputTypeFeedForward)
        new SequencePooling(3, 4, true, true).getOutputType(0, InputType.recurrent(3, 4));
    assertEquals(3, out.getSize());
  }

  @Test
  void tokenEmbeddingsCountTheirValuesAndTokens() {
    TokenEmbedding patches = TokenEmbedding.patches(2, 4, 6, 2, 8, true, false);
    assertEquals(48, patches.inputSize());
    assertEquals(6, patches.getTokens());
    assertEquals(7, patches.outputTokens());
    assertEquals("2x2 patches of 2x4x6 + CLS + sinusoidal positions", patches.describe());
    TokenEmbedding attributes = TokenEmbedding.attributes(new int[] {0, 1, 1, 2}, 8, false, true);
    assertEquals(4, attributes.inputSize());
    assertEquals(3, attributes.attributeTokens());
    assertEquals(3, attributes.outputTokens());
    assertEquals("attribute tokens + learned positions", attributes.describe());
    TokenEmbedding mixed = TokenEmbedding.attributesAndWords(new int[] {0, 1, 1}, 6, 3, 8, false,
        false);
    assertEquals(6, mixed.inputSize());
    assertEquals(5, mixed.getTokens());
    assertEquals(2, mixed.attributeTokens());
    assertEquals("attribute tokens + 3 word tokens (6 ids) + sinusoidal positions",
        mixed.describe());
    TokenEmbedding words = TokenEmbedding.words(7, 5, 8, true, true);
    assertEquals(5, words.inputSize());
    assertEquals(6, words.outputTokens());
    assertEquals("word embeddings (7 ids) + CLS + learned positions", words.describe());
    TokenEmbedding steps = TokenEmbedding.steps(3, 4, 8, false, false);
    assertEquals(16, steps.inputSize());
    assertEquals(4, steps.outputTokens());
    assertEquals("sequence steps of 3 values + sinusoidal positions", steps.describe());
    InputType.InputTypeRecurrent out = (InputType.InputTypeRecurrent) words.getOutputType(0,
        InputType.recurrent(8, 5));
    assertEquals(8, out.getSize());
    assertEquals(6, out.getTimeSeriesLength());
    EmbeddingSequenceLayer table = words.wordVectors();
    assertEquals(7, table.getNIn());
    assertEquals(8, table.getNOut());
    assertEquals(5, table.getInputLength());
    assertFalse(table.hasBias());
    assertEquals(org.deeplearning4j.nn.weights.WeightInitDistribution.class,
        table.getWeightInitFn().getClass());
  }

  @Test
  void tokenEmbeddingsRefuseImpossibleSettings() {
    assertThrows(IllegalArgumentException.class,
        () -> TokenEmbedding.patches(1, 4, 4, 0, 8, false, false));
    assertThrows(IllegalArgumentException.class,
        () -> TokenEmbedding.patches(1, 6, 4, 4, 8, false, false));
    assertThrows(IllegalArgumentException.class,
        () -> TokenEmbedding.patches(1, 4, 6, 4, 8, false, false));
    assertThrows(IllegalArgumentException.class,
        () -> TokenEmbedding.words(7, 4, 0, false, false));
    assertThrows(IllegalArgumentException.class,
        () -> TokenEmbedding.words(7, 0, 8, false, false));
    // the smallest settings
    assertEquals(1, TokenEmbedding.patches(1, 1, 1, 1, 1, false, false).getTokens());
    assertEquals(1, TokenEmbedding.words(2, 1, 1, false, false).getTokens());
  }

  @Test
  void tokenMasksReadThePresenceFlagsAndKeepTheClsToken() {
    TokenEmbedding steps = TokenEmbedding.steps(2, 3, 8, true, false);
    INDArray rows = Nd4j.createFromArray(new float[][] {{0.5f, -1, 1, 2, 0.3f, 1, 0, 0, 0},
        {1, 1, 1, 0, 0, 0, 0, 0, 0}});
    assertEquals(Nd4j.createFromArray(new float[][] {{1, 1, 0}, {1, 0, 0}}), steps.mask(rows));
    assertNull(TokenEmbedding.attributes(new int[] {0, 1}, 8, true, false)
        .mask(Nd4j.rand(DataType.FLOAT, 2, 2)));
    assertNull(TokenEmbedding.patches(1, 2, 2, 1, 8, true, false)
        .mask(Nd4j.rand(DataType.FLOAT, 2, 4)));
    INDArray mask = Nd4j.createFromArray(new float[][] {{1, 0}, {1, 1}});
    // the CLS token in front is always real
    assertEquals(Nd4j.createFromArray(new float[][] {{1, 1, 0}, {1, 1, 1}}),
        steps.feedForwardMaskArray(mask, MaskState.Active, 2).getFirst());
    assertNull(steps.feedForwardMaskArray(null, null, 2).getFirst());
    assertSame(mask, TokenEmbedding.steps(2, 2, 8, false, false)
        .feedForwardMaskArray(mask, MaskState.Active, 2).getFirst());
  }

  private static double std(INDArray values) {
    double[] v = values.dup().reshape(-1).toDoubleVector();
    double mean = java.util.Arrays.stream(v).average().getAsDouble();
    return Math.sqrt(java.util.Arrays.stream(v).map(a -> (a - mean) * (a - mean)).sum() / v.length);
  }

  private static MultiLayerNetwork alone(TokenEmbedding embedding) {
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3)
        .dataType(DataType.FLOAT).list().overrideNinUponBuild(false);
    if (embedding.getSource() == TokenEmbedding.Source.WORDS) {
      list.layer(embedding.wordVectors());
    }
    MultiLayerNetwork network = new MultiLayerNetwork(list.layer(embedding)
        .setInputType(InputType.feedForward(embedding.inputSize())).build());
    network.init();
    return network;
  }

  @Test
  void tokenEmbeddingsStartWithTheirStatedScales() {
    // patches of 4 x 4: E has fan-in 16, standard deviation 1/4; positions 0.02; CLS and e zero
    MultiLayerNetwork patches = alone(TokenEmbedding.patches(1, 8, 8, 4, 128, true, true));
    var layer = patches.getLayer(0);
    assertEquals(0.25, std(layer.getParam("E")), 0.025);
    assertEquals(0.02, std(layer.getParam("P")), 0.002);
    assertEquals(0, layer.getParam("cls").amaxNumber().doubleValue(), 0);
    assertEquals(0, layer.getParam("e").amaxNumber().doubleValue(), 0);
    assertArrayEquals(new long[] {5, 128}, layer.getParam("P").shape());
    assertArrayEquals(new long[] {16, 128}, layer.getParam("E").shape());
    // one direction per attribute column: unit variance; word vectors too; one e per attribute
    MultiLayerNetwork mixed = alone(TokenEmbedding.attributesAndWords(new int[] {0, 0, 1, 1, 2,
        2, 3, 3}, 50, 2, 64, false, false));
    var attributes = mixed.getLayer(0);
    assertEquals(1, std(attributes.getParam("E")), 0.1);
    assertEquals(1, std(attributes.getParam("V")), 0.07);
    assertArrayEquals(new long[] {4, 64}, attributes.getParam("e").shape());
    assertArrayEquals(new long[] {50, 64}, attributes.getParam("V").shape());
    assertNull(attributes.paramTable().get("P"));
    assertNull(attributes.paramTable().get("cls"));
  }

  @Test
  void encoderBlocksStartWithPyTorchsWeightsUnitGainsAndZeroBiases() {
    MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2)
        .dataType(DataType.FLOAT).list().layer(new EncoderBlock(32, 4, 64, 3, false, false))
        .setInputType(InputType.recurrent(32, 3)).build());
    network.init();
    var block = network.getLayer(0);
    // nn.TransformerEncoderLayer's: the stacked 3d x d in-projection Glorot uniform, variance
    // 2 / (d + 3d); the out-projection and the MLP nn.Linear's, variance 1 / (3 fan in); uniform
    // on [-b, b] with b = sqrt(3 variance)
    Map<String, Double> variance = Map.of("Wq", 2.0 / 128, "Wk", 2.0 / 128, "Wv", 2.0 / 128,
        "Wo", 1.0 / 96, "W1", 1.0 / 96, "W2", 1.0 / 192);
    for (Map.Entry<String, Double> expected : variance.entrySet()) {
      INDArray w = block.getParam(expected.getKey());
      double bound = Math.sqrt(3 * expected.getValue());
      assertEquals(Math.sqrt(expected.getValue()), std(w), 0.006, expected.getKey());
      assertTrue(w.amaxNumber().doubleValue() <= bound, expected.getKey() + " within the bound");
      assertTrue(w.amaxNumber().doubleValue() > 0.95 * bound, expected.getKey() + " uniform");
    }
    assertArrayEquals(new long[] {32, 64}, block.getParam("W1").shape());
    for (String name : new String[] {"bq", "bk", "bv", "bo", "b1", "b2", "norm1Bias",
        "norm2Bias"}) {
      assertEquals(0, block.getParam(name).amaxNumber().doubleValue(), 0, name);
    }
    for (String name : new String[] {"norm1Gain", "norm2Gain"}) {
      assertEquals(1, block.getParam(name).minNumber().doubleValue(), 0, name);
      assertEquals(1, block.getParam(name).maxNumber().doubleValue(), 0, name);
    }
    EncoderBlock configuration = new EncoderBlock(8, 2, 6, 5, true, true);
    InputType.InputTypeRecurrent out = (InputType.InputTypeRecurrent) configuration
        .getOutputType(0, InputType.recurrent(8, 5));
    assertEquals(8, out.getSize());
    assertEquals(5, out.getTimeSeriesLength());
    new EncoderBlock(1, 1, 1, 1, false, false);
    for (long[] bad : new long[][] {{0, 1, 4, 3}, {8, 0, 4, 3}, {6, 4, 4, 3}, {8, 2, 0, 3},
        {8, 2, 4, 0}}) {
      assertThrows(IllegalArgumentException.class,
          () -> new EncoderBlock(bad[0], bad[1], bad[2], bad[3], false, false),
          java.util.Arrays.toString(bad));
    }
  }

  @Test
  void eachHandWrittenLayerDrawsItsDropoutFromTheSeedAndItsIndex() {
    // word vectors at index 0, the token layer at index 1 with dropout 0.5, network seed 5
    TokenEmbedding embedding = TokenEmbedding.words(7, 4, 6, false, false);
    embedding.setDropout(0.5);
    MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
        .dataType(DataType.FLOAT).list().overrideNinUponBuild(false)
        .layer(embedding.wordVectors()).layer(embedding)
        .setInputType(InputType.feedForward(4)).build());
    network.init();
    INDArray ids = Nd4j.createFromArray(new float[][] {{5, 3, 2, 1}, {4, 6, 0, 0}});
    INDArray trained = network.feedForward(ids, true).get(2);
    INDArray predicted = network.feedForward(ids, false).get(2);
    SplittableRandom draws = new SplittableRandom(5 * 1_000_003L + 1);
    int dropped = 0;
    // values in the layer's row order: sequence, token, value
    for (int s = 0; s < 2; s++) {
      for (int t = 0; t < 4; t++) {
        for (int j = 0; j < 6; j++) {
          double keep = draws.nextDouble() < 0.5 ? 0 : 2;
          dropped += keep == 0 ? 1 : 0;
          assertEquals(predicted.getDouble(s, j, t) * keep, trained.getDouble(s, j, t), 1e-5,
              "sequence " + s + ", token " + t + ", value " + j);
        }
      }
    }
    assertTrue(dropped > 0 && dropped < 48, dropped + " dropped");
  }

  @Test
  void encoderBlocksDropOnlyInTraining() {
    EncoderBlock block = new EncoderBlock(8, 2, 6, 3, false, false);
    block.setDropout(0.5);
    assertEquals(0.5, block.getDropout(), 0);
    MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4)
        .dataType(DataType.FLOAT).list().layer(block)
        .setInputType(InputType.recurrent(8, 3)).build());
    network.init();
    INDArray x = Nd4j.rand(DataType.FLOAT, 2, 8, 3);
    INDArray trained = network.feedForward(x, true).get(1);
    INDArray predicted = network.feedForward(x, false).get(1);
    assertArrayEquals(predicted.reshape(-1).toDoubleVector(),
        network.output(x).reshape(-1).toDoubleVector(), 1e-6);
    assertFalse(trained.equalsWithEps(predicted, 1e-3), "dropout acted in training");
  }

  @Test
  void aLayerMayLeaveASingleValue() {
    List<LayerSpec> dense = List.of(new DenseSpec(1, Activation.RELU));
    assertEquals(Shape.flat(1), Network.summary(Network.build(dense, Shape.flat(3), 2, 1), dense,
        Shape.flat(3)).get(0).output());
    List<LayerSpec> pooling = List.of(new PoolingSpec(true, 2, 2, false));
    assertEquals(Shape.image(1, 1, 1), Network.summary(Network.build(pooling,
        Shape.image(1, 2, 2), 2, 1), pooling, Shape.image(1, 2, 2)).get(0).output());
  }
}
