package fundamentos.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.cluster.DbscanModel;
import fundamentos.cluster.NoClusterFound;
import fundamentos.neighbours.IndexChoice;
import fundamentos.neighbours.MetricSpace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The DBSCAN job's pieces without Spark: the cell-based split and its halo, the partitions'
 * clusterings, the owners' decisions and the merge on the driver, run here in memory and compared
 * with the package's DBSCAN on all the points at once (what IndexedDBSCAN runs).
 */
class DbscanPartitionTest {

  /** The job's steps in memory: the labels, and how many partitions each cluster's cores span. */
  record Run(int[] labels, DbscanPartitioning partitioning, int[] spans) {
  }

  static Run inMemory(double[][] points, double eps, int minPts, int partitions,
      IndexChoice.Kind kind) {
    int d = points[0].length;
    DbscanPartitioning cells = DbscanPartitioning.cells(eps, d);
    long[] counts = new long[cells.numCells()];
    for (double[] p : points) {
      counts[cells.cell(p)]++;
    }
    DbscanPartitioning split = cells.split(counts, partitions);
    int m = split.numPartitions();
    List<List<DbscanPartition.Point>> received = new ArrayList<>();
    for (int p = 0; p < m; p++) {
      received.add(new ArrayList<>());
    }
    // rows arrive in any order: the partition sorts them by row number
    for (int i = points.length - 1; i >= 0; i--) {
      int row = i;
      boolean[] first = {true};
      split.partitionsOf(points[i], p -> {
        received.get(p).add(new DbscanPartition.Point(row, points[row], first[0]));
        first[0] = false;
      });
    }
    List<DbscanPartition.Local> locals = new ArrayList<>();
    List<List<DbscanPartition.Report>> reports = new ArrayList<>();
    for (int p = 0; p < m; p++) {
      locals.add(DbscanPartition.cluster(p, received.get(p), split, minPts, kind));
      reports.add(new ArrayList<>());
    }
    for (DbscanPartition.Local local : locals) {
      for (DbscanPartition.Report report : local.reports) {
        reports.get(report.owner()).add(report);
      }
    }
    long[][] firstCore = new long[m][];
    List<DbscanPartition.Link> links = new ArrayList<>();
    List<DbscanPartition.Owned> owned = new ArrayList<>();
    for (int p = 0; p < m; p++) {
      DbscanPartition.Owned decided = DbscanPartition.resolve(locals.get(p), reports.get(p));
      owned.add(decided);
      firstCore[p] = decided.firstCore;
      links.addAll(decided.links);
    }
    DbscanMerge merge = new DbscanMerge(firstCore, links);
    int[] labels = new int[points.length];
    List<Set<Integer>> spans = new ArrayList<>();
    for (int c = 0; c < merge.numClusters; c++) {
      spans.add(new HashSet<>());
    }
    for (DbscanPartition.Owned part : owned) {
      for (int i = 0; i < part.ids.length; i++) {
        int label = merge.label(part.clusterPartition[i], part.cluster[i]);
        labels[(int) part.ids[i]] = label;
        if (part.core[i]) {
          spans.get(label).add(part.partition);
        }
      }
    }
    return new Run(labels, split, spans.stream().mapToInt(Set::size).toArray());
  }

  /** What IndexedDBSCAN computes on the same points: the engine on all of them at once. */
  static DbscanModel onOneMachine(double[][] points, double eps, int minPts) {
    return DbscanModel.fit(points, null, eps, minPts, IndexChoice.Kind.AUTO,
        MetricSpace.euclidean(), null);
  }

