package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.layers.ConvolutionLayer;
import weka.classifiers.functions.layers.DenseLayer;
import weka.classifiers.functions.layers.GlobalPoolingLayer;
import weka.classifiers.functions.layers.LayerNormLayer;
import weka.classifiers.functions.layers.NetworkLayer;
import weka.classifiers.functions.layers.PoolingLayer;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.core.WekaException;
import weka.core.converters.ImageDirectoryLoader;

/** CNN on real data: accuracy floors, the layer table, save and load, images from files, bad input. */
class CNNBehaviourTest {

  private static Instances digitsTrain;
  private static Instances digitsTest;

  @BeforeAll
  static void load() throws Exception {
    digitsTrain = BundledData.load("digits8x8-train.arff");
    digitsTest = BundledData.load("digits8x8-test.arff");
  }

  static double accuracy(weka.classifiers.Classifier cnn, Instances train, Instances test)
      throws Exception {
    cnn.buildClassifier(train);
    Evaluation evaluation = new Evaluation(train);
    evaluation.evaluateModel(cnn, test);
    return evaluation.pctCorrect() / 100;
  }

  static CNN quiet() {
    CNN cnn = new CNN();
    cnn.setQuiet(true);
    cnn.setNumThreads(1);
    return cnn;
  }

  /** A small convnet for the tests that do not measure accuracy: conv 8 - pool - dense 16. */
  static CNN small() {
    CNN cnn = quiet();
    ConvolutionLayer conv = new ConvolutionLayer();
    conv.setFilters(8);
    DenseLayer dense = new DenseLayer();
    dense.setUnits(16);
    cnn.setLayers(new NetworkLayer[] {conv, new PoolingLayer(), dense});
    cnn.setNumEpochs(3);
    return cnn;
  }

  @Test
  void theDefaultConvnetLearnsTheDigits() throws Exception {
    CNN cnn = quiet();
    double accuracy = accuracy(cnn, digitsTrain, digitsTest);
    assertTrue(accuracy >= 0.97, "digits test accuracy " + accuracy);
    // the course's convnet on 8x8 images: the layer table with shapes and parameter counts
    String model = cnn.toString();
    assertTrue(model.contains("convolution 3x3x32"), model);
    assertTrue(model.contains("128x1x1"), model);
    assertEquals((9 + 1) * 32 + 64 + (9 * 32 + 1) * 64 + 128 + (9 * 64 + 1) * 128 + 256
        + (128 + 1) * 256 + 512 + (256 + 1) * 10, cnn.numParameters());
    assertEquals(cnn.numParameters(), cnn.getMeasure("measureNumParameters"));
    assertEquals(10, cnn.getMeasure("measureNumEpochs"));
  }

