package fundamentos.spark;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The header job, as distributedWekaSpark's: one distributed pass over the input gives each
 * attribute's type (CSV: numeric when every value present is a number, else nominal with its
 * values in the order of first appearance, as Weka's CSVLoader; ARFF: its header's; Parquet: its
 * columns' types, strings and booleans nominal in order of first appearance) and summary
 * statistics, written as an ARFF header
 * ({@link HeaderStatistics}) that the other jobs read.
 *
 * <pre>
 * header -i data.csv -o data-header.arff [-format csv|arff|parquet] [-F ,] [-missing ?] [-no-names]
 *     [-partitions n] [-relation name]
 * </pre>
 */
public final class HeaderJob {

  private HeaderJob() {
  }

  /** Runs the job with its command-line options. */
  static HeaderStatistics run(JavaSparkContext sc, String[] options, PrintStream out) {
    JobOptions parsed = new JobOptions(options);
    String output = parsed.take("o");
    String relation = parsed.take("relation");
    parsed.requireNoneLeft("header");
    if (output.isEmpty()) {
      throw new JobException("No output: give the ARFF header file to write with -o");
    }
    HeaderStatistics statistics = compute(sc, parsed.open(sc), relation);
    HadoopFiles.write(sc, output, "header", statistics.toArff().getBytes(StandardCharsets.UTF_8));
    out.println("Header of " + statistics.header.numAttributes() + " attributes written to "
        + output);
    return statistics;
  }

  /**
   * The header and statistics of the input in one pass: each partition summarises its rows, the
   * summaries are merged in partition order on the way to the driver ({@link PartitionOrder}); a
   * CSV column of numbers and texts takes a second pass over that column ({@link ColumnSummary}).
   *
   * @param relation the relation's name (empty: the input's)
   */
  static HeaderStatistics compute(JavaSparkContext sc, DataInput input, String relation) {
    ColumnSummary[] all = input.summarise(sc);
    return HeaderStatistics.of(relation.isEmpty() ? input.relationName() : relation,
        input.names(), all, input.declaredHeader());
  }

  /**
   * The header and statistics of a job's input: read from {@code headerFile} (the header job's
   * output), or computed by one pass when none is given; refused when its attributes are not the
   * input's.
   */
  static HeaderStatistics forInput(JavaSparkContext sc, DataInput input, String headerFile) {
    HeaderStatistics statistics = headerFile.isEmpty() ? compute(sc, input, "")
        : HeaderStatistics.parse(new String(HadoopFiles.read(sc, headerFile, "header"),
            StandardCharsets.UTF_8), headerFile);
    input.requireNames(statistics.header, "The header " + headerFile + " has");
    return statistics;
  }
}
