package fundamentos.deep;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Routes DL4J's convolution, pooling and batch-normalisation layers through libnd4j's fused ops
 * (conv2d, maxpool2d/avgpool2d, batchnorm and their backward ops; oneDNN kernels in the
 * {@code -onednn} build of nd4j-native) instead of DL4J's Java-side im2col and element-wise code.
 *
 * <p>Why by hand: DL4J 1.0.0-M2.1 turns these "helpers" off by default (system property
 * org.eclipse.deeplearning4j.helpers.disable), and when they are turned on its availability check
 * looks for the class org.nd4j.nativeblas.Nd4jCpu$Environment, which M2.1 moved to
 * org.nd4j.linalg.cpu.nativecpu.bindings, so the check always fails. The helpers themselves work;
 * they are set on each layer after the network is built. System property {@value #PROPERTY}: "auto"
 * (default: only when libnd4j reports oneDNN), "on" or "off".
 */
public final class OneDnnHelpers {

  /** System property that forces the helpers on or off. */
  public static final String PROPERTY = "fundamentos.onednn";

  private OneDnnHelpers() {
  }

  /**
   * Whether the loaded libnd4j was built with oneDNN: the CPU backend, and oneDNN's JavaCPP
   * bindings, a dependency of the -onednn build only, present. (libnd4j's isUseONEDNN() is no
   * test: it is true in every build, and Nd4jRuntime turns it off between the calls that use it.)
   */
  public static boolean available() {
    try {
      if (!"CPU".equalsIgnoreCase(org.nd4j.linalg.factory.Nd4j.getExecutioner()
          .getEnvironmentInformation().getProperty("backend"))) {
        return false; // CUDA: DL4J's cuDNN path, not oneDNN
      }
      Class.forName("org.bytedeco.dnnl.global.dnnl", false, OneDnnHelpers.class.getClassLoader());
      return true;
    } catch (ReflectiveOperationException | LinkageError e) {
      return false;
    }
  }

  /** Whether {@link #install} will set helpers, from the property and the native build. */
  public static boolean enabled() {
    String setting = System.getProperty(PROPERTY, "auto").trim();
    if (setting.equalsIgnoreCase("on")) {
      return true;
    }
    if (setting.equalsIgnoreCase("off")) {
      return false;
    }
    return available();
  }

  /** Sets the helpers on every supported layer of a network (after init or restore). */
  public static void install(MultiLayerNetwork network) {
    if (!enabled()) {
      return;
    }
    // libnd4j's own kernels outside the layers that gain from oneDNN (Nd4jRuntime's default: max
    // pooling, measured 4x slower with oneDNN on NCHW data, runs outside any helper in DL4J's
    // forward pass)
    for (Layer layer : network.getLayers()) {
      DataType type = network.getLayerWiseConfigurations().getDataType();
      Object helper = null;
      if (layer instanceof ConvolutionLayer && layer.getClass() == ConvolutionLayer.class) {
        helper = new MKLDNNConvHelper(type);
      } else if (layer instanceof SubsamplingLayer && layer.getClass() == SubsamplingLayer.class) {
        helper = new MKLDNNSubsamplingHelper(type);
      } else if (layer instanceof BatchNormalization) {
        helper = new MKLDNNBatchNormHelper(type);
      }
      if (helper != null) {
        set(layer, withOneDnn(helper, preference(layer)));
      }
    }
  }

  /**
   * Whether the layer's ops are faster with oneDNN's kernels (convolution, batch normalisation) or
   * with libnd4j's own (pooling: oneDNN's max pooling was 4x slower on NCHW data).
   */
  private static boolean preference(Layer layer) {
    return !(layer instanceof SubsamplingLayer);
  }

  /**
   * The helper behind a proxy that switches libnd4j's process-wide oneDNN flag to the layer's
   * preference for the duration of each call and back on afterwards.
   */
  private static Object withOneDnn(Object helper, boolean oneDnn) {
    Class<?>[] interfaces = helper.getClass().getInterfaces();
    return java.lang.reflect.Proxy.newProxyInstance(OneDnnHelpers.class.getClassLoader(), interfaces,
        (proxy, method, args) -> {
          setUseOneDnn(oneDnn);
          try {
            return method.invoke(helper, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          } finally {
            setUseOneDnn(false);
          }
        });
  }

  private static void setUseOneDnn(boolean use) {
    fundamentos.nd4j.Nd4jRuntime.setOneDnn(use);
  }

  private static void set(Layer layer, Object helper) {
    for (Class<?> type = layer.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField("helper");
        field.setAccessible(true);
        field.set(layer, helper);
        return;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        return; // keep DL4J's own code path
      }
    }
  }
}
