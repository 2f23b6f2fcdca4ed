package fundamentos.spark;

import fundamentos.pca.CovarianceAccumulator;
import fundamentos.pca.PcaModel;
import fundamentos.pca.PcaSolver;
import fundamentos.pca.PrincipalComponentAnalysis;
import fundamentos.weka.InstancesEncoder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.filters.unsupervised.attribute.PCA;

/**
 * The PCA job: the package's PCA filter fitted on data too large for one machine, and applied to
 * all of it.
 *
 * <ol>
 *   <li>The header and statistics (read from -header, else computed by one pass) give the
 *   encoding the filter uses: one-hot nominal attributes, missing values replaced by the
 *   attribute's mean (or its values' frequencies).</li>
 *   <li>One pass: each partition sums its encoded rows into a {@link CovarianceAccumulator}; the
 *   parts are merged pairwise (Chan et al.) on the way to the driver.</li>
 *   <li>The driver decomposes the d x d covariance (or correlation) matrix with the package's
 *   solver ({@link PrincipalComponentAnalysis#fit(CovarianceAccumulator)}) and sets the result as
 *   the fit of a PCA filter with the same options ({@link PCA#setFittedModel}): -model writes that
 *   filter, the file the single-machine filter serializes to.</li>
 *   <li>-o: a second pass transforms every row with a copy of that filter in each partition
 *   (scores, or with -reconstruct the reconstruction, with -reconstruction-error its error),
 *   written as CSV or Parquet part files ({@link JobOutput}) with the output's ARFF header as
 *   _header.arff beside them.</li>
 * </ol>
 *
 * <pre>
 * pca -i data.csv [-header h.arff] [-c last] [-model pca.model] [-o scores/]
 *     [-output-format csv|parquet] [PCA's options]
 * </pre>
 */
public final class PcaJob {

  private PcaJob() {
  }

  /** What the job computed. */
  record Result(PCA filter, long rows, HeaderStatistics header) {
  }

  static Result run(JavaSparkContext sc, String[] options, PrintStream out) {
    JobOptions parsed = new JobOptions(options);
    JobOptions.ModelOptions taken = parsed.modelOptions();
    String headerFile = taken.header();
    String modelFile = taken.model();
    String output = taken.output();
    String classIndex = taken.classIndex();
    String outputFormat = taken.outputFormat();
    PCA filter = new PCA();
    try {
      filter.setOptions(parsed.remaining());
    } catch (Exception e) {
      throw new JobException("PCA's options: " + e.getMessage(), e);
    }
    if (!filter.getEigenImagesFile().getPath().isEmpty()) {
      throw new JobException("-eigen-images is not available in the PCA job: apply the saved "
          + "model with Weka to draw them");
    }
    if (!output.isEmpty()) {
      HadoopFiles.requireAbsent(sc, output);
    }
    DataInput input = parsed.open(sc);
    HeaderStatistics statistics = HeaderJob.forInput(sc, input, headerFile);
    Instances header = statistics.header;
    setClass(header, classIndex);
    InstancesEncoder encoder = encoder(statistics);
    int d = encoder.numColumns();
    if (d == 0) {
      throw new JobException("PCA needs at least one attribute besides the class");
    }

    JavaRDD<CovarianceAccumulator> parts = input.rows(sc, header, rows -> {
      CovarianceAccumulator sums = new CovarianceAccumulator(d);
      Instances batch = new Instances(header, RowBatches.SIZE);
      double[] row = new double[d];
      while (rows.hasNext()) {
        batch.add(new DenseInstance(1.0, rows.next()));
        if (batch.numInstances() == RowBatches.SIZE || !rows.hasNext()) {
          for (int i = 0; i < batch.numInstances(); i++) {
            encoder.encode(batch, i, row, 0);
            sums.add(row);
          }
          batch.delete();
        }
      }
      return Collections.singletonList(sums).iterator();
    });
    CovarianceAccumulator moments = input.run(sc, () -> PartitionOrder.reduce(parts,
        CovarianceAccumulator::merge));
    if (moments.rows() == 0) {
      throw new JobException("The input " + input.path + " has no data rows: PCA needs at least one");
    }
    PcaModel model;
    try {
      model = new PrincipalComponentAnalysis().standardise(!filter.getCenterData())
          .varianceCovered(filter.getVarianceCovered())
          .maxComponents(filter.getMaximumAttributes()).solver(PcaSolver.COVARIANCE)
          .whiten(filter.getWhiten()).fit(moments);
      filter.setFittedModel(header, encoder, model);
    } catch (JobException e) {
      throw e;
    } catch (Exception e) {
      throw new JobException("PCA could not be fitted: " + e.getMessage(), e);
    }
    out.println(filter);
    if (!modelFile.isEmpty()) {
      HadoopFiles.write(sc, modelFile, "model", stream -> SerializationHelper.write(stream, filter));
      out.println("Fitted PCA filter written to " + modelFile);
    }
    if (!output.isEmpty()) {
      transform(sc, input, header, filter, output, outputFormat);
      out.println(moments.rows() + " rows transformed into " + output + " (" + outputFormat
          + " part files, header in " + output + "/_header.arff)");
    }
    return new Result(filter, moments.rows(), statistics);
  }

  static List<String> names(Instances header) {
    List<String> names = new ArrayList<>();
    for (int a = 0; a < header.numAttributes(); a++) {
      names.add(header.attribute(a).name());
    }
    return names;
  }

  /** -c: first, last or a 1-based index; none when absent. */
  static void setClass(Instances header, String option) {
    if (option.isEmpty()) {
      return;
    }
    int index;
    if (option.equalsIgnoreCase("first")) {
      index = 0;
    } else if (option.equalsIgnoreCase("last")) {
      index = header.numAttributes() - 1;
    } else {
      try {
        index = Integer.parseInt(option) - 1;
      } catch (NumberFormatException e) {
        index = -2;
      }
    }
    if (index < 0 || index >= header.numAttributes()) {
      throw new JobException("-c must be first, last or an attribute number from 1 to "
          + header.numAttributes() + ", not '" + option + "'");
    }
    header.setClassIndex(index);
  }

  /** The filter's raw encoding, from the header's statistics. */
  static InstancesEncoder encoder(HeaderStatistics statistics) {
    Instances header = statistics.header;
    double[] means = new double[header.numAttributes()];
    double[][] counts = new double[header.numAttributes()][];
    for (int a = 0; a < means.length; a++) {
      means[a] = statistics.count[a] > 0 && statistics.valueCounts[a] == null
          ? statistics.mean[a] : 0;
      if (statistics.valueCounts[a] != null) {
        counts[a] = new double[statistics.valueCounts[a].length];
        for (int v = 0; v < counts[a].length; v++) {
          counts[a][v] = statistics.valueCounts[a][v];
        }
      }
    }
    try {
      return InstancesEncoder.fromStatistics(header, true, means, counts);
    } catch (Exception e) {
      throw new JobException(e.getMessage(), e);
    }
  }

  /** The second pass: every row through a copy of the fitted filter, written out. */
  private static void transform(JavaSparkContext sc, DataInput input, Instances header, PCA filter,
      String output, String format) {
    JobOutput.write(sc, input, RowBatches.throughFilter(sc, input, header, filter, "PCA"),
        filter.getOutputFormat(), output, format);
  }
}