  @Test
  void theMlpLearnsOrdinaryData() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    CNN mlp = quiet();
    DenseLayer dense = new DenseLayer();
    dense.setUnits(16);
    mlp.setLayers(new NetworkLayer[] {dense});
    mlp.setNumEpochs(100);
    mlp.setMiniBatchSize(16);
    weka.classifiers.functions.optimizers.Adam adam = new weka.classifiers.functions.optimizers.Adam();
    adam.setLearningRate(0.01);
    mlp.setOptimizer(adam);
    double accuracy = accuracy(mlp, iris, iris);
    assertTrue(accuracy >= 0.95, "iris training accuracy " + accuracy);
  }

  /** The MLP with -loss mse (section 3.3.1: squared error on the softmax output) learns iris too. */
  @Test
  void theMlpLearnsWithTheSquaredError() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    CNN mlp = quiet();
    mlp.setOptions(weka.core.Utils.splitOptions("-loss mse -layer \"weka.classifiers.functions.layers.DenseLayer "
        + "-units 16\" -epochs 100 -mini-batch 16 -optimizer \"weka.classifiers.functions.optimizers.Adam -lr 0.01\""));
    assertEquals("mse", mlp.getLoss().getSelectedTag().getReadable());
    assertTrue(String.join(" ", mlp.getOptions()).contains("-loss mse"), String.join(" ", mlp.getOptions()));
    double accuracy = accuracy(mlp, iris, iris);
    assertTrue(accuracy >= 0.95, "iris training accuracy " + accuracy);
    assertTrue(mlp.toString().contains("Loss: squared error"), mlp.toString());
    // a saved model keeps its loss (DL4J's configuration names WeightedSquaredError)
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    weka.core.SerializationHelper.write(bytes, mlp);
    CNN loaded = (CNN) weka.core.SerializationHelper.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    assertArrayEquals(mlp.distributionForInstance(iris.instance(70)), loaded.distributionForInstance(iris.instance(70)),
        1e-6);
    assertTrue(loaded.toString().contains("Loss: squared error"), loaded.toString());
    CNN defaults = new CNN();
    assertEquals("cross-entropy", defaults.getLoss().getSelectedTag().getReadable());
  }

  @Test
  void savedAndLoadedModelsPredictTheSame() throws Exception {
    CNN cnn = small();
    LayerNormLayer norm = new LayerNormLayer();
    List<NetworkLayer> layers = new ArrayList<>(List.of(cnn.getLayers()));
    layers.add(1, norm);
    cnn.setLayers(layers.toArray(new NetworkLayer[0]));
    cnn.buildClassifier(digitsTrain);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationHelper.write(bytes, cnn);
    CNN loaded = (CNN) SerializationHelper.read(new ByteArrayInputStream(bytes.toByteArray()));
    double[][] before = cnn.distributionsForInstances(digitsTest);
    double[][] after = loaded.distributionsForInstances(digitsTest);
    for (int i = 0; i < before.length; i++) {
      assertArrayEquals(before[i], after[i], 0.0);
    }
    assertEquals(cnn.toString(), loaded.toString());
  }

  @Test
  void aSeedGivesTheSameNetworkAndOneInstanceEqualsTheBatch() throws Exception {
    CNN a = small();
    CNN b = small();
    a.buildClassifier(digitsTrain);
    b.buildClassifier(digitsTrain);
    double[][] batch = a.distributionsForInstances(digitsTest);
    assertArrayEquals(batch[0], b.distributionsForInstances(digitsTest)[0], 0.0);
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(batch[i], a.distributionForInstance(digitsTest.instance(i)), 1e-6);
    }
    b.setSeed(2);
    b.buildClassifier(digitsTrain);
    assertTrue(Math.abs(batch[0][0] - b.distributionsForInstances(digitsTest)[0][0]) > 1e-9);
  }

  @Test
  void oneEpochPerIterationAndEarlyStopping(@TempDir Path folder) throws Exception {
    CNN cnn = small();
    cnn.setNumEpochs(6);
    cnn.setEarlyStoppingPatience(2);
    File curve = folder.resolve("curve.png").toFile();
    cnn.setTrainingCurveFile(curve);
    cnn.initializeClassifier(digitsTrain);
    assertTrue(cnn.next());
    assertEquals(1, cnn.trainingHistory().size());
    while (cnn.next()) {
      // the remaining epochs
    }
    cnn.done();
    java.util.List<fundamentos.training.EpochResult> history = cnn.trainingHistory();
    // the best epoch is the one of lowest validation loss, and training stopped either after 6
    // epochs or 2 epochs without improving on it
    int best = 1;
    for (fundamentos.training.EpochResult epoch : history) {
      assertTrue(Double.isFinite(epoch.validationLoss()) && Double.isFinite(epoch.trainingLoss()));
      assertEquals(history.indexOf(epoch) + 1, epoch.epoch());
      if (epoch.validationLoss() < history.get(best - 1).validationLoss()) {
        best = epoch.epoch();
      }
    }
    assertEquals(best, (int) cnn.getMeasure("measureBestEpoch"));
    assertTrue(history.size() == 6 || history.size() == best + 2, history.size() + " epochs, best " + best);
    assertEquals(history.size(), (int) cnn.getMeasure("measureNumEpochs"));
    assertEquals(history.get(history.size() - 1).validationLoss(), cnn.getMeasure("measureFinalValidationLoss"), 0.0);
    assertEquals(history.get(history.size() - 1).trainingLoss(), cnn.getMeasure("measureFinalTrainingLoss"), 0.0);
    BufferedImage picture = ImageIO.read(curve);
    assertTrue(picture != null && picture.getWidth() >= 400 && picture.getHeight() >= 250, "training curve PNG");
  }

  @Test
  void imagesFromAFolder() throws Exception {
    File folder = new File("src/test/resources/images/bars");
    ImageDirectoryLoader loader = new ImageDirectoryLoader();
    loader.setDirectory(folder);
    Instances images = loader.getDataSet();
    CNN cnn = small();
    cnn.setImageDirectory(folder);
    cnn.setNumEpochs(15);
    cnn.setMiniBatchSize(4);
    assertTrue(accuracy(cnn, images, images) >= 0.9);
    assertTrue(cnn.toString().contains("image files, 1x12x12"), cnn.toString());
    // resized on reading
    cnn.setImageHeight(8);
    cnn.setImageWidth(8);
    cnn.buildClassifier(images);
    assertTrue(cnn.toString().contains("1x8x8"));
  }

  @Test
  void colourPixelAttributesInEitherOrder() throws Exception {
    // 2x2 RGB images: the red channel decides the class; interleaved attributes r,g,b per pixel
    Instances planar = colourImages(false);
    Instances interleaved = colourImages(true);
    for (Instances data : new Instances[] {planar, interleaved}) {
      CNN cnn = quiet();
      ConvolutionLayer conv = new ConvolutionLayer();
      conv.setFilters(4);
      cnn.setLayers(new NetworkLayer[] {conv, new GlobalPoolingLayer()});
      cnn.setImageChannels(3);
      cnn.setImageHeight(2);
      cnn.setImageWidth(2);
      cnn.setChannelOrder(new weka.core.SelectedTag(data == planar ? 0 : 1, CNN.CHANNEL_ORDERS));
      cnn.setNumEpochs(40);
      cnn.setMiniBatchSize(8);
      assertTrue(accuracy(cnn, data, data) >= 0.95, data == planar ? "planar" : "interleaved");
    }
  }

  private static Instances colourImages(boolean interleaved) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      attributes.add(new Attribute("v" + i));
    }
    attributes.add(new Attribute("class", List.of("dark", "red")));
    Instances data = new Instances("colour", attributes, 64);
    data.setClassIndex(12);
    java.util.Random random = new java.util.Random(4);
    for (int n = 0; n < 64; n++) {
      int y = n % 2;
      double[] values = new double[13];
      for (int p = 0; p < 4; p++) {
        for (int c = 0; c < 3; c++) {
          double v = c == 0 ? (y == 1 ? 200 : 50) + random.nextGaussian() * 20 : random.nextInt(256);
          values[interleaved ? p * 3 + c : c * 4 + p] = v;
        }
      }
      values[12] = y;
      data.add(new DenseInstance(1, values));
    }
    return data;
  }

  @Test
  void badInputGetsClearErrors() throws Exception {
    CNN cnn = small();
    // 64 pixels are not 7 x 7
    cnn.setImageHeight(7);
    cnn.setImageWidth(7);
    WekaException e = assertThrows(WekaException.class, () -> cnn.buildClassifier(digitsTrain));
    assertTrue(e.getMessage().contains("height x width x channels"), e.getMessage());
    // nominal attributes cannot be pixels
    Instances iris = BundledData.load("iris.arff");
    Instances withNominal = new Instances(iris);
    withNominal.insertAttributeAt(new Attribute("colour", List.of("a", "b")), 0);
    e = assertThrows(WekaException.class, () -> small().buildClassifier(withNominal));
    assertTrue(e.getMessage().contains("binary attributes"), e.getMessage());
    // 4 attributes are not a square image of one channel... they are: 2x2; 5 are not
    Instances five = new Instances(iris);
    five.insertAttributeAt(new Attribute("extra"), 0);
    e = assertThrows(WekaException.class, () -> small().buildClassifier(five));
    assertTrue(e.getMessage().contains("square"), e.getMessage());
    // training data of one class only: documented handling, the network learns to predict it
    Instances oneClass = new Instances(digitsTrain, 0);
    for (int i = 0; i < digitsTrain.numInstances(); i++) {
      if (digitsTrain.instance(i).classValue() == 3) {
        oneClass.add(digitsTrain.instance(i));
      }
    }
    CNN single = small();
    single.setNumEpochs(10);
    single.buildClassifier(oneClass);
    assertEquals(3, single.classifyInstance(digitsTest.instance(0)));
    // image files: missing folder, unreadable image, mixed sizes without a size
    ImageDirectoryLoader loader = new ImageDirectoryLoader();
    loader.setDirectory(new File("src/test/resources/images/no-such-folder"));
    assertThrows(java.io.IOException.class, loader::getDataSet);
    loader.setDirectory(new File("src/test/resources/images/broken"));
    Instances broken = loader.getDataSet();
    CNN files = small();
    files.setImageDirectory(new File("src/test/resources/images/broken"));
    e = assertThrows(WekaException.class, () -> files.buildClassifier(broken));
    assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
    loader.setDirectory(new File("src/test/resources/images/mixed"));
    Instances mixed = loader.getDataSet();
    files.setImageDirectory(new File("src/test/resources/images/mixed"));
    e = assertThrows(WekaException.class, () -> files.buildClassifier(mixed));
    assertTrue(e.getMessage().contains("mixed sizes"), e.getMessage());
    files.setImageDirectory(new File("src/test/resources/images/bars"));
    e = assertThrows(WekaException.class, () -> files.buildClassifier(mixed));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    // a test set with another header
    CNN trained = small();
    trained.setNumEpochs(1);
    trained.buildClassifier(digitsTrain);
    e = assertThrows(WekaException.class, () -> trained.distributionsForInstances(iris));
    assertTrue(e.getMessage().contains("do not match"), e.getMessage());
  }

  @Test
  void optionsRoundTripOnTheCommandLine() throws Exception {
    CNN cnn = new CNN();
    cnn.setOptions(Utils.splitOptions("-layer \"weka.classifiers.functions.layers.ConvolutionLayer "
        + "-filters 4 -kernel 5 -padding valid -activation gelu\" -layer "
        + "\"weka.classifiers.functions.layers.DenseLayer -units 7\" -schedule step -epochs 3 "
        + "-optimizer \"weka.classifiers.functions.optimizers.Momentum -lr 0.02\" -quiet"));
    assertEquals(2, cnn.getLayers().length);
    assertTrue(cnn.getQuiet());
    ConvolutionLayer conv = (ConvolutionLayer) cnn.getLayers()[0];
    assertEquals(5, conv.getKernelSize());
    assertEquals("gelu", conv.getActivation().getSelectedTag().getReadable());
    assertEquals("valid", conv.getPadding().getSelectedTag().getReadable());
    CNN copy = new CNN();
    copy.setOptions(cnn.getOptions());
    assertEquals(Utils.joinOptions(cnn.getOptions()), Utils.joinOptions(copy.getOptions()));
  }
}
