package fundamentos.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import weka.core.Instances;
import weka.core.Utils;

/**
 * CSV files ({@link TextInput}), the first line of every file taken as the attribute names unless
 * told otherwise, with an ARFF header file (-header) or the header job's types. Checked on the
 * driver before any task runs: the first line gives the number of fields every line must have.
 */
public final class CsvInput extends TextInput {

  private static final long serialVersionUID = 1L;

  final CsvFormat format;
  final boolean namesRow;
  final List<String> names;

  /**
   * Lists the input and reads the attribute names.
   *
   * @param path the input (file, folder or glob)
   * @param namesRow whether each file starts with a line of attribute names (else att1, att2, ...)
   * @param partitions the number of partitions wanted at least (0: Hadoop's split size)
   */
  public CsvInput(JavaSparkContext sc, String path, CsvFormat format, boolean namesRow,
      int partitions) {
    super(sc, path, partitions);
    this.format = format;
    this.namesRow = namesRow;
    Configuration conf = sc.hadoopConfiguration();
    String first = firstLine(conf, files[0]);
    if (first == null) {
      throw new JobException("The input file " + files[0] + " is empty: a CSV file needs at least "
          + (namesRow ? "a line of attribute names" : "one line"));
    }
    List<String> fields = format.split(first);
    if (namesRow) {
      names = fields;
      for (String file : files) {
        setDataStart(file, 1); // the names row, at offset 0
      }
    } else {
      names = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        names.add("att" + (i + 1));
      }
    }
  }

  @Override
  List<String> names() {
    return names;
  }

  @Override
  String namesNote() {
    return namesRow ? "" : " (-no-names)";
  }

  private static String firstLine(Configuration conf, String file) {
    Path p = new Path(file);
    try (InputStream in = p.getFileSystem(conf).open(p);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in,
            StandardCharsets.UTF_8))) {
      return reader.readLine();
    } catch (IOException e) {
      throw new JobException("The input " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The number of fields every line has. */
  public int width() {
    return names.size();
  }

  @Override
  ColumnSummary[] summarise(JavaSparkContext sc) {
    int width = width();
    JavaRDD<ColumnSummary[]> parts = map(sc, (file, lines) -> {
      ColumnSummary[] columns = ColumnSummary.empty(width);
      while (lines.hasNext()) {
        var line = lines.next();
        List<String> fields = fields(file, line._1(), line._2());
        for (int a = 0; a < width; a++) {
          columns[a].add(fields.get(a), format, file, line._1());
        }
      }
      return Collections.singletonList(columns).iterator();
    });
    ColumnSummary[] all = run(sc, () -> PartitionOrder.reduce(parts, ColumnSummary::merge));
    int[] mixed = IntStream.range(0, width).filter(a -> all[a].mixed()).toArray();
    if (mixed.length > 0) {
      // columns of numbers and texts are nominal with the numbers among their values: a second
      // pass over these columns alone lists every text in the order of first appearance
      JavaRDD<ColumnSummary[]> texts = map(sc, (file, lines) -> {
        ColumnSummary[] columns = ColumnSummary.empty(mixed.length);
        while (lines.hasNext()) {
          var line = lines.next();
          List<String> fields = fields(file, line._1(), line._2());
          for (int m = 0; m < mixed.length; m++) {
            String field = fields.get(mixed[m]);
            if (!format.isMissing(field)) {
              columns[m].addText(field, file, line._1());
            }
          }
        }
        return Collections.singletonList(columns).iterator();
      });
      ColumnSummary[] found = run(sc, () -> PartitionOrder.reduce(texts, ColumnSummary::merge));
      for (int m = 0; m < mixed.length; m++) {
        all[mixed[m]].takeTexts(found[m]);
      }
    }
    return all;
  }

  @Override
  <T> JavaRDD<T> rows(JavaSparkContext sc, Instances header, RowCheck check, Rows<T> task) {
    requireNames(header, "The header has");
    return map(sc, (file, lines) -> task.apply(new Iterator<double[]>() {
      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public double[] next() {
        var line = lines.next();
        double[] values = values(header, file, line._1(), line._2());
        String problem = check == null ? null : check.problem(values);
        if (problem != null) {
          throw new BadRowException(file, line._1(), problem);
        }
        return values;
      }
    }));
  }

  /** The fields of a data line, checked against the number of attributes. */
  public List<String> fields(String file, long offset, String line) {
    List<String> fields = format.split(line);
    if (fields.size() != names.size()) {
      throw new BadRowException(file, offset, "the line has " + fields.size() + " fields, but "
          + "the header has " + names.size() + " attributes: \"" + abbreviated(line) + "\"");
    }
    return fields;
  }

  /**
   * The Weka values of a data line under {@code header} (numeric attributes as numbers, nominal
   * ones as the index of their value, missing as NaN).
   */
  public double[] values(Instances header, String file, long offset, String line) {
    List<String> fields = fields(file, offset, line);
    double[] values = new double[fields.size()];
    for (int a = 0; a < values.length; a++) {
      String field = fields.get(a);
      if (format.isMissing(field)) {
        values[a] = Utils.missingValue();
      } else if (header.attribute(a).isNominal()) {
        int index = header.attribute(a).indexOfValue(field);
        if (index < 0) {
          throw new BadRowException(file, offset, "'" + abbreviated(field) + "' is not a value of "
              + "the nominal attribute '" + header.attribute(a).name() + "' in the header; add it "
              + "there (or rerun the header job on all of the data)");
        }
        values[a] = index;
      } else {
        values[a] = CsvFormat.number(field);
        if (Double.isNaN(values[a])) {
          throw new BadRowException(file, offset, "'" + abbreviated(field) + "' is not a number, "
              + "but attribute '" + header.attribute(a).name() + "' is numeric in the header");
        }
      }
    }
    return values;
  }
}
