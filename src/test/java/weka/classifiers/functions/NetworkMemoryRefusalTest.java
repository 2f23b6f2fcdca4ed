package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.memory.MemoryBudget;
import fundamentos.testing.BundledData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.layers.ConvolutionLayer;
import weka.classifiers.functions.layers.DenseLayer;
import weka.classifiers.functions.layers.NetworkLayer;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.WekaException;

/**
 * CNN and Transformer refuse, before allocating, a training whose estimate exceeds the memory
 * available, with a message naming the estimate, what is available and the option to lower; and
 * ordinary settings still train under the same limit.
 */
class NetworkMemoryRefusalTest {

  @AfterEach
  void clearCaps() {
    System.clearProperty(MemoryBudget.HEAP_PROPERTY);
    System.clearProperty(MemoryBudget.OFF_HEAP_PROPERTY);
  }

  /** n texts of {@code words} words each (two classes). */
  static Instances longTexts(int n, int words) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("text", (List<String>) null));
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances data = new Instances("long", attributes, n);
    data.setClassIndex(1);
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < words; w++) {
        text.append(w == 0 ? "" : " ").append("w").append((w * 7 + i) % 50);
      }
      DenseInstance instance = new DenseInstance(2);
      instance.setDataset(data);
      instance.setValue(0, text.toString());
      instance.setValue(1, i % 2);
      data.add(instance);
    }
    return data;
  }

  private static WekaException refused(weka.classifiers.Classifier classifier, Instances data) {
    // a refusal comes before any allocation: well within the bound, never a hang
    return assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(WekaException.class, () -> classifier.buildClassifier(data)));
  }

  private static void assertRefusal(String message, String scheme, String option) {
    assertTrue(message.startsWith(scheme + ": training needs about "), message);
    assertTrue(message.contains("MB of heap / "), message);
    assertTrue(message.contains("MB of off-heap memory available"), message);
    assertTrue(message.contains("lower " + option) || message.contains(option), message);
    assertTrue(message.contains("-Dorg.bytedeco.javacpp.maxbytes"), message);
  }

  @Test
  void transformerWithMaxLength100000IsRefusedWithTheOptionNamed() {
    Transformer transformer = TransformerBehaviourTest.small();
    transformer.setMaxLength(100000);
    // 100000 tokens: the attention scores alone are batch x heads x 10^10 values
    WekaException e = refused(transformer, longTexts(4, 100000));
    assertRefusal(e.getMessage(), "Transformer", "-max-length");
    assertTrue(e.getMessage().contains("-max-length 100000 (100001 tokens)"), e.getMessage());
    assertTrue(e.getMessage().contains("n = 4"), e.getMessage());
  }

  @Test
  void transformerUnderASmallCapIsRefusedAndAnOrdinaryOneTrains() throws Exception {
    Instances texts = TransformerBehaviourTest.texts(60, 1, false);
    System.setProperty(MemoryBudget.OFF_HEAP_PROPERTY, "64");
    Transformer ordinary = TransformerBehaviourTest.small();
    ordinary.buildClassifier(texts);
    assertNotNull(ordinary.distributionForInstance(texts.instance(0)));

    Instances longer = longTexts(8, 2000);
    Transformer wide = TransformerBehaviourTest.small();
    wide.setMaxLength(2000);
    WekaException e = refused(wide, longer);
    assertRefusal(e.getMessage(), "Transformer", "-max-length");
    assertTrue(e.getMessage().contains("64 MB of off-heap memory available"), e.getMessage());
  }

  @Test
  void cnnWithHugeFiltersIsRefusedAndTheSmallConvnetTrainsUnderTheSameCap() throws Exception {
    Instances digits = BundledData.load("digits8x8-train.arff");
    CNN huge = CNNBehaviourTest.quiet();
    ConvolutionLayer conv = new ConvolutionLayer();
    conv.setFilters(100000);
    conv.setKernelSize(8);
    DenseLayer dense = new DenseLayer();
    dense.setUnits(16);
    huge.setLayers(new NetworkLayer[] {conv, dense});
    huge.setNumEpochs(1);
    // no cap: the estimate (gigabytes of activations and parameters) exceeds the test JVM's
    WekaException e = refused(huge, digits);
    assertRefusal(e.getMessage(), "CNN", "-mini-batch");

    System.setProperty(MemoryBudget.OFF_HEAP_PROPERTY, "64");
    CNN small = CNNBehaviourTest.small();
    small.setNumEpochs(1);
    small.buildClassifier(digits);
    assertNotNull(small.distributionForInstance(digits.instance(0)));
  }
}
