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
    if (args.length > 1 && args[1].equals("nd4j")) { // ND4J's backend, which inherits OpenBLAS
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

  private static String run(String... args) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] command = new String[4 + args.length];
    command[0] = java;
    command[1] = "-cp";
    command[2] = System.getProperty("java.class.path");
    command[3] = NativeBlasLoadingTest.class.getName();
    System.arraycopy(args, 0, command, 4, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
}
