package fundamentos.neighbours;

import java.io.Serializable;
import java.util.List;

/**
 * The exact k-neighbour graph of points ({@link ExactKnn#ofPoints}) computed in pieces that can
 * run on different machines: the points are cut into blocks of consecutive rows, each block of
 * queries is compared with each block of points ({@link #candidates}), and the candidates of a
 * query block from every point block are merged ({@link #merge}). Each piece keeps a query's k - 1
 * smallest (distance, index) pairs among its points, so the union of the pieces holds the k - 1
 * smallest overall, and the merge keeps them in the same order: nearest first, ties by the lower
 * index, as {@link ExactKnn} does. The result is ExactKnn's graph, the same bits in any order of
 * merging.
 */
public final class BlockKnn {

  private BlockKnn() {
  }

  /**
   * A query block's candidates: for each query row {@code from + r}, up to k - 1 other points with
   * their reduced distances ({@link LpPoints#reduced}), nearest first.
   */
  public record Candidates(int from, int[][] indices, double[][] reduced) implements Serializable {
  }

  /** The blocks of {@code size} consecutive rows that cut n points: [from, to) pairs. */
  public static int[][] blocks(int n, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a block needs at least one row, not " + size);
    }
    int count = (n + size - 1) / size;
    int[][] blocks = new int[count][];
    for (int b = 0; b < count; b++) {
      blocks[b] = new int[] {b * size, Math.min(n, (b + 1) * size)};
    }
    return blocks;
  }

  /** Queries [qFrom, qTo) against points [pFrom, pTo): each query's k - 1 nearest others there. */
  public static Candidates candidates(LpPoints points, int k, int qFrom, int qTo, int pFrom,
      int pTo) {
    checkK(k, points.size());
    BoundedHeap[] heaps = new BoundedHeap[qTo - qFrom];
    for (int r = 0; r < heaps.length; r++) {
      heaps[r] = new BoundedHeap(k - 1);
    }
    float[] scratch = points.scratch();
    for (int j = pFrom; j < pTo; j++) {
      float[] xj = points.row(j);
      for (int i = qFrom; i < qTo; i++) {
        if (j != i) {
          heaps[i - qFrom].offer(j, points.reduced(points.row(i), xj, scratch));
        }
      }
    }
    return drained(qFrom, heaps);
  }

  /** Two pieces of the same query block merged into one. */
  public static Candidates merge(Candidates a, Candidates b, int k) {
    if (a.from() != b.from() || a.indices().length != b.indices().length) {
      throw new IllegalArgumentException("candidates of different query blocks");
    }
    BoundedHeap[] heaps = new BoundedHeap[a.indices().length];
    for (int r = 0; r < heaps.length; r++) {
      heaps[r] = new BoundedHeap(k - 1);
      for (Candidates piece : List.of(a, b)) {
        for (int s = 0; s < piece.indices()[r].length; s++) {
          heaps[r].offer(piece.indices()[r][s], piece.reduced()[r][s]);
        }
      }
    }
    return drained(a.from(), heaps);
  }

  private static Candidates drained(int from, BoundedHeap[] heaps) {
    int[][] indices = new int[heaps.length][];
    double[][] reduced = new double[heaps.length][];
    for (int r = 0; r < heaps.length; r++) {
      indices[r] = new int[heaps[r].size()];
      reduced[r] = new double[heaps[r].size()];
      heaps[r].drain(indices[r], reduced[r], 0);
    }
    return new Candidates(from, indices, reduced);
  }

  /**
   * The graph from every query block's merged candidates (in any order): each row the point itself
   * first at distance 0, then its k - 1 nearest others, as distances.
   */
  public static KnnGraph graph(LpPoints points, int k, List<Candidates> merged) {
    checkK(k, points.size());
    int n = points.size();
    int[][] idx = new int[n][];
    double[][] dist = new double[n][];
    for (Candidates block : merged) {
      for (int r = 0; r < block.indices().length; r++) {
        int i = block.from() + r;
        if (block.indices()[r].length != k - 1) {
          throw new IllegalArgumentException("row " + i + " has " + block.indices()[r].length
              + " candidates, not " + (k - 1) + ": a point block is missing");
        }
        idx[i] = new int[k];
        dist[i] = new double[k];
        idx[i][0] = i;
        for (int s = 0; s < k - 1; s++) {
          idx[i][s + 1] = block.indices()[r][s];
          dist[i][s + 1] = points.unreduce(block.reduced()[r][s]);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (idx[i] == null) {
        throw new IllegalArgumentException("no candidates for row " + i + ": a query block is "
            + "missing");
      }
    }
    return new KnnGraph(idx, dist);
  }

  private static void checkK(int k, int n) {
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k = " + k + " neighbours need at least " + k
          + " points, there are " + n);
    }
  }
}
