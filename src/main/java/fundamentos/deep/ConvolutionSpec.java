package fundamentos.deep;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/**
 * A 2-D convolution (course Eq. 3.40): filters kernel x kernel x n_in slid with a stride; "same"
 * padding keeps ceil(size / stride) positions, "valid" only the positions where the kernel fits,
 * floor((size - kernel) / stride) + 1. It has (kernel^2 n_in + 1) n_out parameters.
 */
public record ConvolutionSpec(int filters, int kernel, int stride, boolean samePadding,
    Activation activation) implements LayerSpec {

  public ConvolutionSpec {
    if (filters < 1 || kernel < 1 || stride < 1) {
      throw new IllegalArgumentException("A convolution needs filters, kernel size and stride >= 1,"
          + " not " + filters + ", " + kernel + ", " + stride);
    }
  }

  @Override
  public void check(Shape input) {
    if (!input.spatial()) {
      throw new IllegalArgumentException("A convolution needs an image input, but gets a flat vector"
          + " of " + input.channels() + " values: put convolutions before dense or global pooling layers.");
    }
    if (!samePadding && (input.height() < kernel || input.width() < kernel)) {
      throw new IllegalArgumentException("A " + kernel + "x" + kernel + " convolution without padding"
          + " does not fit an input of " + input + ": use same padding or a smaller kernel.");
    }
  }

  @Override
  public Layer toDl4j(Shape input) {
    return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(filters)
        .convolutionMode(samePadding ? ConvolutionMode.Same : ConvolutionMode.Truncate)
        .activation(activation).build();
  }

  @Override
  public String describe() {
    return "convolution " + kernel + "x" + kernel + "x" + filters + ", stride " + stride + ", "
        + (samePadding ? "same" : "valid") + " padding" + ActivationSpec.suffix(activation);
  }
}
