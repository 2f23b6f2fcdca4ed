package weka.classifiers.functions.layers;

import fundamentos.deep.LayerSpec;
import fundamentos.deep.PoolingSpec;
import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/** Max or average pooling over square windows. */
public class PoolingLayer extends PoolingTypeLayer {

  private static final long serialVersionUID = 1L;

  private int m_Kernel = 2;
  private int m_Stride = 2;
  private SelectedTag m_Padding = new SelectedTag(0, ConvolutionLayer.PADDINGS);

  public PoolingLayer() {
    super(0);
  }

  @Override
  public String globalInfo() {
    return "Max or average pooling over small windows of the image, without parameters. "
        + "Max or average pooling (course section 3.5.2) over kernel x kernel windows moved by a "
        + "stride; no parameters. Same padding keeps ceil(size / stride) positions per side (so any "
        + "image size works), valid padding floor((size - kernel) / stride) + 1.";
  }

  @OptionMetadata(displayName = "kernelSize",
      description = "The height and width of each window; at least 1.",
      commandLineParamName = "kernel", commandLineParamSynopsis = "-kernel <int>", displayOrder = 2)
  public int getKernelSize() {
    return m_Kernel;
  }

  public void setKernelSize(int kernel) {
    m_Kernel = OptionChecks.atLeast("PoolingLayer", "kernel", kernel, 1);
  }

  @OptionMetadata(displayName = "stride", description = "The step between windows; at least 1.",
      commandLineParamName = "stride", commandLineParamSynopsis = "-stride <int>", displayOrder = 3)
  public int getStride() {
    return m_Stride;
  }

  public void setStride(int stride) {
    m_Stride = OptionChecks.atLeast("PoolingLayer", "stride", stride, 1);
  }

  @OptionMetadata(displayName = "padding", description = "same (windows may reach past the border)"
      + " or valid (windows inside the image only).", commandLineParamName = "padding",
      commandLineParamSynopsis = "-padding <same|valid>", displayOrder = 4)
  public SelectedTag getPadding() {
    return m_Padding;
  }

  public void setPadding(SelectedTag padding) {
    m_Padding = select(padding, ConvolutionLayer.PADDINGS, m_Padding);
  }

  @Override
  public LayerSpec toSpec() {
    return new PoolingSpec(isMax(), m_Kernel, m_Stride,
        m_Padding.getSelectedTag().getID() == 0);
  }
}
