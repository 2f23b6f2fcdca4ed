package fundamentos.parallel;

import fundamentos.progress.Cancellation;
import fundamentos.progress.Cancelled;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Work over the index range [0, n) cut into blocks of a fixed size and shared among threads. The
 * blocks do not depend on the thread count, so an algorithm whose blocks write disjoint outputs
 * (or whose per-block results are merged in block order) gives the same result with 1 thread or 16.
 */
public final class Blocks {

  /** The work on one block [from, to). */
  @FunctionalInterface
  public interface Body {
    void run(int block, int from, int to);
  }

  /**
   * Worker threads kept between calls (daemons, so they never hold a JVM open): kernels called
   * many times a second, such as a network's layers, would otherwise pay a thread start per call.
   */
  private static final ExecutorService WORKERS =
      Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fundamentos-worker");
        thread.setDaemon(true);
        return thread;
      });

  private Blocks() {
  }

  /** Number of blocks of {@code size} that cover n indices. */
  public static int count(int n, int size) {
    return (n + size - 1) / size;
  }

  /**
   * Runs {@code body} on every block, on up to {@code threads} threads (the caller's among them),
   * and rethrows the first failure. Once the caller is interrupted (or its work asked to stop,
   * {@link Cancellation}) no further block starts and {@link Cancelled} is thrown; the call returns
   * only after every helper has left its block, so that no helper still writes into the caller's
   * arrays after an interrupted build, and an {@link Error} (a {@code ThreadDeath} among them) is
   * rethrown as it came, never wrapped or replaced by the cancellation.
   */
  public static void run(int n, int size, int threads, Body body) {
    int blocks = count(n, size);
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    BooleanSupplier stop = Cancellation.ofCurrentThread();
    Runnable worker = () -> {
      int b;
      while (failure.get() == null && (b = next.getAndIncrement()) < blocks) {
        if (stop.getAsBoolean()) {
          record(failure, new Cancelled());
          return;
        }
        try {
          body.run(b, b * size, Math.min(n, (b + 1) * size));
        } catch (Throwable t) {
          record(failure, t);
        }
      }
    };
    int helpers = Math.max(0, Math.min(threads, blocks) - 1);
    Future<?>[] started = new Future<?>[helpers];
    for (int t = 0; t < helpers; t++) {
      started[t] = WORKERS.submit(worker);
    }
    try {
      worker.run();
    } catch (Throwable t) {
      // an asynchronous exception outside the body (Thread.stop): the helpers stop too
      record(failure, t);
    }
    boolean interrupted = false;
    for (Future<?> f : started) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          // the helpers see the interrupt and leave after their current block: wait for them
          interrupted = true;
        } catch (ExecutionException e) {
          record(failure, e.getCause());
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  /** Keeps the first failure, except that a real one replaces a cancellation. */
  private static void record(AtomicReference<Throwable> failure, Throwable t) {
    failure.accumulateAndGet(t, (old, latest) -> old == null
        || old instanceof Cancelled && !(latest instanceof Cancelled) ? latest : old);
  }

  /** The machine's cores, the default thread count of the package's Java-side parallel work. */
  public static int availableThreads() {
    return Runtime.getRuntime().availableProcessors();
  }
}
