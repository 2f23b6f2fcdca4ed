package fundamentos.deep;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Faster kernels for DL4J's layers on the CPU, set as the layers' "helpers" (DL4J's hook for
 * cuDNN and oneDNN code):
 * <ul>
 * <li>convolution: libnd4j's conv2d op on oneDNN's kernels (DL4J's MKLDNNConvHelper), when the
 * {@code -onednn} build of nd4j-native is loaded, instead of DL4J's Java-side im2col;
 * <li>batch normalisation: {@link BatchNormHelper}.
 * </ul>
 * Pooling keeps libnd4j's own kernel: oneDNN's max pooling on channels-first data was 4x slower,
 * and a Java kernel measured no faster than libnd4j's.
 *
 * <p>Why by hand: DL4J 1.0.0-M2.1 turns its helpers off by default (system property
 * org.eclipse.deeplearning4j.helpers.disable), and when they are turned on its oneDNN availability
 * check looks for the class org.nd4j.nativeblas.Nd4jCpu$Environment, which M2.1 moved to
 * org.nd4j.linalg.cpu.nativecpu.bindings, so the check always fails. The oneDNN convolution helper
 * itself works; oneDNN's batch normalisation was slower than {@link BatchNormHelper}. libnd4j's
 * process-wide oneDNN flag stays off (Nd4jRuntime) except around the convolution calls. System
 * property {@value #PROPERTY}: "auto" (default) or "off", DL4J's own code everywhere (what the
 * tests compare the helpers against). DL4J has no public setter for a layer's helper: the
 * private field is written by {@link Dl4jInternals}, the package's only reach into DL4J's internals.
 */
public final class LayerHelpers {

  /** System property that turns the helpers off. */
  public static final String PROPERTY = "fundamentos.helpers";

  private LayerHelpers() {
  }

  /** Whether ND4J runs on the CPU (the Java kernels would copy a GPU's memory to the host). */
  public static boolean cpuBackend() {
    return "CPU".equalsIgnoreCase(org.nd4j.linalg.factory.Nd4j.getExecutioner()
        .getEnvironmentInformation().getProperty("backend"));
  }

  /**
   * Whether the loaded libnd4j was built with oneDNN: the CPU backend, and oneDNN's JavaCPP
   * bindings, a dependency of the -onednn build only, present. (libnd4j's isUseONEDNN() is no
   * test: it is true in every build, and Nd4jRuntime turns it off between the calls that use it.)
   */
  public static boolean oneDnnBuild() {
    return oneDnnBuild(LayerHelpers::cpuBackend, LayerHelpers.class.getClassLoader());
  }

  /**
   * The decision of {@link #oneDnnBuild()} from its inputs, apart so that each case can be tested
   * on any machine: whether ND4J runs on the CPU (asked inside, since ND4J's natives may fail to
   * load), and the class loader in which oneDNN's bindings (org.bytedeco.dnnl.global.dnnl) are
   * looked for.
   */
  static boolean oneDnnBuild(java.util.function.BooleanSupplier cpu, ClassLoader loader) {
    try {
      if (!cpu.getAsBoolean()) {
        return false; // CUDA: DL4J's cuDNN path, not oneDNN
      }
      Class.forName("org.bytedeco.dnnl.global.dnnl", false, loader);
      return true;
    } catch (ReflectiveOperationException | LinkageError e) {
      return false; // the generic build without oneDNN's bindings, or no ND4J natives at all
    }
  }

  /** Whether {@link #install} sets helpers (the property is not "off"). */
  public static boolean enabled() {
    return !System.getProperty(PROPERTY, "auto").trim().equalsIgnoreCase("off");
  }

  /** Sets the helpers on every supported layer of a network (after init or restore). */
  public static void install(MultiLayerNetwork network) {
    if (!enabled() || !cpuBackend()) {
      return;
    }
    boolean oneDnn = oneDnnBuild();
    for (Layer layer : network.getLayers()) {
      if (layer.getClass() == ConvolutionLayer.class && oneDnn) {
        Dl4jInternals.setHelper(layer, withOneDnn(new MKLDNNConvHelper(
            network.getLayerWiseConfigurations().getDataType())));
      } else if (layer instanceof BatchNormalization) {
        Dl4jInternals.setHelper(layer, new BatchNormHelper());
      }
    }
  }

  /**
   * The helper behind a proxy that switches libnd4j's process-wide oneDNN flag on for the duration
   * of each call and back off afterwards.
   */
  private static LayerHelper withOneDnn(LayerHelper helper) {
    Class<?>[] interfaces = helper.getClass().getInterfaces();
    return (LayerHelper) java.lang.reflect.Proxy.newProxyInstance(
        LayerHelpers.class.getClassLoader(), interfaces,
        (proxy, method, args) -> {
          fundamentos.nd4j.Nd4jRuntime.setOneDnn(true);
          try {
            return method.invoke(helper, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          } finally {
            fundamentos.nd4j.Nd4jRuntime.setOneDnn(false);
          }
        });
  }
}
