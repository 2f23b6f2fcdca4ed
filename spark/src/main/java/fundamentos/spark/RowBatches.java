package fundamentos.spark;

import fundamentos.weka.FirstBatchFilter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import scala.Tuple2;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.filters.Filter;

/**
 * A partition's data lines read in batches of instances under a header, each batch turned into
 * output lines by a step (a filter, a classifier, a clusterer): the output of the jobs that apply
 * a model to every row, lazily, so a partition never holds more than one batch.
 */
final class RowBatches implements Iterator<String> {

  /** Rows a partition hands to its model at a time. */
  static final int SIZE = 4096;

  /** What a batch becomes. */
  interface Step {
    List<String> apply(Instances batch) throws Exception;
  }

  private final CsvInput input;
  private final Instances header;
  private final String file;
  private final Iterator<Tuple2<Long, String>> lines;
  private final Step step;
  private final String what;
  private final List<String> ready = new ArrayList<>();
  private int next;

  /**
   * @param what the model, as the error message names it ("PCA", "the classifier")
   */
  RowBatches(CsvInput input, Instances header, String file, Iterator<Tuple2<Long, String>> lines,
      String what, Step step) {
    this.input = input;
    this.header = header;
    this.file = file;
    this.lines = lines;
    this.what = what;
    this.step = step;
  }

  @Override
  public boolean hasNext() {
    while (next == ready.size()) {
      ready.clear();
      next = 0;
      Instances batch = new Instances(header, SIZE);
      while (lines.hasNext() && batch.numInstances() < SIZE) {
        Tuple2<Long, String> line = lines.next();
        batch.add(new DenseInstance(1.0, input.values(header, file, line._1(), line._2())));
      }
      if (batch.numInstances() == 0) {
        return false;
      }
      try {
        ready.addAll(step.apply(batch));
      } catch (JobException e) {
        throw e;
      } catch (Exception e) {
        throw new JobException(what + " could not be applied to rows of " + file + ": "
            + e.getMessage(), e);
      }
    }
    return true;
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.get(next++);
  }

  /** A batch through a fitted filter, its output rows as CSV lines. */
  static List<String> filtered(Filter filter, Instances batch) throws Exception {
    if (filter instanceof FirstBatchFilter fitted && fitted.isFirstBatchDone()) {
      // the package's PCA and UMAP: the whole batch in one model call, not one call per row
      List<String> rows = new ArrayList<>(batch.numInstances());
      for (Instance result : fitted.transformBatch(batch)) {
        rows.add(csv(result));
      }
      return rows;
    }
    for (Instance instance : batch) {
      filter.input(instance);
    }
    filter.batchFinished();
    List<String> rows = new ArrayList<>();
    Instance result;
    while ((result = filter.output()) != null) {
      rows.add(csv(result));
    }
    return rows;
  }

  /** One output row: numbers as Java writes doubles (exact), labels quoted as Weka quotes them. */
  static String csv(Instance row) {
    StringBuilder line = new StringBuilder();
    for (int a = 0; a < row.numAttributes(); a++) {
      if (a > 0) {
        line.append(',');
      }
      if (row.isMissing(a)) {
        line.append('?');
      } else if (row.attribute(a).isNominal()) {
        line.append(Utils.quote(row.stringValue(a)));
      } else {
        line.append(row.value(a));
      }
    }
    return line.toString();
  }
}
