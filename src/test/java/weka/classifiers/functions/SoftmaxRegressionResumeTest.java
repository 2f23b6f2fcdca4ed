package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.SerializationHelper;
import weka.core.WekaException;

/**
 * SoftmaxRegression's resume as NetworkResumeTest checks the networks': 3 + 3 mini-batch epochs in
 * one session give the model of 6 in one go; a saved model cannot continue, and says so.
 */
class SoftmaxRegressionResumeTest {

  private static SoftmaxRegression minibatch(int epochs) {
    SoftmaxRegression softmax = new SoftmaxRegression();
    softmax.setSolver(new SelectedTag(SoftmaxRegression.SOLVER_MINIBATCH,
        SoftmaxRegression.TAGS_SOLVER));
    softmax.setNumEpochs(epochs);
    return softmax;
  }

  @Test
  void threePlusThreeEpochsAreSixAndASavedModelIsRefused(@TempDir Path folder) throws Exception {
    Instances iris = BundledData.load("iris.arff");
    SoftmaxRegression once = minibatch(6);
    once.buildClassifier(iris);
    SoftmaxRegression resumed = minibatch(3);
    resumed.setResume(true);
    resumed.buildClassifier(iris);
    resumed.setNumEpochs(6);
    resumed.initializeClassifier(iris);
    while (resumed.next()) {
      // one epoch per call
    }
    resumed.done();
    for (int i = 0; i < iris.numInstances(); i += 7) {
      assertArrayEquals(once.distributionForInstance(iris.instance(i)),
          resumed.distributionForInstance(iris.instance(i)), 1e-12, "instance " + i);
    }
    File model = folder.resolve("softmax.model").toFile();
    SerializationHelper.write(model.getPath(), resumed);
    SoftmaxRegression loaded = (SoftmaxRegression) SerializationHelper.read(model.getPath());
    loaded.setNumEpochs(9);
    WekaException refused = assertThrows(WekaException.class,
        () -> loaded.initializeClassifier(iris));
    assertTrue(refused.getMessage().contains("holds no training state"), refused.getMessage());
  }
}
