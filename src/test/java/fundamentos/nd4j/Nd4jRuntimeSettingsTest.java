package fundamentos.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The thread settings Nd4jRuntime makes and reports, each read back from ND4J itself (issue 19,
 * mutation testing: doc/mutants/nd4j.md): the property and the automatic choice, libnd4j's and
 * BLAS's counts set apart, the count on the package's worker thread after a change, and the
 * search for a ThreadDeath in a cause chain.
 */
class Nd4jRuntimeSettingsTest {

  private String property;

  @BeforeEach
  void keepProperty() {
    property = System.getProperty(Nd4jRuntime.THREADS_PROPERTY);
  }

  @AfterEach
  void restore() {
    if (property == null) {
      System.clearProperty(Nd4jRuntime.THREADS_PROPERTY);
    } else {
      System.setProperty(Nd4jRuntime.THREADS_PROPERTY, property);
    }
    Nd4jRuntime.setThreads(1);
  }

  private static int automatic() {
    return Math.max(1, Math.min(Nd4jRuntime.MAX_AUTO_THREADS,
        Runtime.getRuntime().availableProcessors() / 2));
  }

  @Test
  void thePropertyFixesTheCountAndAnythingElseLeavesTheAutomaticChoice() {
    System.setProperty(Nd4jRuntime.THREADS_PROPERTY, "3");
    assertEquals(3, Nd4jRuntime.automaticThreads());
    System.setProperty(Nd4jRuntime.THREADS_PROPERTY, " 1 ");
    assertEquals(1, Nd4jRuntime.automaticThreads());
    for (String ignored : new String[] {"", "  ", "0", "-2", "many"}) {
      System.setProperty(Nd4jRuntime.THREADS_PROPERTY, ignored);
      assertEquals(automatic(), Nd4jRuntime.automaticThreads(), "'" + ignored + "'");
    }
    System.clearProperty(Nd4jRuntime.THREADS_PROPERTY);
    assertEquals(automatic(), Nd4jRuntime.automaticThreads());
  }

  @Test
  void aRequestedCountIsWhatNd4jUsesAndZeroMeansTheAutomaticChoice() {
    System.setProperty(Nd4jRuntime.THREADS_PROPERTY, "2");
    // libnd4j caps OpenMP's count at the cores, so counts of 1 and 2 are what can be read back
    Nd4jRuntime.setThreads(2, 1);
    assertEquals(2, Nd4jRuntime.threads());
    assertEquals(2, Nd4j.getEnvironment().maxMasterThreads());
    assertEquals(2, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
    assertEquals(1, Nd4j.factory().blas().getMaxThreads());
    Nd4jRuntime.setThreads(1, 2);
    assertEquals(1, Nd4jRuntime.threads());
    assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
    assertEquals(2, Nd4j.factory().blas().getMaxThreads());
    // 0 and below: the property's count, for libnd4j and BLAS alike
    Nd4jRuntime.setThreads(1, 1);
    assertEquals(1, Nd4j.factory().blas().getMaxThreads());
    Nd4jRuntime.setThreads(0);
    assertEquals(2, Nd4jRuntime.threads());
    assertEquals(2, Nd4j.factory().blas().getMaxThreads());
    Nd4jRuntime.setThreads(1);
    Nd4jRuntime.setThreads(-1, -1);
    assertEquals(2, Nd4jRuntime.threads());
    assertTrue(Nd4jRuntime.started());
  }

  @Test
  void thePackagesWorkerFollowsAChangedCount() throws Exception {
    Nd4jRuntime.setThreads(2);
    assertEquals(2, (int) Nd4jWorker.call(
        () -> NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()));
    Nd4jRuntime.setThreads(1);
    assertEquals(1, (int) Nd4jWorker.call(
        () -> NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()));
  }

  /** depth wrappers around cause. */
  private static Throwable wrapped(Throwable cause, int depth) {
    Throwable t = cause;
    for (int i = 0; i < depth; i++) {
      t = new RuntimeException("wrapper " + i, t);
    }
    return t;
  }

  @Test
  void aThreadDeathIsFoundUpTo32CausesDeepAndACycleEnds() {
    ThreadDeath death = new ThreadDeath();
    assertSame(death, Nd4jWorker.threadDeathIn(death));
    assertSame(death, Nd4jWorker.threadDeathIn(wrapped(death, 31)));
    assertNull(Nd4jWorker.threadDeathIn(wrapped(death, 32)));
    assertNull(Nd4jWorker.threadDeathIn(null));
    // a cause chain that is a cycle (initCause allows it) ends the search too
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertNull(Nd4jWorker.threadDeathIn(a));
  }
}
