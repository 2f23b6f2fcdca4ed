package fundamentos.spark;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The header job, as distributedWekaSpark's: one distributed pass over CSV gives each attribute's
 * type (numeric when every value present is a number, else nominal with its values in the order
 * of first appearance, as Weka's CSVLoader) and summary statistics, written as an ARFF header
 * ({@link HeaderStatistics}) that the other jobs read.
 *
 * <pre>
 * header -i data.csv -o data-header.arff [-F ,] [-missing ?] [-no-names] [-partitions n] [-relation name]
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
   * The header and statistics of the input in one pass: each partition summarises its lines,
   * the summaries are merged pairwise on the way to the driver. A second pass reads the columns
   * of numbers and texts, if any (see {@link ColumnSummary}).
   *
   * @param relation the relation's name (empty: the input's file name)
   */
  static HeaderStatistics compute(JavaSparkContext sc, CsvInput input, String relation) {
    int width = input.width();
    CsvFormat format = input.format;
    JavaRDD<ColumnSummary[]> parts = input.map(sc, (file, lines) -> {
      ColumnSummary[] columns = empty(width);
      while (lines.hasNext()) {
        var line = lines.next();
        List<String> fields = input.fields(file, line._1(), line._2());
        for (int a = 0; a < width; a++) {
          columns[a].add(fields.get(a), format, file, line._1());
        }
      }
      return Collections.singletonList(columns).iterator();
    });
    ColumnSummary[] all = input.run(sc, () -> PartitionOrder.reduce(parts, HeaderJob::merge));
    int[] mixed = IntStream.range(0, width).filter(a -> all[a].mixed()).toArray();
    if (mixed.length > 0) {
      // columns of numbers and texts are nominal with the numbers among their values: a second
      // pass over these columns alone lists every text in the order of first appearance
      JavaRDD<ColumnSummary[]> texts = input.map(sc, (file, lines) -> {
        ColumnSummary[] columns = empty(mixed.length);
        while (lines.hasNext()) {
          var line = lines.next();
          List<String> fields = input.fields(file, line._1(), line._2());
          for (int m = 0; m < mixed.length; m++) {
            columns[m].addText(fields.get(mixed[m]), format, file, line._1());
          }
        }
        return Collections.singletonList(columns).iterator();
      });
      ColumnSummary[] found = input.run(sc, () -> PartitionOrder.reduce(texts, HeaderJob::merge));
      for (int m = 0; m < mixed.length; m++) {
        all[mixed[m]].takeTexts(found[m]);
      }
    }
    String name = relation.isEmpty() ? new org.apache.hadoop.fs.Path(input.path).getName()
        .replaceFirst("\\.csv$", "") : relation;
    return HeaderStatistics.of(name, input.names, all);
  }

  /**
   * The header and statistics of a job's input: read from {@code headerFile} (the header job's
   * output), or computed by one pass when none is given; refused when its attributes are not the
   * ones the input's first line names.
   */
  static HeaderStatistics forInput(JavaSparkContext sc, CsvInput input, String headerFile) {
    HeaderStatistics statistics = headerFile.isEmpty() ? compute(sc, input, "")
        : HeaderStatistics.parse(new String(HadoopFiles.read(sc, headerFile, "header"),
            java.nio.charset.StandardCharsets.UTF_8), headerFile);
    java.util.List<String> names = PcaJob.names(statistics.header);
    if (!input.names.equals(names)) {
      throw new JobException("The header " + headerFile + " has the attributes " + names
          + ", but the first line of " + input.path + " names " + input.names
          + (input.namesRow ? "" : " (-no-names)") + ": give the header of this data");
    }
    return statistics;
  }

  private static ColumnSummary[] empty(int width) {
    ColumnSummary[] columns = new ColumnSummary[width];
    for (int a = 0; a < width; a++) {
      columns[a] = new ColumnSummary();
    }
    return columns;
  }

  private static ColumnSummary[] merge(ColumnSummary[] a, ColumnSummary[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i].merge(b[i]);
    }
    return a;
  }
}
