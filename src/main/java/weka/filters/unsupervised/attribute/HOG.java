package weka.filters.unsupervised.attribute;

import fundamentos.image.HistogramOfGradients;
import fundamentos.image.HistogramOfGradients.BlockNorm;
import fundamentos.parallel.Blocks;
import fundamentos.plot.OrientationCells;
import fundamentos.weka.EmbeddingInstances;
import fundamentos.weka.FirstBatchFilter;
import fundamentos.weka.ImageFiles;
import fundamentos.weka.ImageLayout;
import fundamentos.weka.ModelPictures;
import fundamentos.weka.OptionChecks;
import fundamentos.weka.SchemeCapabilities;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.Locale;
import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.RevisionUtils;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.WekaException;

/**
 * Histograms of oriented gradients of images given as pixel attributes or as image file names. A
 * thin Weka adapter: options, the reading of images (through {@link ImageLayout} and {@link
 * ImageFiles}, as CNN reads them), the output header and the picture live here; the features are
 * {@link HistogramOfGradients}'s, which computes them as scikit-image's {@code hog}. Nothing is
 * fitted: the first batch only fixes the image shape, and every batch is transformed alike.
 */
public class HOG extends FirstBatchFilter implements TechnicalInformationHandler {

  private static final long serialVersionUID = 1L;

  /** The block normalisations, in scikit-image's names. */
  public static final Tag[] TAGS_NORM = {
      new Tag(0, "L1"),
      new Tag(1, "L1-sqrt"),
      new Tag(2, "L2"),
      new Tag(3, "L2-Hys")};

  /** The order of colour pixel attributes, as CNN's. */
  public static final Tag[] TAGS_CHANNEL_ORDER = {
      new Tag(0, "planar"),
      new Tag(1, "interleaved")};

  /** The output's attributes are hog1, hog2, ... */
  private static final String PREFIX = "hog";

  /** Instances per block of parallel work. */
  private static final int BLOCK = 64;

  /** Images drawn in the picture. */
  private static final int PICTURE_IMAGES = 4;

  private int m_Orientations = 9;
  private int m_CellHeight = 8;
  private int m_CellWidth = 8;
  private int m_BlockHeight = 3;
  private int m_BlockWidth = 3;
  private int m_Norm = 3;
  private boolean m_Sqrt = false;
  private int m_ImageHeight = 0;
  private int m_ImageWidth = 0;
  private int m_ImageChannels = 0;
  private int m_ChannelOrder = 0;
  private File m_ImageDirectory = new File("");
  private int m_NumThreads = 0;
  private File m_PlotFile = new File("");

  /** Set by the first batch: the engine, and how images are read. */
  private HistogramOfGradients m_Hog;
  private ImageLayout m_Layout;
  private int m_FileAttribute = -1;
  private int m_Channels;
  private int m_Height;
  private int m_Width;

  public String globalInfo() {
    return "Replaces images by their histograms of oriented gradients (HOG), as scikit-image's hog "
        + "computes them.\n\nDalal and Triggs' descriptor (the course's Task 2.4.2): central-"
        + "difference gradients, each pixel's gradient magnitude voted into one of the orientation "
        + "bins over 0-180 degrees of its cell, and the cells' histograms normalised in "
        + "overlapping blocks of cells (L2-Hys by default). The features agree with "
        + "skimage.feature.hog to 1e-6.\n\nImages are pixel attributes (height x width x "
        + "channels numeric attributes; a square grey image is inferred when the sizes are 0, as "
        + "for CNN) or one string attribute of image file names (ImageDirectoryLoader), read from "
        + "the image directory. For colour images each pixel takes the gradient of its strongest "
        + "channel. The class attribute is passed through.\n\nNothing is fitted: every batch is "
        + "transformed alike, so the filter runs in FilteredClassifier and the Experimenter.\n\n"
        + "For more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(Type.INPROCEEDINGS);
    result.setValue(Field.AUTHOR, "N. Dalal and B. Triggs");
    result.setValue(Field.TITLE, "Histograms of Oriented Gradients for Human Detection");
    result.setValue(Field.BOOKTITLE, "IEEE Computer Society Conference on Computer Vision and "
        + "Pattern Recognition (CVPR'05)");
    result.setValue(Field.PAGES, "886-893");
    result.setValue(Field.YEAR, "2005");
    return result;
  }

