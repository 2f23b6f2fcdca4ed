package fundamentos.nd4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.progress.Cancellation;
import fundamentos.progress.Cancelled;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stopped caller waits for work that takes a while to wind down (issue 19, mutation testing:
 * doc/mutants/nd4j.md): it returns only after the work has ended, and a ThreadDeath that lands
 * while it waits goes on once the work has ended instead of the cancellation. The moments are
 * forced by the work's own flags and the caller's thread state, not by sleeps that hope for them.
 */
class Nd4jWorkerStopTest {

  private static void waitUntil(BooleanSupplier condition) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "condition not reached within 20 s");
      Thread.onSpinWait();
    }
  }

  /** Work that notices the stop request, then needs windDownMillis to end. */
  private static final class SlowToStop {
    final AtomicBoolean running = new AtomicBoolean();
    final AtomicBoolean requestSeen = new AtomicBoolean();
    final AtomicBoolean ended = new AtomicBoolean();
    final AtomicBoolean endedWhenCallerLeft = new AtomicBoolean();
    final AtomicReference<Throwable> escaped = new AtomicReference<>();

    Thread caller() {
      return new Thread(() -> {
        try {
          Nd4jWorker.call(() -> {
            running.set(true);
            while (!Cancellation.requested()) {
              Thread.onSpinWait();
            }
            requestSeen.set(true);
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < end) {
              Thread.onSpinWait();
            }
            ended.set(true);
            return null;
          });
        } catch (Throwable t) {
          escaped.set(t);
        } finally {
          endedWhenCallerLeft.set(ended.get());
        }
      });
    }
  }

  @Test
  void anInterruptedCallerLeavesOnlyOnceTheWorkHasWoundDown() throws Exception {
    SlowToStop work = new SlowToStop();
    Thread caller = work.caller();
    caller.start();
    waitUntil(work.running::get);
    caller.interrupt();
    caller.join(20_000);
    assertFalse(caller.isAlive());
    assertInstanceOf(Cancelled.class, work.escaped.get());
    assertTrue(work.endedWhenCallerLeft.get(), "the caller left while the work still ran");
  }

  @Test
  @SuppressWarnings({"deprecation", "removal"})
  void aThreadDeathArrivingWhileTheCallerWaitsGoesOnOnceTheWorkHasEnded() throws Exception {
    SlowToStop work = new SlowToStop();
    Thread caller = work.caller();
    caller.start();
    waitUntil(work.running::get);
    caller.interrupt();
    // the request is set and the caller waits, with a deadline, for the work to end
    waitUntil(() -> work.requestSeen.get() && caller.getState() == Thread.State.TIMED_WAITING);
    caller.stop();
    caller.join(20_000);
    assertFalse(caller.isAlive());
    assertInstanceOf(ThreadDeath.class, work.escaped.get(), "escaped: " + work.escaped.get());
    assertTrue(work.endedWhenCallerLeft.get(), "the ThreadDeath went on before the work ended");
  }

  @Test
  void theWorkRunsWithTheCallersContextClassLoader() throws Exception {
    Thread self = Thread.currentThread();
    ClassLoader own = self.getContextClassLoader();
    try (URLClassLoader mine = new URLClassLoader(new URL[0], own)) {
      self.setContextClassLoader(mine);
      assertSame(mine, Nd4jWorker.call(() -> Thread.currentThread().getContextClassLoader()));
    } finally {
      self.setContextClassLoader(own);
    }
  }

  @Test
  void anErrorOfTheWorkComesBackAsThrown() {
    AssertionError error = new AssertionError("broken");
    assertSame(error, assertThrows(AssertionError.class, () -> Nd4jWorker.call(() -> {
      throw error;
    })));
  }

  @Test
  void aStoppedWorkLeavesNoWorkspaceToTheNextCall() throws Exception {
    Nd4jRuntime.start();
    String id = "fundamentos-stop-test";
    // sequential calls run on the same worker thread (the most recently used first)
    Thread first = Nd4jWorker.call(Thread::currentThread);
    assertThrows(Cancelled.class, () -> Nd4jWorker.call(() -> {
      Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(
          WorkspaceConfiguration.builder().initialSize(1 << 10).build(), id);
      throw new Cancelled();
    }));
    assertSame(first, Nd4jWorker.call(Thread::currentThread));
    assertFalse(Nd4jWorker.call(() -> Nd4j.getWorkspaceManager().checkIfWorkspaceExists(id)),
        "the stopped work's workspace is still there");
  }

  @Test
  void workThatIgnoresTheStopDoesNotHoldTheCallerBeyondTheGracePeriod() throws Exception {
    AtomicBoolean running = new AtomicBoolean();
    AtomicBoolean release = new AtomicBoolean();
    AtomicReference<Throwable> escaped = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        Nd4jWorker.call(() -> {
          running.set(true);
          long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (!release.get() && System.nanoTime() < end) {
            Thread.onSpinWait();
          }
          return null;
        });
      } catch (Throwable t) {
        escaped.set(t);
      }
    });
    caller.start();
    try {
      waitUntil(running::get);
      caller.interrupt();
      // the grace period is 5 s: a caller still waiting after 20 s would wait for ever
      caller.join(20_000);
      assertFalse(caller.isAlive(), "the caller still waits for work that ignores the stop");
      assertInstanceOf(Cancelled.class, escaped.get());
    } finally {
      release.set(true);
      caller.join(60_000);
    }
  }
}
