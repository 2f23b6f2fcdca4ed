package weka.core.converters;

import fundamentos.deep.Shape;
import fundamentos.weka.ImageFiles;
import fundamentos.weka.OptionChecks;
import fundamentos.weka.StrictOptions;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Vector;
import weka.core.Attribute;
import weka.core.CommandlineRunnable;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.Utils;
import weka.core.WekaException;

/**
 * Turns a folder with one sub-folder per class into a data set of image file names (a string
 * attribute, relative to the folder) and the class (the sub-folder's name), in the manner of Weka's
 * TextDirectoryLoader. The images themselves are read by the CNN during training (its image
 * directory option names the same folder). With a width and height it reads the images instead:
 * one numeric attribute per grey pixel, p&lt;row&gt;_&lt;column&gt; (0-255, each image resized to
 * that size), as IDXLoader writes them, so that PCA (eigenfaces), CNN or any scheme takes them.
 */
public class ImageDirectoryLoader extends AbstractLoader implements BatchConverter, OptionHandler,
    CommandlineRunnable {

  private static final long serialVersionUID = 1L;

  /** The image files recognised by their name (what Java's ImageIO reads). */
  static final String[] EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".bmp"};

  private File m_Directory = new File(System.getProperty("user.dir"));
  private int m_Width;
  private int m_Height;
  private Instances m_Structure;

  public ImageDirectoryLoader() {
    setRetrieval(NONE);
  }

  public String globalInfo() {
    return "Loads a folder of images with one sub-folder per class as image file names and a "
        + "class. "
        + "For example train/cat/1.png and train/dog/2.jpg become a data set of file names (a "
        + "string attribute, relative to the "
        + "folder) and a nominal class named after the sub-folders. The CNN reads the images (PNG, "
        + "JPEG, GIF, BMP) during training from its image directory: set it to the same folder. "
        + "With a width and height set it reads the images itself and writes one numeric "
        + "attribute per grey pixel (0-255, row by row, every image resized to that size), for "
        + "PCA's eigen-images (eigenfaces) or any other scheme.";
  }

  public String widthTipText() {
    return "Pixels per row of the grey pixel attributes; 0 (with height 0) gives file names only. "
        + "Each image is resized to width x height (bilinear).";
  }

  public int getWidth() {
    return m_Width;
  }

  public void setWidth(int width) {
    m_Width = OptionChecks.atLeast("ImageDirectoryLoader", "width", width, 0);
    m_Structure = null;
  }

  public String heightTipText() {
    return "Rows of the grey pixel attributes; 0 (with width 0) gives file names only.";
  }

  public int getHeight() {
    return m_Height;
  }

  public void setHeight(int height) {
    m_Height = OptionChecks.atLeast("ImageDirectoryLoader", "height", height, 0);
    m_Structure = null;
  }

  /** Whether pixels are written (a size is set) rather than file names. */
  private boolean pixels() throws IOException {
    if ((m_Width > 0) != (m_Height > 0)) {
      throw new IOException("ImageDirectoryLoader: set both -width and -height (the size every "
          + "image is resized to) for pixel attributes, or neither for file names; now width "
          + m_Width + ", height " + m_Height + ".");
    }
    return m_Width > 0;
  }

  public String directoryTipText() {
    return "The folder that holds one sub-folder of images per class.";
  }

  public File getDirectory() {
    return m_Directory;
  }

  public void setDirectory(File directory) throws IOException {
    setSource(directory);
  }

  @Override
  public void setSource(File directory) throws IOException {
    m_Structure = null;
    setRetrieval(NONE);
    if (directory == null) {
      throw new IOException("ImageDirectoryLoader: no folder given.");
    }
    m_Directory = directory;
  }

  @Override
  public Enumeration<Option> listOptions() {
    Vector<Option> options = new Vector<>();
    options.add(new Option("\t" + directoryTipText(), "dir", 1, "-dir <folder>"));
    options.add(new Option("\t" + widthTipText() + " (default 0)",
        "width", 1, "-width <pixels>"));
    options.add(new Option("\t" + heightTipText() + " (default 0)", "height", 1,
        "-height <pixels>"));
    return options.elements();
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    String dir = Utils.getOption("dir", options);
    setDirectory(new File(dir.isEmpty() ? System.getProperty("user.dir") : dir));
    String width = Utils.getOption("width", options);
    setWidth(width.isEmpty() ? 0 : StrictOptions.wholeNumber("ImageDirectoryLoader", "width",
        width, "a whole number >= 0"));
    String height = Utils.getOption("height", options);
    setHeight(height.isEmpty() ? 0 : StrictOptions.wholeNumber("ImageDirectoryLoader", "height",
        height, "a whole number >= 0"));
  }

  @Override
  public String[] getOptions() {
    return new String[] {"-dir", m_Directory.getPath(), "-width", "" + m_Width, "-height",
        "" + m_Height};
  }

  /** The class sub-folders, sorted by name. */
  private File[] classFolders() throws IOException {
    if (!m_Directory.isDirectory()) {
      throw new IOException("ImageDirectoryLoader: the folder " + m_Directory
          + " does not exist or is not a folder.");
    }
    File[] folders = m_Directory.listFiles(File::isDirectory);
    if (folders == null || folders.length == 0) {
      throw new IOException("ImageDirectoryLoader: " + m_Directory + " has no sub-folders; it needs "
          + "one sub-folder of images per class.");
    }
    Arrays.sort(folders);
    return folders;
  }

  private static boolean isImage(File file) {
    String name = file.getName().toLowerCase(Locale.ROOT);
    for (String extension : EXTENSIONS) {
      if (name.endsWith(extension)) {
        return file.isFile();
      }
    }
    return false;
  }

  @Override
  public Instances getStructure() throws IOException {
    if (m_Structure == null) {
      List<String> classes = new ArrayList<>();
      for (File folder : classFolders()) {
        classes.add(folder.getName());
      }
      ArrayList<Attribute> attributes = new ArrayList<>();
      if (pixels()) {
        for (int r = 0; r < m_Height; r++) {
          for (int c = 0; c < m_Width; c++) {
            attributes.add(new Attribute("p" + r + "_" + c));
          }
        }
      } else {
        attributes.add(new Attribute("filename", (List<String>) null));
      }
      attributes.add(new Attribute("class", classes));
      m_Structure = new Instances("images: " + m_Directory.getName()
          + (pixels() ? " (" + m_Height + "x" + m_Width + " grey)" : ""), attributes, 0);
      m_Structure.setClassIndex(attributes.size() - 1);
    }
    return new Instances(m_Structure, 0);
  }

  @Override
  public Instances getDataSet() throws IOException {
    setRetrieval(BATCH);
    Instances data = getStructure();
    File[] folders = classFolders();
    for (int c = 0; c < folders.length; c++) {
      File[] files = folders[c].listFiles(ImageDirectoryLoader::isImage);
      if (files == null) {
        continue;
      }
      Arrays.sort(files);
      for (File file : files) {
        double[] values = new double[data.numAttributes()];
        if (pixels()) {
          greyPixels(file, values);
        } else {
          values[0] = data.attribute(0).addStringValue(folders[c].getName() + "/" + file.getName());
        }
        values[values.length - 1] = c;
        data.add(new DenseInstance(1.0, values));
      }
    }
    if (data.numInstances() == 0) {
      throw new IOException("ImageDirectoryLoader: no image files (" + String.join(", ", EXTENSIONS)
          + ") in the sub-folders of " + m_Directory + ".");
    }
    return data;
  }

  /** The grey levels of an image resized to width x height, row by row, into values. */
  private void greyPixels(File file, double[] values) throws IOException {
    float[] row = new float[m_Height * m_Width];
    try {
      ImageFiles.row(ImageFiles.read(file), file, Shape.image(1, m_Height, m_Width), true, row, 0);
    } catch (WekaException e) {
      throw new IOException("ImageDirectoryLoader: " + e.getMessage(), e);
    }
    for (int j = 0; j < row.length; j++) {
      values[j] = row[j];
    }
  }

  @Override
  public Instance getNextInstance(Instances structure) throws IOException {
    throw new IOException("ImageDirectoryLoader loads in batch mode only.");
  }

  @Override
  public void preExecution() {
  }

  @Override
  public void run(Object toRun, String[] options) throws Exception {
    ImageDirectoryLoader loader = (ImageDirectoryLoader) toRun;
    if (Utils.getFlag('h', options)) {
      System.err.println("ImageDirectoryLoader options:\n-dir <folder>\n\t" + directoryTipText()
          + "\n-width <pixels>\n\t" + widthTipText()
          + "\n-height <pixels>\n\t" + heightTipText());
      return;
    }
    loader.setOptions(options);
    System.out.println(loader.getDataSet());
  }

  @Override
  public void postExecution() {
  }

  @Override
  public String getRevision() {
    return "fundamentos 0.1.0";
  }

  public static void main(String[] args) throws Exception {
    ImageDirectoryLoader loader = new ImageDirectoryLoader();
    loader.run(loader, args);
  }
}
