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
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.functions.optimizers.Adam;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.core.WekaException;

/**
 * The Transformer on real and constructed data: digits as ViT patches, text with padding and
 * unknown words, relational sequences, ordinary attributes, attention maps, saving and loading,
 * bad input.
 */
class TransformerBehaviourTest {

  private static Instances digitsTrain;
  private static Instances digitsTest;

  @BeforeAll
  static void load() throws Exception {
    digitsTrain = BundledData.load("digits8x8-train.arff");
    digitsTest = BundledData.load("digits8x8-test.arff");
  }

  static Transformer quiet() {
    Transformer transformer = new Transformer();
    transformer.setQuiet(true);
    transformer.setNumThreads(1);
    return transformer;
  }

  /** A small model for the tests that do not measure accuracy. */
  static Transformer small() {
    Transformer transformer = quiet();
    transformer.setModelWidth(16);
    transformer.setNumHeads(2);
    transformer.setNumBlocks(1);
    transformer.setMlpWidth(16);
    transformer.setNumEpochs(2);
    return transformer;
  }

  static Transformer patches(Transformer transformer, int size) {
    transformer.setTokens(new SelectedTag(1, Transformer.TOKEN_SOURCES));
    transformer.setPatchSize(size);
    return transformer;
  }

  static Adam adam(double rate) {
    Adam adam = new Adam();
    adam.setLearningRate(rate);
    return adam;
  }

  @Test
  void theDefaultsReadTheDigitsAsPatchesAndReachNinetyFivePercent(@TempDir Path folder)
      throws Exception {
    // the defaults, as `-S 1` on the command line (-quiet only silences the progress lines): tokens
    // auto reads the 64 numeric attributes as an 8x8 image cut into 2x2 patches (16 tokens and
    // CLS), d_model 64, 4 heads, 2 blocks, and the Transformer's training defaults
    Transformer vit = new Transformer();
    vit.setOptions(new String[] {"-S", "1", "-quiet"});
    double accuracy = CNNBehaviourTest.accuracy(vit, digitsTrain, digitsTest);
    assertTrue(accuracy >= 0.95, "digits test accuracy with the defaults " + accuracy);
    String model = vit.toString();
    assertTrue(model.contains("2x2 patches of 1x8x8 + CLS + sinusoidal positions"), model);
    assertTrue(model.contains("encoder block 2 (4 heads, MLP 128 GELU, post-norm)"), model);
    // patch projection 4x64+64, CLS 64, two blocks (4 (64x64+64) + 64x128+128 + 128x64+64 + 4x64),
    // the softmax layer 64x10+10
    long block = 4 * (64 * 64 + 64) + 64 * 128 + 128 + 128 * 64 + 64 + 4 * 64;
    assertEquals(4 * 64 + 64 + 64 + 2 * block + 64 * 10 + 10, vit.numParameters());
    // attention maps: a row per query summing to 1, drawn as a PNG (a tile per block and head)
    double[][][][] weights = vit.attentionWeights(digitsTest.instance(0));
    assertEquals(2, weights.length);
    assertEquals(4, weights[0].length);
    assertEquals(17, weights[0][0].length);
    for (double[][] head : weights[1]) {
      for (double[] query : head) {
        assertEquals(1, java.util.Arrays.stream(query).sum(), 1e-5);
      }
    }
    File png = folder.resolve("attention.png").toFile();
    vit.writeAttentionMaps(digitsTest.instance(0), png);
    BufferedImage image = ImageIO.read(png);
    assertTrue(image.getWidth() > 4 * 90 && image.getHeight() > 2 * 90,
        image.getWidth() + " x " + image.getHeight());
  }

