package fundamentos.umap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fundamentos.cluster.MetricSpace;
import fundamentos.linalg.RowSource;
import fundamentos.neighbours.ExactKnn;
import fundamentos.neighbours.KnnGraph;
import fundamentos.neighbours.LpPoints;
import fundamentos.neighbours.VectorIndex;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine's one-call entry, {@link Umap#fit(NeighbourSpace, int[], PrincipalScores)} and {@link
 * FittedUmap#transform}: the same numbers as the steps called one by one (graph, fuzzy set and
 * layout; neighbours of new points, then placing them), umap-learn's small-data rule for k, the
 * cosine index's distances back in the metric, and the principal-component start's documented
 * fallbacks.
 */
class UmapEntryTest {

  private static double[][] blobs(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = (i % 3) * 4 + random.nextDouble();
      }
    }
    return x;
  }

  private static float[][] rows(LpPoints points) {
    float[][] rows = new float[points.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = points.row(i);
    }
    return rows;
  }

  @Test
  void oneCallGivesTheStepsOneByOne() {
    LpPoints train = LpPoints.of(blobs(60, 4, 1), 2);
    LpPoints test = LpPoints.of(blobs(9, 4, 2), 2);
    Umap umap = new Umap().neighbours(8).epochs(30).seed(5);
    FittedUmap<float[][]> fitted = umap.fit(
        new IndexedNeighbours(train, MetricSpace.euclidean(), 4096), null, null);

    VectorIndex index = VectorIndex.build(train, 8, 4096, 5, 1);
    UmapModel steps = umap.fit(index.trainingGraph(), null, null);
    assertArrayEquals(steps.embedding(), fitted.embedding());
    assertArrayEquals(steps.transform(index.query(rows(test), 8, 1), 1),
        fitted.transform(rows(test), 1));
    assertEquals("exact neighbours", fitted.space().method());
  }

  @Test
  void smallDataUsesNMinusOneNeighbours() {
    assertEquals(4, Umap.neighboursUsed(15, 5));
    assertEquals(15, Umap.neighboursUsed(15, 16));
    assertEquals(1, Umap.neighboursUsed(15, 1));
    LpPoints five = LpPoints.of(blobs(5, 2, 3), 2);
    FittedUmap<float[][]> fitted = new Umap().epochs(5).fit(
        new IndexedNeighbours(five, MetricSpace.euclidean(), 4096), null, null);
    assertEquals(4, fitted.model().neighbours());
    assertEquals(5, fitted.embedding().length);
  }

  @Test
  void cosineNeighboursCarryTheCosineDistance() {
    double[][] x = blobs(20, 3, 4);
    double[][] embedded = new double[x.length][];
    MetricSpace cosine = MetricSpace.cosine();
    for (int i = 0; i < x.length; i++) {
      embedded[i] = cosine.embed(x[i]);
    }
    IndexedNeighbours space = new IndexedNeighbours(LpPoints.of(embedded, 2), cosine, 4096);
    KnnGraph graph = space.trainingGraph(4, 1, 1);
    for (int i = 0; i < x.length; i++) {
      for (int s = 0; s < 4; s++) {
        int j = graph.indices(i)[s];
        assertEquals(cosine.distance(x[i], x[j]), graph.distances(i)[s], 1e-5, i + " " + j);
      }
    }
    assertThrows(IllegalStateException.class, () -> new IndexedNeighbours(
        LpPoints.of(embedded, 2), cosine, 4096).neighboursOf(new float[1][3], 2, 1));
  }

  @Test
  void principalScoresAreTheCentredProjection() {
    double[][] x = blobs(30, 3, 6);
    double[][] scores = new PrincipalScores(RowSource.of(x), null, null).leading(2, 1, 1);
    assertEquals(30, scores.length);
    assertEquals(2, scores[0].length);
    double[] mean = new double[2];
    for (double[] row : scores) {
      mean[0] += row[0] / 30;
      mean[1] += row[1] / 30;
    }
    assertArrayEquals(new double[] {0, 0}, mean, 1e-9);
  }

  @Test
  void principalScoresFallBackWhereDocumented() {
    double[][] x = blobs(10, 3, 7);
    // no column, one row: no principal axis
    assertNull(new PrincipalScores(RowSource.of(new double[10][0]), null, null).leading(2, 1, 1));
    assertNull(new PrincipalScores(RowSource.of(new double[][] {{1, 2}}), null, null)
        .leading(2, 1, 1));
    // weights that PCA refuses (all zero): the start falls back to random
    assertNull(new PrincipalScores(RowSource.of(x), new double[10], null).leading(2, 1, 1));
    assertNotNull(new PrincipalScores(RowSource.of(x), null, null).leading(2, 1, 1));
  }

  @Test
  void aFitOnNoPointIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Umap().fit(
        new IndexedNeighbours(LpPoints.of(new double[0][], 2), MetricSpace.euclidean(), 4096),
        null, null));
    // an exact fit's graph is the exact k-neighbour graph
    LpPoints points = LpPoints.of(blobs(12, 2, 8), 2);
    KnnGraph graph = new IndexedNeighbours(points, MetricSpace.euclidean(), 4096)
        .trainingGraph(3, 1, 1);
    KnnGraph exact = ExactKnn.ofPoints(points, 3, 1);
    for (int i = 0; i < 12; i++) {
      assertArrayEquals(exact.indices(i), graph.indices(i));
    }
  }
}
