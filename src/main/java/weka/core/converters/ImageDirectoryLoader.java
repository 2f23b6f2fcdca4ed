package weka.core.converters;

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

/**
 * Turns a folder with one sub-folder per class into a data set of image file names (a string
 * attribute, relative to the folder) and the class (the sub-folder's name), in the manner of Weka's
 * TextDirectoryLoader. The images themselves are read by the CNN during training (its image
 * directory option names the same folder).
 */
public class ImageDirectoryLoader extends AbstractLoader implements BatchConverter, OptionHandler,
    CommandlineRunnable {

  private static final long serialVersionUID = 1L;

  /** The image files recognised by their name (what Java's ImageIO reads). */
  static final String[] EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".bmp"};

  private File m_Directory = new File(System.getProperty("user.dir"));
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
        + "JPEG, GIF, BMP) during training from its image directory: set it to the same folder.";
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
    return options.elements();
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    String dir = Utils.getOption("dir", options);
    setDirectory(new File(dir.isEmpty() ? System.getProperty("user.dir") : dir));
  }

  @Override
  public String[] getOptions() {
    return new String[] {"-dir", m_Directory.getPath()};
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
      attributes.add(new Attribute("filename", (List<String>) null));
      attributes.add(new Attribute("class", classes));
      m_Structure = new Instances("images: " + m_Directory.getName(), attributes, 0);
      m_Structure.setClassIndex(1);
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
        double[] values = new double[2];
        values[0] = data.attribute(0).addStringValue(folders[c].getName() + "/" + file.getName());
        values[1] = c;
        data.add(new DenseInstance(1.0, values));
      }
    }
    if (data.numInstances() == 0) {
      throw new IOException("ImageDirectoryLoader: no image files (" + String.join(", ", EXTENSIONS)
          + ") in the sub-folders of " + m_Directory + ".");
    }
    return data;
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
      System.err.println("ImageDirectoryLoader options:\n-dir <folder>\n\t" + directoryTipText());
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
