package fundamentos.spark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StreamTokenizer;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ArffLoader.ArffReader;

/**
 * ARFF files ({@link TextInput}): the header of each file is read on the driver (by Weka), checked
 * to be the same in every file, and goes to the tasks with the input; each file's data lines start
 * after its @data line, so the split that holds the header skips it by byte offset and the others
 * start in the data. A partition's data lines are read by Weka's own {@link ArffReader} with that
 * header, so quoting, '?', comments and sparse rows ({@code {1 x, 3 2.5}}) give what
 * {@code ArffLoader} gives; instance weights are read and left out. Numeric and nominal attributes
 * only: a string, date or relational attribute is refused by name.
 */
final class ArffInput extends TextInput {

  private static final long serialVersionUID = 1L;

  private final Instances declared;
  private final List<String> names = new ArrayList<>();

  ArffInput(JavaSparkContext sc, String path, int partitions) {
    super(sc, path, partitions);
    Instances first = null;
    for (String file : files) {
      Instances header = header(sc, file);
      if (first == null) {
        first = header;
      } else if (!first.equalHeaders(header)) {
        throw new JobException("The ARFF files of " + path + " have different headers: "
            + files[0] + " and " + file + " (" + first.equalHeadersMsg(header) + "); give files "
            + "of one data set");
      }
    }
    declared = first;
    for (int a = 0; a < declared.numAttributes(); a++) {
      Attribute attribute = declared.attribute(a);
      if (!attribute.isNominal() && attribute.type() != Attribute.NUMERIC) {
        throw new JobException("Attribute '" + attribute.name() + "' of " + files[0] + " is a "
            + typeName(attribute) + " attribute: the jobs read numeric and nominal attributes; "
            + "convert it in Weka first (StringToNominal, NumericToNominal) or remove it");
      }
      names.add(attribute.name());
    }
  }

