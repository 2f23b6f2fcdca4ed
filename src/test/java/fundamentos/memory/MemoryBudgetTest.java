package fundamentos.memory;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fundamentos.cluster.Dbscan;
import fundamentos.linear.SoftmaxTrainer;
import fundamentos.pca.PcaSolver;
import fundamentos.pca.PrincipalComponentAnalysis;
import fundamentos.umap.Umap;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The shared budget (what is available, the caps tests use, the refusal's format, saturating
 * arithmetic) and each engine's estimate on absurd and ordinary sizes.
 */
class MemoryBudgetTest {

  private static final long MB = 1L << 20;

  @AfterEach
  void clearCaps() {
    System.clearProperty(MemoryBudget.HEAP_PROPERTY);
    System.clearProperty(MemoryBudget.OFF_HEAP_PROPERTY);
  }

  @Test
  void availableMemoryIsMeasuredAndCappedByTheProperties() {
    long heap = MemoryBudget.heapAvailable();
    assertTrue(heap > 0 && heap <= Runtime.getRuntime().maxMemory(), "heap " + heap);
    assertTrue(MemoryBudget.offHeapAvailable() > 0);
    System.setProperty(MemoryBudget.HEAP_PROPERTY, "3");
    System.setProperty(MemoryBudget.OFF_HEAP_PROPERTY, "5");
    assertEquals(3 * MB, MemoryBudget.heapAvailable());
    assertEquals(5 * MB, MemoryBudget.offHeapAvailable());
    System.setProperty(MemoryBudget.HEAP_PROPERTY, "lots");
    assertThrows(IllegalArgumentException.class, MemoryBudget::heapAvailable);
  }

  @Test
  void aRefusalNamesTheEstimateTheMemoryAvailableAndTheOption() {
    System.setProperty(MemoryBudget.HEAP_PROPERTY, "100");
    System.setProperty(MemoryBudget.OFF_HEAP_PROPERTY, "200");
    MemoryBudget.require("S", "training", 100 * MB, 200 * MB, "n = 1", "-x");
    MemoryRefusedException e = assertThrows(MemoryRefusedException.class,
        () -> MemoryBudget.require("Transformer", "training", 10 * MB, 300 * MB,
            "n = 4, d = 1, -max-length 100000", "-max-length"));
    assertEquals("Transformer: training needs about 10 MB of heap and 300 MB of off-heap memory "
        + "(n = 4, d = 1, -max-length 100000), more than the 100 MB of heap / 200 MB of off-heap "
        + "memory available; lower -max-length or raise -Xmx / -Dorg.bytedeco.javacpp.maxbytes.",
        e.getMessage());
    assertThrows(MemoryRefusedException.class,
        () -> MemoryBudget.require("S", "x", 101 * MB, 0, "", "-x"));
  }

  @Test
  void arithmeticSaturatesInsteadOfOverflowing() {
    assertEquals(Long.MAX_VALUE, MemoryBudget.times(1L << 40, 1L << 40));
    assertEquals(Long.MAX_VALUE, MemoryBudget.plus(Long.MAX_VALUE - 1, 5));
    assertEquals(24, MemoryBudget.times(2, 3, 4));
    assertEquals(0, MemoryBudget.times(5, 0));
    assertEquals("0 MB", MemoryBudget.megabytes(0));
    assertEquals("1 MB", MemoryBudget.megabytes(10));
    assertEquals("3 MB", MemoryBudget.megabytes(3 * MB));
  }

