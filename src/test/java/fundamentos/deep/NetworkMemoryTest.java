package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.nd4j.Nd4jRuntime;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** NetworkMemory's estimate: the exact parameter count, and activations that follow the shapes. */
class NetworkMemoryTest {

  @BeforeAll
  static void start() {
    Nd4jRuntime.start();
  }

  @Test
  void parametersAreThoseOfTheBuiltNetworkAndBytesFollowTheFormula() {
    List<LayerSpec> specs = List.of(new ConvolutionSpec(8, 3, 1, true, Activation.RELU),
        new PoolingSpec(true, 2, 2, false), new DenseSpec(16, Activation.RELU));
    Shape input = Shape.image(1, 8, 8);
    NetworkMemory.Estimate estimate = NetworkMemory.of(specs, input, 10, 32);
    MultiLayerNetwork network = Network.build(specs, input, 10, 1);
    assertEquals(network.numParams(), estimate.parameters());
    // input 64, conv 8x8x8 = 512, pool 8x4x4 = 128, dense 16, output 10: each output three times
    long activations = 64 + 3 * (512 + 128 + 16 + 10);
    assertEquals(activations, estimate.activationsPerExample());
    assertEquals(5L * 4 * network.numParams() + 32L * 4 * activations, estimate.offHeapBytes());
  }

  @Test
  void attentionGrowsWithTheSquareOfTheTokens() {
    long t = 1000;
    EncoderBlock block = new EncoderBlock(16, 2, 32, t, false, false);
    // 2 (value and gradient) x (14 T d + 2 T h + 4 H T^2)
    assertEquals(2 * (14 * t * 16 + 2 * t * 32 + 4 * 2 * t * t), NetworkMemory.internal(block));
    EncoderBlock longer = new EncoderBlock(16, 2, 32, 100 * t, false, false);
    assertTrue(NetworkMemory.internal(longer) > 9000 * NetworkMemory.internal(block));
  }
}
