package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bounded max-heap ({@link BoundedHeap}) behind every k-nearest-distance query: after each
 * offer it must hold the k smallest distances offered so far, with the largest of them as
 * {@code worstKey()}.
 */
class NearestDistancesTest {

  @Test
  void keepsTheKSmallestOfEveryPrefix() {
    Random random = new Random(7);
    for (int k = 1; k <= 9; k++) {
      for (int trial = 0; trial < 40; trial++) {
        int n = random.nextInt(30);
        BoundedHeap heap = new BoundedHeap(k);
        double[] offered = new double[n];
        for (int i = 0; i < n; i++) {
          // few distinct values: ties between the kept and the offered distances
          offered[i] = trial % 2 == 0 ? random.nextInt(6) : random.nextDouble();
          heap.offer(i, offered[i]);
          double[] prefix = Arrays.copyOf(offered, i + 1);
          Arrays.sort(prefix);
          double[] expected = Arrays.copyOf(prefix, Math.min(k, i + 1));
          assertArrayEquals(expected, heap.sortedKeys(), 0.0, "k " + k + " after " + (i + 1));
          assertEquals(i + 1 >= k, heap.full(), "full after " + (i + 1) + " of k " + k);
          if (heap.full()) {
            assertEquals(expected[k - 1], heap.worstKey(), 0.0, "the k-th smallest so far");
          }
        }
      }
    }
  }

  @Test
  void aHandSequence() {
    BoundedHeap heap = new BoundedHeap(3);
    assertFalse(heap.full());
    assertArrayEquals(new double[] {}, heap.sortedKeys(), 0.0);
    heap.offer(1, 5);
    heap.offer(2, 1);
    assertFalse(heap.full());
    heap.offer(3, 3);
    assertTrue(heap.full());
    assertEquals(5, heap.worstKey());
    heap.offer(4, 4); // replaces 5
    assertEquals(4, heap.worstKey());
    heap.offer(5, 9); // farther than all three: rejected
    assertEquals(4, heap.worstKey());
    heap.offer(6, 0); // replaces 4; 3 is the new worst
    assertEquals(3, heap.worstKey());
    assertArrayEquals(new double[] {0, 1, 3}, heap.sortedKeys(), 0.0);
    // k = 2: the sift-down where the root has a left child only
    BoundedHeap two = new BoundedHeap(2);
    two.offer(7, 2);
    two.offer(8, 7);
    two.offer(9, 1);
    assertEquals(2, two.worstKey());
    assertArrayEquals(new double[] {1, 2}, two.sortedKeys(), 0.0);
  }
}
