package fundamentos.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * OpenMP's thread count is a setting of each thread: the Explorer trains each run on a new thread,
 * and a thread that never set it ran with one OpenMP thread per core (several times slower on two
 * cores). Every thread that asks for a thread count gets it, whatever thread asked before.
 */
class Nd4jRuntimeThreadsTest {

  private static int ompMaxThreadsHere() {
    return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
  }

  @Test
  void everyThreadThatSetsTheCountGetsIt() throws Exception {
    Nd4jRuntime.setThreads(1);
    assertEquals(1, ompMaxThreadsHere());
    for (int round = 0; round < 2; round++) {
      AtomicInteger seen = new AtomicInteger(-1);
      Thread thread = new Thread(() -> {
        // the same count as the previous thread chose: not skipped as "already set"
        Nd4jRuntime.setThreads(1);
        seen.set(ompMaxThreadsHere());
      });
      thread.start();
      thread.join(60_000);
      assertEquals(1, seen.get(), "OpenMP threads on a new thread, round " + round);
    }
  }

  @Test
  void workOnThePackagesThreadRunsWithTheChosenCount() throws Exception {
    Nd4jRuntime.setThreads(1);
    assertEquals(1, (int) Nd4jWorker.call(Nd4jRuntimeThreadsTest::ompMaxThreadsHere));
  }

  /**
   * The package's Java loops can have other threads than libnd4j's (a Transformer: Java threads
   * for its blocks, one OpenMP thread); the two-argument form gives both the same count.
   */
  @Test
  void javaThreadsAreSetApartFromOpenMps() {
    try {
      Nd4jRuntime.setThreads(1, 1, 2);
      assertEquals(1, Nd4jRuntime.threads());
      assertEquals(1, ompMaxThreadsHere());
      assertEquals(2, Nd4jRuntime.javaThreads());
      Nd4jRuntime.setThreads(2, 1);
      assertEquals(2, Nd4jRuntime.javaThreads());
      Nd4jRuntime.setThreads(1);
      assertEquals(1, Nd4jRuntime.javaThreads());
    } finally {
      Nd4jRuntime.setThreads(1);
    }
  }
}