  @Test
  void autoTokensTellImagesFromOrdinaryAttributes() throws Exception {
    // 64 numeric attributes, a square: an 8x8 image, patches of the automatic size
    Transformer auto = small();
    auto.setNumEpochs(1);
    auto.buildClassifier(digitsTrain);
    assertTrue(auto.toString().contains("pixel attributes, 1x8x8"), auto.toString());
    assertTrue(auto.toString().contains("2x2 patches of 1x8x8"), auto.toString());
    // an explicit patch size and image size still rule: 4x4 patches of the digits as 8 rows of 8
    Transformer given = small();
    given.setNumEpochs(1);
    given.setPatchSize(4);
    given.setImageHeight(8);
    given.buildClassifier(digitsTrain);
    assertTrue(given.toString().contains("4x4 patches of 1x8x8"), given.toString());
    // the same attributes with tokens = attributes: one token per pixel, as before the automatic
    // image
    Transformer attributes = small();
    attributes.setNumEpochs(1);
    attributes.setTokens(new SelectedTag(2, Transformer.TOKEN_SOURCES));
    attributes.buildClassifier(digitsTrain);
    assertTrue(attributes.toString().contains("one token per attribute"), attributes.toString());
    // 4 numeric attributes form a 2x2 square, too small for an image: one token per attribute
    Transformer iris = small();
    iris.setNumEpochs(1);
    iris.buildClassifier(BundledData.load("iris.arff"));
    assertTrue(iris.toString().contains("one token per attribute"), iris.toString());
    // a nominal attribute among 64 others: not an image either
    Instances mixed = new Instances(digitsTrain, 0, 50);
    mixed.deleteAttributeAt(0);
    mixed.insertAttributeAt(new Attribute("colour", List.of("red", "green")), 0);
    for (Instance instance : mixed) {
      instance.setValue(0, "green");
    }
    Transformer nominal = small();
    nominal.setNumEpochs(1);
    nominal.buildClassifier(mixed);
    assertTrue(nominal.toString().contains("one token per attribute"), nominal.toString());
  }

  @Test
  void savedAndLoadedModelsPredictTheSame() throws Exception {
    Transformer transformer = patches(small(), 4);
    transformer.setPositions(new SelectedTag(1, Transformer.POSITIONS));
    transformer.setPreNorm(true);
    transformer.buildClassifier(digitsTrain);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationHelper.write(bytes, transformer);
    Transformer loaded = (Transformer) SerializationHelper.read(
        new ByteArrayInputStream(bytes.toByteArray()));
    double[][] before = transformer.distributionsForInstances(digitsTest);
    double[][] after = loaded.distributionsForInstances(digitsTest);
    for (int i = 0; i < before.length; i++) {
      assertArrayEquals(before[i], after[i], 0.0);
    }
    assertEquals(transformer.toString(), loaded.toString());
    assertArrayEquals(transformer.attentionWeights(digitsTest.instance(3))[0][1],
        loaded.attentionWeights(digitsTest.instance(3))[0][1]);
  }

