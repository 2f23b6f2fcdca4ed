package fundamentos.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import weka.core.Utils;

/** The options every job reads its input with, parsed Weka's way (Utils.getOption). */
final class JobOptions {

  final String input;
  /** -format: csv, arff or parquet; empty: by the files' extension. */
  final String inputFormat;
  final CsvFormat format;
  final boolean namesRow;
  /** Whether a CSV-only option (-F, -missing, -no-names) was given. */
  final boolean csvOptions;
  final int partitions;
  private final String[] rest;

  JobOptions(String[] options) {
    rest = options.clone();
    try {
      input = Utils.getOption('i', rest);
      inputFormat = Utils.getOption("format", rest);
      String separator = Utils.getOption('F', rest);
      String missing = Utils.getOption("missing", rest);
      namesRow = !Utils.getFlag("no-names", rest);
      csvOptions = !separator.isEmpty() || !missing.isEmpty() || !namesRow;
      String count = Utils.getOption("partitions", rest);
      partitions = count.isEmpty() ? 0 : Integer.parseInt(count);
      if (separator.length() > 1 && !separator.equals("\\t")) {
        throw new JobException("-F takes one character, not '" + separator + "'");
      }
      char sep = separator.isEmpty() ? ',' : separator.equals("\\t") ? '\t' : separator.charAt(0);
      format = new CsvFormat(sep, missing.isEmpty() ? "?" : missing);
    } catch (JobException e) {
      throw e;
    } catch (Exception e) {
      throw new JobException("Bad option: " + e.getMessage(), e);
    }
    if (input.isEmpty()) {
      throw new JobException("No input: give the CSV, ARFF or Parquet file, folder or glob with -i");
    }
    if (partitions < 0) {
      throw new JobException("-partitions must be 0 (Hadoop's split size) or more, not "
          + partitions);
    }
  }

  /**
   * The options of a job that reads a model or writes one and writes rows: -header, -model, -o,
   * -c and -output-format (each empty when absent; the output format checked).
   */
  record ModelOptions(String header, String model, String output, String classIndex,
      String outputFormat) {
  }

  /** Takes the options of {@link ModelOptions}. */
  ModelOptions modelOptions() {
    return new ModelOptions(take("header"), take("model"), take("o"), take("c"),
        JobOutput.format(take("output-format")));
  }

  /** Takes a string option (empty when absent). */
  String take(String name) {
    try {
      return Utils.getOption(name, rest);
    } catch (Exception e) {
      throw new JobException("Bad option -" + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Takes a whole-number option of at least {@code least} ({@code otherwise} when absent), refusing
   * anything else as "-name must be what, at least least, not 'text'".
   */
  int takeAtLeast(String name, int otherwise, int least, String what) {
    String text = take(name);
    if (text.isEmpty()) {
      return otherwise;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= least) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new JobException("-" + name + " must be " + what + ", at least " + least + ", not '"
        + text + "'");
  }

  /** Takes a flag (whether it was given). */
  boolean flag(String name) {
    try {
      return Utils.getFlag(name, rest);
    } catch (Exception e) {
      throw new JobException("Bad option -" + name + ": " + e.getMessage(), e);
    }
  }

  /** The options not taken yet. */
  String[] remaining() {
    List<String> left = new ArrayList<>();
    for (String option : rest) {
      if (!option.isEmpty()) {
        left.add(option);
      }
    }
    return left.toArray(new String[0]);
  }

  /** Refuses options left over. */
  void requireNoneLeft(String job) {
    String[] left = remaining();
    if (left.length > 0) {
      throw new JobException("The " + job + " job does not know the option(s) "
          + Arrays.toString(left) + "; " + SparkJobs.USAGE);
    }
  }

  /** The input in its format (-format, else the files' extension). */
  DataInput open(org.apache.spark.api.java.JavaSparkContext sc) {
    return DataInput.open(sc, this);
  }
}
