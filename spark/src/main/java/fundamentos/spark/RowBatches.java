package fundamentos.spark;

import fundamentos.weka.FirstBatchFilter;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.filters.Filter;

/**
 * A partition's rows read in batches of instances under a header, each batch turned into output
 * rows (Weka values under the output's header) by a step (a filter, a classifier, a clusterer): the
 * output of the jobs that apply a model to every row, lazily, so a partition never holds more than
 * one batch.
 */
final class RowBatches implements Iterator<double[]> {

  /** Rows a partition hands to its model at a time. */
  static final int SIZE = 4096;

  /** What a batch becomes. */
  interface Step {
    List<double[]> apply(Instances batch) throws Exception;
  }

  private final Iterator<double[]> rows;
  private final Instances header;
  private final Step step;
  private final String what;
  private final List<double[]> ready = new ArrayList<>();
  private int next;

  /**
   * @param what the model, as the error message names it ("PCA", "The model of m.model")
   */
  RowBatches(Iterator<double[]> rows, Instances header, String what, Step step) {
    this.rows = rows;
    this.header = header;
    this.what = what;
    this.step = step;
  }

  @Override
  public boolean hasNext() {
    while (next == ready.size()) {
      ready.clear();
      next = 0;
      Instances batch = new Instances(header, SIZE);
      while (rows.hasNext() && batch.numInstances() < SIZE) {
        batch.add(new DenseInstance(1.0, rows.next()));
      }
      if (batch.numInstances() == 0) {
        return false;
      }
      try {
        ready.addAll(step.apply(batch));
      } catch (JobException e) {
        throw e;
      } catch (Exception e) {
        throw new JobException(what + " could not be applied to rows: " + e.getMessage(), e);
      }
    }
    return true;
  }

  @Override
  public double[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.get(next++);
  }

  /** A batch through a fitted filter: its output rows. */
  static List<double[]> filtered(Filter filter, Instances batch) throws Exception {
    if (filter instanceof FirstBatchFilter fitted && fitted.isFirstBatchDone()) {
      // the package's PCA and UMAP: the whole batch in one model call, not one call per row
      List<double[]> rows = new ArrayList<>(batch.numInstances());
      for (Instance result : fitted.transformBatch(batch)) {
        rows.add(result.toDoubleArray());
      }
      return rows;
    }
    for (Instance instance : batch) {
      filter.input(instance);
    }
    filter.batchFinished();
    List<double[]> rows = new ArrayList<>();
    Instance result;
    while ((result = filter.output()) != null) {
      rows.add(result.toDoubleArray());
    }
    return rows;
  }

  /**
   * Every row of the input through a copy of a fitted filter (the file's bytes broadcast once,
   * read back in each partition), in batches: the rows a job writes after fitting on the driver.
   *
   * @param what the filter, as an error names it ("PCA")
   */
  static JavaRDD<double[]> throughFilter(JavaSparkContext sc, DataInput input, Instances header,
      Filter filter, String what) {
    byte[] serialized = HadoopFiles.bytes(stream -> SerializationHelper.write(stream, filter));
    Broadcast<byte[]> shared = sc.broadcast(serialized);
    return input.rows(sc, header, part -> {
      Filter copy = (Filter) SerializationHelper.read(new ByteArrayInputStream(shared.value()));
      return new RowBatches(part, header, what, batch -> filtered(copy, batch));
    });
  }
}
