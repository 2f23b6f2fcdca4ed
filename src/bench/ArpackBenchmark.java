package fundamentos.umap;

import com.sun.management.ThreadMXBean;
import fundamentos.neighbours.MetricSpace;
import fundamentos.linalg.RowSource;
import fundamentos.neighbours.ExactKnn;
import fundamentos.neighbours.KnnGraph;
import fundamentos.neighbours.LpPoints;
import fundamentos.neighbours.Trustworthiness;
import fundamentos.pca.PcaSolver;
import fundamentos.pca.PrincipalComponentAnalysis;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.bytedeco.javacpp.Pointer;
import smile.math.blas.Transpose;
import smile.math.matrix.ARPACK;
import smile.math.matrix.IMatrix;
import smile.math.matrix.Matrix;

/**
 * ARPACK against the package's own solvers on Fashion-MNIST, in two parts. Run by
 * src/bench/arpack.sh, which compiles it into package fundamentos.umap (it calls UMAP's own steps)
 * and prints the Markdown tables.
 *
 * <p>"spectral": UMAP's spectral start on the training images, the eigensolvers side by side on the
 * same fuzzy graph (time and memory of SpectralLayout.connected alone), then the whole fit with
 * each and the quality of the result.
 *
 * <p>Solvers: "arpack" (the package's call of arpack-ng, fundamentos.linalg.ImplicitlyRestartedLanczos),
 * "smile" (Smile 3.1.1's ARPACK.syev on an IMatrix over the same sparse product, same basis size 20
 * and tolerance; timing only, it is not wired into the fit). The hand-written Lanczos that ARPACK
 * replaced is measured by this file at commit 7256361 (solver "lanczos").
 *
 * <p>Memory: bytes allocated on the Java heap by the call (the thread's allocation counter) plus
 * the peak of JavaCPP's native allocations during it (ARPACK's basis lives there; sampled every
 * millisecond). Quality as src/bench/umap_quality.py defines it: 5-NN accuracy of the test
 * embedding against the training embedding, trustworthiness (k = 10) of the first 5,000 training
 * and test images against their pixels. Pixels are grey levels / 255, Euclidean, umap-learn's
 * defaults, seed 1.
 *
 * <p>"pca": the solver call of PCA on the first 10,000 and 60,000 training images (grey levels
 * 0..255, centred, as the PCA benchmark's filters see them), for 50 components and for the number
 * that covers 95% of the variance: the package's PrincipalComponentAnalysis fit with each solver
 * (centring and the Gram matrix or data copy included, as they are part of each solver's work)
 * against Smile's ARPACK.svd (its default ncv = 3k and tolerance 1e-6) on the centred data
 * (centring included). Each is run twice in this JVM; the second, warm time is reported beside the
 * first. "largest relative eigenvalue difference" compares the k eigenvalues with the covariance
 * solver's.
 *
 * <p>usage: ArpackBenchmark spectral train-rows test-rows threads solver...
 *        ArpackBenchmark pca threads rows...
 */
public final class ArpackBenchmark {

  private static final String ROOT = "/usr/share/datasets/fashion-mnist/";

  public static void main(String[] args) throws Exception {
    if (args[0].equals("pca")) {
      pca(args);
    } else {
      spectral(args);
    }
  }

  private static void spectral(String[] args) throws Exception {
    int rows = Integer.parseInt(args[1]);
    int testRows = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    float[][] train = images("train", rows);
    int[] trainLabels = labels("train", rows);
    float[][] test = images("t10k", testRows);
    int[] testLabels = labels("t10k", testRows);
    LpPoints points = new LpPoints(train, 2);
    IndexedNeighbours space = new IndexedNeighbours(points, MetricSpace.euclidean(), 4096);
    KnnGraph knn = space.trainingGraph(15, 1, threads);
    SparseGraph graph = FuzzySimplicialSet.of(knn, 15, 1, 1);
    int components = 0;
    for (int c : graph.components()) {
      components = Math.max(components, c + 1);
    }
    System.err.printf("graph: %d vertices, %d entries, %d component(s)%n", graph.vertices(),
        graph.entries(), components);
    System.out.println("| solver | spectral start, first call (s) | again (s) | Java heap allocated (MB)"
        + " | native peak (MB) | fit (s) | 5-NN accuracy | trustworthiness train | trustworthiness"
        + " test |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (int s = 4; s < args.length; s++) {
      String solver = args[s];
      double[] first = spectralStart(graph, solver);
      double[] again = spectralStart(graph, solver);
      String quality = "| | | |";
      String fit = "";
      if (!solver.equals("smile")) {
        long start = System.nanoTime();
        FittedUmap<float[][]> fitted = new Umap().seed(1).threads(threads).fit(space, null, null);
        fit = String.format("%.1f", (System.nanoTime() - start) / 1e9);
        double[][] trainEmbedding = fitted.embedding();
        double[][] testEmbedding = fitted.transform(test, threads);
        quality = quality(train, test, trainLabels, testLabels, trainEmbedding, testEmbedding,
            threads);
      }
      System.out.printf("| %s | %.2f | %.2f | %.0f | %.0f | %s %s%n", solver, first[0], again[0],
          again[1] / 1e6, again[2] / 1e6, fit, quality);
    }
  }

