package fundamentos.nd4j;

import fundamentos.progress.Cancellation;
import fundamentos.progress.Cancelled;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs ND4J work (network training) on a thread the package owns while the caller's thread waits.
 *
 * <p>Why: Weka's Explorer stops a run with {@code Thread.interrupt()} immediately followed by
 * {@code Thread.stop()}. A {@code ThreadDeath} that lands inside DL4J was measured to be wrapped
 * ("Error during neural network forward pass", so the Explorer showed an error dialog and froze its
 * status line), to interrupt ND4J's workspace locks ("Interrupted attempt to acquire write lock") and
 * to leave state behind that kept the next training in the same JVM from progressing. Here the
 * interrupt and the {@code ThreadDeath} land in the waiting caller, never in ND4J: the caller sets
 * the work's stop request ({@link Cancellation}), which the training loop checks between
 * mini-batches, waits a bounded time for the work to end, sets its interrupt flag again and lets
 * the {@code ThreadDeath} go on unwrapped (or, for an interrupt alone, throws {@link Cancelled}).
 * A worker whose work ended by an exception gives its ND4J workspaces back before taking new work.
 */
public final class Nd4jWorker {

  /** How long a stopped caller waits for the work to reach its next check and end. */
  private static final long GRACE_MILLIS = 5000;

  /** Marks the package's ND4J threads: work submitted from one of them runs directly. */
  private static final ThreadLocal<Boolean> ON_WORKER = ThreadLocal.withInitial(() -> false);

  /**
   * Daemon threads kept between calls (a thread's ND4J workspaces are reused by its next job); more
   * than one, so that a job left running after a grace period that ran out never blocks the next.
   */
  private static final ExecutorService WORKERS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(() -> {
      ON_WORKER.set(true);
      runnable.run();
    }, "fundamentos-nd4j");
    thread.setDaemon(true);
    return thread;
  });

  private Nd4jWorker() {
  }

  /**
   * Runs {@code work} on a package thread and returns its result or rethrows its exception as
   * thrown (an {@link Error} unwrapped).
   *
   * @throws Cancelled when the caller is interrupted while waiting (its interrupt flag is set again)
   */
  public static <T> T call(Callable<T> work) throws Exception {
    if (ON_WORKER.get()) {
      return work.call();
    }
    AtomicBoolean request = new AtomicBoolean();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Future<T> future = WORKERS.submit(() -> {
      Thread self = Thread.currentThread();
      ClassLoader own = self.getContextClassLoader();
      self.setContextClassLoader(loader);
      try {
        return Cancellation.callWithRequest(request, work);
      } catch (Throwable t) {
        // the work stopped somewhere in the middle: drop its workspaces rather than trust them
        if (Nd4jRuntime.started()) {
          Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }
        throw t;
      } finally {
        self.setContextClassLoader(own);
      }
    });
    boolean finished = false;
    try {
      T result = future.get();
      finished = true;
      return result;
    } catch (ExecutionException e) {
      finished = true;
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    } catch (InterruptedException e) {
      throw new Cancelled();
    } finally {
      if (!finished) {
        // interrupted, or a ThreadDeath (Thread.stop) on its way out: stop the work first
        request.set(true);
        Error late = awaitQuietly(future);
        Thread.currentThread().interrupt();
        if (late != null) {
          throw late;
        }
      }
    }
  }

  /**
   * Waits up to the grace period for the work to end, whatever arrives meanwhile: the Explorer's
   * Thread.stop follows its interrupt at once, so its ThreadDeath usually lands here; it is kept
   * and returned, to be rethrown once the work has ended.
   */
  private static Error awaitQuietly(Future<?> future) {
    Error late = null;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    while (!future.isDone()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        future.get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException again) {
        // keep waiting: the caller sets the flag again
      } catch (ExecutionException | TimeoutException | CancellationException ended) {
        break;
      } catch (Error stopped) {
        late = late == null ? stopped : late;
      }
    }
    return late;
  }
}
