package fundamentos.spark;

import fundamentos.cluster.DbscanModel;
import fundamentos.cluster.DbscanResult;
import fundamentos.neighbours.CellGrid;
import fundamentos.neighbours.IndexChoice;
import fundamentos.neighbours.MetricSpace;
import fundamentos.weka.DistanceCoordinates;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import weka.clusterers.IndexedDBSCAN;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.EuclideanDistance;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * The DBSCAN job: IndexedDBSCAN's clustering (Euclidean distance on Weka's normalised attributes)
 * of data too large for one machine, with the same labels.
 *
 * <ol>
 *   <li>The header's minimum and maximum of each attribute give Weka's normalisation, so every row
 *   becomes the point IndexedDBSCAN would make of it ({@link DistanceCoordinates}).</li>
 *   <li>One pass counts the rows of each input split and of each cell of side eps / sqrt(d); the
 *   driver cuts space into boxes of cells holding about as many rows each
 *   ({@link DbscanPartitioning}).</li>
 *   <li>One shuffle sends each row to the box that owns it and, as a halo copy, to every box within
 *   eps; each box clusters its rows with the package's grid or k-d tree DBSCAN and reports on its
 *   halo copies to their owners ({@link DbscanPartition#cluster}); each owner decides its rows:
 *   core or not, and the cluster of a border row's nearest core point
 *   ({@link DbscanPartition#resolve}).</li>
 *   <li>The driver joins local clusters that share a core point (union-find) and numbers them in
 *   the order of their first core point ({@link DbscanMerge}), as IndexedDBSCAN does.</li>
 *   <li>-model writes an IndexedDBSCAN holding the core points (it labels unseen rows by the
 *   nearest core point within eps); -o writes each row's cluster, in the input's order.</li>
 * </ol>
 *
 * <pre>
 * dbscan -i data.csv [-header h.arff] -E eps [-M minPoints] [-model m.model] [-o labels/]
 * </pre>
 */
public final class DbscanJob {

  /** The most attributes the job clusters: a cell has (2 sqrt(d) + 1)^d cells around it. */
  static final int MAX_DIMENSION = 10;

  private DbscanJob() {
  }

  /** What the job computed: the fitted clusterer, each row's cluster, and how it was split. */
  record Result(IndexedDBSCAN clusterer, int[] labels, DbscanPartitioning partitioning,
      long[] copies) {
  }

  static Result run(JavaSparkContext sc, String[] options, PrintStream out) {
    JobOptions parsed = new JobOptions(options);
    String headerFile = parsed.take("header");
    String modelFile = parsed.take("model");
    String output = parsed.take("o");
    IndexedDBSCAN clusterer = new IndexedDBSCAN();
    try {
      clusterer.setOptions(parsed.remaining());
    } catch (Exception e) {
      throw new JobException("IndexedDBSCAN's options: " + e.getMessage(), e);
    }
    checkOptions(clusterer);
    if (!output.isEmpty()) {
      HadoopFiles.requireAbsent(sc, output);
    }
    DataInput input = parsed.open(sc);
    HeaderStatistics statistics = HeaderJob.forInput(sc, input, headerFile);
    Instances header = statistics.header;
    checkAttributes(statistics);
    int d = header.numAttributes();
    double eps = clusterer.getEpsilon();
    int minPts = clusterer.getMinPoints();
    DistanceCoordinates coordinates = coordinates(statistics);
    IndexChoice.Kind kind = indexKind(statistics, coordinates, eps);

    // the rows as IndexedDBSCAN's points, kept for the passes below
    double[] min = statistics.min;
    double[] max = statistics.max;
    DataInput.RowCheck complete = values -> {
      for (int a = 0; a < d; a++) {
        if (values[a] != values[a]) {
          return "attribute '" + header.attribute(a).name() + "' is missing: the DBSCAN job needs "
              + "complete rows; remove or replace them";
        }
        if (values[a] < min[a] || values[a] > max[a]) {
          return "the value " + values[a] + " of attribute '" + header.attribute(a).name()
              + "' lies outside the header's range [" + min[a] + ", " + max[a] + "], which "
              + "normalises the distances: give the header of this data (the header job on all "
              + "of it)";
        }
      }
      return null;
    };
    JavaRDD<double[]> points = input.rows(sc, header, complete, rows -> {
      List<double[]> kept = new ArrayList<>();
      while (rows.hasNext()) {
        kept.add(coordinates.point(new DenseInstance(1.0, rows.next())));
      }
      return kept.iterator();
    }).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return cluster(sc, input, points, header, clusterer, coordinates, kind, eps, minPts,
          parsed.partitions, modelFile, output, out);
    } finally {
      points.unpersist(false);
    }
  }

  private static Result cluster(JavaSparkContext sc, DataInput input, JavaRDD<double[]> points,
      Instances header, IndexedDBSCAN clusterer, DistanceCoordinates coordinates,
      IndexChoice.Kind kind, double eps, int minPts, int partitionsAsked, String modelFile,
      String output, PrintStream out) {
    int d = header.numAttributes();
    // pass 1: rows per input split (row numbers) and per cell (the partitions' boundaries)
    DbscanPartitioning cells = DbscanPartitioning.cells(eps, d);
    List<Tuple2<Integer, Long>> splitRows = input.run(sc, () -> points.mapPartitionsWithIndex(
        (split, rows) -> {
          long count = 0;
          for (; rows.hasNext(); rows.next()) {
            count++;
          }
          return List.of(new Tuple2<>(split, count)).iterator();
        }, true).collect());
    long[] offsets = new long[splitRows.size() + 1];
    for (Tuple2<Integer, Long> split : splitRows) {
      offsets[split._1() + 1] = split._2();
    }
    for (int s = 0; s < splitRows.size(); s++) {
      offsets[s + 1] += offsets[s];
    }
    long n = offsets[splitRows.size()];
    if (n == 0) {
      throw new JobException("The input " + input.path + " has no data rows: DBSCAN needs at "
          + "least one");
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new JobException("The input has " + n + " rows: the model keeps one label per row in "
          + "an array, at most " + (Integer.MAX_VALUE - 8));
    }
    int numCells = cells.numCells();
    long[] counts = input.run(sc, () -> points.mapPartitions(rows -> {
      long[] part = new long[numCells];
      while (rows.hasNext()) {
        part[cells.cell(rows.next())]++;
      }
      return List.of(part).iterator();
    }).treeReduce((a, b) -> {
      for (int i = 0; i < a.length; i++) {
        a[i] += b[i];
      }
      return a;
    }));
    int wanted = partitionsAsked > 0 ? partitionsAsked : splitRows.size();
    DbscanPartitioning partitioning = cells.split(counts, wanted);
    long[] copies = partitioning.copies(counts);
    checkSplit(partitioning, copies, n, wanted, eps, partitionsAsked);

    // pass 2: each row to its owner and the halos around it; each partition clusters its rows
    Partitioner byBox = new BoxPartitioner(partitioning.numPartitions());
    JavaPairRDD<Integer, DbscanPartition.Point> sent = points.mapPartitionsWithIndex(
        (split, rows) -> {
          List<Tuple2<Integer, DbscanPartition.Point>> copiesOut = new ArrayList<>();
          long id = offsets[split];
          while (rows.hasNext()) {
            double[] x = rows.next();
            long row = id++;
            boolean[] first = {true};
            partitioning.partitionsOf(x, p -> {
              copiesOut.add(new Tuple2<>(p, new DbscanPartition.Point(row, x, first[0])));
              first[0] = false;
            });
          }
          return copiesOut.iterator();
        }, true).mapToPair(t -> t).partitionBy(byBox);
    JavaRDD<DbscanPartition.Local> locals = sent.mapPartitionsWithIndex((partition, rows) -> {
      List<DbscanPartition.Point> received = new ArrayList<>();
      rows.forEachRemaining(t -> received.add(t._2()));
      return List.of(DbscanPartition.cluster(partition, received, partitioning, minPts, kind))
          .iterator();
    }, true).persist(StorageLevel.MEMORY_AND_DISK());
    JavaPairRDD<Integer, DbscanPartition.Report> reports = locals.flatMapToPair(
        local -> local.reports.stream().map(r -> new Tuple2<>(r.owner(), r)).iterator())
        .partitionBy(byBox);
    JavaRDD<DbscanPartition.Owned> decided = locals.zipPartitions(reports,
        (Iterator<DbscanPartition.Local> local,
            Iterator<Tuple2<Integer, DbscanPartition.Report>> about) -> {
          List<DbscanPartition.Report> received = new ArrayList<>();
          about.forEachRemaining(t -> received.add(t._2()));
          return List.of(DbscanPartition.resolve(local.next(), received)).iterator();
        });
    List<DbscanPartition.Owned> owned;
    try {
      owned = input.run(sc, decided::collect);
    } finally {
      locals.unpersist(false);
    }

    // the driver: local clusters joined through shared core points, every row's label
    long[][] firstCore = new long[owned.size()][];
    List<DbscanPartition.Link> links = new ArrayList<>();
    for (DbscanPartition.Owned part : owned) {
      firstCore[part.partition] = part.firstCore;
      links.addAll(part.links);
    }
    DbscanMerge merge = new DbscanMerge(firstCore, links);
    int[] labels = new int[(int) n];
    boolean[] core = new boolean[(int) n];
    int numCore = 0;
    for (DbscanPartition.Owned part : owned) {
      for (int i = 0; i < part.ids.length; i++) {
        int row = (int) part.ids[i];
        labels[row] = merge.label(part.clusterPartition[i], part.cluster[i]);
        core[row] = part.core[i];
        numCore += part.core[i] ? 1 : 0;
      }
    }
    if (merge.numClusters == 0) {
      throw new JobException("Every one of the " + n + " rows is noise, so there is no cluster: "
          + "none has minPoints (-M " + minPts + ") rows within epsilon (-E " + eps + "). Raise "
          + "epsilon or lower minPoints (IndexedDBSCAN's -k-distance-plot on a sample of the "
          + "data suggests an epsilon).");
    }
    // the core points in row order, as the model's index keeps them (ties: the first in the data)
    int[] rank = new int[(int) n];
    for (int row = 0, c = 0; row < n; row++) {
      rank[row] = core[row] ? c++ : -1;
    }
    double[][] corePoints = new double[numCore][];
    for (DbscanPartition.Owned part : owned) {
      for (int i = 0, c = 0; i < part.ids.length; i++) {
        if (part.core[i]) {
          corePoints[rank[(int) part.ids[i]]] = part.corePoints[c++];
        }
      }
    }
    DbscanResult result = new DbscanResult(labels, core, merge.numClusters);
    DbscanModel model = DbscanModel.ofCorePoints(result, corePoints, eps, minPts, kind,
        coordinates.space());
    clusterer.setFittedModel(header, coordinates, model);
    out.println(clusterer);
    out.println(String.format(Locale.ROOT, "%d partitions: %s rows owned, %s with their halos",
        partitioning.numPartitions(), Arrays.toString(partitioning.owned(counts)),
        Arrays.toString(copies)));
    if (!modelFile.isEmpty()) {
      HadoopFiles.write(sc, modelFile, "model", stream -> SerializationHelper.writeAll(stream,
          new Object[] {clusterer, new Instances(header, 0)}));
      out.println("IndexedDBSCAN model written to " + modelFile);
    }
    if (!output.isEmpty()) {
      write(sc, input, points, offsets, labels, merge.numClusters, output);
      out.println(n + " rows' clusters written to " + output + " (part files, header in " + output
          + "/_header.arff)");
    }
    return new Result(clusterer, labels, partitioning, copies);
  }

  /** Each row's cluster, in the input's order: 'cluster<k>', or '?' for noise. */
  private static void write(JavaSparkContext sc, DataInput input, JavaRDD<double[]> points,
      long[] offsets, int[] labels, int numClusters, String output) {
    Broadcast<int[]> shared = sc.broadcast(labels);
    JavaRDD<String> lines = points.mapPartitionsWithIndex((split, rows) -> {
      int[] all = shared.value();
      long from = offsets[split];
      List<String> out = new ArrayList<>();
      for (long row = from; rows.hasNext(); row++) {
        rows.next();
        int label = all[(int) row];
        out.add(label == DbscanResult.NOISE ? "?" : "cluster" + label);
      }
      return out.iterator();
    }, true);
    input.run(sc, () -> {
      lines.saveAsTextFile(output);
      return null;
    });
    ArrayList<String> names = new ArrayList<>();
    for (int c = 0; c < numClusters; c++) {
      names.add("cluster" + c);
    }
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("cluster", names));
    HadoopFiles.write(sc, output + "/_header.arff", "output header",
        new Instances("clusters", attributes, 0).toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Partition p of the shuffle holds the rows of box p. */
  static final class BoxPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    BoxPartitioner(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof BoxPartitioner box && box.partitions == partitions;
    }

    @Override
    public int hashCode() {
      return partitions;
    }
  }

  /** Refuses what the job cannot do the way IndexedDBSCAN does, naming the option. */
  private static void checkOptions(IndexedDBSCAN clusterer) {
    if (clusterer.getEpsilon() == 0) {
      throw new JobException("Give epsilon with -E: IndexedDBSCAN's -E 0 chooses it at the knee "
          + "of the k-distance curve, which needs every row's neighbours on one machine (run "
          + "IndexedDBSCAN with -k-distance-plot on a sample of the data to choose it)");
    }
    var distance = clusterer.getDistanceFunction();
    if (distance.getClass() != EuclideanDistance.class
        || ((EuclideanDistance) distance).getDontNormalize()
        || ((EuclideanDistance) distance).getInvertSelection()
        || !((EuclideanDistance) distance).getAttributeIndices().equals("first-last")) {
      throw new JobException("The DBSCAN job clusters with IndexedDBSCAN's default distance only "
          + "(-A \"weka.core.EuclideanDistance -R first-last\", attributes normalised to [0, 1]), "
          + "not -A " + weka.core.Utils.toCommandLine(distance) + ": its cells and halos are "
          + "Euclidean");
    }
    if (clusterer.getIndex().getSelectedTag().getID() != IndexedDBSCAN.INDEX_AUTO) {
      throw new JobException("-index is chosen by the DBSCAN job as IndexedDBSCAN's auto "
          + "chooses it (a grid up to " + IndexChoice.GRID_MAX_DIMENSION + " attributes, else a "
          + "k-d tree): leave -index out");
    }
    if (!clusterer.getKDistancePlot().getPath().isEmpty()) {
      throw new JobException("-k-distance-plot is not available in the DBSCAN job: draw it with "
          + "IndexedDBSCAN on a sample of the data");
    }
  }

  /** Numeric attributes only, at most {@value #MAX_DIMENSION}, no missing values. */
  private static void checkAttributes(HeaderStatistics statistics) {
    Instances header = statistics.header;
    for (int a = 0; a < header.numAttributes(); a++) {
      if (!header.attribute(a).isNumeric()) {
        throw new JobException("Attribute '" + header.attribute(a).name() + "' is nominal: the "
            + "DBSCAN job clusters numeric attributes only (Euclidean distance); remove the "
            + "column from the CSV");
      }
      if (statistics.missing[a] > 0) {
        throw new JobException("Attribute '" + header.attribute(a).name() + "' has "
            + statistics.missing[a] + " missing values: the DBSCAN job needs complete rows "
            + "(IndexedDBSCAN would search them by brute force); remove or replace them");
      }
      if (statistics.count[a] == 0) {
        throw new JobException("The data has no rows: DBSCAN needs at least one");
      }
    }
    if (header.numAttributes() > MAX_DIMENSION) {
      throw new JobException("The data has " + header.numAttributes() + " attributes: the DBSCAN "
          + "job clusters at most " + MAX_DIMENSION + ", since a cell of side eps / sqrt(d) has "
          + "about (2 sqrt(d) + 1)^d cells around it and a partition's halo holds most of the "
          + "data in many dimensions; reduce the attributes first (e.g. with the pca job)");
    }
  }

  /**
   * Weka's Euclidean distance set up on the data: its ranges (minimum and width of each attribute)
   * from the header's minimum and maximum, exactly as it takes them from the rows themselves.
   */
  static DistanceCoordinates coordinates(HeaderStatistics statistics) {
    Instances extremes = new Instances(statistics.header, 2);
    extremes.add(new DenseInstance(1.0, statistics.min.clone()));
    extremes.add(new DenseInstance(1.0, statistics.max.clone()));
    EuclideanDistance distance = new EuclideanDistance();
    distance.setInstances(extremes);
    DistanceCoordinates coordinates = DistanceCoordinates.of(distance, extremes);
    if (coordinates == null) {
      throw new JobException("The header's attributes cannot be clustered with a Euclidean "
          + "distance");
    }
    return coordinates;
  }

  /**
   * The index IndexedDBSCAN's auto would choose on all the data: a grid up to
   * {@value IndexChoice#GRID_MAX_DIMENSION} attributes when the data's spread fits one (its
   * bounds are the header's extremes), otherwise a k-d tree. Every partition and the model use it,
   * so that ties and rounding are decided as on one machine.
   */
  private static IndexChoice.Kind indexKind(HeaderStatistics statistics,
      DistanceCoordinates coordinates, double eps) {
    int d = statistics.header.numAttributes();
    if (d > IndexChoice.GRID_MAX_DIMENSION) {
      return IndexChoice.Kind.KD_TREE;
    }
    try {
      double[][] bounds = {coordinates.point(new DenseInstance(1.0, statistics.min.clone())),
          coordinates.point(new DenseInstance(1.0, statistics.max.clone()))};
      MetricSpace space = coordinates.space();
      return CellGrid.over(bounds, CellGrid.sideFor(space.embeddedRadius(eps), d)) != null
          ? IndexChoice.Kind.GRID : IndexChoice.Kind.KD_TREE;
    } catch (Exception e) {
      throw new JobException(e.getMessage(), e);
    }
  }

  /**
   * Refuses an eps so large that the split cannot spread the work: with more than one partition
   * asked for, the data must be cut in two at least, and no partition may hold every row.
   */
  private static void checkSplit(DbscanPartitioning partitioning, long[] copies, long n,
      int wanted, double eps, int partitionsAsked) {
    if (wanted <= 1) {
      return;
    }
    long most = 0;
    for (long c : copies) {
      most = Math.max(most, c);
    }
    if (partitioning.numPartitions() == 1 || most >= n) {
      throw new JobException(String.format(Locale.ROOT, "epsilon (-E %s) is so large that %s: "
          + "every partition would cluster all %d rows, one machine's work. Distances are in "
          + "IndexedDBSCAN's normalised units (each attribute mapped to [0, 1]); lower -E, or "
          + "give -partitions 1 to cluster on one executor (or run IndexedDBSCAN itself)",
          eps, partitioning.numPartitions() == 1 ? "the data cannot be cut into " + wanted
              + " partitions (" + (partitionsAsked > 0 ? "-partitions" : "input splits") + ")"
              : "a halo of width eps around a partition holds all the data", n));
    }
  }
}
