package fundamentos.neighbours;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The k nearest neighbours of a set of points: for row i, the indices of its neighbours (into the
 * indexed points) and their distances, nearest first. When the rows are the indexed points
 * themselves, each row starts with the point itself at distance 0, as umap-learn's k-neighbour
 * graph does (its fuzzy set skips that first column).
 */
public final class KnnGraph implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int[][] indices;
  private final double[][] distances;

  public KnnGraph(int[][] indices, double[][] distances) {
    if (indices.length != distances.length) {
      throw new IllegalArgumentException("indices and distances differ in rows");
    }
    this.indices = indices;
    this.distances = distances;
  }

  public int size() {
    return indices.length;
  }

  /** Neighbours per row. */
  public int k() {
    return indices.length == 0 ? 0 : indices[0].length;
  }

  public int[] indices(int row) {
    return indices[row];
  }

  public double[] distances(int row) {
    return distances[row];
  }

  /**
   * Fraction of the neighbours in {@code exact} that this graph also found (recall@k), the
   * measure of an approximate search.
   */
  public double recall(KnnGraph exact) {
    if (exact.size() != size()) {
      throw new IllegalArgumentException("graphs of " + size() + " and " + exact.size() + " rows");
    }
    long found = 0;
    long total = 0;
    for (int i = 0; i < size(); i++) {
      int[] mine = indices[i].clone();
      Arrays.sort(mine);
      for (int j : exact.indices[i]) {
        total++;
        if (Arrays.binarySearch(mine, j) >= 0) {
          found++;
        }
      }
    }
    return total == 0 ? 1 : (double) found / total;
  }
}
