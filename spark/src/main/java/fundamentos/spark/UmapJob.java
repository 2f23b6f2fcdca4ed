package fundamentos.spark;

import java.io.PrintStream;
import fundamentos.neighbours.BlockKnn;
import fundamentos.neighbours.KnnGraph;
import fundamentos.neighbours.LpPoints;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;
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
 *   <li>With -exact-knn the sample's exact k-neighbour graph is computed on the executors, blocks
 *   of rows against blocks ({@link #exactGraph}), instead of the driver's search (exact below
 *   4,096 rows, NN-descent above): for samples whose exact graph one machine cannot afford.</li>
 *   <li>-model writes that fitted filter (what the single-machine filter serializes to);
 *   -o applies a copy of it to every row in batches ({@link RowBatches#throughFilter}).</li>
 * </ol>
 *
 * <pre>
 * umap -i data.csv [-header h.arff] [-c last] [-sample 10000] [-model umap.model] [-o folder]
 *     [-output-format csv|parquet] [-exact-knn [-knn-block 2048]]
 *     [UMAP's options; its -S also seeds the sample]
 * </pre>
 */
public final class UmapJob {

  /** Rows fitted on the driver when -sample is not given. */
  static final int DEFAULT_SAMPLE = 10_000;

  /** Rows per block of the exact distributed neighbour graph when -knn-block is not given. */
  static final int DEFAULT_BLOCK = 2048;

  private UmapJob() {
  }

  /** What the job computed: the fitted filter and the sample it was fitted on. */
  record Result(UMAP filter, Instances sample) {
  }

  static Result run(JavaSparkContext sc, String[] options, PrintStream out) {
    JobOptions parsed = new JobOptions(options);
    JobOptions.ModelOptions taken = parsed.modelOptions();
    int sampleSize = parsed.takeAtLeast("sample", DEFAULT_SAMPLE, 2, "a number of rows");
    boolean exactGraph = parsed.flag("exact-knn");
    int blockRows = parsed.takeAtLeast("knn-block", DEFAULT_BLOCK, 1, "a number of rows");
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
    if (exactGraph) {
      int block = blockRows;
      filter.setTrainingGraphSource((points, k) -> exactGraph(sc, points, k, block));
    }
    try {
      filter.setInputFormat(sample);
      Filter.useFilter(sample, filter);
      if (exactGraph && !filter.indexesDistances()) {
        throw new JobException("-exact-knn computes the graph of indexed distances (numeric "
            + "attributes under Euclidean, Manhattan, Minkowski or Chebyshev distances, or cosine); "
            + "this sample's distance is searched on one machine: leave -exact-knn out");
      }
    } catch (JobException e) {
      throw e;
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

  /**
   * The exact k-neighbour graph of the sample's points, computed on the executors (-exact-knn):
   * the points cut into blocks of {@code blockRows} rows, every block of queries against every
   * block of points as one task (b^2 tasks, each O(blockRows^2 d)), the candidates merged per query
   * block ({@code reduceByKey}), then assembled on the driver: {@link BlockKnn}, ExactKnn's graph
   * bit for bit. The points go to the executors once (a broadcast, 4 s d bytes).
   */
  static KnnGraph exactGraph(JavaSparkContext sc, LpPoints points, int k, int blockRows) {
    int[][] blocks = BlockKnn.blocks(points.size(), blockRows);
    List<int[]> pairs = new ArrayList<>();
    for (int q = 0; q < blocks.length; q++) {
      for (int b = 0; b < blocks.length; b++) {
        pairs.add(new int[] {q, b});
      }
    }
    Broadcast<LpPoints> sent = sc.broadcast(points);
    try {
      List<BlockKnn.Candidates> merged = sc.parallelize(pairs, pairs.size())
          .mapToPair(pair -> new Tuple2<>(pair[0], BlockKnn.candidates(sent.value(), k,
              blocks[pair[0]][0], blocks[pair[0]][1], blocks[pair[1]][0], blocks[pair[1]][1])))
          .reduceByKey((a, b) -> BlockKnn.merge(a, b, k), blocks.length)
          .values().collect();
      return BlockKnn.graph(points, k, merged);
    } finally {
      sent.destroy();
    }
  }
}
