package fundamentos.spark;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import weka.classifiers.Classifier;
import weka.clusterers.Clusterer;
import weka.core.Attribute;
import weka.core.BatchPredictor;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.filters.Filter;

/**
 * The score job: a saved Weka model applied to every row, partition by partition, as distributed
 * Weka's scoring job did. The model is what Weka saves: a classifier or clusterer written by
 * {@code weka.Run -d} or the Explorer's "Save model" (the model and its training header), or a
 * fitted filter (the PCA job's {@code -model}); the package's schemes and Weka's own alike. Each
 * partition reads its own copy of the model (a broadcast of the file's bytes) and hands it batches
 * of rows ({@link RowBatches}), so what a row gets is what Weka computes for that row on one
 * machine.
 *
 * <ul>
 *   <li>classifier: the prediction (the class value, or the number for a numeric class) and, for
 *   a nominal class, the probability of each class value ({@code distributionForInstance});</li>
 *   <li>clusterer: the cluster (the most probable one) and the probability of each cluster; a
 *   row no cluster takes (the clusterer refuses it, as DBSCAN refuses noise, which Weka's
 *   ClusterEvaluation counts as unclustered) is '?' throughout;</li>
 *   <li>filter: the filtered rows.</li>
 * </ul>
 *
 * <pre>
 * score -i data.csv -model m.model -o out/ [-output-format csv|parquet] [-header h.arff] [-c last]
 * </pre>
 *
 * The rows are read under the model's training header (value order of nominal attributes
 * included); {@code -header} (and {@code -c}) serve a model file that carries none.
 */
public final class ScoreJob {

  private ScoreJob() {
  }

  /** What the job wrote: the header of its output rows. */
  record Result(Object model, Instances output) {
  }

  static Result run(JavaSparkContext sc, String[] options, PrintStream out) {
    JobOptions parsed = new JobOptions(options);
    String modelFile = parsed.take("model");
    String output = parsed.take("o");
    String headerFile = parsed.take("header");
    String classIndex = parsed.take("c");
    String outputFormat = JobOutput.format(parsed.take("output-format"));
    parsed.requireNoneLeft("score");
    if (modelFile.isEmpty()) {
      throw new JobException("No model: give the saved classifier, clusterer or fitted filter "
          + "with -model (weka.Run -d, the Explorer's Save model, the PCA job's -model)");
    }
    if (output.isEmpty()) {
      throw new JobException("No output: give the folder to write the results to with -o");
    }
    HadoopFiles.requireAbsent(sc, output);
    byte[] bytes = HadoopFiles.read(sc, modelFile, "model");
    Object[] objects;
    try {
      objects = SerializationHelper.readAll(new ByteArrayInputStream(bytes));
    } catch (Exception e) {
      throw new JobException("The model file " + modelFile + " cannot be read as a saved Weka "
          + "model: " + e.getMessage(), e);
    }
    Object model = objects.length > 0 ? objects[0] : null;
    if (!(model instanceof Classifier || model instanceof Clusterer || model instanceof Filter)) {
      throw new JobException("The model file " + modelFile + " holds "
          + (model == null ? "nothing" : "a " + model.getClass().getName())
          + ", not a Weka classifier, clusterer or filter");
    }
    Instances header = trainingHeader(model, objects);
    if (header == null) {
      if (headerFile.isEmpty()) {
        throw new JobException("The model file " + modelFile + " carries no training header: "
            + "give the data's ARFF header with -header (and the class with -c)");
      }
      header = HeaderStatistics.parse(new String(HadoopFiles.read(sc, headerFile, "header"),
          StandardCharsets.UTF_8), headerFile).header;
      PcaJob.setClass(header, classIndex);
    }
    DataInput input = parsed.open(sc);
    input.requireNames(header, "The model was trained on");
    Instances outputHeader = outputHeader(model, header);
    Instances rowsHeader = header;
    Broadcast<byte[]> shared = sc.broadcast(bytes);
    JavaRDD<double[]> rows = input.rows(sc, rowsHeader, part -> {
      Object copy = SerializationHelper.readAll(new ByteArrayInputStream(shared.value()))[0];
      return new RowBatches(part, rowsHeader, "The model of " + modelFile,
          batch -> scored(copy, batch));
    });
    JobOutput.write(sc, input, rows, outputHeader, output, outputFormat);
    out.println("Rows of " + input.path + " scored by the " + model.getClass().getSimpleName()
        + " of " + modelFile + " into " + output + " (" + outputFormat + " part files, header in "
        + output + "/_header.arff)");
    return new Result(model, outputHeader);
  }