  /** Reads a file's header with Weka and notes where its data start. */
  private Instances header(JavaSparkContext sc, String file) {
    Path p = new Path(file);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    long offset = 0;
    boolean data = false;
    try (InputStream in = new BufferedInputStream(p.getFileSystem(sc.hadoopConfiguration())
        .open(p))) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while (!data && (b = in.read()) >= 0) {
        offset++;
        line.write(b);
        if (b == '\n') {
          String read = line.toString(StandardCharsets.UTF_8);
          text.write(line.toByteArray());
          line.reset();
          String trimmed = read.trim().toLowerCase(Locale.ROOT);
          data = trimmed.equals("@data") || trimmed.startsWith("@data ")
              || trimmed.startsWith("@data\t") || trimmed.startsWith("@data%");
        }
      }
    } catch (IOException e) {
      throw new JobException("The input " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (!data) {
      throw new JobException("The ARFF file " + file + " has no '@data' line (on a line of its "
          + "own) after its header: is it an ARFF file? (-format names the format)");
    }
    setDataStart(file, offset);
    try {
      return new Instances(new StringReader(text.toString(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      throw new JobException("The header of the ARFF file " + file + " cannot be read: "
          + e.getMessage(), e);
    }
  }

  @Override
  List<String> names() {
    return names;
  }

  @Override
  Instances declaredHeader() {
    return new Instances(declared, 0);
  }

  @Override
  String relationName() {
    return declared.relationName();
  }

  @Override
  ColumnSummary[] summarise(JavaSparkContext sc) {
    Instances header = declared;
    int width = header.numAttributes();
    JavaRDD<ColumnSummary[]> parts = rows(sc, header, rows -> {
      ColumnSummary[] columns = ColumnSummary.empty(width);
      while (rows.hasNext()) {
        double[] row = rows.next();
        for (int a = 0; a < width; a++) {
          if (Double.isNaN(row[a])) {
            columns[a].addMissing();
          } else if (header.attribute(a).isNominal()) {
            columns[a].addText(header.attribute(a).value((int) row[a]), "", 0);
          } else {
            columns[a].addNumber(row[a]);
          }
        }
      }
      return Collections.singletonList(columns).iterator();
    });
    return run(sc, () -> PartitionOrder.reduce(parts, ColumnSummary::merge));
  }

  @Override
  <T> JavaRDD<T> rows(JavaSparkContext sc, Instances header, RowCheck check, Rows<T> task) {
    requireNames(header, "The header has");
    int[][] remap = remap(header);
    Instances template = declared;
    return map(sc, (file, lines) -> task.apply(new ArffRows(template, file, lines, remap, check,
        header)));
  }

  /**
   * For each nominal attribute, the index in {@code header} of each value the ARFF declares (-1:
   * not there); null when the header's values are the ARFF's. Refuses types that differ.
   */
  private int[][] remap(Instances header) {
    int[][] remap = new int[declared.numAttributes()][];
    boolean same = true;
    for (int a = 0; a < remap.length; a++) {
      Attribute mine = declared.attribute(a);
      Attribute theirs = header.attribute(a);
      if (mine.type() != theirs.type()) {
        throw new JobException("Attribute '" + mine.name() + "' is " + typeName(mine) + " in the "
            + "ARFF header of " + files[0] + ", but " + typeName(theirs) + " in the header the "
            + "job reads it with: give data of the same types");
      }
      if (mine.isNominal()) {
        remap[a] = new int[mine.numValues()];
        for (int v = 0; v < remap[a].length; v++) {
          remap[a][v] = theirs.indexOfValue(mine.value(v));
          same &= remap[a][v] == v;
        }
        same &= mine.numValues() == theirs.numValues();
      }
    }
    return same ? null : remap;
  }

  /** A partition's data lines as one stream for Weka's reader, which line it is on known. */
  private static final class LineReader extends Reader {
    private final Iterator<Tuple2<Long, String>> lines;
    String line = "";
    long offset = -1;
    private int position = 1; // past the end of the empty line: the first read takes a line

    LineReader(Iterator<Tuple2<Long, String>> lines) {
      this.lines = lines;
    }

    @Override
    public int read() {
      while (position > line.length()) {
        if (!lines.hasNext()) {
          return -1;
        }
        Tuple2<Long, String> next = lines.next();
        offset = next._1();
        line = next._2();
        position = 0;
      }
      return position < line.length() ? line.charAt(position++) : endOfLine();
    }

    private int endOfLine() {
      position++;
      return '\n';
    }

    @Override
    public int read(char[] buffer, int from, int length) {
      if (length == 0) {
        return 0;
      }
      int c = read();
      if (c < 0) {
        return -1;
      }
      buffer[from] = (char) c;
      return 1;
    }

    @Override
    public void close() {
    }
  }

  /**
   * Weka's reader, but a row with one value more than the header is refused: Weka takes a lone
   * value after the last attribute for the start of an instance weight and drops it.
   */
  private static final class StrictArffReader extends ArffReader {
    StrictArffReader(Reader reader, Instances template) throws IOException {
      super(reader, template, 0, 1);
    }

    @Override
    protected double getInstanceWeight() throws IOException {
      double weight = super.getInstanceWeight();
      if (Double.isNaN(weight) && m_Tokenizer.ttype != StreamTokenizer.TT_EOL
          && m_Tokenizer.ttype != StreamTokenizer.TT_EOF) {
        errorMessage("end of line expected");
      }
      return weight;
    }
  }

  /** The rows of a partition, read by Weka's ArffReader under the ARFF's header. */
  private static final class ArffRows implements Iterator<double[]> {
    private final Instances structure;
    private final String file;
    private final LineReader reader;
    private final ArffReader arff;
    private final int[][] remap;
    private final RowCheck check;
    private final Instances header;
    private double[] next;

    ArffRows(Instances template, String file, Iterator<Tuple2<Long, String>> lines, int[][] remap,
        RowCheck check, Instances header) throws IOException {
      this.file = file;
      this.remap = remap;
      this.check = check;
      this.header = header;
      reader = new LineReader(lines);
      arff = new StrictArffReader(reader, template);
      structure = arff.getStructure();
      next = advance();
    }

    private double[] advance() {
      Instance instance;
      try {
        instance = arff.readInstance(structure);
      } catch (IOException e) {
        throw new BadRowException(file, reader.offset, problem(e.getMessage()) + ": \""
            + abbreviated(reader.line) + "\"");
      }
      if (instance == null) {
        return null;
      }
      double[] values = instance.toDoubleArray();
      if (remap != null) {
        for (int a = 0; a < values.length; a++) {
          if (remap[a] != null && !Double.isNaN(values[a])) {
            int index = remap[a][(int) values[a]];
            if (index < 0) {
              throw new BadRowException(file, reader.offset, "'" + abbreviated(structure
                  .attribute(a).value((int) values[a])) + "' is not a value of the nominal "
                  + "attribute '" + header.attribute(a).name() + "' in the header; add it "
                  + "there (or rerun the header job on all of the data)");
            }
            values[a] = index;
          }
        }
      }
      String problem = check == null ? null : check.problem(values);
      if (problem != null) {
        throw new BadRowException(file, reader.offset, problem);
      }
      return values;
    }

    /** What is wrong with the current line, in the words of the CSV route where they apply. */
    private String problem(String weka) {
      String what = weka.replaceFirst(", read Token\\[.*$", "");
      int width = structure.numAttributes();
      String which = null;
      try {
        // read the line again with every attribute a string, to find the value at fault
        ArrayList<Attribute> strings = new ArrayList<>();
        for (int a = 0; a < width; a++) {
          strings.add(new Attribute(structure.attribute(a).name(), (List<String>) null));
        }
        Instances texts = new Instances("texts", strings, 0);
        ArffReader again = new StrictArffReader(new StringReader(reader.line + "\n"), texts);
        Instance row = again.readInstance(again.getStructure());
        for (int a = 0; row != null && a < width && which == null; a++) {
          if (row.isMissing(a)) {
            continue;
          }
          String value = row.stringValue(a);
          Attribute attribute = structure.attribute(a);
          if (attribute.isNominal() && attribute.indexOfValue(value) < 0) {
            which = "'" + abbreviated(value) + "' is not a value of the nominal attribute '"
                + attribute.name() + "' in the ARFF header";
          } else if (attribute.isNumeric()) {
            try {
              Double.valueOf(value);
            } catch (NumberFormatException e) {
              which = "'" + abbreviated(value) + "' is not a number, but attribute '"
                  + attribute.name() + "' is numeric in the ARFF header";
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // the line is malformed, not only a value: Weka's words say how
      }
      if (which != null) {
        return which;
      }
      if (what.equals("premature end of line")) {
        return "the row has fewer values than the ARFF header's " + width + " attributes";
      }
      if (what.equals("end of line expected")) {
        return "the row has more values than the ARFF header's " + width + " attributes";
      }
      return "the row does not match the ARFF header (Weka's ArffReader: " + what + ")";
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public double[] next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      double[] result = next;
      next = advance();
      return result;
    }
  }
}
