package fundamentos.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * The input of every job, whatever its format (CSV, ARFF, Parquet) and wherever Spark reads it (a
 * local path, hdfs://, s3a://; a file, a folder of part files or a glob): its attribute names,
 * one pass of per-column summaries for the header job, and its rows as Weka values (double[],
 * nominal values as their index, missing as NaN) under a header the job gives. The jobs see only
 * this; {@link #open} picks the format from -format or the files' extension. A task's
 * {@link BadRowException} comes back from {@link #run} as a {@link JobException} naming the file
 * and the line (or row) number.
 */
public abstract class DataInput implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The formats, as -format names them. */
  static final List<String> FORMATS = List.of("csv", "arff", "parquet");

  /** The input as given (-i). */
  final String path;
  /** Its data files, sorted by name. */
  final String[] files;
  /** Their size in all. */
  final long bytes;

  DataInput(JavaSparkContext sc, String path) {
    this.path = path;
    List<FileStatus> inputs = list(sc.hadoopConfiguration(), path);
    files = new String[inputs.size()];
    long size = 0;
    for (int i = 0; i < files.length; i++) {
      files[i] = inputs.get(i).getPath().toString();
      size += inputs.get(i).getLen();
    }
    bytes = size;
    Arrays.sort(files);
  }

  /** Opens the input of a job's options in its format (-format, else the files' extension). */
  static DataInput open(JavaSparkContext sc, JobOptions options) {
    String format = options.inputFormat.isEmpty() ? formatOf(sc, options.input)
        : options.inputFormat.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new JobException("-format must be one of " + FORMATS + ", not '"
          + options.inputFormat + "'");
    }
    if (options.csvOptions && !format.equals("csv")) {
      throw new JobException("-F, -missing and -no-names are options of CSV input, but "
          + options.input + " is read as " + format + (options.inputFormat.isEmpty()
          ? " (by its extension)" : "") + ": leave them out, or give -format csv");
    }
    return switch (format) {
      case "csv" -> new CsvInput(sc, options.input, options.format, options.namesRow,
          options.partitions);
      case "arff" -> new ArffInput(sc, options.input, options.partitions);
      default -> new ParquetInput(sc, options.input, options.partitions);
    };
  }

  /** The format the files' names say: .arff, .parquet, else CSV. */
  private static String formatOf(JavaSparkContext sc, String path) {
    List<FileStatus> inputs = list(sc.hadoopConfiguration(), path);
    String first = inputs.get(0).getPath().getName().toLowerCase(Locale.ROOT);
    for (String format : List.of("arff", "parquet")) {
      if (first.endsWith("." + format)) {
        return format;
      }
    }
    return "csv";
  }

  /** The attribute names, in column order. */
  abstract List<String> names();

  /** The driver's Spark session (the launcher's), for Spark SQL's readers and writers. */
  static SparkSession session(JavaSparkContext sc) {
    scala.Option<SparkSession> active = SparkSession.getActiveSession();
    if (active.isDefined()) {
      return active.get();
    }
    scala.Option<SparkSession> created = SparkSession.getDefaultSession();
    return created.isDefined() ? created.get()
        : SparkSession.builder().config(sc.getConf()).getOrCreate();
  }

  /** The header the input declares itself (ARFF's), or null when a pass must find the types. */
  Instances declaredHeader() {
    return null;
  }

  /** What a message adds after the names the input gives (CSV: " (-no-names)"). */
  String namesNote() {
    return "";
  }

  /** The relation's name the header job gives by default: the input's, or its file's name. */
  String relationName() {
    return new Path(path).getName().replaceFirst("\\.(csv|arff|parquet)$", "");
  }

  /**
   * One pass: each partition summarises its columns (type, statistics, distinct values in order
   * of first appearance), the summaries merged pairwise on the way to the driver.
   */
  abstract ColumnSummary[] summarise(JavaSparkContext sc);

  /** What a task does with its partition's rows. */
  public interface Rows<T> extends Serializable {
    /** @param rows the partition's rows as Weka values under the job's header, in input order */
    Iterator<T> apply(Iterator<double[]> rows) throws Exception;
  }

  /**
   * Runs {@code task} on every partition's rows, read under {@code header} (the attributes of
   * {@link #names}, in order; nominal values by their index in it). Columns whose type cannot be
   * read as the header's are refused here, on the driver, by name.
   */
  <T> JavaRDD<T> rows(JavaSparkContext sc, Instances header, Rows<T> task) {
    return rows(sc, header, null, task);
  }

  /** A job's own check of each row, made where the row is read so that its place can be named. */
  public interface RowCheck extends Serializable {
    /** @return what is wrong with the row (a sentence), or null when nothing is */
    String problem(double[] values);
  }

  /**
   * As {@link #rows(JavaSparkContext, Instances, Rows)}, each row first passed to {@code check}
   * (null: none): a row it finds wrong fails the job with the check's sentence and the row's file
   * and line (or row) number.
   */
  abstract <T> JavaRDD<T> rows(JavaSparkContext sc, Instances header, RowCheck check,
      Rows<T> task);

  /** Refuses a header whose attributes are not the input's, naming both. */
  void requireNames(Instances header, String whose) {
    List<String> names = PcaJob.names(header);
    if (!names().equals(names)) {
      throw new JobException(whose + " the attributes " + names + ", but " + path + " has "
          + names() + namesNote() + ": give data with those attributes");
    }
  }

  /** A Weka value's attribute type, as messages name it. */
  static String typeName(Attribute attribute) {
    return Attribute.typeToString(attribute);
  }

  static List<FileStatus> list(Configuration conf, String path) {
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
            + "data files): give an existing CSV, ARFF or Parquet file, folder or glob with -i");
      }
      return result;
    } catch (IOException e) {
      throw new JobException("The input " + path + " cannot be read: " + e.getMessage(), e);
    }
  }

  static String abbreviated(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /**
   * Runs an action, turning a task's bad row into a {@link JobException} that names the file and
   * line number (counted on the driver up to the row's byte offset) or row number.
   */
  public <T> T run(JavaSparkContext sc, Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) { // Spark's checked SparkException is thrown undeclared from Scala
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BadRowException bad) {
          String where = bad.row >= 0 ? "row " + (bad.row + 1)
              : "line " + lineNumber(sc, bad.file, bad.offset);
          throw new JobException(bad.file + ", " + where + ": " + bad.problem, bad);
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
