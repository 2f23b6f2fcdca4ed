package fundamentos.nd4j;

import fundamentos.progress.Cancellation;
import fundamentos.progress.Cancelled;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedDeque;
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
 * A worker whose work was stopped (or ended by an Error) gives its ND4J workspaces back before
 * taking new work.
 */
public final class Nd4jWorker {

  /** How long a stopped caller waits for the work to reach its next check and end. */
  private static final long GRACE_MILLIS = 5000;

  /** Marks the package's ND4J threads: work submitted from one of them runs directly. */
  private static final ThreadLocal<Boolean> ON_WORKER = ThreadLocal.withInitial(() -> false);

  /**
   * Idle workers, the most recently used first. Each is one daemon thread kept for good: sequential
   * calls run on the same thread, which keeps its ND4J workspaces and OpenMP setting (a cached
   * thread pool was measured to hand a call to a new thread whenever the previous one had not yet
   * gone back to waiting, with new workspaces and OpenMP's default thread count each time). More
   * than one exists only when calls overlap (two trainings at once, or a stopped job that had not
   * reached its next check within the grace period).
   */
  private static final Deque<ExecutorService> IDLE = new ConcurrentLinkedDeque<>();

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(() -> {
        ON_WORKER.set(true);
        runnable.run();
      }, "fundamentos-nd4j");
      thread.setDaemon(true);
      return thread;
    });
  }

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
    ExecutorService worker = IDLE.pollFirst();
    ExecutorService chosen = worker != null ? worker : newWorker();
    Future<T> future = chosen.submit(() -> {
      Thread self = Thread.currentThread();
      ClassLoader own = self.getContextClassLoader();
      self.setContextClassLoader(loader);
      try {
        Nd4jRuntime.applyToCurrentThread();
        return Cancellation.callWithRequest(request, work);
      } catch (Cancelled | Error t) {
        // stopped or broken somewhere in the middle: drop the thread's workspaces rather than trust
        // them (not after an ordinary exception such as a rejected option: destroying workspaces
        // asks for a garbage collection, measured at 0.3 s a time)
        if (Nd4jRuntime.started()) {
          Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }
        throw t;
      } finally {
        self.setContextClassLoader(own);
        // idle again before the caller sees the result, so that its next call finds this thread
        IDLE.offerFirst(chosen);
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
      ThreadDeath death = threadDeathIn(cause);
      if (death != null) {
        throw death;
      }
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
   * A ThreadDeath somewhere in the cause chain: DL4J wraps whatever reaches it ("Error during neural
   * network forward pass"), and a stop must reach Weka as the ThreadDeath it is, never wrapped.
   * The search looks at most 32 causes deep (the throwable and 31 causes): a cause chain can be a
   * cycle.
   */
  static ThreadDeath threadDeathIn(Throwable t) {
    for (int depth = 0; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof ThreadDeath death) {
        return death;
      }
    }
    return null;
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
