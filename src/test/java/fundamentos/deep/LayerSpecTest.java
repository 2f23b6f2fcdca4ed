package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Every layer spec's DL4J configuration field by field (kernel, stride, padding mode, units,
 * activation, dropout, decay and epsilon), its description, the shapes it accepts and the
 * settings it refuses.
 */
class LayerSpecTest {

  private static final Shape IMAGE = Shape.image(2, 8, 8);

  private static void refused(Executable executable, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @Test
  void convolutionMapsKernelStridePaddingFiltersAndActivation() {
    ConvolutionLayer valid = (ConvolutionLayer) new ConvolutionSpec(5, 3, 2, false,
        Activation.TANH).toDl4j(IMAGE);
    assertArrayEquals(new int[] {3, 3}, valid.getKernelSize());
    assertArrayEquals(new int[] {2, 2}, valid.getStride());
    assertEquals(5, valid.getNOut());
    assertEquals(ConvolutionMode.Truncate, valid.getConvolutionMode());
    assertEquals(ActivationTanH.class, valid.getActivationFn().getClass());
    ConvolutionLayer same = (ConvolutionLayer) new ConvolutionSpec(1, 1, 1, true,
        Activation.IDENTITY).toDl4j(IMAGE);
    assertArrayEquals(new int[] {1, 1}, same.getKernelSize());
    assertArrayEquals(new int[] {1, 1}, same.getStride());
    assertEquals(1, same.getNOut());
    assertEquals(ConvolutionMode.Same, same.getConvolutionMode());
    assertEquals(ActivationIdentity.class, same.getActivationFn().getClass());
    assertEquals("convolution 3x3x5, stride 2, valid padding, tanh",
        new ConvolutionSpec(5, 3, 2, false, Activation.TANH).describe());
    assertEquals("convolution 1x1x1, stride 1, same padding",
        new ConvolutionSpec(1, 1, 1, true, Activation.IDENTITY).describe());
  }

  @Test
  void convolutionChecksItsSettingsAndInput() {
    refused(() -> new ConvolutionSpec(0, 3, 1, true, Activation.RELU), ">= 1");
    refused(() -> new ConvolutionSpec(4, 0, 1, true, Activation.RELU), ">= 1");
    refused(() -> new ConvolutionSpec(4, 3, 0, true, Activation.RELU), ">= 1");
    ConvolutionSpec valid = new ConvolutionSpec(4, 3, 1, false, Activation.RELU);
    refused(() -> valid.check(Shape.flat(12)), "image input");
    refused(() -> valid.check(Shape.sequence(4, 3)), "image input");
    refused(() -> valid.check(Shape.image(1, 2, 5)), "does not fit");
    refused(() -> valid.check(Shape.image(1, 5, 2)), "does not fit");
    valid.check(Shape.image(1, 3, 3)); // the kernel just fits
    new ConvolutionSpec(4, 3, 1, true, Activation.RELU).check(Shape.image(1, 2, 2));
  }

  @Test
  void poolingMapsTypeKernelStrideAndPadding() {
    SubsamplingLayer average = (SubsamplingLayer) new PoolingSpec(false, 2, 1, true)
        .toDl4j(IMAGE);
    assertEquals(PoolingType.AVG, average.getPoolingType());
    assertArrayEquals(new int[] {2, 2}, average.getKernelSize());
    assertArrayEquals(new int[] {1, 1}, average.getStride());
    assertEquals(ConvolutionMode.Same, average.getConvolutionMode());
    SubsamplingLayer max = (SubsamplingLayer) new PoolingSpec(true, 3, 2, false).toDl4j(IMAGE);
    assertEquals(PoolingType.MAX, max.getPoolingType());
    assertArrayEquals(new int[] {3, 3}, max.getKernelSize());
    assertArrayEquals(new int[] {2, 2}, max.getStride());
    assertEquals(ConvolutionMode.Truncate, max.getConvolutionMode());
    assertEquals("average pooling 2x2, stride 1, same padding",
        new PoolingSpec(false, 2, 1, true).describe());
    assertEquals("max pooling 3x3, stride 2, valid padding",
        new PoolingSpec(true, 3, 2, false).describe());
  }

  @Test
  void poolingChecksItsSettingsAndInput() {
    refused(() -> new PoolingSpec(true, 0, 1, true), ">= 1");
    refused(() -> new PoolingSpec(true, 2, 0, true), ">= 1");
    new PoolingSpec(true, 1, 1, false).check(Shape.image(1, 1, 1));
    PoolingSpec valid = new PoolingSpec(true, 3, 2, false);
    refused(() -> valid.check(Shape.flat(9)), "image input");
    refused(() -> valid.check(Shape.image(1, 2, 4)), "does not fit");
    refused(() -> valid.check(Shape.image(1, 4, 2)), "does not fit");
    valid.check(Shape.image(1, 3, 3));
    new PoolingSpec(true, 3, 2, true).check(Shape.image(1, 1, 1));
  }

  @Test
  void globalPoolingNeedsAnImage() {
    GlobalPoolingSpec max = new GlobalPoolingSpec(true);
    GlobalPoolingSpec average = new GlobalPoolingSpec(false);
    assertEquals(PoolingType.MAX, ((GlobalPoolingLayer) max.toDl4j(IMAGE)).getPoolingType());
    assertEquals(PoolingType.AVG, ((GlobalPoolingLayer) average.toDl4j(IMAGE)).getPoolingType());
    assertEquals("global max pooling", max.describe());
    assertEquals("global average pooling", average.describe());
    refused(() -> max.check(Shape.flat(4)), "image input");
    max.check(Shape.image(3, 1, 1));
  }

  @Test
  void denseMapsUnitsAndActivation() {
    DenseLayer relu = (DenseLayer) new DenseSpec(4, Activation.RELU).toDl4j(Shape.flat(3));
    assertEquals(4, relu.getNOut());
    assertEquals(ActivationReLU.class, relu.getActivationFn().getClass());
    assertEquals("dense 4, relu", new DenseSpec(4, Activation.RELU).describe());
    assertEquals("dense 1", new DenseSpec(1, Activation.IDENTITY).describe());
    assertEquals(1, ((DenseLayer) new DenseSpec(1, Activation.IDENTITY).toDl4j(Shape.flat(3)))
        .getNOut());
    refused(() -> new DenseSpec(0, Activation.RELU), "at least one unit");
    // a dense layer takes any shape (images are flattened)
    new DenseSpec(4, Activation.RELU).check(IMAGE);
  }

  @Test
  void dropoutGivesDl4jTheProbabilityOfKeeping() {
    DropoutLayer layer = (DropoutLayer) new DropoutSpec(0.25).toDl4j(Shape.flat(3));
    assertEquals(0.75, ((org.deeplearning4j.nn.conf.dropout.Dropout) layer.getIDropout()).getP(),
        1e-12);
    assertEquals(1.0, ((org.deeplearning4j.nn.conf.dropout.Dropout) new DropoutSpec(0)
        .toDl4j(Shape.flat(3)).getIDropout()).getP(), 1e-12);
    assertEquals("dropout 0.25", new DropoutSpec(0.25).describe());
    new DropoutSpec(0.99);
    for (double rate : new double[] {-0.01, 1, 1.5, Double.NaN}) {
      refused(() -> new DropoutSpec(rate), "[0, 1)");
    }
  }

  @Test
  void normalisationsMapDecayAndEpsilon() {
    BatchNormalization batch = (BatchNormalization) new BatchNormSpec(0.8, 1e-3).toDl4j(IMAGE);
    assertEquals(0.8, batch.getDecay(), 0);
    assertEquals(1e-3, batch.getEps(), 0);
    assertEquals("batch normalisation", new BatchNormSpec(0.8, 1e-3).describe());
    // PyTorch's defaults: momentum 0.1 (decay 0.9), eps 1e-5
    assertEquals(new BatchNormSpec(0.9, 1e-5), BatchNormSpec.defaults());
    LayerNormalization image = (LayerNormalization) new LayerNormSpec(1e-4).toDl4j(IMAGE);
    assertEquals(2, image.getChannels());
    assertTrue(image.isSpatial());
    assertEquals(1e-4, image.getEpsilon(), 0);
    LayerNormalization flat = (LayerNormalization) new LayerNormSpec(1e-3).toDl4j(Shape.flat(5));
    assertEquals(5, flat.getChannels());
    assertFalse(flat.isSpatial());
    assertEquals(1e-3, flat.getEpsilon(), 0);
    assertEquals("layer normalisation", new LayerNormSpec(1e-3).describe());
  }

  @Test
  void activationsAndConfiguredLayers() {
    ActivationLayer sigmoid = (ActivationLayer) new ActivationSpec(Activation.SIGMOID)
        .toDl4j(Shape.flat(3));
    assertEquals(ActivationSigmoid.class, sigmoid.getActivationFn().getClass());
    assertEquals("sigmoid", new ActivationSpec(Activation.SIGMOID).describe());
    assertEquals("relu", new ActivationSpec(Activation.RELU).describe());
    assertEquals("", ActivationSpec.suffix(Activation.IDENTITY));
    assertEquals(", relu", ActivationSpec.suffix(Activation.RELU));
    DenseLayer dense = new DenseLayer.Builder().nOut(3).build();
    ConfiguredLayerSpec spec = new ConfiguredLayerSpec(dense, "three units");
    org.deeplearning4j.nn.conf.layers.Layer copy = spec.toDl4j(Shape.flat(2));
    assertNotSame(dense, copy);
    assertEquals(dense, copy);
    assertEquals("three units", spec.describe());
  }
}
