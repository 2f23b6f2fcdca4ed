package fundamentos.progress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.nd4j.Nd4jWorker;
import fundamentos.parallel.Blocks;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The cooperative stop on its own: the check, the request flag, the helpers of {@link Blocks}, and
 * {@link Nd4jWorker}'s hand-over of interrupts, exceptions and ThreadDeath between the caller and
 * the package's thread.
 */
class CancellationTest {

  @Test
  void checkThrowsOnlyOnceInterruptedAndLeavesTheFlagSet() {
    Cancellation.check();
    Thread.currentThread().interrupt();
    try {
      assertThrows(Cancelled.class, Cancellation::check);
      assertTrue(Thread.currentThread().isInterrupted(), "the check reads the flag, never clears it");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aRequestStopsTheWorkItIsGivenTo() throws Exception {
    AtomicBoolean request = new AtomicBoolean(true);
    assertThrows(Cancelled.class, () -> Cancellation.callWithRequest(request, () -> {
      Cancellation.check();
      return null;
    }));
    assertFalse(Cancellation.requested(), "the request belongs to that work only");
  }

  /** Runs body in a thread, interrupts it after the given delay and returns what escaped. */
  private static Throwable interruptedAfter(long millis, Runnable body, AtomicBoolean interruptedAfter)
      throws InterruptedException {
    AtomicReference<Throwable> escaped = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable t) {
        escaped.set(t);
        interruptedAfter.set(Thread.currentThread().isInterrupted());
      }
    });
    thread.start();
    Thread.sleep(millis);
    thread.interrupt();
    thread.join(10_000);
    assertFalse(thread.isAlive(), "did not end within 10 s of the interrupt");
    return escaped.get();
  }

  @Test
  void blocksStopStartingBlocksOnceTheCallerIsInterrupted() throws Exception {
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean flag = new AtomicBoolean();
    // a million blocks of 1 ms each, on two threads: minutes unless the interrupt stops them
    Throwable escaped = interruptedAfter(300, () -> Blocks.run(1_000_000, 1, 2, (b, from, to) -> {
      long end = System.nanoTime() + 1_000_000;
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
      done.incrementAndGet();
    }), flag);
    assertInstanceOf(Cancelled.class, escaped);
    assertTrue(flag.get(), "the caller's interrupt flag stays set");
    int after = done.get();
    Thread.sleep(100);
    assertTrue(done.get() == after, "a helper still ran blocks after the call returned");
  }

  @Test
  void anInterruptedCallerStartsNoBlockAndAnErrorComesBackAsThrown() {
    AtomicInteger ran = new AtomicInteger();
    Thread.currentThread().interrupt();
    try {
      assertThrows(Cancelled.class, () -> Blocks.run(8, 1, 2, (b, from, to) -> ran.incrementAndGet()));
      assertTrue(ran.get() == 0, ran.get() + " blocks ran for an interrupted caller");
    } finally {
      Thread.interrupted();
    }
    Error error = new Error("stop");
    assertSame(error, assertThrows(Error.class, () -> Blocks.run(4, 1, 2, (b, from, to) -> {
      throw error;
    })));
  }

  @Test
  void theWorkerHandsBackResultsAndExceptionsAsThrown() throws Exception {
    assertTrue(Nd4jWorker.call(() -> !Thread.currentThread().getName().equals("main")));
    IllegalArgumentException bad = new IllegalArgumentException("bad");
    assertSame(bad, assertThrows(IllegalArgumentException.class, () -> Nd4jWorker.call(() -> {
      throw bad;
    })));
    // a ThreadDeath wrapped by a library (as DL4J does) comes back unwrapped
    ThreadDeath death = new ThreadDeath();
    assertSame(death, assertThrows(ThreadDeath.class, () -> Nd4jWorker.call(() -> {
      throw new RuntimeException("Error during neural network forward pass", death);
    })));
    // work submitted from the worker runs there directly (no deadlock, same thread)
    assertTrue(Nd4jWorker.call(() -> {
      Thread outer = Thread.currentThread();
      return Nd4jWorker.call(() -> Thread.currentThread() == outer);
    }));
  }

  @Test
  void anInterruptedCallerStopsTheWorkOnTheWorkerAndKeepsItsFlag() throws Exception {
    AtomicBoolean workEnded = new AtomicBoolean();
    AtomicBoolean flag = new AtomicBoolean();
    Throwable escaped = interruptedAfter(300, () -> {
      try {
        Nd4jWorker.call(() -> {
          try {
            while (true) {
              Cancellation.check();
              Thread.sleep(1);
            }
          } finally {
            workEnded.set(true);
          }
        });
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, flag);
    assertInstanceOf(Cancelled.class, escaped);
    assertTrue(flag.get(), "the caller's interrupt flag is set again");
    assertTrue(workEnded.get(), "the caller returned before the work on the worker ended");
  }

  @Test
  @SuppressWarnings({"deprecation", "removal"})
  void aStoppedCallerLetsItsThreadDeathGoOnOnceTheWorkHasEnded() throws Exception {
    AtomicBoolean workEnded = new AtomicBoolean();
    AtomicReference<Throwable> escaped = new AtomicReference<>();
    AtomicBoolean started = new AtomicBoolean();
    Thread thread = new Thread(() -> {
      try {
        Nd4jWorker.call(() -> {
          started.set(true);
          try {
            while (true) {
              Cancellation.check();
              Thread.sleep(1);
            }
          } finally {
            workEnded.set(true);
          }
        });
      } catch (Throwable t) {
        escaped.set(t);
      }
    });
    thread.start();
    while (!started.get()) {
      Thread.sleep(5);
    }
    Thread.sleep(100);
    thread.interrupt();
    thread.stop();
    thread.join(10_000);
    assertFalse(thread.isAlive());
    assertSame(ThreadDeath.class, escaped.get() == null ? null : escaped.get().getClass(),
        "escaped: " + escaped.get());
    assertTrue(workEnded.get(), "the ThreadDeath went on before the work on the worker ended");
  }
}