  // ---------------------------------------------------------------- options

  @OptionMetadata(displayName = "orientations",
      description = "Orientation bins over 0-180 degrees, at least 1. Each pixel votes its gradient "
          + "magnitude into one bin.",
      commandLineParamName = "orientations", commandLineParamSynopsis = "-orientations <int>",
      displayOrder = 1)
  public int getOrientations() {
    return m_Orientations;
  }

  public void setOrientations(int value) {
    m_Orientations = OptionChecks.inRange("HOG", "orientations", value, 1, 360);
  }

  @OptionMetadata(displayName = "cellHeight",
      description = "Pixels per cell vertically, at least 1. scikit-image's pixels_per_cell[0].",
      commandLineParamName = "cell-height", commandLineParamSynopsis = "-cell-height <int>",
      displayOrder = 2)
  public int getCellHeight() {
    return m_CellHeight;
  }

  public void setCellHeight(int value) {
    m_CellHeight = OptionChecks.atLeast("HOG", "cell-height", value, 1);
  }

  @OptionMetadata(displayName = "cellWidth",
      description = "Pixels per cell horizontally, at least 1. scikit-image's pixels_per_cell[1].",
      commandLineParamName = "cell-width", commandLineParamSynopsis = "-cell-width <int>",
      displayOrder = 3)
  public int getCellWidth() {
    return m_CellWidth;
  }

  public void setCellWidth(int value) {
    m_CellWidth = OptionChecks.atLeast("HOG", "cell-width", value, 1);
  }

  @OptionMetadata(displayName = "blockHeight",
      description = "Cells per block vertically, at least 1. scikit-image's cells_per_block[0].",
      commandLineParamName = "block-height", commandLineParamSynopsis = "-block-height <int>",
      displayOrder = 4)
  public int getBlockHeight() {
    return m_BlockHeight;
  }

  public void setBlockHeight(int value) {
    m_BlockHeight = OptionChecks.atLeast("HOG", "block-height", value, 1);
  }

  @OptionMetadata(displayName = "blockWidth",
      description = "Cells per block horizontally, at least 1. scikit-image's cells_per_block[1].",
      commandLineParamName = "block-width", commandLineParamSynopsis = "-block-width <int>",
      displayOrder = 5)
  public int getBlockWidth() {
    return m_BlockWidth;
  }

  public void setBlockWidth(int value) {
    m_BlockWidth = OptionChecks.atLeast("HOG", "block-width", value, 1);
  }

  @OptionMetadata(displayName = "blockNorm",
      description = "How each block's histograms are normalised: L1, L1-sqrt, L2 or L2-Hys. "
          + "L2-Hys (the default) caps values at 0.2 between two L2 normalisations.",
      commandLineParamName = "norm", commandLineParamSynopsis = "-norm <L1|L1-sqrt|L2|L2-Hys>",
      displayOrder = 6)
  public SelectedTag getBlockNorm() {
    return new SelectedTag(m_Norm, TAGS_NORM);
  }

  public void setBlockNorm(SelectedTag value) {
    if (value.getTags() == TAGS_NORM) {
      m_Norm = value.getSelectedTag().getID();
    }
  }

  @OptionMetadata(displayName = "sqrt",
      description = "Take the square root of every pixel first. Power-law compression "
          + "(scikit-image's transform_sqrt); pixels must be >= 0.",
      commandLineParamName = "sqrt", commandLineParamSynopsis = "-sqrt",
      commandLineParamIsFlag = true, displayOrder = 7)
  public boolean getSqrt() {
    return m_Sqrt;
  }

  public void setSqrt(boolean value) {
    m_Sqrt = value;
  }

  @OptionMetadata(displayName = "imageHeight",
      description = "Image height in pixels; 0 infers it; >= 0. Image files of other sizes are "
          + "resized to it.",
      commandLineParamName = "height", commandLineParamSynopsis = "-height <int>",
      displayOrder = 8)
  public int getImageHeight() {
    return m_ImageHeight;
  }

  public void setImageHeight(int value) {
    m_ImageHeight = OptionChecks.atLeast("HOG", "height", value, 0);
  }

