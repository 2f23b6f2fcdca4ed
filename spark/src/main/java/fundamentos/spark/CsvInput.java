package fundamentos.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;
import weka.core.Instances;
import weka.core.Utils;

/**
 * CSV files as Spark reads them (a local path, hdfs://, s3a://; a file, a folder or a glob): each
 * partition's lines with the file and byte offset they come from, the first line of every file
 * taken as the attribute names unless told otherwise. Checked on the driver before any task runs:
 * the input exists and its first line gives the number of fields every line must have. A task's
 * {@link BadRowException} comes back from {@link #run} as a {@link JobException} naming the file
 * and line number.
 */
public final class CsvInput implements Serializable {

  private static final long serialVersionUID = 1L;

  final String path;
  final CsvFormat format;
  final boolean namesRow;
  final List<String> names;
  private final long splitBytes;
  private final String[] files;

  /**
   * Lists the input and reads the attribute names.
   *
   * @param path the input (file, folder or glob)
   * @param namesRow whether each file starts with a line of attribute names (else att1, att2, ...)
   * @param partitions the number of partitions wanted at least (0: Hadoop's split size)
   */
  public CsvInput(JavaSparkContext sc, String path, CsvFormat format, boolean namesRow,
      int partitions) {
    this.path = path;
    this.format = format;
    this.namesRow = namesRow;
    Configuration conf = sc.hadoopConfiguration();
    List<FileStatus> inputs = list(conf, path);
    long bytes = 0;
    files = new String[inputs.size()];
    for (int i = 0; i < files.length; i++) {
      files[i] = inputs.get(i).getPath().toString();
      bytes += inputs.get(i).getLen();
    }
    Arrays.sort(files);
    splitBytes = partitions > 0 ? Math.max(1, (bytes + partitions - 1) / partitions) : 0;
    String first = firstLine(conf, files[0]);
    if (first == null) {
      throw new JobException("The input file " + files[0] + " is empty: a CSV file needs at least "
          + (namesRow ? "a line of attribute names" : "one line"));
    }
    List<String> fields = format.split(first);
    if (namesRow) {
      names = fields;
    } else {
      names = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        names.add("att" + (i + 1));
      }
    }
  }

  private static List<FileStatus> list(Configuration conf, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      FileStatus[] matched = fs.globStatus(p);
      List<FileStatus> result = new ArrayList<>();
      if (matched != null) {
        for (FileStatus status : matched) {
          if (status.isDirectory()) {
            for (FileStatus child : fs.listStatus(status.getPath())) {
              String name = child.getPath().getName();
              if (child.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                result.add(child);
              }
            }
          } else {
            result.add(status);
          }
        }
      }
      if (result.isEmpty()) {
        throw new JobException("The input " + path + " does not exist (or is a folder without "
            + "data files): give an existing CSV file, folder or glob with -i");
      }
      return result;
    } catch (IOException e) {
      throw new JobException("The input " + path + " cannot be read: " + e.getMessage(), e);
    }
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

  /** What a task does with the data lines of one split of one file. */
  public interface Lines<T> extends Serializable {
    /**
     * @param file the file
     * @param lines its data lines in this split: byte offset and text (the names row left out)
     */
    Iterator<T> apply(String file, Iterator<Tuple2<Long, String>> lines) throws Exception;
  }

  /** Runs {@code task} on every split of the input. */
  public <T> JavaRDD<T> map(JavaSparkContext sc, Lines<T> task) {
    Configuration conf = new Configuration(sc.hadoopConfiguration());
    if (splitBytes > 0) {
      conf.setLong("mapreduce.input.fileinputformat.split.maxsize", splitBytes);
    }
    @SuppressWarnings("unchecked")
    JavaNewHadoopRDD<LongWritable, Text> raw = (JavaNewHadoopRDD<LongWritable, Text>)
        sc.newAPIHadoopFile(String.join(",", escaped(files)), TextInputFormat.class,
            LongWritable.class, Text.class, conf);
    boolean skipNames = namesRow;
    return raw.mapPartitionsWithInputSplit((split, records) -> {
      String file = ((FileSplit) split).getPath().toString();
      Iterator<Tuple2<Long, String>> lines = new Iterator<>() {
        private Tuple2<Long, String> next = advance();

        private Tuple2<Long, String> advance() {
          while (records.hasNext()) {
            Tuple2<LongWritable, Text> record = records.next();
            long offset = record._1().get();
            String text = record._2().toString();
            if ((offset == 0 && skipNames) || text.isBlank()) {
              continue;
            }
            return new Tuple2<>(offset, text.endsWith("\r") ? text.substring(0, text.length() - 1)
                : text);
          }
          return null;
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public Tuple2<Long, String> next() {
          Tuple2<Long, String> result = next;
          next = advance();
          return result;
        }
      };
      return task.apply(file, lines);
    }, false);
  }

  private static String[] escaped(String[] files) {
    String[] result = new String[files.length];
    for (int i = 0; i < files.length; i++) {
      // a comma separates paths for Hadoop; glob characters are taken literally
      result[i] = files[i].replaceAll("([,{}\\[\\]*?\\\\])", "\\\\$1");
    }
    return result;
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

  private static String abbreviated(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /**
   * Runs an action, turning a task's bad row into a {@link JobException} that names the file and
   * line number (counted on the driver up to the row's byte offset).
   */
  public <T> T run(JavaSparkContext sc, java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) { // Spark's checked SparkException is thrown undeclared from Scala
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BadRowException bad) {
          throw new JobException(bad.file + ", line " + lineNumber(sc, bad.file, bad.offset) + ": "
              + bad.problem, bad);
        }
        if (cause instanceof JobException job) {
          throw job;
        }
      }
      if (e instanceof RuntimeException runtime && !(e.getCause() instanceof SparkException)) {
        throw runtime;
      }
      throw new JobException("The Spark job on " + path + " failed: " + e.getMessage(), e);
    }
  }

  private static long lineNumber(JavaSparkContext sc, String file, long offset) {
    Path p = new Path(file);
    try (InputStream in = p.getFileSystem(sc.hadoopConfiguration()).open(p)) {
      long line = 1;
      byte[] buffer = new byte[1 << 16];
      long read = 0;
      while (read < offset) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, offset - read));
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            line++;
          }
        }
        read += n;
      }
      return line;
    } catch (IOException e) {
      return -1;
    }
  }
}
