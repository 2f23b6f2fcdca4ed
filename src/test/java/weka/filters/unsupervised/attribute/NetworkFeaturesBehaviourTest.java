package weka.filters.unsupervised.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.io.File;
import java.io.FileOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.CNN;
import weka.classifiers.lazy.IBk;
import weka.classifiers.meta.FilteredClassifier;
import weka.classifiers.trees.J48;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.WekaException;
import weka.filters.Filter;

/**
 * NetworkFeatures on the 8 x 8 digits: the course's convnet trained on digits 0-4 gives features
 * on which IBk recognises 5-9 (other labels, the same pixel attributes), inside a FilteredClassifier
 * that is copied and cross-validated as the Experimenter does; model files as -d and the Explorer
 * write them (gzipped too); and every refusal names what is wrong: another header, a missing
 * file, a model that is no network, an untrained network, a layer the network does not have.
 */
class NetworkFeaturesBehaviourTest {

  @TempDir
  static Path folder;

  private static Instances digits;
  private static Instances lowDigits;
  private static CNN convnet;
  private static File modelFile;

  /** The digits of the given classes, with a class attribute of only those labels. */
  static Instances classes(Instances data, int from, int to) {
    ArrayList<String> labels = new ArrayList<>();
    for (int c = from; c <= to; c++) {
      labels.add(Integer.toString(c));
    }
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int a = 0; a < data.numAttributes() - 1; a++) {
      attributes.add((Attribute) data.attribute(a).copy());
    }
    attributes.add(new Attribute("class", labels));
    Instances result = new Instances(data.relationName() + "-" + from + "-" + to, attributes, 0);
    result.setClassIndex(result.numAttributes() - 1);
    for (int i = 0; i < data.numInstances(); i++) {
      int label = (int) data.instance(i).classValue();
      if (label >= from && label <= to) {
        double[] values = data.instance(i).toDoubleArray();
        values[values.length - 1] = label - from;
        result.add(new DenseInstance(1, values));
      }
    }
    return result;
  }

  @BeforeAll
  static void trainOnDigitsZeroToFour() throws Exception {
    digits = BundledData.load("digits8x8-train.arff");
    lowDigits = classes(digits, 0, 4);
    convnet = new CNN();
    convnet.setNumEpochs(3);
    convnet.setNumThreads(1);
    convnet.setQuiet(true);
    convnet.buildClassifier(lowDigits);
    modelFile = folder.resolve("convnet.model").toFile();
    // as -d writes it: the classifier, then the training header
    SerializationHelper.writeAll(modelFile.getPath(),
        new Object[] {convnet, new Instances(lowDigits, 0)});
  }

  private static NetworkFeatures fromFile(File file) {
    NetworkFeatures filter = new NetworkFeatures();
    filter.setModelFile(file);
    return filter;
  }

  private static Instances apply(Filter filter, Instances data) throws Exception {
    filter.setInputFormat(data);
    return Filter.useFilter(data, filter);
  }

  @Test
  void ibkOnLearnedFeaturesRecognisesClassesTheNetworkNeverSaw() throws Exception {
    Instances high = classes(digits, 5, 9);
    FilteredClassifier knn = new FilteredClassifier();
    knn.setFilter(fromFile(modelFile));
    knn.setClassifier(new IBk(1));
    // the Experimenter copies the scheme through its options and cross-validates the copies
    FilteredClassifier copy = (FilteredClassifier) AbstractClassifier.makeCopy(knn);
    Evaluation evaluation = new Evaluation(high);
    evaluation.crossValidateModel(copy, high, 5, new java.util.Random(1));
    assertTrue(evaluation.pctCorrect() >= 90, "IBk on features of digits 5-9: "
        + evaluation.pctCorrect() + "%");
    Instances features = apply(fromFile(modelFile), high);
    assertEquals(256 + 1, features.numAttributes());
    assertEquals("class", features.classAttribute().name());
    assertEquals(5, features.numClasses());
  }

  @Test
  void theFileGzippedTheClassifierAndTheFileGiveTheSameFeatures() throws Exception {
    File gz = folder.resolve("convnet.model.gz").toFile();
    try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(
        new FileOutputStream(gz)))) {
      out.writeObject(convnet);
    }
    Instances data = new Instances(lowDigits, 0, 20);
    // weights pass through
    data.instance(3).setWeight(2.5);
    NetworkFeatures fromClassifier = new NetworkFeatures();
    fromClassifier.setClassifier(convnet);
    Instances a = apply(fromFile(modelFile), data);
    Instances b = apply(fromFile(gz), data);
    Instances c = apply(fromClassifier, data);
    for (int i = 0; i < data.numInstances(); i++) {
      assertArrayEquals(a.instance(i).toDoubleArray(), b.instance(i).toDoubleArray(), 0.0);
      assertArrayEquals(a.instance(i).toDoubleArray(), c.instance(i).toDoubleArray(), 0.0);
    }
    assertEquals(2.5, a.instance(3).weight(), 0.0);
    // a batch without the class set: the attribute at the model's class position is the class
    Instances noClass = new Instances(data);
    noClass.setClassIndex(-1);
    Instances d = apply(fromFile(modelFile), noClass);
    assertEquals(d.numAttributes() - 1, d.classIndex());
    assertArrayEquals(a.instance(5).toDoubleArray(), d.instance(5).toDoubleArray(), 0.0);
    assertTrue(fromFile(modelFile).toString().contains("no input format"));
    NetworkFeatures summary = fromFile(modelFile);
    apply(summary, data);
    assertTrue(summary.toString().contains("Layer 15 of 15 hidden layers"), summary.toString());
  }

  @Test
  void anotherHeaderIsRefusedNamingTheDifference() throws Exception {
    Instances renamed = new Instances(lowDigits, 0, 5);
    renamed.renameAttribute(3, "pixel3");
    WekaException e = assertThrows(WekaException.class, () -> apply(fromFile(modelFile), renamed));
    assertTrue(e.getMessage().contains("attribute 4") && e.getMessage().contains("pixel3")
        && e.getMessage().contains("p0_3"), e.getMessage());

    Instances fewer = new Instances(lowDigits, 0, 5);
    fewer.setClassIndex(-1);
    fewer.deleteAttributeAt(0);
    fewer.setClassIndex(fewer.numAttributes() - 1);
    e = assertThrows(WekaException.class, () -> apply(fromFile(modelFile), fewer));
    assertTrue(e.getMessage().contains("64 attributes") && e.getMessage().contains("65"),
        e.getMessage());

    Instances otherClass = new Instances(lowDigits, 0, 5);
    otherClass.setClassIndex(0);
    e = assertThrows(WekaException.class, () -> apply(fromFile(modelFile), otherClass));
    assertTrue(e.getMessage().contains("set the class to attribute 65"), e.getMessage());

    List<String> values = List.of("dark", "light");
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int a = 0; a < lowDigits.numAttributes(); a++) {
      attributes.add(a == 7 ? new Attribute("p0_7", values) : lowDigits.attribute(a));
    }
    Instances nominal = new Instances("other", attributes, 0);
    nominal.setClassIndex(nominal.numAttributes() - 1);
    e = assertThrows(WekaException.class, () -> apply(fromFile(modelFile), nominal));
    assertTrue(e.getMessage().contains("attribute 8") && e.getMessage().contains("nominal")
        && e.getMessage().contains("numeric"), e.getMessage());
  }

  @Test
  void aMissingFileANonNetworkAndAnUntrainedNetworkAreRefused() throws Exception {
    Instances data = new Instances(lowDigits, 0, 5);
    WekaException e = assertThrows(WekaException.class,
        () -> apply(fromFile(new File(folder.toFile(), "nosuch.model")), data));
    assertTrue(e.getMessage().contains("nosuch.model") && e.getMessage().contains("does not exist")
        && e.getMessage().contains("-d"), e.getMessage());

    File tree = folder.resolve("j48.model").toFile();
    J48 j48 = new J48();
    j48.buildClassifier(lowDigits);
    SerializationHelper.write(tree.getPath(), j48);
    e = assertThrows(WekaException.class, () -> apply(fromFile(tree), data));
    assertTrue(e.getMessage().contains("J48") && e.getMessage().contains("not a CNN or Transformer"),
        e.getMessage());

    File arff = BundledData.file("iris.arff");
    e = assertThrows(WekaException.class, () -> apply(fromFile(arff), data));
    assertTrue(e.getMessage().contains("cannot read") && e.getMessage().contains("iris.arff"),
        e.getMessage());

    NetworkFeatures untrained = new NetworkFeatures();
    e = assertThrows(WekaException.class, () -> apply(untrained, data));
    assertTrue(e.getMessage().contains("CNN") && e.getMessage().contains("not trained"),
        e.getMessage());
  }

  @Test
  void aLayerTheNetworkDoesNotHaveIsRefusedWithItsTable() throws Exception {
    NetworkFeatures filter = fromFile(modelFile);
    filter.setLayer(16);
    WekaException e = assertThrows(WekaException.class,
        () -> apply(filter, new Instances(lowDigits, 0, 5)));
    assertTrue(e.getMessage().contains("hidden layers 1 to 15") && e.getMessage().contains("not 16")
        && e.getMessage().contains("dense"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> filter.setLayer(-1));
    // layer 13: dense 256 before its batch norm and ReLU
    filter.setLayer(13);
    Instances dense = apply(filter, new Instances(lowDigits, 0, 5));
    assertEquals(257, dense.numAttributes());
    boolean negative = false;
    for (int i = 0; i < dense.numInstances(); i++) {
      for (int j = 0; j < 256; j++) {
        negative |= dense.instance(i).value(j) < 0;
      }
    }
    assertTrue(negative, "the dense layer's identity output has negative values");
  }
}
