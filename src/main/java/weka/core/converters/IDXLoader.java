package weka.core.converters;

import fundamentos.data.IdxFile;
import fundamentos.weka.OptionChecks;
import fundamentos.weka.StrictOptions;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Vector;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.Utils;

/**
 * Loads MNIST-style IDX image files (MNIST, Fashion-MNIST, EMNIST: train-images-idx3-ubyte, gzipped
 * or not) as one numeric attribute per pixel, p&lt;row&gt;_&lt;column&gt; with grey levels 0-255 (for
 * a 4-D file with channels, p&lt;row&gt;_&lt;column&gt;_&lt;channel&gt;, interleaved), plus a nominal
 * class read from the matching labels file (the name with "images-idx3" replaced by "labels-idx1",
 * or the -labels option): its values are the labels that occur in the whole labels file, in
 * increasing order, or a declared range (-class-range, so that files lacking a label still get the
 * same class attribute); with -letters, EMNIST letters' labels 1..26 are named a..z.
 */
public class IDXLoader extends AbstractFileLoader implements BatchConverter, OptionHandler {

  private static final long serialVersionUID = 1L;

  private File m_LabelsFile = new File("");
  private int m_MaxInstances = 0;
  private String m_ClassRange = "";
  private boolean m_Letters;
  private File m_ImagesFile;

  public String globalInfo() {
    return "Loads MNIST-style IDX image files as one numeric attribute per pixel and a nominal "
        + "class. "
        + "It reads MNIST, Fashion-MNIST and EMNIST (*-images-idx3-ubyte, "
        + "gzipped or not) as one numeric attribute per pixel (grey levels 0-255, row by row) and a "
        + "nominal class from the matching labels file (*-labels-idx1-ubyte next to it, or the "
        + "labels option), whose values are the labels that occur in it (or a declared range; "
        + "EMNIST letters' 1..26 named a..z with the letters option). CNN reads the pixels as a square grey image. Weka picks a loader by the "
        + "file's extension, so on the command line use this loader directly (java weka.Run "
        + "IDXLoader train-images-idx3-ubyte.gz > train.arff) or name the file *.idx3-ubyte; in the "
        + "Explorer's Open file dialog choose the IDX file type.";
  }

  @Override
  public String getFileExtension() {
    return ".idx3-ubyte";
  }

  @Override
  public String[] getFileExtensions() {
    // the Explorer's file filter matches name endings; Weka's command line only the part after
    // the last dot (with .gz, the last two)
    return new String[] {".idx3-ubyte", ".idx3-ubyte.gz", "-idx3-ubyte", "-idx3-ubyte.gz"};
  }

  @Override
  public String getFileDescription() {
    return "IDX image files (MNIST, Fashion-MNIST, EMNIST)";
  }

  public String labelsFileTipText() {
    return "The IDX labels file; empty finds it next to the images (images-idx3 -> labels-idx1).";
  }

  public File getLabelsFile() {
    return m_LabelsFile;
  }

  public void setLabelsFile(File file) {
    m_LabelsFile = file == null ? new File("") : file;
  }

  public String maxInstancesTipText() {
    return "Read only the first this many images; 0 reads all (>= 0).";
  }

  public int getMaxInstances() {
    return m_MaxInstances;
  }

  public void setMaxInstances(int max) {
    m_MaxInstances = OptionChecks.atLeast("IDXLoader", "max", max, 0);
  }

  public String classRangeTipText() {
    return "The class values as a first-last range of labels, such as 0-9; empty: the labels in "
        + "the file. Declare it when a test file may lack a label the training file has.";
  }

  public String getClassRange() {
    return m_ClassRange;
  }

  /** @param range first-last labels, e.g. 0-9, or empty for the labels that occur */
  public void setClassRange(String range) {
    String trimmed = range == null ? "" : range.trim();
    if (!trimmed.isEmpty()) {
      classRange(trimmed);
    }
    m_ClassRange = trimmed;
  }

