package fundamentos.deep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A network as bytes and back, through DL4J's ModelSerializer (configuration JSON plus parameters).
 * Java serialization of DL4J networks is broken (see the stack notes), so a Weka model that holds a
 * network writes these bytes in its own writeObject.
 */
public final class NetworkBytes {

  private NetworkBytes() {
  }

  public static byte[] of(MultiLayerNetwork network) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(network, bytes, false);
    return bytes.toByteArray();
  }

  public static MultiLayerNetwork restore(byte[] bytes) throws IOException {
    // DL4J finds custom layer classes (LayerNormalization) through the context class loader, which
    // inside Weka is not the package's
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    try {
      current.setContextClassLoader(NetworkBytes.class.getClassLoader());
      MultiLayerNetwork network =
          ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
      LayerHelpers.install(network);
      return network;
    } finally {
      current.setContextClassLoader(previous);
    }
  }
}