  /** The header a model was trained on: saved beside it, or a filter's input format. */
  private static Instances trainingHeader(Object model, Object[] objects) {
    if (objects.length > 1 && objects[1] instanceof Instances saved) {
      return new Instances(saved, 0);
    }
    if (model instanceof Filter filter) {
      return filter.getCopyOfInputFormat();
    }
    return null;
  }

  /** The header of the job's output rows. */
  static Instances outputHeader(Object model, Instances header) {
    if (model instanceof Filter filter) {
      return new Instances(filter.getOutputFormat(), 0);
    }
    ArrayList<Attribute> attributes = new ArrayList<>();
    if (model instanceof Classifier) {
      if (header.classIndex() < 0) {
        throw new JobException("The classifier's header has no class attribute: give it with -c");
      }
      Attribute target = header.classAttribute();
      attributes.add(target.isNominal() ? target.copy("predicted") : new Attribute("predicted"));
      if (target.isNominal()) {
        for (int v = 0; v < target.numValues(); v++) {
          attributes.add(new Attribute("p(" + target.value(v) + ")"));
        }
      }
      return new Instances("predictions", attributes, 0);
    }
    int clusters;
    try {
      clusters = ((Clusterer) model).numberOfClusters();
    } catch (Exception e) {
      throw new JobException("The clusterer cannot say its number of clusters: " + e.getMessage(),
          e);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < clusters; c++) {
      names.add("cluster" + c);
    }
    attributes.add(new Attribute("cluster", names));
    for (int c = 0; c < clusters; c++) {
      attributes.add(new Attribute("p(cluster" + c + ")"));
    }
    return new Instances("clusters", attributes, 0);
  }

  /**
   * One batch's output rows: a classifier's prediction (the class value's index, or the number)
   * then its class probabilities; a clusterer's cluster then its probabilities, missing (NaN)
   * throughout for a row no cluster takes; a filter's output.
   */
  static List<double[]> scored(Object model, Instances batch) throws Exception {
    if (model instanceof Filter filter) {
      return RowBatches.filtered(filter, batch);
    }
    List<double[]> rows = new ArrayList<>(batch.numInstances());
    if (model instanceof Classifier classifier) {
      boolean nominal = batch.classAttribute().isNominal();
      double[][] distributions = classifier instanceof BatchPredictor batchPredictor
          && batchPredictor.implementsMoreEfficientBatchPrediction()
          ? batchPredictor.distributionsForInstances(batch) : null;
      for (int i = 0; i < batch.numInstances(); i++) {
        Instance row = batch.instance(i);
        if (!nominal) {
          rows.add(new double[] {distributions != null ? distributions[i][0]
              : classifier.classifyInstance(row)});
          continue;
        }
        double[] p = distributions != null ? distributions[i]
            : classifier.distributionForInstance(row);
        rows.add(row(p));
      }
      return rows;
    }
    Clusterer clusterer = (Clusterer) model;
    int clusters = clusterer.numberOfClusters();
    for (Instance row : batch) {
      double[] p;
      try {
        p = clusterer.distributionForInstance(row);
      } catch (Exception e) {
        // Weka's convention for a row no cluster takes (DBSCAN's noise): the clusterer throws,
        // and ClusterEvaluation counts the row as unclustered; here it is '?' throughout
        double[] unclustered = new double[clusters + 1];
        java.util.Arrays.fill(unclustered, Utils.missingValue());
        rows.add(unclustered);
        continue;
      }
      rows.add(row(p));
    }
    return rows;
  }

  /** The most probable value's index (missing when no probability is positive), then p. */
  private static double[] row(double[] probabilities) {
    double[] row = new double[probabilities.length + 1];
    row[0] = Utils.sum(probabilities) > 0 ? Utils.maxIndex(probabilities) : Utils.missingValue();
    System.arraycopy(probabilities, 0, row, 1, probabilities.length);
    return row;
  }
}
