package fundamentos.weka;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InvalidObjectException;
import org.junit.jupiter.api.Test;
import weka.core.SerializationHelper;

/**
 * Files written before a class gained a superclass (committed, serialized by the package at
 * 1d9b329) are refused on reading with a message naming the scheme and what to do, instead of
 * loading with null fields and failing later (a NullPointerException in toString, before this).
 */
class EarlierModelFileTest {

  private static Exception readingFails(String resource) throws Exception {
    try (InputStream in = EarlierModelFileTest.class.getResourceAsStream("/models/" + resource)) {
      return assertThrows(InvalidObjectException.class, () -> SerializationHelper.read(in));
    }
  }

  @Test
  void aSoftmaxRegressionSavedBeforeItsBaseClassIsRefused() throws Exception {
    String message = readingFails("softmax-before-base.model").getMessage();
    assertTrue(message.contains("SoftmaxRegression model") && message.contains("train it again"),
        message);
  }

  @Test
  void aLayerSavedBeforeItsBaseClassIsRefused() throws Exception {
    String message = readingFails("dense-layer-before-layer-bases.ser").getMessage();
    assertTrue(message.contains("DenseLayer") && message.contains("earlier version"), message);
  }
}