  @Test
  void pcaOnAMillionColumnsIsRefusedForTheCovarianceAndFitsWithFewRandomizedComponents() {
    PrincipalComponentAnalysis covariance = new PrincipalComponentAnalysis()
        .solver(PcaSolver.COVARIANCE);
    // d^2 doubles twice (16 TB), plus the model's k + 4 rows of d doubles and the n x k output
    // twice (k = min(n, d))
    MemoryEstimate huge = covariance.memory(100, 1_000_000);
    assertEquals(8L * (2L * 1_000_000 * 1_000_000 + 104 * 1_000_000 + 2 * 100 * 100),
        huge.heapBytes());
    assertThrows(MemoryRefusedException.class,
        () -> MemoryBudget.require("PCA", "fitting", huge, "d = 1000000", "-M"));
    // 1000 x 20 with covariance: two 20 x 20 matrices, plus the model
    MemoryEstimate small = covariance.memory(1000, 20);
    assertTrue(small.heapBytes() < MB && small.offHeapBytes() < MB, small.toString());
    // randomized, k = 10: n d + 2 n l + d l doubles off the heap (l = 20)
    MemoryEstimate randomized = new PrincipalComponentAnalysis().solver(PcaSolver.RANDOMIZED)
        .maxComponents(10).memory(100, 1_000_000);
    assertEquals(8L * (100 * 1_000_000 + 2 * 100 * 20 + 1_000_000 * 20),
        randomized.offHeapBytes());
    // auto picks the covariance solver for tall data, the full SVD for wide data with all
    // components
    assertEquals(PcaSolver.COVARIANCE, new PrincipalComponentAnalysis().solverFor(10000, 20));
    assertEquals(PcaSolver.FULL_SVD, new PrincipalComponentAnalysis().solverFor(100, 5000));
  }

  @Test
  void umapWithNeighboursNearNOnBigNIsRefusedAndOrdinarySettingsAreSmall() {
    MemoryEstimate huge = Umap.memory(1_000_000, 50, 999_999, 2);
    assertTrue(huge.heapBytes() > 100_000_000_000_000L, huge.toString());
    assertThrows(MemoryRefusedException.class,
        () -> MemoryBudget.require("UMAP", "fitting", huge, "n = 1000000", "-K"));
    // 10000 points, 15 neighbours: 4 n d + 160 n k + 24 n c bytes, about 25 MB
    MemoryEstimate ordinary = Umap.memory(10_000, 50, 15, 2);
    assertEquals(4L * 10_000 * 50 + 160L * 10_000 * 15 + 24L * 10_000 * 2, ordinary.heapBytes());
  }

  @Test
  void softmaxAndDbscanEstimatesAreLinearInN() {
    MemoryEstimate softmax = SoftmaxTrainer.memory(1000, 9, 3, 32);
    assertEquals(2L * 1000 * 10 * 8, softmax.heapBytes());
    assertEquals(8L * (4 * 1000 * 13 + 5 * 10 * 3 + 4 * 32 * 13), softmax.offHeapBytes());
    assertEquals(2 * Dbscan.memory(1000, 4).heapBytes(), Dbscan.memory(2000, 4).heapBytes());
    assertEquals(1000L * (2 * (8 * 4 + 16) + 69), Dbscan.memory(1000, 4).heapBytes());
    assertEquals(0, Dbscan.memory(1000, 4).offHeapBytes());
  }

  /**
   * The budget's arithmetic at its edges (issue 19, mutation testing: doc/mutants/memory.md): what is
   * left of each pool by hand, JavaCPP's "no limit", the exact point where a product saturates, a
   * blank cap, the off-heap count following a real native allocation, and the collection made before
   * a refusal.
   */
  @Nested
  class Edges {

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
      // JavaCPP's deallocator thread may free earlier arrays between the two readings (a full
      // verify once counted 7.8 of the 8 MB): a few tries, each of which sees the whole block
      // unless something else was freed meanwhile; an allocation not counted fails every try
      long counted = 0;
      for (int attempt = 0; attempt < 5 && counted < 8 * MB; attempt++) {
        long before = MemoryBudget.offHeapInUse();
        try (DoublePointer block = new DoublePointer(MB)) {
          block.put(0, 1.0);
          counted = MemoryBudget.offHeapInUse() - before;
        }
      }
      assertTrue(counted >= 8 * MB, "counted " + counted + " bytes of 8 MB");
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
}
