package fundamentos.parallel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
   * and rethrows the first failure.
   */
  public static void run(int n, int size, int threads, Body body) {
    int blocks = count(n, size);
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker = () -> {
      int b;
      while (failure.get() == null && (b = next.getAndIncrement()) < blocks) {
        try {
          body.run(b, b * size, Math.min(n, (b + 1) * size));
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }
    };
    int helpers = Math.max(0, Math.min(threads, blocks) - 1);
    Future<?>[] started = new Future<?>[helpers];
    for (int t = 0; t < helpers; t++) {
      started[t] = WORKERS.submit(worker);
    }
    worker.run();
    for (Future<?> f : started) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        failure.compareAndSet(null, e.getCause());
      }
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

  /** The machine's cores, the default thread count of the package's Java-side parallel work. */
  public static int availableThreads() {
    return Runtime.getRuntime().availableProcessors();
  }
}
