package fundamentos.weka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.io.File;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;

/** The picture rule on its own: parts of a drawn training set do not redraw, anything else does. */
class ModelPicturesTest {

  @Test
  void foldsOfADrawnTrainingSetLeaveThePictureWhateverTheOrder(@TempDir Path dir) throws Exception {
    Instances iris = BundledData.load("iris.arff");
    iris.setClassIndex(iris.numAttributes() - 1);
    File file = dir.resolve("a.png").toFile();
    Instances shuffled = new Instances(iris);
    shuffled.randomize(new Random(1));
    shuffled.stratify(10);
    // a fold first (nothing drawn yet), then the whole set, then every fold
    assertTrue(ModelPictures.claim(file, ModelPictures.training(shuffled.trainCV(10, 0))));
    assertTrue(ModelPictures.claim(file, ModelPictures.training(iris)));
    for (int fold = 0; fold < 10; fold++) {
      assertFalse(ModelPictures.claim(file, ModelPictures.training(shuffled.trainCV(10, fold))));
      assertFalse(ModelPictures.claim(file, ModelPictures.training(shuffled.testCV(10, fold))));
    }
    // the whole set again (another Start in the Explorer) redraws, in any order
    assertTrue(ModelPictures.claim(file, ModelPictures.training(shuffled)));
    // another file is another picture
    assertTrue(ModelPictures.claim(dir.resolve("b.png").toFile(),
        ModelPictures.training(shuffled.trainCV(10, 3))));
  }

  @Test
  void otherDataRedrawsThePicture(@TempDir Path dir) throws Exception {
    Instances iris = BundledData.load("iris.arff");
    iris.setClassIndex(iris.numAttributes() - 1);
    File file = dir.resolve("a.png").toFile();
    assertTrue(ModelPictures.claim(file, ModelPictures.training(iris)));
    // changed values, weights or header: not a part of what was drawn
    Instances changed = new Instances(iris, 0, 100);
    changed.instance(0).setValue(0, 99);
    assertTrue(ModelPictures.claim(file, ModelPictures.training(changed)));
    assertTrue(ModelPictures.claim(file, ModelPictures.training(iris)));
    Instances weighted = new Instances(iris, 0, 100);
    weighted.instance(5).setWeight(2);
    assertTrue(ModelPictures.claim(file, ModelPictures.training(weighted)));
    assertTrue(ModelPictures.claim(file, ModelPictures.training(iris)));
    Instances renamed = new Instances(iris, 0, 100);
    renamed.setRelationName("iris-first-100");
    assertTrue(ModelPictures.claim(file, ModelPictures.training(renamed)));
    // a model that no longer knows its data may always draw
    assertTrue(ModelPictures.claim(file, null));
  }
}