  /** Gaussian blobs and uniform noise in [0, 1]^d. */
  static double[][] blobs(int n, int d, int k, double spread, double noise, long seed) {
    Random random = new Random(seed);
    double[][] centres = new double[k][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = 0.15 + 0.7 * random.nextDouble();
      }
    }
    double[][] points = new double[n][d];
    for (int i = 0; i < n; i++) {
      boolean uniform = random.nextDouble() < noise;
      double[] c = centres[random.nextInt(k)];
      for (int j = 0; j < d; j++) {
        points[i][j] = uniform ? random.nextDouble()
            : Math.max(0, Math.min(1, c[j] + spread * random.nextGaussian()));
      }
    }
    return points;
  }

  @Test
  void theSameLabelsAsTheEngineOnAllThePoints() {
    Object[][] cases = {
        // n, d, clusters, spread, noise, eps, minPts, partitions
        {4000, 2, 5, 0.06, 0.1, 0.02, 5, 7},
        {3000, 3, 4, 0.08, 0.1, 0.05, 6, 5},
        {2000, 5, 3, 0.08, 0.05, 0.12, 4, 4},
        {1500, 10, 3, 0.05, 0.05, 0.2, 5, 3},
    };
    for (Object[] c : cases) {
      double[][] points = blobs((int) c[0], (int) c[1], (int) c[2], (double) c[3],
          (double) c[4], 7);
      double eps = (double) c[5];
      int minPts = (int) c[6];
      DbscanModel model = onOneMachine(points, eps, minPts);
      Run run = inMemory(points, eps, minPts, (int) c[7], model.index());
      assertArrayEquals(model.result().labels(), run.labels(), "d = " + c[1]);
      assertTrue(run.partitioning().numPartitions() > 1, "d = " + c[1]);
    }
  }

  @Test
  void tiesOnALatticeAreDecidedAsOnOneMachine() {
    // points on a lattice of step 0.01 with repeats: many border points lie at exactly the same
    // distance from core points of two clusters, and many distances equal eps exactly
    Random random = new Random(3);
    double[][] points = new double[3000][];
    for (int i = 0; i < points.length; i++) {
      int band = random.nextInt(3);
      points[i] = new double[] {random.nextInt(101) / 100.0,
          (band * 40 + random.nextInt(band == 1 ? 3 : 12)) / 100.0};
    }
    int compared = 0;
    for (double eps : new double[] {0.01, 0.015, 0.02, 0.03}) {
      for (int minPts : new int[] {3, 6, 12}) {
        DbscanModel model;
        try {
          model = onOneMachine(points, eps, minPts);
        } catch (NoClusterFound allNoise) {
          continue;
        }
        Run run = inMemory(points, eps, minPts, 6, model.index());
        assertArrayEquals(model.result().labels(), run.labels(), "eps " + eps + ", minPts "
            + minPts);
        compared++;
      }
    }
    assertTrue(compared >= 8, compared + " settings clustered");
  }

  @Test
  void aClusterAcrossManyPartitionsBecomesOne() {
    // one long winding band across the whole square, cut into 8 partitions
    Random random = new Random(11);
    double[][] points = new double[6000][];
    for (int i = 0; i < points.length; i++) {
      double t = random.nextDouble();
      points[i] = new double[] {t, 0.5 + 0.35 * Math.sin(6 * Math.PI * t)
          + 0.01 * random.nextGaussian()};
    }
    DbscanModel model = onOneMachine(points, 0.02, 5);
    assertEquals(1, model.result().numClusters());
    Run run = inMemory(points, 0.02, 5, 8, model.index());
    assertEquals(8, run.partitioning().numPartitions());
    assertEquals(1, run.spans().length);
    assertTrue(run.spans()[0] >= 3, "the band's core points lie in " + run.spans()[0]
        + " partitions");
    assertArrayEquals(model.result().labels(), run.labels());
  }

  @Test
  void theHaloHoldsEveryPointWithinEpsOfAPartition() {
    double eps = 0.03;
    double[][] points = blobs(3000, 2, 4, 0.1, 0.3, 5);
    DbscanPartitioning cells = DbscanPartitioning.cells(eps, 2);
    long[] counts = new long[cells.numCells()];
    for (double[] p : points) {
      counts[cells.cell(p)]++;
    }
    DbscanPartitioning split = cells.split(counts, 9);
    assertEquals(9, split.numPartitions());
    int pairs = 0;
    for (double[] x : points) {
      int owner = split.owner(x);
      for (double[] y : points) {
        double dx = x[0] - y[0];
        double dy = x[1] - y[1];
        if (dx * dx + dy * dy <= eps * eps) {
          assertTrue(split.owner(y) == owner || split.inHalo(owner, y));
          pairs += split.owner(y) != owner ? 1 : 0;
        }
      }
    }
    assertTrue(pairs > 100, "only " + pairs + " neighbours across a boundary were checked");
    // and the copies counted from cells bound the points each partition really receives
    long[] received = new long[split.numPartitions()];
    for (double[] x : points) {
      split.partitionsOf(x, p -> received[p]++);
    }
    long[] bound = split.copies(counts);
    for (int p = 0; p < received.length; p++) {
      assertTrue(received[p] <= bound[p], "partition " + p);
    }
  }

  @Test
  void skewedDataIsSplitEvenly() {
    // 90% of the points in one small corner, the rest spread out
    Random random = new Random(2);
    int n = 20000;
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) {
      points[i] = random.nextDouble() < 0.9
          ? new double[] {Math.abs(0.05 * random.nextGaussian()),
              Math.abs(0.05 * random.nextGaussian())}
          : new double[] {random.nextDouble(), random.nextDouble()};
    }
    DbscanPartitioning cells = DbscanPartitioning.cells(0.005, 2);
    long[] counts = new long[cells.numCells()];
    for (double[] p : points) {
      counts[cells.cell(p)]++;
    }
    DbscanPartitioning split = cells.split(counts, 8);
    long[] owned = split.owned(counts);
    long most = 0;
    long total = 0;
    for (long o : owned) {
      most = Math.max(most, o);
      total += o;
    }
    assertEquals(n, total);
    assertTrue(most <= 1.1 * n / 8, "the fullest partition owns " + most + " of " + n);
    // where equal-width strips would give one strip nearly all of them
    int inFirstStrip = 0;
    for (double[] p : points) {
      inFirstStrip += p[0] < 1.0 / 8 ? 1 : 0;
    }
    assertTrue(inFirstStrip > 0.8 * n);
  }
}