  private static void pca(String[] args) throws Exception {
    int threads = Integer.parseInt(args[1]);
    // Smile's ARPACK.svd only up to this many components (SMILE_MAX_K: it takes minutes per row)
    int smileMaxK = Integer.parseInt(System.getenv().getOrDefault("SMILE_MAX_K", "100000"));
    System.out.println("| training rows | components | solver | first call (s) | again (s)"
        + " | largest relative eigenvalue difference |");
    System.out.println("|---|---|---|---|---|---|");
    for (int a = 2; a < args.length; a++) {
      int rows = Integer.parseInt(args[a]);
      float[][] pixels = images("train", rows);
      double[][] x = new double[rows][];
      for (int i = 0; i < rows; i++) {
        x[i] = new double[pixels[i].length];
        for (int j = 0; j < x[i].length; j++) {
          x[i][j] = pixels[i][j] * 255.0;
        }
      }
      pixels = null;
      int k95 = new PrincipalComponentAnalysis().varianceCovered(0.95).threads(threads)
          .fit(RowSource.of(x), null).numComponents();
      for (int k : new int[] {50, k95}) {
        double[] reference = null;
        for (PcaSolver solver : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.RANDOMIZED,
            PcaSolver.FULL_SVD, null}) {
          if (solver == null && k > smileMaxK) {
            continue;
          }
          double[] seconds = {0, Double.NaN};
          double[] values = null;
          // a second Smile run only when the first was short: at 10k rows and 182 components one
          // run took minutes
          for (int run = 0; run < (solver == null && seconds[0] > 60 ? 1 : 2); run++) {
            long start = System.nanoTime();
            values = solver == null ? smileSvd(x, k, rows)
                : new PrincipalComponentAnalysis().maxComponents(k).solver(solver)
                    .threads(threads).fit(RowSource.of(x), null).eigenvalues();
            seconds[run] = (System.nanoTime() - start) / 1e9;
          }
          reference = reference == null ? values : reference;
          double worst = 0;
          for (int i = 0; i < k; i++) {
            worst = Math.max(worst, Math.abs(values[i] - reference[i]) / reference[i]);
          }
          System.out.printf("| %d | %d%s | %s | %.2f | %s | %.1e |%n", rows, k,
              k == k95 ? " (95%)" : "", solver == null ? "Smile ARPACK.svd" : solver, seconds[0],
              Double.isNaN(seconds[1]) ? "-" : String.format("%.2f", seconds[1]), worst);
          System.out.flush(); // the script shows each row as it comes (a long run can be stopped)
        }
      }
    }
  }

  /** The k largest covariance eigenvalues s^2 / (n - 1) from Smile's truncated SVD. */
  private static double[] smileSvd(double[][] x, int k, int n) {
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    double[][] centred = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred[i][j] = x[i][j] - mean[j];
      }
    }
    double[] s = ARPACK.svd(Matrix.of(centred), k).s;
    double[] values = new double[k];
    for (int i = 0; i < k; i++) {
      values[i] = s[i] * s[i] / (n - 1);
    }
    return values;
  }

  /** Seconds, heap bytes allocated, peak native bytes of one spectral start. */
  private static double[] spectralStart(SparseGraph graph, String solver) throws Exception {
    ThreadMXBean bean = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long nativeBefore = Pointer.totalBytes();
    AtomicLong nativePeak = new AtomicLong(nativeBefore);
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        nativePeak.accumulateAndGet(Pointer.totalBytes(), Math::max);
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    long heapBefore = bean.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    if (solver.equals("smile")) {
      smile(graph);
    } else {
      if (SpectralLayout.connected(graph, 2) == null) {
        throw new IllegalStateException(solver + " found no eigenmap");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long heap = bean.getThreadAllocatedBytes(thread) - heapBefore;
    sampler.interrupt();
    sampler.join();
    return new double[] {seconds, heap, nativePeak.get() - nativeBefore};
  }

  /** Smile's ARPACK.syev on M = (I + D^-1/2 W D^-1/2) / 2 with the package's ncv and tolerance. */
  private static void smile(SparseGraph graph) {
    int n = graph.vertices();
    double[] deg = graph.rowSums();
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      scale[i] = 1 / Math.sqrt(deg[i]);
    }
    IMatrix m = new IMatrix() {
      @Override
      public int nrow() {
        return n;
      }

      @Override
      public int ncol() {
        return n;
      }

      @Override
      public long size() {
        return graph.entries();
      }

      @Override
      public void mv(Transpose trans, double alpha, double[] x, double beta, double[] y) {
        double[] product = new double[n];
        product(x, 0, product, 0);
        for (int i = 0; i < n; i++) {
          y[i] = alpha * product[i] + beta * y[i];
        }
      }

      @Override
      public void mv(double[] work, int inputOffset, int outputOffset) {
        product(work, inputOffset, work, outputOffset);
      }

      @Override
      public void tv(double[] work, int inputOffset, int outputOffset) {
        product(work, inputOffset, work, outputOffset); // symmetric
      }

      private void product(double[] x, int in, double[] y, int out) {
        for (int i = 0; i < n; i++) {
          double s = 0;
          for (int e = graph.rowStart(i); e < graph.rowEnd(i); e++) {
            int j = graph.column(e);
            s += graph.value(e) * scale[j] * x[in + j];
          }
          y[out + i] = 0.5 * (x[in + i] + scale[i] * s);
        }
      }
    };
    int ncv = Math.min(n, 20); // the package's basis size (SpectralLayout.BASIS)
    ARPACK.syev(m, ARPACK.SymmOption.LA, 3, ncv, 1e-4);
  }

  private static String quality(float[][] train, float[][] test, int[] trainLabels,
      int[] testLabels, double[][] trainEmbedding, double[][] testEmbedding, int threads) {
    float[][] embeddedTrain = new float[trainEmbedding.length][];
    for (int i = 0; i < embeddedTrain.length; i++) {
      embeddedTrain[i] = LpPoints.toFloat(trainEmbedding[i]);
    }
    float[][] embeddedTest = new float[testEmbedding.length][];
    for (int i = 0; i < embeddedTest.length; i++) {
      embeddedTest[i] = LpPoints.toFloat(testEmbedding[i]);
    }
    KnnGraph near = ExactKnn.ofQueries(new LpPoints(embeddedTrain, 2), embeddedTest, 5, threads);
    int correct = 0;
    for (int i = 0; i < embeddedTest.length; i++) {
      int[] votes = new int[10];
      for (int j : near.indices(i)) {
        votes[trainLabels[j]]++;
      }
      int best = 0;
      for (int c = 1; c < 10; c++) {
        best = votes[c] > votes[best] ? c : best; // ties to the smaller label, as scikit-learn
      }
      correct += best == testLabels[i] ? 1 : 0;
    }
    int sample = Math.min(5000, Math.min(train.length, test.length));
    double tTrain = Trustworthiness.of(new LpPoints(java.util.Arrays.copyOf(train, sample), 2),
        new LpPoints(java.util.Arrays.copyOf(embeddedTrain, sample), 2), 10, threads);
    double tTest = Trustworthiness.of(new LpPoints(java.util.Arrays.copyOf(test, sample), 2),
        new LpPoints(java.util.Arrays.copyOf(embeddedTest, sample), 2), 10, threads);
    return String.format("| %.4f | %.4f | %.4f |", correct / (double) embeddedTest.length,
        tTrain, tTest);
  }

  private static float[][] images(String split, int rows) throws IOException {
    try (DataInputStream in = idx(split + "-images-idx3-ubyte.gz")) {
      in.readInt();
      in.readInt();
      int pixels = in.readInt() * in.readInt();
      float[][] x = new float[rows][pixels];
      byte[] row = new byte[pixels];
      for (float[] r : x) {
        in.readFully(row);
        for (int j = 0; j < pixels; j++) {
          r[j] = (row[j] & 0xff) / 255f;
        }
      }
      return x;
    }
  }

  private static int[] labels(String split, int rows) throws IOException {
    try (DataInputStream in = idx(split + "-labels-idx1-ubyte.gz")) {
      in.readInt();
      in.readInt();
      int[] y = new int[rows];
      for (int i = 0; i < rows; i++) {
        y[i] = in.readUnsignedByte();
      }
      return y;
    }
  }

  private static DataInputStream idx(String name) throws IOException {
    return new DataInputStream(new GZIPInputStream(Files.newInputStream(Path.of(ROOT + name))));
  }
}
