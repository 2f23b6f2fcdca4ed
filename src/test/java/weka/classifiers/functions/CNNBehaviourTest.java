package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import org.junit.jupiter.api.Test;
import weka.classifiers.Evaluation;
import weka.core.Instances;

/** CNN on real data: accuracy floors, determinism, save and load. */
class CNNBehaviourTest {

  static double accuracy(CNN cnn, Instances train, Instances test) throws Exception {
    cnn.buildClassifier(train);
    Evaluation evaluation = new Evaluation(train);
    evaluation.evaluateModel(cnn, test);
    return evaluation.pctCorrect() / 100;
  }

  @Test
  void theDefaultConvnetLearnsTheDigits() throws Exception {
    Instances train = BundledData.load("digits8x8-train.arff");
    Instances test = BundledData.load("digits8x8-test.arff");
    CNN cnn = new CNN();
    cnn.setNumEpochs(10);
    cnn.setShowProgress(true);
    long start = System.nanoTime();
    double accuracy = accuracy(cnn, train, test);
    System.err.println(cnn + "\n" + accuracy + " in " + (System.nanoTime() - start) / 1e9 + " s");
    assertTrue(accuracy >= 0.97, "digits test accuracy " + accuracy);
  }
}
