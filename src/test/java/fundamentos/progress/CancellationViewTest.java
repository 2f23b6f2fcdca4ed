package fundamentos.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * What helpers see of their caller's stop state, read on another thread (issue 19, mutation
 * testing: doc/mutants/progress.md), and nested stop requests.
 */
class CancellationViewTest {

  /** Evaluates the view on a thread of its own, as a helper does. */
  private static boolean onAnotherThread(BooleanSupplier view) throws InterruptedException {
    AtomicReference<Boolean> seen = new AtomicReference<>();
    Thread helper = new Thread(() -> seen.set(view.getAsBoolean()));
    helper.start();
    helper.join(20_000);
    return seen.get();
  }

  @Test
  void helpersSeeARequestSetAfterTheirViewWasTaken() throws Exception {
    AtomicBoolean request = new AtomicBoolean();
    Cancellation.callWithRequest(request, () -> {
      BooleanSupplier view = Cancellation.ofCurrentThread();
      assertFalse(onAnotherThread(view));
      request.set(true);
      assertTrue(onAnotherThread(view));
      return null;
    });
    assertFalse(onAnotherThread(Cancellation.ofCurrentThread()), "no request, no interrupt");
  }

  @Test
  void helpersSeeTheirCallersInterrupt() throws Exception {
    AtomicReference<BooleanSupplier> view = new AtomicReference<>();
    CountDownLatch taken = new CountDownLatch(1);
    AtomicBoolean release = new AtomicBoolean();
    Thread caller = new Thread(() -> {
      view.set(Cancellation.ofCurrentThread());
      taken.countDown();
      // busy, as a caller running its own block: the interrupt flag stays set
      while (!release.get()) {
        Thread.onSpinWait();
      }
    });
    caller.start();
    try {
      assertTrue(taken.await(20, TimeUnit.SECONDS));
      assertFalse(onAnotherThread(view.get()));
      caller.interrupt();
      assertTrue(onAnotherThread(view.get()), "the caller's interrupt was not seen");
    } finally {
      release.set(true);
      caller.join(20_000);
    }
  }

  @Test
  void anInnerRequestEndsWithItsWorkAndTheOuterOneHoldsAgain() throws Exception {
    AtomicBoolean outer = new AtomicBoolean();
    AtomicBoolean inner = new AtomicBoolean();
    String result = Cancellation.callWithRequest(outer, () -> {
      Cancellation.callWithRequest(inner, () -> {
        outer.set(true);
        assertFalse(Cancellation.requested(), "the inner work has its own request");
        return null;
      });
      assertThrows(Cancelled.class, Cancellation::check);
      return "done";
    });
    assertEquals("done", result);
    assertFalse(Cancellation.requested());
  }
}
