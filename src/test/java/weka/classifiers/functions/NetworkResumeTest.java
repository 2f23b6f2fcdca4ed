package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.evaluation.Evaluation;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.SerializationHelper;
import weka.core.WekaException;

/**
 * IterativeClassifier's resume on CNN and Transformer: in one session, 2 epochs and 2 more give the
 * network of 4 epochs in one go (same seed) under the constant and step schedules, which depend on
 * the epoch alone; the cosine schedule keeps the length planned at the start, so resumed epochs run
 * at its last rate. A saved model holds no training state, and continuing it (Weka's -l model
 * -continue-iterating) is refused with the reason, not restarted silently.
 */
class NetworkResumeTest {

  private static Instances train() throws Exception {
    Instances digits = BundledData.load("digits8x8-train.arff");
    return new Instances(digits, 0, 300);
  }

  private static void resumesExactly(Supplier<NetworkClassifier> network, Path folder)
      throws Exception {
    for (int schedule : new int[] {0, 1}) {
      resumesExactly(() -> {
        NetworkClassifier made = network.get();
        made.setLearningRateSchedule(new SelectedTag(schedule, NetworkClassifier.SCHEDULES));
        made.setScheduleStep(1);
        made.setScheduleGamma(0.5);
        return made;
      }, folder, schedule == 0);
    }
    // cosine (the default) over the 2 planned epochs: the 2 resumed ones run at its last rate
    NetworkClassifier cosine = network.get();
    cosine.setResume(true);
    cosine.setNumEpochs(2);
    cosine.buildClassifier(train());
    cosine.setNumEpochs(4);
    cosine.initializeClassifier(train());
    while (cosine.next()) {
      // one epoch per call
    }
    cosine.done();
    double last = cosine.trainingHistory().get(1).learningRate();
    assertTrue(last < cosine.trainingHistory().get(0).learningRate());
    assertEquals(last, cosine.trainingHistory().get(2).learningRate(), 0);
    assertEquals(last, cosine.trainingHistory().get(3).learningRate(), 0);
  }

  private static void resumesExactly(Supplier<NetworkClassifier> make, Path folder,
      boolean checkSaved) throws Exception {
    Instances train = train();
    Instances test = BundledData.load("digits8x8-test.arff");
    NetworkClassifier once = make.get();
    once.setNumEpochs(4);
    once.buildClassifier(train);

    NetworkClassifier resumed = make.get();
    resumed.setResume(true);
    resumed.setNumEpochs(2);
    resumed.buildClassifier(train);
    assertEquals(2, resumed.trainingHistory().size());
    resumed.setNumEpochs(4);
    resumed.initializeClassifier(train);
    while (resumed.next()) {
      // one epoch per call
    }
    resumed.done();
    assertEquals(4, resumed.trainingHistory().size());
    for (int e = 0; e < 4; e++) {
      assertEquals(once.trainingHistory().get(e).trainingLoss(),
          resumed.trainingHistory().get(e).trainingLoss(), 1e-12, "loss of epoch " + (e + 1));
    }
    for (int i = 0; i < 50; i++) {
      assertArrayEquals(once.distributionForInstance(test.instance(i)),
          resumed.distributionForInstance(test.instance(i)), 1e-12, "test instance " + i);
    }
    if (!checkSaved) {
      return;
    }

    // saved and loaded: no training state; Weka's -continue-iterating is refused with the reason
    File model = folder.resolve(once.getClass().getSimpleName() + ".model").toFile();
    SerializationHelper.write(model.getPath(), resumed);
    NetworkClassifier loaded = (NetworkClassifier) SerializationHelper.read(model.getPath());
    loaded.setNumEpochs(6);
    WekaException refused = assertThrows(WekaException.class,
        () -> loaded.initializeClassifier(train));
    assertTrue(refused.getMessage().contains("holds no training state"), refused.getMessage());
    Exception viaWeka = assertThrows(Exception.class, () -> Evaluation.evaluateModel(
        make.get(), new String[] {"-l", model.getPath(), "-t",
            BundledData.file("digits8x8-train.arff").getPath(), "-T",
            BundledData.file("digits8x8-test.arff").getPath(), "-continue-iterating",
            "-epochs", "6"}));
    assertTrue(viaWeka.getMessage().contains("holds no training state"), viaWeka.getMessage());
    // building it anew still works (buildClassifier starts afresh without a training state)
    loaded.buildClassifier(train);
    assertEquals(6, loaded.trainingHistory().size());
  }

  @Test
  void cnnResumesTwoPlusTwoEpochsAsFour(@TempDir Path folder) throws Exception {
    resumesExactly(CNNBehaviourTest::small, folder);
  }

  @Test
  void transformerResumesTwoPlusTwoEpochsAsFour(@TempDir Path folder) throws Exception {
    resumesExactly(TransformerBehaviourTest::small, folder);
  }
}