  @OptionMetadata(displayName = "imageWidth",
      description = "Image width in pixels; 0 infers it; >= 0. Image files of other sizes are "
          + "resized to it.",
      commandLineParamName = "width", commandLineParamSynopsis = "-width <int>", displayOrder = 9)
  public int getImageWidth() {
    return m_ImageWidth;
  }

  public void setImageWidth(int value) {
    m_ImageWidth = OptionChecks.atLeast("HOG", "width", value, 0);
  }

  @OptionMetadata(displayName = "imageChannels",
      description = "Channels per pixel (1 grey, 3 RGB); 0 infers them; >= 0. Inferred: 1 for "
          + "pixel attributes, the first file's for image files.",
      commandLineParamName = "channels", commandLineParamSynopsis = "-channels <int>",
      displayOrder = 10)
  public int getImageChannels() {
    return m_ImageChannels;
  }

  public void setImageChannels(int value) {
    m_ImageChannels = OptionChecks.atLeast("HOG", "channels", value, 0);
  }

  @OptionMetadata(displayName = "channelOrder",
      description = "The order of colour pixel attributes: planar or interleaved. Planar: all of "
          + "one channel, then the next; interleaved: the channels of one pixel, then the next.",
      commandLineParamName = "channel-order",
      commandLineParamSynopsis = "-channel-order <planar|interleaved>", displayOrder = 11)
  public SelectedTag getChannelOrder() {
    return new SelectedTag(m_ChannelOrder, TAGS_CHANNEL_ORDER);
  }

  public void setChannelOrder(SelectedTag value) {
    if (value.getTags() == TAGS_CHANNEL_ORDER) {
      m_ChannelOrder = value.getSelectedTag().getID();
    }
  }

  @OptionMetadata(displayName = "imageDirectory",
      description = "The folder that relative image file names (a string attribute) are read "
          + "from. Empty: the working directory.",
      commandLineParamName = "image-dir", commandLineParamSynopsis = "-image-dir <folder>",
      displayOrder = 12)
  public File getImageDirectory() {
    return m_ImageDirectory;
  }

  public void setImageDirectory(File value) {
    m_ImageDirectory = value;
  }

  @OptionMetadata(displayName = "numThreads",
      description = "Threads that compute the features; 0 takes one per core; at most 1024. The "
          + "features do not depend on it.",
      commandLineParamName = "num-threads", commandLineParamSynopsis = "-num-threads <int>",
      displayOrder = 13)
  public int getNumThreads() {
    return m_NumThreads;
  }

  public void setNumThreads(int value) {
    m_NumThreads = OptionChecks.inRange("HOG", "num-threads", value, 0, OptionChecks.MAX_THREADS);
  }

  @OptionMetadata(displayName = "plotFile",
      description = "If set, a PNG of the first images of the first batch and their cells' "
          + "orientation histograms. One line per bin, along the edge, as bright as the bin.",
      commandLineParamName = "plot", commandLineParamSynopsis = "-plot <file.png>",
      displayOrder = 14)
  public File getPlotFile() {
    return m_PlotFile;
  }

  public void setPlotFile(File value) {
    m_PlotFile = value;
  }

  // ---------------------------------------------------------------- filtering

  @Override
  public Capabilities getCapabilities() {
    return SchemeCapabilities.only(super.getCapabilities(), Capability.NUMERIC_ATTRIBUTES,
        Capability.STRING_ATTRIBUTES, Capability.NOMINAL_CLASS, Capability.NUMERIC_CLASS,
        Capability.DATE_CLASS, Capability.STRING_CLASS, Capability.MISSING_CLASS_VALUES,
        Capability.NO_CLASS);
  }

  /**
   * Refuses, before Weka's capability test (whose messages name neither the attribute nor the
   * remedy), non-numeric pixel attributes, missing pixels and pixel images too small for one block.
   */
  @Override
  protected void testInputFormat(Instances instanceInfo) throws Exception {
    int files = fileAttribute(instanceInfo);
    if (files < 0) {
      for (int a = 0; a < instanceInfo.numAttributes(); a++) {
        Attribute attribute = instanceInfo.attribute(a);
        if (a != instanceInfo.classIndex() && !attribute.isNumeric()) {
          throw new WekaException("HOG reads images from numeric pixel attributes (or one string "
              + "attribute of image file names), but attribute '" + attribute.name() + "' is "
              + Attribute.typeToString(attribute) + ": remove it (Remove) or convert it.");
        }
      }
      for (int i = 0; i < instanceInfo.numInstances(); i++) {
        missingPixel(instanceInfo, i);
      }
      ImageLayout layout = ImageLayout.of(instanceInfo, m_ImageHeight, m_ImageWidth,
          m_ImageChannels, m_ChannelOrder == 1);
      try {
        engine().checkSize((int) layout.shape().height(), (int) layout.shape().width());
      } catch (IllegalArgumentException e) {
        throw new WekaException("HOG: " + e.getMessage());
      }
    }
    super.testInputFormat(instanceInfo);
  }

