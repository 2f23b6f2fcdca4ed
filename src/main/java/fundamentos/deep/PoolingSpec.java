package fundamentos.deep;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * Max or average pooling over kernel x kernel windows moved by a stride (course section 3.5.2), no
 * parameters. With same padding ceil(size / stride) positions per side (windows may reach past the
 * border, as PyTorch's padding = kernel / 2 for odd kernels), so any image size works; with valid
 * padding floor((size - kernel) / stride) + 1.
 */
public record PoolingSpec(boolean max, int kernel, int stride, boolean samePadding)
    implements LayerSpec {

  public PoolingSpec {
    if (kernel < 1 || stride < 1) {
      throw new IllegalArgumentException("Pooling needs kernel size and stride >= 1, not " + kernel
          + ", " + stride);
    }
  }

  @Override
  public void check(Shape input) {
    if (!input.spatial()) {
      throw new IllegalArgumentException("Pooling needs an image input, but gets a flat vector of "
          + input.channels() + " values.");
    }
    if (!samePadding && (input.height() < kernel || input.width() < kernel)) {
      throw new IllegalArgumentException("A " + kernel + "x" + kernel + " pooling window does not fit"
          + " an input of " + input + ": use same padding, fewer pooling layers or a smaller window.");
    }
  }

  @Override
  public Layer toDl4j(Shape input) {
    return new SubsamplingLayer.Builder(max ? PoolingType.MAX : PoolingType.AVG)
        .kernelSize(kernel, kernel).stride(stride, stride).convolutionMode(samePadding ? ConvolutionMode.Same : ConvolutionMode.Truncate)
        .build();
  }

  @Override
  public String describe() {
    return (max ? "max" : "average") + " pooling " + kernel + "x" + kernel + ", stride " + stride + ", "
        + (samePadding ? "same" : "valid") + " padding";
  }
}
