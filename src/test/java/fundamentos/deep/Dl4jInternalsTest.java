package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/**
 * Guards the package's one reach into DL4J's internals ({@link Dl4jInternals}): the day a DL4J
 * upgrade renames, retypes or removes a layer's private helper field, this test says which, instead
 * of the helpers silently falling back to DL4J's slower code.
 */
class Dl4jInternalsTest {

  @Test
  void everyHelperFieldIsWhereDl4jM21KeepsIt() {
    for (Class<?>[] entry : Dl4jInternals.HELPER_FIELDS) {
      Class<?> layer = entry[0];
      Class<?> type = entry[1];
      String changed = "DL4J changed field " + Dl4jInternals.HELPER + " of class " + layer.getName()
          + ": ";
      Field field = declared(layer);
      if (field == null) {
        fail(changed + "no such field in the class or its superclasses; LayerHelpers can no longer "
            + "set its kernels (look for a public setter or the new field in the new DL4J)");
      }
      assertEquals(type, field.getType(), changed + "its type is now " + field.getType().getName()
          + ", not " + type.getName());
      assertFalse(Modifier.isStatic(field.getModifiers()), changed + "it is now static");
      assertFalse(Modifier.isFinal(field.getModifiers()), changed + "it is now final");
      assertNotNull(Dl4jInternals.helperField(layer), changed + "it can no longer be made accessible");
    }
  }

  @Test
  void aHelperSetThroughTheFieldIsTheOneDl4jUses() {
    // DL4J's public getHelper() reads the field back: the write reached the layer DL4J runs
    MultiLayerNetwork network = Network.build(List.of(BatchNormSpec.defaults(),
        new DenseSpec(3, Activation.IDENTITY)), Shape.flat(4), 2, 1);
    BatchNormHelper helper = new BatchNormHelper();
    assertTrue(Dl4jInternals.setHelper(network.getLayer(0), helper));
    assertSame(helper, network.getLayer(0).getHelper());
    // a layer without a helper field (a dense layer) is left alone
    assertFalse(Dl4jInternals.setHelper(network.getLayer(1), helper));
  }

  private static Field declared(Class<?> layer) {
    for (Class<?> type = layer; type != null; type = type.getSuperclass()) {
      try {
        return type.getDeclaredField(Dl4jInternals.HELPER);
      } catch (NoSuchFieldException e) {
        // declared higher up, if at all
      }
    }
    return null;
  }
}