  private static void missingPixel(Instances batch, int i) throws WekaException {
    Instance instance = batch.instance(i);
    for (int a = 0; a < instance.numAttributes(); a++) {
      if (a != batch.classIndex() && instance.isMissing(a)) {
        throw new WekaException("HOG: instance " + (i + 1) + " has a missing value in attribute '"
            + batch.attribute(a).name() + "', and every pixel is needed: replace missing values "
            + "(ReplaceMissingValues) or remove the instance.");
      }
    }
  }

  @Override
  protected void forgetFit() {
    m_Hog = null;
    m_Layout = null;
    m_FileAttribute = -1;
  }

  /** The engine of the current options. */
  public HistogramOfGradients engine() {
    return new HistogramOfGradients(m_Orientations, m_CellHeight, m_CellWidth, m_BlockHeight,
        m_BlockWidth, BlockNorm.of(TAGS_NORM[m_Norm].getReadable()), m_Sqrt);
  }

  @Override
  protected Instances determineOutputFormat(Instances data) throws Exception {
    forgetFit();
    HistogramOfGradients hog = engine();
    m_FileAttribute = fileAttribute(data);
    if (m_FileAttribute >= 0) {
      if (m_ImageHeight > 0 && m_ImageWidth > 0) {
        m_Height = m_ImageHeight;
        m_Width = m_ImageWidth;
        m_Channels = m_ImageChannels > 0 ? m_ImageChannels : 1;
      } else {
        if (data.numInstances() == 0) {
          throw new WekaException("HOG reads the string attribute '"
              + data.attribute(m_FileAttribute).name() + "' as image file names, and with no "
              + "instance there is no image to take the size from: set the image height and "
              + "width.");
        }
        BufferedImage first = ImageFiles.read(file(data.instance(0)));
        var shape = ImageFiles.shapeOf(first, m_ImageHeight, m_ImageWidth, m_ImageChannels);
        m_Channels = (int) shape.channels();
        m_Height = (int) shape.height();
        m_Width = (int) shape.width();
      }
    } else {
      m_Layout = ImageLayout.of(data, m_ImageHeight, m_ImageWidth, m_ImageChannels,
          m_ChannelOrder == 1);
      m_Channels = (int) m_Layout.shape().channels();
      m_Height = (int) m_Layout.shape().height();
      m_Width = (int) m_Layout.shape().width();
    }
    int features;
    try {
      features = hog.numFeatures(m_Height, m_Width);
    } catch (IllegalArgumentException e) {
      throw new WekaException("HOG: " + e.getMessage());
    }
    m_Hog = hog;
    return EmbeddingInstances.header(data, PREFIX, features, "_HOG");
  }

  /**
   * The string attribute of image file names, or -1 for pixel attributes; a string attribute
   * beside others is refused.
   */
  private static int fileAttribute(Instances data) throws WekaException {
    int strings = 0;
    int found = -1;
    for (int a = 0; a < data.numAttributes(); a++) {
      if (a != data.classIndex() && data.attribute(a).isString()) {
        strings++;
        found = a;
      }
    }
    int inputs = data.numAttributes() - (data.classIndex() >= 0 ? 1 : 0);
    if (strings > 0 && inputs > 1) {
      throw new WekaException("HOG reads images either from numeric pixel attributes or from one "
          + "string attribute of image file names (ImageDirectoryLoader), but the data has "
          + strings + " string attribute(s) among " + inputs + " input attributes: remove the "
          + "others (Remove) or convert the strings.");
    }
    return found;
  }

