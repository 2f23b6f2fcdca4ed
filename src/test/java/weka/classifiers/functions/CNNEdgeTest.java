package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/** CNN on data with nothing but the class. */
class CNNEdgeTest {

  @Test
  void classOnlyDataSaysThereIsNoInputAttribute() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("class", new ArrayList<>(Arrays.asList("a", "b"))));
    Instances data = new Instances("class-only", attributes, 4);
    data.setClassIndex(0);
    for (double v : new double[] {0, 1, 1, 1}) {
      data.add(new DenseInstance(1, new double[] {v}));
    }
    CNN cnn = new CNN();
    String outcome;
    try {
      cnn.buildClassifier(data);
      outcome = "built: " + cnn + " " + Arrays.toString(cnn.distributionForInstance(data.instance(0)));
    } catch (Exception e) {
      outcome = "failed: " + e;
    }
    assertTrue(outcome.contains("no input attribute"), outcome);
  }
}
