package fundamentos.deep;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;

/**
 * The one place where the package reaches past DL4J's public API: the layers' {@code helper}
 * field, DL4J's hook for cuDNN and oneDNN kernels, which {@link LayerHelpers} fills with its own.
 *
 * <p>Why reflection: DL4J 1.0.0-M2.1 offers {@code Layer.getHelper()} but no setter. The layers
 * choose their helper themselves in a package-private {@code initializeHelper()}, through
 * {@code HelperUtils.createHelper(cudnnClassName, oneDnnClassName, ...)}, which only instantiates
 * DL4J's own cuDNN or oneDNN classes (and, for oneDNN, after an availability check that M2.1 always
 * fails). {@code ConvolutionLayer.helper} is protected and {@code BatchNormalization.helper} is
 * package-private, and the layers are instantiated by DL4J's configuration classes, so no subclass
 * can reach them either.
 *
 * <p>The fields this class writes are listed in {@link #HELPER_FIELDS}; {@code Dl4jInternalsTest}
 * checks each against the DL4J on the class path and fails with "DL4J changed field helper of class
 * ..." the day an upgrade renames, retypes or removes one. At run time a missing field leaves the
 * layer on DL4J's own code path (the same results, only slower; {@code
 * NetworkTest.layerHelpersTrainToTheSameParametersAsDl4jsOwnCode}).
 */
final class Dl4jInternals {

  /** The name of the helper field in DL4J 1.0.0-M2.1's layer implementations. */
  static final String HELPER = "helper";

  /** The layer classes whose helper field is written, each with the field's declared type. */
  static final Class<?>[][] HELPER_FIELDS = {
      {ConvolutionLayer.class, ConvolutionHelper.class},
      {BatchNormalization.class, BatchNormalizationHelper.class}};

  private Dl4jInternals() {
  }

  /**
   * The helper field of a layer class (declared by the class or a superclass), accessible; null
   * where DL4J has none, or where the JVM refuses access (a module system that does not open
   * DL4J's packages).
   */
  static Field helperField(Class<?> layerClass) {
    for (Class<?> type = layerClass; type != null; type = type.getSuperclass()) {
      Field field;
      try {
        field = type.getDeclaredField(HELPER);
      } catch (NoSuchFieldException e) {
        continue; // declared higher up, if at all
      }
      if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
        return null;
      }
      try {
        field.setAccessible(true);
      } catch (RuntimeException e) { // InaccessibleObjectException, SecurityException
        return null;
      }
      return field;
    }
    return null;
  }

  /**
   * Sets a layer's helper; returns whether it was set. False (and the layer keeps DL4J's own code)
   * where the field is missing or of a type the helper does not implement: the unit test reports
   * that case, a user's training just runs without the faster kernel.
   */
  static boolean setHelper(Layer layer, LayerHelper helper) {
    Field field = helperField(layer.getClass());
    if (field == null || !field.getType().isInstance(helper)) {
      return false;
    }
    try {
      field.set(layer, helper);
      return true;
    } catch (IllegalAccessException e) {
      return false; // setAccessible succeeded above, so this does not happen on a plain class path
    }
  }
}
