package fundamentos.spark;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.UMAP;

/**
 * The UMAP job: the package's UMAP filter fitted on a sample of the rows small enough for the
 * driver, then applied to every row (issue 24). UMAP's fit needs every sampled row's nearest
 * neighbours and a layout of all of them at once, so it runs on one machine; its transform places
 * each new row against the fitted embedding, so it runs partition by partition.
 *
 * <ol>
 *   <li>The header (read from -header, else computed by one pass) gives the rows' attributes.</li>
 *   <li>A uniform sample of -sample rows without replacement (Spark's {@code takeSample}, seeded
 *   with the filter's -S) goes to the driver, where a UMAP filter with the job's options is fitted
 *   on it: the sample's embedding is that filter's, exactly as on one machine.</li>
 *   <li>-model writes that fitted filter (what the single-machine filter serializes to);
 *   -o applies a copy of it to every row in batches ({@link RowBatches#throughFilter}).</li>
 * </ol>
 *
 * <pre>
 * umap -i data.csv [-header h.arff] [-c last] [-sample 10000] [-model umap.model] [-o folder]
 *     [-output-format csv|parquet] [UMAP's options; its -S also seeds the sample]
 * </pre>
 */
public final class UmapJob {

  /** Rows fitted on the driver when -sample is not given. */
  static final int DEFAULT_SAMPLE = 10_000;

  private UmapJob() {
  }

  /** What the job computed: the fitted filter and the sample it was fitted on. */
  record Result(UMAP filter, Instances sample) {
  }

  static Result run(JavaSparkContext sc, String[] options, PrintStream out) {
    JobOptions parsed = new JobOptions(options);
    JobOptions.ModelOptions taken = parsed.modelOptions();
    String sampleOption = parsed.take("sample");
    int sampleSize;
    try {
      sampleSize = sampleOption.isEmpty() ? DEFAULT_SAMPLE : Integer.parseInt(sampleOption);
    } catch (NumberFormatException e) {
      sampleSize = 0;
    }
    if (sampleSize < 2) {
      throw new JobException("-sample must be a number of rows, at least 2, not '" + sampleOption
          + "'");
    }
    UMAP filter = new UMAP();
    try {
      filter.setOptions(parsed.remaining());
    } catch (Exception e) {
      throw new JobException("UMAP's options: " + e.getMessage(), e);
    }
    if (!taken.output().isEmpty()) {
      HadoopFiles.requireAbsent(sc, taken.output());
    }
    DataInput input = parsed.open(sc);
    Instances header = HeaderJob.forInput(sc, input, taken.header()).header;
    PcaJob.setClass(header, taken.classIndex());

    JavaRDD<double[]> rows = input.rows(sc, header, part -> part);
    int wanted = sampleSize;
    List<double[]> drawn = input.run(sc, () -> rows.takeSample(false, wanted,
        filter.getSeed()));
    if (drawn.size() < 2) {
      throw new JobException("The input " + input.path + " has " + drawn.size() + " data rows: "
          + "UMAP needs at least 2");
    }
    Instances sample = new Instances(header, drawn.size());
    for (double[] values : drawn) {
      sample.add(new DenseInstance(1.0, values));
    }
    try {
      filter.setInputFormat(sample);
      Filter.useFilter(sample, filter);
    } catch (Exception e) {
      throw new JobException("UMAP could not be fitted on the sample of " + sample.numInstances()
          + " rows: " + e.getMessage(), e);
    }
    out.println(filter);
    if (!taken.model().isEmpty()) {
      HadoopFiles.write(sc, taken.model(), "model",
          stream -> SerializationHelper.write(stream, filter));
      out.println("UMAP filter fitted on " + sample.numInstances() + " sampled rows written to "
          + taken.model());
    }
    String output = taken.output();
    if (!output.isEmpty()) {
      JobOutput.write(sc, input, RowBatches.throughFilter(sc, input, header, filter, "UMAP"),
          filter.getOutputFormat(), output, taken.outputFormat());
      out.println("Every row transformed into " + output + " (" + taken.outputFormat()
          + " part files, header in " + output + "/_header.arff)");
    }
    return new Result(filter, sample);
  }
}