  @Test
  void aSeedGivesTheSameModelAndOneInstanceEqualsTheBatch() throws Exception {
    Transformer a = patches(small(), 4);
    Transformer b = patches(small(), 4);
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

  /**
   * Texts of filler words; the class says whether "wheat" occurs. Words never seen in training
   * ("unseen") share the unknown token.
   */
  static Instances texts(int n, long seed, boolean unseenFiller) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("text", (List<String>) null));
    attributes.add(new Attribute("class", List.of("grain", "other")));
    Instances data = new Instances("texts", attributes, n);
    data.setClassIndex(1);
    Random random = new Random(seed);
    String[] filler = {"the", "market", "prices", "rose", "fell", "trade", "ship", "port", "bank",
        "rate", "oil", "gold", "steel", "corn", "soy", "said", "week", "year", "buyers", "sellers"};
    for (int i = 0; i < n; i++) {
      int length = 3 + random.nextInt(10);
      boolean grain = random.nextBoolean();
      int at = random.nextInt(length);
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < length; w++) {
        String word = w == at && grain ? "wheat"
            : unseenFiller && random.nextInt(3) == 0 ? "unseen" + random.nextInt(50)
            : filler[random.nextInt(filler.length)];
        text.append(w == 0 ? "" : " ").append(word);
      }
      Instance instance = new DenseInstance(2);
      instance.setDataset(data);
      instance.setValue(0, text.toString().toUpperCase());
      instance.setValue(1, grain ? 0 : 1);
      data.add(instance);
    }
    return data;
  }

  @Test
  void textWithPaddingUnknownWordsEmptyAndLongStrings() throws Exception {
    Instances train = texts(400, 1, false);
    Transformer transformer = quiet();
    transformer.setModelWidth(16);
    transformer.setNumHeads(2);
    transformer.setNumBlocks(1);
    transformer.setMlpWidth(32);
    transformer.setNumEpochs(30);
    transformer.setMinWordCount(1);
    transformer.setOptimizer(adam(0.003));
    transformer.setPooling(new SelectedTag(1, Transformer.POOLINGS));
    Instances test = texts(200, 2, true);
    double accuracy = CNNBehaviourTest.accuracy(transformer, train, test);
    assertTrue(accuracy >= 0.9, "test accuracy with unseen words " + accuracy);
    assertTrue(transformer.toString().contains("up to 12 words, vocabulary of 21 words"),
        transformer.toString());
    // the words as the model reads them: lower case, unseen ones unknown, padding after the text
    Instance unseen = test.instance(0);
    unseen.setValue(0, "Wheat zebra");
    assertEquals(List.of("wheat", "<unk>", "<pad>", "<pad>"),
        transformer.tokenLabels(unseen).subList(0, 4));
    // padded tokens get no attention
    double[][][][] weights = transformer.attentionWeights(unseen);
    for (double[] query : weights[0][0]) {
      for (int key = 2; key < query.length; key++) {
        assertEquals(0, query[key], 0.0);
      }
    }
    // an empty text, a missing one and one longer than the maximum length still get predictions
    Instance empty = test.instance(1);
    empty.setValue(0, "");
    Instance missing = test.instance(2);
    missing.setMissing(0);
    Instance longer = test.instance(3);
    longer.setValue(0, "wheat ".repeat(500));
    for (Instance instance : List.of(empty, missing, longer)) {
      double[] p = transformer.distributionForInstance(instance);
      assertEquals(1, p[0] + p[1], 1e-6);
    }
    assertEquals(0, transformer.classifyInstance(longer));
  }

  /** Bags of 2-6 steps of two values; class "up" when the first value's mean is positive. */
  static Instances sequences(int n, long seed) {
    ArrayList<Attribute> stepAttributes = new ArrayList<>();
    stepAttributes.add(new Attribute("a"));
    stepAttributes.add(new Attribute("b"));
    Instances steps = new Instances("step", stepAttributes, 0);
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("bag", List.of("x")));
    attributes.add(new Attribute("steps", steps));
    attributes.add(new Attribute("class", List.of("up", "down")));
    Instances data = new Instances("sequences", attributes, n);
    data.setClassIndex(2);
    Random random = new Random(seed);
    for (int i = 0; i < n; i++) {
      boolean up = random.nextBoolean();
      Instances bag = new Instances(steps, 0);
      int length = 2 + random.nextInt(5);
      for (int t = 0; t < length; t++) {
        bag.add(new DenseInstance(1, new double[] {(up ? 0.8 : -0.8) + random.nextGaussian() * 0.8,
            random.nextGaussian()}));
      }
      double[] values = new double[3];
      values[1] = data.attribute(1).addRelation(bag);
      values[2] = up ? 0 : 1;
      data.add(new DenseInstance(1, values));
    }
    return data;
  }

  @Test
  void relationalAttributesAreSequences() throws Exception {
    Transformer transformer = small();
    transformer.setNumEpochs(20);
    transformer.setOptimizer(adam(0.003));
    double accuracy = CNNBehaviourTest.accuracy(transformer, sequences(300, 1), sequences(200, 2));
    assertTrue(accuracy >= 0.85, "test accuracy " + accuracy);
    assertTrue(transformer.toString().contains("relational attribute 'steps', up to 6 steps of 2 "
        + "values (the other attributes are not used)"), transformer.toString());
  }

  @Test
  void ordinaryAttributesAndTextMixedWithThem() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    Transformer transformer = small();
    transformer.setNumEpochs(60);
    transformer.setMiniBatchSize(16);
    transformer.setOptimizer(adam(0.003));
    double accuracy = CNNBehaviourTest.accuracy(transformer, iris, iris);
    assertTrue(accuracy >= 0.93, "iris training accuracy " + accuracy);
    assertTrue(transformer.toString().contains("one token per attribute"), transformer.toString());
    // a text and a number: the class follows the text
    Instances texts = texts(300, 3, false);
    texts.insertAttributeAt(new Attribute("noise"), 0);
    Random random = new Random(4);
    for (Instance instance : texts) {
      instance.setValue(0, random.nextGaussian());
    }
    Transformer mixed = small();
    mixed.setNumEpochs(30);
    mixed.setMinWordCount(1);
    mixed.setOptimizer(adam(0.003));
    accuracy = CNNBehaviourTest.accuracy(mixed, texts, texts);
    assertTrue(accuracy >= 0.9, "mixed training accuracy " + accuracy);
    // the tokens: CLS, the number, then the words
    List<String> labels = mixed.tokenLabels(texts.instance(0));
    String firstWord = texts.instance(0).stringValue(1).split(" ")[0].toLowerCase();
    assertEquals(List.of("[CLS]", "noise", firstWord), labels.subList(0, 3));
  }

  @Test
  void badInputGetsClearErrors() throws Exception {
    // a patch size that does not divide the 8x8 digits
    WekaException e = assertThrows(WekaException.class,
        () -> patches(small(), 3).buildClassifier(digitsTrain));
    assertTrue(e.getMessage().contains("does not divide the 8x8 image"), e.getMessage());
    // heads that do not divide d_model
    Transformer heads = small();
    heads.setNumHeads(3);
    e = assertThrows(WekaException.class, () -> heads.buildClassifier(digitsTrain));
    assertTrue(e.getMessage().contains("must divide d_model"), e.getMessage());
    Transformer dropout = small();
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> dropout.setDropout(1));
    assertTrue(refused.getMessage().contains("-dropout"), refused.getMessage());
    Transformer maps = small();
    maps.setAttentionMapFile(new File("maps.png"));
    maps.setAttentionInstance(100000);
    e = assertThrows(WekaException.class, () -> maps.buildClassifier(digitsTrain));
    assertTrue(e.getMessage().contains("attention instance"), e.getMessage());
    // a test set with another header
    Transformer trained = small();
    trained.setNumEpochs(1);
    trained.buildClassifier(digitsTrain);
    Instances iris = BundledData.load("iris.arff");
    e = assertThrows(WekaException.class, () -> trained.distributionsForInstances(iris));
    assertTrue(e.getMessage().contains("do not match"), e.getMessage());
    // no training data with a class
    Exception empty = assertThrows(Exception.class,
        () -> small().buildClassifier(new Instances(iris, 0)));
    assertTrue(empty.getMessage().contains("Not enough training instances"), empty.getMessage());
  }

  @Test
  void optionsRoundTripOnTheCommandLine() throws Exception {
    Transformer transformer = new Transformer();
    transformer.setOptions(Utils.splitOptions("-tokens patches -patch 7 -blocks 3 -d-model 32 "
        + "-heads 8 -mlp 64 -dropout 0.2 -activation relu -pre-norm -pooling mean -positions "
        + "learned -max-length 50 -vocabulary 100 -min-count 3 -epochs 4 -quiet"));
    assertEquals("patches", transformer.getTokens().getSelectedTag().getReadable());
    assertEquals(7, transformer.getPatchSize());
    assertEquals(3, transformer.getNumBlocks());
    assertEquals(8, transformer.getNumHeads());
    assertTrue(transformer.getPreNorm());
    assertEquals("mean", transformer.getPooling().getSelectedTag().getReadable());
    assertEquals("learned", transformer.getPositions().getSelectedTag().getReadable());
    assertEquals("relu", transformer.getActivation().getSelectedTag().getReadable());
    assertEquals(0.2, transformer.getDropout());
    Transformer copy = new Transformer();
    copy.setOptions(transformer.getOptions());
    assertEquals(Utils.joinOptions(transformer.getOptions()), Utils.joinOptions(copy.getOptions()));
  }
}