  /** The first and last label of a first-last range, refused with the option named. */
  private static int[] classRange(String range) {
    String[] ends = range.split("-");
    try {
      int first = Integer.parseInt(ends[0].trim());
      int last = Integer.parseInt(ends[ends.length - 1].trim());
      if (ends.length == 2 && first >= 0 && last >= first && last <= 255) {
        return new int[] {first, last};
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw OptionChecks.refused("IDXLoader", "class-range", range,
        "first-last labels from 0 to 255, e.g. 0-9 or 1-26");
  }

  public String lettersTipText() {
    return "Name the labels 1 to 26 as the letters a to z, as EMNIST letters numbers them. "
        + "Without a class range all 26 letters are declared.";
  }

  public boolean getLetters() {
    return m_Letters;
  }

  public void setLetters(boolean letters) {
    m_Letters = letters;
  }

  @Override
  public Enumeration<Option> listOptions() {
    Vector<Option> options = new Vector<>();
    options.add(new Option("\t" + labelsFileTipText(), "labels", 1, "-labels <file>"));
    options.add(new Option("\t" + maxInstancesTipText(), "max", 1, "-max <int>"));
    options.add(new Option("\t" + classRangeTipText(), "class-range", 1,
        "-class-range <first-last>"));
    options.add(new Option("\t" + lettersTipText(), "letters", 0, "-letters"));
    return options.elements();
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    setLabelsFile(new File(Utils.getOption("labels", options)));
    String max = Utils.getOption("max", options);
    setMaxInstances(max.isEmpty() ? 0
        : StrictOptions.wholeNumber("IDXLoader", "max", max, "a whole number >= 0 (0 reads all)"));
    setClassRange(Utils.getOption("class-range", options));
    setLetters(Utils.getFlag("letters", options));
  }

  @Override
  public String[] getOptions() {
    List<String> options = new ArrayList<>();
    if (!m_LabelsFile.getPath().isEmpty()) {
      options.add("-labels");
      options.add(m_LabelsFile.getPath());
    }
    options.add("-max");
    options.add("" + m_MaxInstances);
    if (!m_ClassRange.isEmpty()) {
      options.add("-class-range");
      options.add(m_ClassRange);
    }
    if (m_Letters) {
      options.add("-letters");
    }
    return options.toArray(new String[0]);
  }

  @Override
  public void setSource(File file) throws IOException {
    // the file is read whole in getDataSet (gzip detected by its magic bytes), not as a stream
    m_structure = null;
    setRetrieval(NONE);
    if (file == null) {
      throw new IOException("IDXLoader: no file given.");
    }
    m_ImagesFile = file;
    m_sourceFile = file;
    m_File = file.getPath();
  }

  @Override
  public void setSource(InputStream input) throws IOException {
    throw new IOException("IDXLoader reads files, not streams: give it the IDX file.");
  }

  /** The labels file next to the images: "images-idx3" replaced by "labels-idx1". */
  static File siblingLabels(File images) {
    String name = images.getName();
    String labels = null;
    for (String[] pair : new String[][] {{"images-idx3", "labels-idx1"}, {"images.idx3", "labels.idx1"}}) {
      int at = name.lastIndexOf(pair[0]);
      if (at >= 0) {
        labels = name.substring(0, at) + pair[1] + name.substring(at + pair[0].length());
        break;
      }
    }
    if (labels == null) {
      return null;
    }
    File candidate = new File(images.getParentFile(), labels);
    if (candidate.isFile()) {
      return candidate;
    }
    // the other compression: train-labels-idx1-ubyte next to train-images-idx3-ubyte.gz
    File other = new File(images.getParentFile(), labels.endsWith(".gz")
        ? labels.substring(0, labels.length() - 3) : labels + ".gz");
    return other.isFile() ? other : null;
  }

  @Override
  public Instances getStructure() throws IOException {
    if (m_structure == null) {
      m_structure = new Instances(read(), 0);
    }
    return new Instances(m_structure, 0);
  }

  @Override
  public Instances getDataSet() throws IOException {
    if (getRetrieval() == INCREMENTAL) {
      throw new IOException("IDXLoader: cannot mix getDataSet and getNextInstance.");
    }
    setRetrieval(BATCH);
    Instances data = read();
    m_structure = new Instances(data, 0);
    return data;
  }

  @Override
  public Instance getNextInstance(Instances structure) throws IOException {
    throw new IOException("IDXLoader loads in batch mode only.");
  }

  private Instances read() throws IOException {
    if (m_ImagesFile == null) {
      throw new IOException("IDXLoader: no file given.");
    }
    IdxFile images = IdxFile.read(m_ImagesFile, m_MaxInstances);
    int[] dims = images.dimensions();
    if (dims.length < 3) {
      throw new IOException(m_ImagesFile + " holds " + dims.length + "-D data, not images (items x "
          + "rows x columns): is it a labels file? Open the images file.");
    }
    File labelsFile = m_LabelsFile.getPath().isEmpty() ? siblingLabels(m_ImagesFile) : m_LabelsFile;
    IdxFile labels = labelsFile == null ? null : IdxFile.read(labelsFile, m_MaxInstances);
    if (labels != null && labels.items() != images.items()) {
      throw new IOException("The labels file " + labelsFile + " has " + labels.items()
          + " labels but " + m_ImagesFile + " " + images.items() + " images.");
    }
    ArrayList<Attribute> attributes = new ArrayList<>();
    int rows = dims[1];
    int columns = dims[2];
    int channels = dims.length > 3 ? dims[3] : 1;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        for (int k = 0; k < channels; k++) {
          attributes.add(new Attribute("p" + r + "_" + c + (channels > 1 ? "_" + k : "")));
        }
      }
    }
    int[] classOf = null;
    if (labels != null) {
      // from the whole file, so that a subset read with -max gets the same class attribute
      IdxFile allLabels = m_MaxInstances > 0 ? IdxFile.read(labelsFile, 0) : labels;
      List<String> classValues = new ArrayList<>();
      classOf = classValues(allLabels, labelsFile, classValues);
      attributes.add(new Attribute("class", classValues));
    }
    String relation = m_ImagesFile.getName() + " (" + rows + "x" + columns
        + (channels > 1 ? "x" + channels : "") + " images)";
    Instances data = new Instances(relation, attributes, images.items());
    int size = images.itemSize();
    for (int i = 0; i < images.items(); i++) {
      double[] values = new double[attributes.size()];
      for (int j = 0; j < size; j++) {
        values[j] = images.value(i, j);
      }
      if (labels != null) {
        values[size] = classOf[labels.value(i, 0)];
      }
      data.add(new DenseInstance(1.0, values));
    }
    if (labels != null) {
      data.setClassIndex(data.numAttributes() - 1);
    }
    return data;
  }

