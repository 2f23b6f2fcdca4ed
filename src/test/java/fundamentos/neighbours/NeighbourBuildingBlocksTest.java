package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The graph search's candidate queue (a min-heap) against a brute-force priority queue, the
 * Euclidean distance's two code paths (direct, and squares written to a scratch array then summed)
 * against each other bit for bit on sums whose float value depends on the order of the terms, and
 * an empty neighbour row.
 */
class NeighbourBuildingBlocksTest {

  @Test
  void candidateQueuePopsTheNearestFirst() {
    SplittableRandom random = new SplittableRandom(6);
    for (int trial = 0; trial < 40; trial++) {
      VectorIndex.CandidateQueue queue = new VectorIndex.CandidateQueue();
      PriorityQueue<Float> brute = new PriorityQueue<>();
      float[] keyOf = new float[400];
      boolean[] inside = new boolean[400];
      int next = 0;
      // pushes and pops mixed, past the first 64 entries, keys with many ties
      for (int step = 0; step < 400; step++) {
        if (brute.isEmpty() || random.nextInt(3) > 0) {
          float key = random.nextInt(trial % 2 == 0 ? 10 : 1000) / 4f;
          keyOf[next] = key;
          inside[next] = true;
          queue.push(next++, key);
          brute.add(key);
        } else {
          int j = queue.peekIndex();
          assertTrue(inside[j], "trial " + trial + ": " + j + " was pushed and not popped");
          assertEquals(brute.peek(), queue.peekKey(), 0f, "trial " + trial + " step " + step);
          assertEquals(keyOf[j], queue.peekKey(), 0f);
          queue.pop();
          inside[j] = false;
          brute.poll();
        }
        assertEquals(brute.size(), queue.size());
      }
      float previous = Float.NEGATIVE_INFINITY;
      while (queue.size() > 0) {
        int j = queue.peekIndex();
        float key = queue.peekKey();
        assertTrue(inside[j]);
        assertEquals(keyOf[j], key, 0f);
        assertEquals(brute.poll(), key, 0f);
        assertTrue(key >= previous);
        previous = key;
        queue.pop();
        inside[j] = false;
      }
      assertTrue(brute.isEmpty());
      queue.push(3, 1f);
      queue.clear();
      assertEquals(0, queue.size());
    }
  }

  /**
   * a = (4096, 1, 1, ..., 1) and b = 0: squared differences 2^24 and ones. In float, 2^24 + 1
   * rounds back to 2^24 (ties to even), so the value depends on how the ones are grouped.
   */
  private static float[][] orderSensitive(int d) {
    float[] a = new float[d];
    float[] b = new float[d];
    a[0] = 4096f;
    for (int i = 1; i < d; i++) {
      a[i] = 1f;
    }
    return new float[][] {a, b};
  }

  @Test
  void bothEuclideanPathsSumInTheSameFourLanes() {
    SplittableRandom random = new SplittableRandom(14);
    for (int d = 1; d <= 40; d++) {
      float[][][] cases = new float[3][][];
      cases[0] = orderSensitive(d);
      cases[1] = new float[2][d];
      cases[2] = new float[2][d];
      for (int j = 0; j < d; j++) {
        // wide dynamic range: many roundings
        cases[1][0][j] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7)));
        cases[1][1][j] = (float) random.nextGaussian();
        cases[2][0][j] = random.nextInt(3) == 0 ? 3000f : 0.5f;
      }
      for (float[][] rows : cases) {
        LpPoints points = new LpPoints(rows, 2);
        float direct = points.reduced(rows[0], rows[1]);
        float byIndex = points.reduced(0, 1);
        float viaScratch = points.reduced(rows[0], rows[1], points.scratch());
        assertEquals(Float.floatToIntBits(direct), Float.floatToIntBits(viaScratch),
            "d = " + d + ": " + direct + " and " + viaScratch);
        assertEquals(Float.floatToIntBits(direct), Float.floatToIntBits(byIndex), "d = " + d);
        // and both within float rounding of the exact sum
        double exact = 0;
        for (int j = 0; j < d; j++) {
          double diff = (double) rows[0][j] - rows[1][j];
          exact += diff * diff;
        }
        assertEquals(exact, direct, 1e-6 * d * exact + 1e-30, "d = " + d);
      }
    }
    // d = 13 by hand: lanes by position mod 4 over 0..11, the tail (12) in lane 0:
    // lane 0 = 2^24 (its three ones are lost), lanes 1-3 = 3 each;
    // (2^24 + 3) rounds to 2^24 + 4, plus 6 gives 2^24 + 10 (the exact sum is 2^24 + 12)
    float[][] rows = orderSensitive(13);
    LpPoints points = new LpPoints(rows, 2);
    assertEquals(16777226f, points.reduced(rows[0], rows[1]), 0f);
    assertEquals(16777226f, points.reduced(rows[0], rows[1], points.scratch()), 0f);
  }

  @Test
  void anEmptyRowTakesAnyPointPointZeroIncluded() {
    NeighbourHeap heap = new NeighbourHeap(3, 2);
    for (int i = 0; i < 3; i++) {
      for (int s = 0; s < 2; s++) {
        assertEquals(-1, heap.indices(i)[s], "an empty slot holds no point");
        assertEquals(Float.POSITIVE_INFINITY, heap.reduced(i)[s]);
        assertFalse(heap.fresh(i)[s]);
      }
    }
    assertTrue(heap.push(2, 0, 5f, true), "point 0 is not already in an empty row");
    assertTrue(heap.push(2, 1, 7f, false));
    assertFalse(heap.push(2, 0, 1f, true), "but once there, it is");
    assertEquals(7f, heap.worst(2));
  }
}
