package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact graph in pieces (the Spark UMAP job's blocks of rows against blocks) is ExactKnn's
 * graph bit for bit, whatever the block size and the order the pieces are merged in, ties and
 * duplicate points included.
 */
class BlockKnnTest {

  /** 300 points in 5-D on a coarse grid (many equal distances), 20 of them duplicated. */
  private static LpPoints points(double p) {
    Random random = new Random(3);
    float[][] rows = new float[300][5];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < 5; j++) {
        rows[i][j] = i >= 280 ? rows[i - 280][j] : random.nextInt(4);
      }
    }
    return new LpPoints(rows, p);
  }

  private static KnnGraph inPieces(LpPoints points, int k, int blockRows, long shuffle) {
    int[][] blocks = BlockKnn.blocks(points.size(), blockRows);
    List<BlockKnn.Candidates> merged = new ArrayList<>();
    for (int[] query : blocks) {
      List<BlockKnn.Candidates> pieces = new ArrayList<>();
      for (int[] block : blocks) {
        pieces.add(BlockKnn.candidates(points, k, query[0], query[1], block[0], block[1]));
      }
      Collections.shuffle(pieces, new Random(shuffle));
      BlockKnn.Candidates all = pieces.get(0);
      for (BlockKnn.Candidates piece : pieces.subList(1, pieces.size())) {
        all = BlockKnn.merge(all, piece, k);
      }
      merged.add(all);
    }
    Collections.shuffle(merged, new Random(shuffle + 1));
    return BlockKnn.graph(points, k, merged);
  }

  @Test
  void piecesMergedInAnyOrderAreExactKnnsGraph() {
    for (double p : new double[] {2, 1}) {
      LpPoints points = points(p);
      for (int k : new int[] {1, 15}) {
        KnnGraph exact = ExactKnn.ofPoints(points, k, 1);
        for (int blockRows : new int[] {7, 64, 300}) {
          KnnGraph pieces = inPieces(points, k, blockRows, blockRows * 31L + k);
          for (int i = 0; i < points.size(); i++) {
            String where = "p " + p + ", k " + k + ", blocks of " + blockRows + ", row " + i;
            assertArrayEquals(exact.indices(i), pieces.indices(i), where);
            assertArrayEquals(exact.distances(i), pieces.distances(i), 0.0, where);
          }
        }
      }
    }
  }

  @Test
  void aMissingPieceIsRefused() {
    LpPoints points = points(2);
    int[][] blocks = BlockKnn.blocks(points.size(), 100);
    List<BlockKnn.Candidates> merged = new ArrayList<>();
    merged.add(BlockKnn.candidates(points, 5, blocks[0][0], blocks[0][1], 0, 300));
    assertThrows(IllegalArgumentException.class, () -> BlockKnn.graph(points, 5, merged));
    assertThrows(IllegalArgumentException.class, () -> BlockKnn.blocks(10, 0));
  }
}
