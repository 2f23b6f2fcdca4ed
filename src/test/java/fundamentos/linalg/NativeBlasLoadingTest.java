package fundamentos.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.memory.MemoryBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NativeBlas.startLoading in fresh JVMs (in this one OpenBLAS is loaded already): the main thread
 * goes straight on to what the PCA filter does next (JavaCPP's memory counts, a native matrix, a
 * product) while OpenBLAS loads on the other thread. The first version, which left JavaCPP's
 * classes to the loading thread, deadlocked in class initialisation; several fresh JVMs must each
 * finish with the right product, and the library must have been loaded by the loading thread.
 */
class NativeBlasLoadingTest {

  /** What main prints once the product of {{1, 2}, {3, 4}} with itself is right. */
  private static final String PRODUCT = "loaders 1 available true product [7.0, 10.0, 15.0, 22.0]";

  /** Run in a fresh JVM: prints the product and whether the background thread loaded OpenBLAS. */
  public static void main(String[] args) throws InterruptedException {
    NativeBlas.startLoading(Integer.parseInt(args[0]));
    NativeBlas.startLoading(1); // once per JVM: no second thread
    Thread loader = null;
    int loaders = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("fundamentos OpenBLAS loader")) {
        loader = thread;
        loaders++;
      }
    }
    if (args.length > 1 && args[1].equals("spin")) {
      loader.join();
      System.out.println("timeout " + com.sun.jna.Native.loadLibrary("c",
          BlasThreadTimeout.Environment.class).getenv(BlasThreadTimeout.VARIABLE));
      System.out.println("idle ticks " + idleTicks());
    } else if (args.length > 1 && args[1].equals("nd4j")) { // ND4J's backend, which inherits OpenBLAS
      System.out.println("nd4j " + Arrays.toString(Nd4j.create(new double[][] {{1, 2}, {3, 4}})
          .mmul(Nd4j.create(new double[][] {{1, 2}, {3, 4}})).ravel().toDoubleVector()));
    } else if (args.length > 1) { // the main thread waits, so that the loading thread alone loads
      if (loader != null) {
        loader.join();
      }
      System.out.println("loaded " + Loader.getLoadedLibraries().keySet().stream()
          .anyMatch(name -> name.contains("openblas")));
    }
    long available = MemoryBudget.offHeapAvailable();
    double[] c = new double[4];
    try (NativeMatrix a = NativeMatrix.of(new double[] {1, 2, 3, 4}, 2, 2);
        NativeMatrix product = a.times(a)) {
      c = product.toArray();
    }
    System.out.println("loaders " + loaders + " available " + (available > 0) + " product "
        + java.util.Arrays.toString(c));
  }

  /**
   * The clock ticks (1/100 s) OpenBLAS's threads use in the 0.4 s after a product on two threads
   * while the caller sleeps: its worker threads, created by the loading thread, carry that thread's
   * name ("fundamentos Ope", the first 15 characters) in /proc.
   */
  private static long idleTicks() throws InterruptedException {
    double[] a = new double[400 * 400];
    Arrays.fill(a, 1.0);
    double[] c = new double[a.length];
    NativeBlas.withThreads(2, () -> {
      NativeBlas.gemm(false, false, 400, 400, 400, 1.0, a, a, 0.0, c);
      return null;
    });
    long before = openBlasTicks();
    Thread.sleep(400);
    return openBlasTicks() - before;
  }

  private static long openBlasTicks() {
    long ticks = 0;
    try (java.util.stream.Stream<Path> tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat = java.nio.file.Files.readString(task.resolve("stat"));
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (stat.substring(open + 1, close).startsWith("fundamentos Ope")) {
          String[] fields = stat.substring(close + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return ticks;
  }

  private static String run(String... args) throws IOException, InterruptedException {
    return run(java.util.Map.of(), args);
  }

  private static String run(java.util.Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] command = new String[4 + args.length];
    command[0] = java;
    command[1] = "-cp";
    command[2] = System.getProperty("java.class.path");
    command[3] = NativeBlasLoadingTest.class.getName();
    System.arraycopy(args, 0, command, 4, args.length);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove(BlasThreadTimeout.VARIABLE);
    builder.environment().putAll(environment);
    Process process = builder.start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(finished, "a fresh JVM that loads OpenBLAS in the background hung:\n" + output);
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  @Test
  void freshJvmsFinishWithoutDeadlock() throws Exception {
    for (String threads : new String[] {"2", "-1", "0"}) {
      String output = run(threads);
      assertTrue(output.contains(PRODUCT), output);
    }
  }

  /**
   * ND4J's native backend inherits JavaCPP's OpenBLAS preset, so a scheme that starts ND4J while the
   * PCA filter's loader runs (two flows of Weka's KnowledgeFlow at once) initialises the same
   * classes from a second thread: it must finish too.
   */
  @Test
  void nd4jStartingWhileOpenBlasLoadsFinishes() throws Exception {
    String output = run("2", "nd4j");
    assertTrue(output.contains("nd4j [7.0, 10.0, 15.0, 22.0]"), output);
    assertTrue(output.contains(PRODUCT), output);
  }

  @Test
  void theBackgroundThreadLoadsOpenBlas() throws Exception {
    String output = run("2", "wait");
    assertTrue(output.contains("loaded true"), output);
    assertTrue(output.contains(PRODUCT), output);
  }

  /**
   * OpenBLAS's idle workers sleep at once instead of spinning a tenth of a second after each call
   * (BlasThreadTimeout), unless the user chose a spin: with the longest one, 2^30 cycles, the same
   * product leaves a worker spinning through the caller's sleep.
   */
  @Test
  void openBlasWorkersSleepAfterAProductUnlessTheUserChoseASpin() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1,
        "OpenBLAS has worker threads only on more than one core");
    String ours = run("2", "spin");
    assertTrue(ours.contains("timeout 4"), ours);
    assertTrue(ticks(ours) <= 2, ours);
    String spinning = run(java.util.Map.of(BlasThreadTimeout.VARIABLE, "30"), "2", "spin");
    assertTrue(spinning.contains("timeout 30"), spinning);
    assertTrue(ticks(spinning) >= 10, spinning);
  }

  private static long ticks(String output) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("idle ticks (\\d+)").matcher(output);
    assertTrue(m.find(), output);
    return Long.parseLong(m.group(1));
  }
}
