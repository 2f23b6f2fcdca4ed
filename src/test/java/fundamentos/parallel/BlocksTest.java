package fundamentos.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.progress.Cancellation;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Blocks on its own (issue 19, mutation testing: doc/mutants/parallel.md): which blocks run with
 * which ranges and on which threads, which failure comes back when several arrive, and what an
 * interrupt while the caller waits for its helpers leaves behind. The ordering between threads is
 * forced with barriers and bounded waits on thread states, never with sleeps that hope for it.
 */
class BlocksTest {

  private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(20);

  /** Waits (bounded, for hangs only) until the condition holds. */
  private static void waitUntil(BooleanSupplier condition) {
    long end = System.nanoTime() + BOUND_NANOS;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not reached within 20 s");
      }
      Thread.onSpinWait();
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static boolean parked(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  @Test
  void countIsTheNumberOfBlocksThatCoverN() {
    assertEquals(4, Blocks.count(10, 3));
    assertEquals(3, Blocks.count(9, 3));
    assertEquals(1, Blocks.count(1, 5));
    assertEquals(5, Blocks.count(5, 1));
    assertEquals(0, Blocks.count(0, 3));
  }

  @Test
  void everyBlockRunsOnceWithItsRange() {
    for (int threads : new int[] {1, 2, 3, 8}) {
      Map<Integer, String> seen = new ConcurrentHashMap<>();
      AtomicInteger calls = new AtomicInteger();
      Blocks.run(10, 3, threads, (b, from, to) -> {
        calls.incrementAndGet();
        seen.put(b, from + ".." + to);
      });
      assertEquals(Map.of(0, "0..3", 1, "3..6", 2, "6..9", 3, "9..10"), new TreeMap<>(seen),
          threads + " threads");
      assertEquals(4, calls.get(), threads + " threads");
    }
    AtomicInteger none = new AtomicInteger();
    Blocks.run(0, 3, 4, (b, from, to) -> none.incrementAndGet());
    assertEquals(0, none.get());
  }

  @Test
  void oneThreadMeansTheCallersThreadAlone() {
    Set<Thread> ran = ConcurrentHashMap.newKeySet();
    // blocks that take a while: a helper started by mistake would take some of them
    Blocks.run(8, 1, 1, (b, from, to) -> {
      ran.add(Thread.currentThread());
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
    });
    assertEquals(Set.of(Thread.currentThread()), ran);
  }

  @Test
  void theFirstFailureStopsFurtherBlocksAndComesBack() {
    IllegalArgumentException first = new IllegalArgumentException("first");
    AtomicInteger ran = new AtomicInteger();
    assertSame(first, assertThrows(IllegalArgumentException.class,
        () -> Blocks.run(5, 1, 1, (b, from, to) -> {
          ran.incrementAndGet();
          throw b == 0 ? first : new IllegalStateException("later");
        })));
    assertEquals(1, ran.get(), "blocks after the failure ran");
  }

  @Test
  void errorsComeBackAsThrownAndCheckedExceptionsWrapped() {
    AssertionError error = new AssertionError("broken");
    assertSame(error, assertThrows(AssertionError.class,
        () -> Blocks.run(3, 1, 1, (b, from, to) -> {
          throw error;
        })));
    IOException checked = new IOException("checked");
    IllegalStateException wrapped = assertThrows(IllegalStateException.class,
        () -> Blocks.run(3, 1, 1, (b, from, to) -> sneakyThrow(checked)));
    assertSame(checked, wrapped.getCause());
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  @Test
  void aRealFailureReplacesACancellationRecordedBeforeIt() {
    Thread caller = Thread.currentThread();
    AtomicBoolean request = new AtomicBoolean();
    CyclicBarrier both = new CyclicBarrier(2);
    AtomicReference<Thread> helper = new AtomicReference<>();
    AtomicBoolean helperBlockDone = new AtomicBoolean();
    RuntimeException real = new RuntimeException("real");
    RuntimeException thrown = assertThrows(RuntimeException.class,
        () -> Cancellation.callWithRequest(request, () -> {
          // three blocks on two threads: the helper ends its block after the stop request, takes
          // the third, sees the request and records a cancellation; only then does the caller's
          // block fail for real
          Blocks.run(3, 1, 2, (b, from, to) -> {
            if (Thread.currentThread() != caller) {
              helper.set(Thread.currentThread());
              await(both);
              waitUntil(request::get);
              helperBlockDone.set(true);
              return;
            }
            await(both);
            request.set(true);
            waitUntil(() -> helperBlockDone.get() && parked(helper.get()));
            throw real;
          });
          return null;
        }));
    assertSame(real, thrown);
  }

  @Test
  void aLaterRealFailureDoesNotReplaceTheFirst() {
    Thread caller = Thread.currentThread();
    CyclicBarrier both = new CyclicBarrier(2);
    AtomicReference<Thread> helper = new AtomicReference<>();
    AtomicBoolean helperFailed = new AtomicBoolean();
    RuntimeException first = new RuntimeException("first");
    // two blocks on two threads: the helper's fails and the helper leaves; then the caller's fails
    RuntimeException thrown = assertThrows(RuntimeException.class,
        () -> Blocks.run(2, 1, 2, (b, from, to) -> {
          if (Thread.currentThread() != caller) {
            helper.set(Thread.currentThread());
            await(both);
            helperFailed.set(true);
            throw first;
          }
          await(both);
          waitUntil(() -> helperFailed.get() && parked(helper.get()));
          throw new RuntimeException("second");
        }));
    assertSame(first, thrown);
  }

  /**
   * A caller whose interrupt check fails where the test says: stands in for an asynchronous
   * exception (Thread.stop) that arrives outside a block's body, on the caller or on a helper.
   */
  private static class FailingCaller extends Thread {
    final AtomicBoolean failOnHelper = new AtomicBoolean();
    final AtomicBoolean failOnCaller = new AtomicBoolean();
    final AtomicBoolean helperFailed = new AtomicBoolean();
    final AtomicReference<Throwable> escaped = new AtomicReference<>();

    FailingCaller(Runnable work) {
      super(work);
    }

    @Override
    public boolean isInterrupted() {
      if (Thread.currentThread() == this ? failOnCaller.get() : failOnHelper.get()) {
        helperFailed.set(Thread.currentThread() != this);
        throw new IllegalStateException(Thread.currentThread() == this ? "caller" : "helper");
      }
      return super.isInterrupted();
    }
  }

  private static Throwable runIn(FailingCaller[] holder, int n, int threads,
      Blocks.Body body, boolean onCaller) throws InterruptedException {
    FailingCaller thread = new FailingCaller(null) {
      @Override
      public void run() {
        try {
          Blocks.run(n, 1, threads, body);
        } catch (Throwable t) {
          escaped.set(t);
        }
      }
    };
    holder[0] = thread;
    (onCaller ? thread.failOnCaller : thread.failOnHelper).set(true);
    thread.start();
    thread.join(20_000);
    assertFalse(thread.isAlive(), "did not end within 20 s");
    return thread.escaped.get();
  }

  @Test
  void aFailureOutsideTheBodyOnTheCallerComesBack() throws InterruptedException {
    AtomicInteger ran = new AtomicInteger();
    Throwable escaped = runIn(new FailingCaller[1], 2, 1, (b, from, to) -> ran.incrementAndGet(),
        true);
    assertInstanceOf(IllegalStateException.class, escaped);
    assertEquals("caller", escaped.getMessage());
    assertEquals(0, ran.get());
  }

  @Test
  void aFailureOutsideTheBodyOnAHelperComesBack() throws InterruptedException {
    FailingCaller[] holder = new FailingCaller[1];
    Throwable escaped = runIn(holder, 2, 2,
        (b, from, to) -> waitUntil(() -> holder[0].helperFailed.get()), false);
    assertInstanceOf(IllegalStateException.class, escaped);
    assertEquals("helper", escaped.getMessage());
  }

  @Test
  void anInterruptWhileWaitingForTheHelpersIsKept() {
    Thread caller = Thread.currentThread();
    CyclicBarrier both = new CyclicBarrier(2);
    AtomicBoolean callerInterrupted = new AtomicBoolean();
    try {
      Blocks.run(2, 1, 2, (b, from, to) -> {
        await(both);
        if (Thread.currentThread() == caller) {
          caller.interrupt();
          callerInterrupted.set(true);
        } else {
          // still in its block while the caller, interrupted, waits for it
          waitUntil(() -> callerInterrupted.get() && caller.getState() == Thread.State.WAITING);
        }
      });
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt was swallowed");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theDefaultThreadCountIsTheMachinesCores() {
    assertEquals(Runtime.getRuntime().availableProcessors(), Blocks.availableThreads());
  }
}