  /**
   * The class values (added to {@code names}) and each label's index among them (-1 for a label
   * that is not one): the labels that occur, or the declared range; a..z for 1..26 with letters.
   */
  private int[] classValues(IdxFile labels, File labelsFile, List<String> names)
      throws IOException {
    boolean[] occurs = new boolean[256];
    for (int i = 0; i < labels.items(); i++) {
      occurs[labels.value(i, 0)] = true;
    }
    int[] range = m_ClassRange.isEmpty() ? (m_Letters ? new int[] {1, 26} : null)
        : classRange(m_ClassRange);
    int[] classOf = new int[256];
    java.util.Arrays.fill(classOf, -1);
    for (int label = 0; label < 256; label++) {
      boolean declared = range == null ? occurs[label] : label >= range[0] && label <= range[1];
      if (occurs[label] && !declared || declared && m_Letters && (label < 1 || label > 26)) {
        int item = 0;
        while (occurs[label] && labels.value(item, 0) != label) {
          item++;
        }
        throw new IOException("IDXLoader: label " + label + (occurs[label] ? " (item " + (item + 1)
            + " of " + labelsFile + ")" : "") + " is outside "
            + (m_Letters && (label < 1 || label > 26) ? "the letters' labels 1-26 (-letters)"
                : "the class range " + m_ClassRange + " (-class-range)")
            + ": widen the range" + (m_Letters ? ", or leave out -letters" : "") + ".");
      }
      if (declared) {
        classOf[label] = names.size();
        names.add(m_Letters ? String.valueOf((char) ('a' + label - 1)) : Integer.toString(label));
      }
    }
    return classOf;
  }

  @Override
  public String getRevision() {
    return "fundamentos 0.1.0";
  }

  public static void main(String[] args) {
    runFileLoader(new IDXLoader(), args);
  }
}
