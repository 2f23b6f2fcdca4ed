package weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.progress.Cancelled;
import fundamentos.testing.BundledData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.Classifier;
import weka.classifiers.functions.CNN;
import weka.classifiers.functions.NetworkClassifier;
import weka.classifiers.functions.SoftmaxRegression;
import weka.classifiers.functions.Transformer;
import weka.classifiers.functions.layers.ConvolutionLayer;
import weka.classifiers.functions.layers.DenseLayer;
import weka.classifiers.functions.layers.NetworkLayer;
import weka.classifiers.functions.layers.PoolingLayer;
import weka.classifiers.functions.optimizers.LBFGS;
import weka.clusterers.IndexedDBSCAN;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.WekaException;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.PCA;
import weka.filters.unsupervised.attribute.UMAP;
import weka.gui.Logger;

/**
 * Stop and interrupt as Weka's Explorer does them (ClassifierPanel.stopClassifier: interrupt() at
 * once followed by Thread.stop()), for every scheme with long loops: the build thread ends within
 * seconds, a ThreadDeath escapes as it came (not wrapped by DL4J or anyone), an interrupt alone ends
 * as a WekaException caused by {@link Cancelled} with the interrupt flag set again, and the same JVM
 * then builds the scheme again and gets a usable result.
 */
class InterruptionTest {

  /** Bound on how long a stopped build may take to end (the ND4J worker's grace is 5 s). */
  private static final long END_MILLIS = 10_000;

  private static Instances digits;

  @BeforeAll
  static void load() throws Exception {
    digits = BundledData.load("digits8x8-train.arff");
  }

  /** A build running in a thread of its own, with what escaped it. */
  private static final class Build {
    final Thread thread;
    volatile Throwable escaped;
    volatile boolean interruptedAfter;

    Build(Work work) {
      thread = new Thread(() -> {
        try {
          work.run();
        } catch (Throwable t) {
          escaped = t;
          interruptedAfter = Thread.currentThread().isInterrupted();
        }
      }, "interruption-test-build");
      thread.setDaemon(true);
      thread.start();
    }

    /** Waits until the build says it is working (or a second has passed) and checks it still is. */
    void awaitWorking(BooleanSupplier working) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 60_000;
      long earliest = System.currentTimeMillis() + 1000;
      while (!working.getAsBoolean() && System.currentTimeMillis() < deadline
          || System.currentTimeMillis() < earliest) {
        Thread.sleep(20);
      }
      assertTrue(working.getAsBoolean(), "the build never started working");
      assertTrue(thread.isAlive(), "the build ended before it could be stopped: " + escaped);
    }

    /** What the Explorer's Stop button does. */
    @SuppressWarnings({"deprecation", "removal"})
    void stopLikeExplorer() {
      thread.interrupt();
      thread.stop();
    }

    /**
     * The Explorer's Stop with the Thread.stop() late: on a loaded machine the VM can take that
     * long to deliver it after the interrupt.
     */
    @SuppressWarnings({"deprecation", "removal"})
    void stopLikeExplorerLate(long millis) throws InterruptedException {
      thread.interrupt();
      Thread.sleep(millis);
      thread.stop();
    }

    /** What the Preprocess tab's Stop button does: Thread.stop() alone, no interrupt. */
    @SuppressWarnings({"deprecation", "removal"})
    void stopLikePreprocessTab() {
      thread.stop();
    }