  private File file(Instance instance) throws WekaException {
    if (instance.isMissing(m_FileAttribute)) {
      throw new WekaException("HOG: an instance has no image file name (a missing value in '"
          + instance.attribute(m_FileAttribute).name() + "').");
    }
    File file = new File(instance.stringValue(m_FileAttribute));
    boolean here = m_ImageDirectory == null || m_ImageDirectory.getPath().isEmpty();
    return file.isAbsolute() || here ? file : new File(m_ImageDirectory, file.getPath());
  }

  /** The planar pixels of one instance, refused with its position when one is missing. */
  private double[] image(Instances batch, int i) throws WekaException {
    Instance instance = batch.instance(i);
    if (m_FileAttribute >= 0) {
      File file = file(instance);
      float[] row = new float[m_Channels * m_Height * m_Width];
      ImageFiles.row(ImageFiles.read(file), file, fundamentos.deep.Shape.image(m_Channels,
          m_Height, m_Width), m_ImageHeight > 0 && m_ImageWidth > 0, row, 0);
      double[] pixels = new double[row.length];
      for (int p = 0; p < row.length; p++) {
        pixels[p] = row[p];
      }
      return pixels;
    }
    missingPixel(batch, i);
    return m_Layout.pixels(instance);
  }

  @Override
  protected Instances process(Instances batch) throws Exception {
    if (m_Hog == null) {
      throw new IllegalStateException("HOG has no input format: set it and finish the first "
          + "batch.");
    }
    int n = batch.numInstances();
    int features = getOutputFormat().numAttributes() - (batch.classIndex() >= 0 ? 1 : 0);
    double[][] rows = new double[n][features];
    int threads = m_NumThreads > 0 ? m_NumThreads : Blocks.availableThreads();
    try {
      Blocks.run(n, BLOCK, threads, (block, from, to) -> {
        for (int i = from; i < to; i++) {
          try {
            m_Hog.features(image(batch, i), m_Channels, m_Height, m_Width, rows[i], 0);
          } catch (WekaException e) {
            throw new Refused(e);
          } catch (IllegalArgumentException e) {
            throw new Refused(new WekaException("HOG: instance " + (i + 1) + ": "
                + e.getMessage()));
          }
        }
      });
    } catch (Refused e) {
      throw (WekaException) e.getCause();
    } catch (IllegalArgumentException e) {
      throw new WekaException("HOG: " + e.getMessage());
    }
    if (!isFirstBatchDone()) {
      writePicture(batch);
    }
    return EmbeddingInstances.of(getOutputFormat(), batch, rows);
  }

  /** A refusal of one image, carried out of the parallel blocks. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(WekaException cause) {
      super(cause);
    }
  }

  private void writePicture(Instances batch) throws IOException, WekaException {
    if (m_PlotFile == null || m_PlotFile.getPath().isEmpty() || m_PlotFile.isDirectory()
        || batch.numInstances() == 0
        || !ModelPictures.claim(m_PlotFile, ModelPictures.training(batch))) {
      return;
    }
    OrientationCells picture = new OrientationCells(m_Height, m_Width, m_CellHeight, m_CellWidth);
    int plane = m_Height * m_Width;
    for (int i = 0; i < Math.min(PICTURE_IMAGES, batch.numInstances()); i++) {
      double[] image = image(batch, i);
      double[] grey = new double[plane];
      for (int c = 0; c < m_Channels; c++) {
        for (int p = 0; p < plane; p++) {
          grey[p] += image[c * plane + p] / m_Channels;
        }
      }
      Instance instance = batch.instance(i);
      String caption = "instance " + (i + 1);
      if (batch.classIndex() >= 0 && !instance.classIsMissing()) {
        caption += ": " + (batch.classAttribute().isNumeric() ? String.valueOf(instance.classValue())
            : instance.stringValue(batch.classIndex()));
      }
      picture.add(grey, m_Hog.cellHistograms(image, m_Channels, m_Height, m_Width), caption);
    }
    picture.write(m_PlotFile, Math.max(2, 240 / Math.max(m_Height, m_Width)));
  }

  @Override
  public String toString() {
    if (m_Hog == null) {
      return "HOG: no input format yet.";
    }
    return String.format(Locale.ROOT, "HOG of %d x %d images (%d channel%s): %s; %d features",
        m_Height, m_Width, m_Channels, m_Channels == 1 ? "" : "s", m_Hog,
        m_Hog.numFeatures(m_Height, m_Width));
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  public static void main(String[] args) {
    runFilter(new HOG(), args);
  }
}
