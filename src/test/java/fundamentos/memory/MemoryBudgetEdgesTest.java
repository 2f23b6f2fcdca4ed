package fundamentos.memory;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The budget's arithmetic at its edges (issue 19, mutation testing: doc/mutants/memory.md): what is
 * left of each pool by hand, JavaCPP's "no limit", the exact point where a product saturates, a
 * blank cap, the off-heap count following a real native allocation, and the collection made before
 * a refusal.
 */
class MemoryBudgetEdgesTest {

  private static final long MB = 1L << 20;

  @AfterEach
  void clearCaps() {
    System.clearProperty(MemoryBudget.HEAP_PROPERTY);
    System.clearProperty(MemoryBudget.OFF_HEAP_PROPERTY);
  }

  @Test
  void heapLeftIsTheMaximumLessWhatIsInUse() {
    // 1000 max, a heap of 600 of which 250 free: 350 in use, 650 left
    assertEquals(650, MemoryBudget.heapLeft(1000, 600, 250));
    assertEquals(1000, MemoryBudget.heapLeft(1000, 600, 600));
  }

  @Test
  void offHeapLeftIsTheLimitLessWhatIsInUseAndPhysicalMemoryWithoutALimit() {
    assertEquals(700, MemoryBudget.offHeapLeft(1000, 300, 5000));
    // beyond the limit: nothing left, never a negative figure
    assertEquals(0, MemoryBudget.offHeapLeft(1000, 1300, 5000));
    // maxbytes 0: the physical memory still free is what is left, whatever is in use
    assertEquals(5000, MemoryBudget.offHeapLeft(0, 300, 5000));
    // the smallest positive limit is a limit
    assertEquals(0, MemoryBudget.offHeapLeft(1, 300, 5000));
  }

  @Test
  void theMeasuredOffHeapFigureIsJavaCppsLimitLessItsCount() {
    long max = Pointer.maxBytes();
    assumeTrue(max > 0, "JavaCPP runs with a limit here (its default is the heap's maximum)");
    long before = Pointer.maxBytes() - MemoryBudget.offHeapInUse();
    long available = MemoryBudget.offHeapAvailable();
    long after = Pointer.maxBytes() - MemoryBudget.offHeapInUse();
    assertTrue(available >= Math.min(before, after) && available <= Math.max(before, after),
        available + " not between " + before + " and " + after);
  }

  @Test
  void aNativeAllocationIsCountedAsInUse() {
    long before = MemoryBudget.offHeapInUse();
    try (DoublePointer block = new DoublePointer(MB)) {
      block.put(0, 1.0);
      long during = MemoryBudget.offHeapInUse();
      assertTrue(during - before >= 8 * MB, "counted " + (during - before) + " bytes of 8 MB");
    }
  }

  @Test
  void aProductSaturatesOnlyBeyondTheLargestLong() {
    // (2^62 - 1) * 2 = 2^63 - 2 still fits
    assertEquals(Long.MAX_VALUE - 1, MemoryBudget.times(Long.MAX_VALUE / 2, 2));
    assertEquals(Long.MAX_VALUE, MemoryBudget.times(Long.MAX_VALUE / 2 + 1, 2));
    assertEquals(Long.MAX_VALUE, MemoryBudget.plus(Long.MAX_VALUE - 5, 5));
  }

  @Test
  void aBlankCapIsNoCap() {
    System.setProperty(MemoryBudget.HEAP_PROPERTY, "  ");
    System.setProperty(MemoryBudget.OFF_HEAP_PROPERTY, "7");
    long heap = assertDoesNotThrow(MemoryBudget::heapAvailable);
    assertTrue(heap > 7 * MB, "heap " + heap);
    assertEquals(7 * MB, MemoryBudget.offHeapAvailable());
  }

  @Test
  void garbageIsCollectedBeforeARefusal() {
    long free = MemoryBudget.heapAvailable();
    assumeTrue(free > 256 * MB, "enough heap for 64 MB of garbage");
    long garbage = 64 * MB;
    // 64 MB of small arrays (below G1's humongous size), reachable until measured: no collection
    // can take them before the estimate is made against the heap they fill
    byte[][] junk = new byte[256][];
    for (int i = 0; i < junk.length; i++) {
      junk[i] = new byte[(int) (garbage / junk.length)];
    }
    long withGarbage = MemoryBudget.heapAvailable();
    assertTrue(junk[255].length > 0);
    // unreachable from here on; nothing is allocated before require measures again, so only a
    // collection before refusing makes room: more than is left with the garbage, much less than
    // without it
    junk = null;
    MemoryBudget.require("S", "x", withGarbage + garbage / 2, 0, "", "-x");
  }
}