    void awaitEnd() throws InterruptedException {
      thread.join(END_MILLIS);
      assertFalse(thread.isAlive(), "the build did not end within " + END_MILLIS + " ms");
    }
  }

  @FunctionalInterface
  private interface Work {
    void run() throws Exception;
  }

  /** Stop (interrupt + Thread.stop), then interrupt alone, on a build that would run long. */
  private static void stopAndInterrupt(Work longBuild, BooleanSupplier working) throws Exception {
    Build stopped = new Build(longBuild);
    stopped.awaitWorking(working);
    stopped.stopLikeExplorer();
    stopped.awaitEnd();
    // exactly Java's ThreadDeath: not wrapped ("Error during neural network forward pass")
    assertSame(ThreadDeath.class, stopped.escaped == null ? null : stopped.escaped.getClass(),
        "escaped: " + stopped.escaped);

    Build interrupted = new Build(longBuild);
    interrupted.awaitWorking(working);
    interrupted.thread.interrupt();
    interrupted.awaitEnd();
    WekaException e = assertInstanceOf(WekaException.class, interrupted.escaped);
    assertInstanceOf(Cancelled.class, e.getCause());
    assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
    assertTrue(interrupted.interruptedAfter, "the interrupt flag was not set again");
  }

  /** A build in a thread that must end by itself (a hang fails the test instead of blocking it). */
  private static void buildWithin(Work work, long millis) throws Exception {
    Build build = new Build(work);
    build.thread.join(millis);
    assertFalse(build.thread.isAlive(), "the build after the stop made no progress in " + millis + " ms");
    if (build.escaped != null) {
      throw new AssertionError("the build after the stop failed", build.escaped);
    }
  }

  private static double accuracy(Classifier classifier, Instances data) throws Exception {
    int correct = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      correct += classifier.classifyInstance(data.instance(i)) == data.instance(i).classValue() ? 1 : 0;
    }
    return (double) correct / data.numInstances();
  }

  /** Counts the epochs a network reports to its log, as the Explorer's log would show them. */
  private static AtomicInteger countEpochs(NetworkClassifier network) {
    AtomicInteger epochs = new AtomicInteger();
    network.setQuiet(false);
    network.setLog(new Logger() {
      @Override
      public void logMessage(String message) {
        epochs.incrementAndGet();
      }

      @Override
      public void statusMessage(String message) {
      }
    });
    return epochs;
  }

  /**
   * Trains the stopped network again and a fresh copy of its options beside it: the training after
   * the stop reports every epoch, lowers the loss and gives what a network never stopped gives.
   */
  private static void checkNetworkAgain(NetworkClassifier network, int epochs) throws Exception {
    network.setNumEpochs(epochs);
    NetworkClassifier fresh = (NetworkClassifier) weka.classifiers.AbstractClassifier.makeCopy(network);
    AtomicInteger reported = countEpochs(network);
    buildWithin(() -> network.buildClassifier(digits), 120_000);
    assertEquals(epochs, reported.get(), "epochs reported by the training after the stop");
    assertEquals(epochs, network.trainingHistory().size());
    assertTrue(network.trainingHistory().get(epochs - 1).trainingLoss()
        < network.trainingHistory().get(0).trainingLoss(), "the training after the stop did not learn");
    fresh.setQuiet(true);
    fresh.buildClassifier(digits);
    for (int e = 0; e < epochs; e++) {
      assertEquals(fresh.trainingHistory().get(e).trainingLoss(),
          network.trainingHistory().get(e).trainingLoss(), 1e-6, "loss of epoch " + (e + 1));
    }
    assertEquals(accuracy(fresh, digits), accuracy(network, digits), 1e-9);
  }

  private static CNN smallCnn() {
    CNN cnn = new CNN();
    cnn.setNumThreads(1);
    ConvolutionLayer conv = new ConvolutionLayer();
    conv.setFilters(8);
    DenseLayer dense = new DenseLayer();
    dense.setUnits(16);
    cnn.setLayers(new NetworkLayer[] {conv, new PoolingLayer(), dense});
    return cnn;
  }

  @Test
  void cnnStopsAndTrainsAgain() throws Exception {
    CNN cnn = smallCnn();
    cnn.setNumEpochs(100_000);
    AtomicInteger epochs = countEpochs(cnn);
    stopAndInterrupt(() -> cnn.buildClassifier(digits), () -> epochs.get() > 0);
    checkNetworkAgain(cnn, 3);
  }

  @Test
  void transformerStopsAndTrainsAgain() throws Exception {
    Transformer transformer = new Transformer();
    transformer.setNumThreads(1);
    transformer.setModelWidth(16);
    transformer.setNumHeads(2);
    transformer.setNumBlocks(1);
    transformer.setMlpWidth(16);
    transformer.setTokens(new SelectedTag(1, Transformer.TOKEN_SOURCES));
    transformer.setPatchSize(2);
    transformer.setNumEpochs(100_000);
    AtomicInteger epochs = countEpochs(transformer);
    stopAndInterrupt(() -> transformer.buildClassifier(digits), () -> epochs.get() > 0);
    checkNetworkAgain(transformer, 3);
  }

  @Test
  void softmaxRegressionStopsAndTrainsAgain() throws Exception {
    SoftmaxRegression softmax = new SoftmaxRegression();
    softmax.setSolver(new SelectedTag(SoftmaxRegression.SOLVER_MINIBATCH, SoftmaxRegression.TAGS_SOLVER));
    softmax.setNumEpochs(10_000_000);
    softmax.setMiniBatchSize(1);
    stopAndInterrupt(() -> softmax.buildClassifier(digits), () -> true);
    softmax.setNumEpochs(20);
    softmax.setMiniBatchSize(32);
    buildWithin(() -> softmax.buildClassifier(digits), 60_000);
    assertTrue(accuracy(softmax, digits) > 0.8, "accuracy " + accuracy(softmax, digits));
  }

  /**
   * L-BFGS runs on the caller's thread: without a penalty on separable digits its weights grow
   * for many iterations, so with a tiny gradient tolerance it is still running when stopped.
   */
  @Test
  void softmaxRegressionLbfgsStopsAndTrainsAgain() throws Exception {
    SoftmaxRegression softmax = new SoftmaxRegression();
    softmax.setSolver(new SelectedTag(SoftmaxRegression.SOLVER_LBFGS, SoftmaxRegression.TAGS_SOLVER));
    softmax.setL2(0);
    LBFGS endless = new LBFGS();
    endless.setGradientTolerance(1e-300);
    endless.setMaxIterations(10_000_000);
    softmax.setOptimizer(endless);
    // on this much data L-BFGS also stops when the loss falls less than -tolerance over 5 iterations
    double tolerance = softmax.getTolerance();
    softmax.setTolerance(0);
    // 40 copies of the digits: a pass takes tens of milliseconds, so the stop lands mid-run
    Instances copies = new Instances(digits);
    for (int c = 1; c < 40; c++) {
      copies.addAll(digits);
    }
    stopAndInterrupt(() -> softmax.buildClassifier(copies), () -> true);
    softmax.setL2(1e-5);
    softmax.setTolerance(tolerance);
    LBFGS converging = new LBFGS();
    converging.setGradientTolerance(1e-6);
    softmax.setOptimizer(converging);
    buildWithin(() -> softmax.buildClassifier(digits), 60_000);
    assertTrue(accuracy(softmax, digits) > 0.9, "accuracy " + accuracy(softmax, digits));
    assertTrue(softmax.toString().contains("L-BFGS"), softmax.toString());
  }

  /** Gaussian blobs: clusters for DBSCAN, structure for PCA and UMAP. */
  private static Instances blobs(int n, int d, long seed) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      attributes.add(new Attribute("x" + j));
    }
    Instances data = new Instances("blobs", attributes, n);
    Random random = new Random(seed);
    for (int i = 0; i < n; i++) {
      double[] row = new double[d];
      int blob = i % 3;
      for (int j = 0; j < d; j++) {
        row[j] = (j % 3 == blob ? 10 : 0) + random.nextGaussian();
      }
      data.add(new DenseInstance(1, row));
    }
    return data;
  }

  @Test
  void dbscanStopsAndClustersAgain() throws Exception {
    IndexedDBSCAN dbscan = new IndexedDBSCAN();
    // brute force over 60,000 points: 3.6e9 distances, far longer than the test waits
    dbscan.setIndex(new SelectedTag(IndexedDBSCAN.INDEX_BRUTE_FORCE, IndexedDBSCAN.TAGS_INDEX));
    dbscan.setEpsilon(0.01);
    dbscan.setMinPoints(5);
    Instances large = blobs(60_000, 2, 1);
    stopAndInterrupt(() -> dbscan.buildClusterer(large), () -> true);
    dbscan.setIndex(new SelectedTag(IndexedDBSCAN.INDEX_AUTO, IndexedDBSCAN.TAGS_INDEX));
    dbscan.setEpsilon(0.3);
    Instances small = blobs(300, 3, 2);
    buildWithin(() -> dbscan.buildClusterer(small), 60_000);
    assertEquals(3, dbscan.numberOfClusters());
  }

  @Test
  void pcaStopsAndFitsAgain() throws Exception {
    PCA pca = new PCA();
    pca.setSolver(new SelectedTag(2, PCA.TAGS_SOLVER));
    pca.setMaximumAttributes(100);
    // a thousand power iterations (the most PCA accepts) of a 20,000 x 200 matrix on 110
    // directions: minutes
    pca.setPowerIterations(1000);
    Instances large = blobs(20_000, 200, 3);
    stopAndInterrupt(() -> {
      pca.setInputFormat(large);
      Filter.useFilter(large, pca);
    }, () -> true);
    pca.setPowerIterations(-1);
    pca.setMaximumAttributes(2);
    Instances small = blobs(300, 6, 4);
    List<Instances> out = new ArrayList<>();
    buildWithin(() -> {
      pca.setInputFormat(small);
      out.add(Filter.useFilter(small, pca));
    }, 60_000);
    assertEquals(300, out.get(0).numInstances());
    assertEquals(2, out.get(0).numAttributes());
    assertTrue(out.get(0).variance(0) > 1, "the first component carries the blobs' spread");
  }

  @Test
  void umapStopsAndEmbedsAgain() throws Exception {
    UMAP umap = new UMAP();
    stopInNeighbourSearch(umap, 5, Build::stopLikeExplorer);
    // a million layout epochs of 2,000 points: the interrupt lands in the layout
    umap.setNumEpochs(1_000_000);
    Instances medium = blobs(2000, 5, 6);
    Build interrupted = new Build(() -> {
      umap.setInputFormat(medium);
      Filter.useFilter(medium, umap);
    });
    interrupted.awaitWorking(() -> true);
    interrupted.thread.interrupt();
    interrupted.awaitEnd();
    WekaException e = assertInstanceOf(WekaException.class, interrupted.escaped);
    assertInstanceOf(Cancelled.class, e.getCause());
    assertTrue(interrupted.interruptedAfter, "the interrupt flag was not set again");

    umap.setNumEpochs(0);
    embedsAgain(umap, 7);
  }

  /**
   * Stops (as {@code stop} does) a two-thread UMAP during its exact neighbour search of 30,000
   * points in 50 dimensions; exactly ThreadDeath escapes.
   */
  private static void stopInNeighbourSearch(UMAP umap, long seed, Consumer<Build> stop)
      throws Exception {
    umap.setNumThreads(2);
    umap.setExactNeighboursBelow(1_000_000);
    Instances large = blobs(30_000, 50, seed);
    Build stopped = new Build(() -> {
      umap.setInputFormat(large);
      Filter.useFilter(large, umap);
    });
    stopped.awaitWorking(() -> true);
    stop.accept(stopped);
    stopped.awaitEnd();
    assertSame(ThreadDeath.class, stopped.escaped == null ? null : stopped.escaped.getClass(),
        "escaped: " + stopped.escaped);
  }

  /** The same UMAP then embeds 300 points, every coordinate finite. */
  private static void embedsAgain(UMAP umap, long seed) throws Exception {
    Instances small = blobs(300, 6, seed);
    List<Instances> out = new ArrayList<>();
    buildWithin(() -> {
      umap.setInputFormat(small);
      out.add(Filter.useFilter(small, umap));
    }, 60_000);
    assertEquals(300, out.get(0).numInstances());
    for (int i = 0; i < 300; i++) {
      for (int j = 0; j < 2; j++) {
        assertTrue(Double.isFinite(out.get(0).instance(i).value(j)));
      }
    }
  }

  /**
   * The Preprocess tab's Stop (Thread.stop() alone, no interrupt() before it; HotSpot 17 sets the
   * interrupt flag itself while it delivers the ThreadDeath): the ThreadDeath escapes as it came,
   * the helpers of the parallel neighbour search leave their blocks (none stays in the engines),
   * and the same filter fits again.
   */
  @Test
  void umapStopsWithoutAnInterruptAndEmbedsAgain() throws Exception {
    UMAP umap = new UMAP();
    stopInNeighbourSearch(umap, 8, Build::stopLikePreprocessTab);
    long deadline = System.currentTimeMillis() + END_MILLIS;
    List<String> busy = helpersInEngines();
    while (!busy.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
      busy = helpersInEngines();
    }
    assertTrue(busy.isEmpty(), "helpers still in the engines: " + busy);
    embedsAgain(umap, 9);
  }

  /**
   * The Explorer's Stop when its Thread.stop() arrives 50 ms after the interrupt (measured: in
   * one run of dbscanStopsAndClustersAgain under load, DBSCAN saw the interrupt, ended with the
   * WekaException and the build thread was done before the ThreadDeath came; in the Explorer that
   * is the panel's error dialog): the build still ends with exactly ThreadDeath.
   */
  @Test
  void dbscanEndsWithTheExplorersThreadDeathEvenWhenItComesLate() throws Exception {
    IndexedDBSCAN dbscan = new IndexedDBSCAN();
    dbscan.setIndex(new SelectedTag(IndexedDBSCAN.INDEX_BRUTE_FORCE, IndexedDBSCAN.TAGS_INDEX));
    dbscan.setEpsilon(0.01);
    Instances large = blobs(60_000, 2, 10);
    Build stopped = new Build(() -> dbscan.buildClusterer(large));
    stopped.awaitWorking(() -> true);
    stopped.stopLikeExplorerLate(50);
    stopped.awaitEnd();
    assertSame(ThreadDeath.class, stopped.escaped == null ? null : stopped.escaped.getClass(),
        "escaped: " + stopped.escaped);
  }

  /** The package's helper threads with an engine frame (UMAP, neighbours) on their stack. */
  private static List<String> helpersInEngines() {
    List<String> busy = new ArrayList<>();
    Thread.getAllStackTraces().forEach((thread, frames) -> {
      for (StackTraceElement frame : frames) {
        if (thread.getName().startsWith("fundamentos-worker")
            && (frame.getClassName().startsWith("fundamentos.umap.")
                || frame.getClassName().startsWith("fundamentos.neighbours."))) {
          busy.add(thread.getName() + " in " + frame);
          break;
        }
      }
    });
    return busy;
  }
}
