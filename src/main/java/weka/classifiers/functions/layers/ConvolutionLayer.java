package weka.classifiers.functions.layers;

import fundamentos.deep.ConvolutionSpec;
import fundamentos.deep.LayerSpec;
import fundamentos.weka.OptionChecks;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;
import weka.core.Tag;

/** A 2-D convolution layer: filters, kernel size, stride, padding and activation. */
public class ConvolutionLayer extends ActivatedLayer {

  private static final long serialVersionUID = 1L;

  /** Padding: same keeps the size (at stride 1), valid only places the kernel where it fits. */
  public static final Tag[] PADDINGS = {new Tag(0, "same"),
      new Tag(1, "valid")};

  private int m_Filters = 32;
  private int m_Kernel = 3;
  private int m_Stride = 1;
  private SelectedTag m_Padding = new SelectedTag(0, PADDINGS);

  @Override
  public String globalInfo() {
    return "A two-dimensional convolution of the image with learned filters, followed by an "
        + "activation. "
        + "A 2-D convolution (course section 3.5): n_out filters of size kernel x kernel x n_in slid"
        + " over the image with a stride, then an activation; (kernel^2 n_in + 1) n_out parameters."
        + " Same padding keeps ceil(size / stride) positions per side; valid padding "
        + "floor((size - kernel) / stride) + 1.";
  }

  @OptionMetadata(displayName = "filters",
      description = "The number of filters (output channels); at least 1.",
      commandLineParamName = "filters", commandLineParamSynopsis = "-filters <int>", displayOrder = 1)
  public int getFilters() {
    return m_Filters;
  }

  public void setFilters(int filters) {
    m_Filters = OptionChecks.atLeast("ConvolutionLayer", "filters", filters, 1);
  }

  @OptionMetadata(displayName = "kernelSize",
      description = "The height and width of each filter; at least 1.",
      commandLineParamName = "kernel", commandLineParamSynopsis = "-kernel <int>", displayOrder = 2)
  public int getKernelSize() {
    return m_Kernel;
  }

  public void setKernelSize(int kernel) {
    m_Kernel = OptionChecks.atLeast("ConvolutionLayer", "kernel", kernel, 1);
  }

  @OptionMetadata(displayName = "stride",
      description = "The step between filter positions; at least 1.",
      commandLineParamName = "stride", commandLineParamSynopsis = "-stride <int>", displayOrder = 3)
  public int getStride() {
    return m_Stride;
  }

  public void setStride(int stride) {
    m_Stride = OptionChecks.atLeast("ConvolutionLayer", "stride", stride, 1);
  }

  @OptionMetadata(displayName = "padding", description = "same (zero padding) or valid (none).",
      commandLineParamName = "padding", commandLineParamSynopsis = "-padding <same|valid>",
      displayOrder = 4)
  public SelectedTag getPadding() {
    return m_Padding;
  }

  public void setPadding(SelectedTag padding) {
    m_Padding = select(padding, PADDINGS, m_Padding);
  }

  @Override
  public LayerSpec toSpec() {
    return new ConvolutionSpec(m_Filters, m_Kernel, m_Stride, m_Padding.getSelectedTag().getID() == 0,
        activation(getActivation()));
  }
}
