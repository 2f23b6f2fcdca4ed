import fundamentos.memory.MemoryBudget;
import fundamentos.nd4j.Nd4jRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Pointer;
import weka.classifiers.functions.CNN;
import weka.classifiers.functions.SoftmaxRegression;
import weka.classifiers.functions.Transformer;
import weka.clusterers.IndexedDBSCAN;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.PCA;
import weka.filters.unsupervised.attribute.UMAP;

/**
 * One scheme at one size: the estimate the scheme itself reports (its refusal under a 0 MB cap,
 * parsed), then the real run with the peak heap (sum of the heap pools' peaks over the baseline
 * after a collection; run with a small young generation, so that garbage not yet collected adds
 * little) and the peak off-heap memory (JavaCPP's and ND4J's counts of the bytes they handed out,
 * MemoryBudget.offHeapInUse, and the growth of the process's resident set beyond the heap's, both
 * sampled every 2 ms).
 * Prints one Markdown row. Run by src/bench/memory.sh, one JVM per row.
 *
 * <p>Arguments: scheme (softmax, cnn, transformer, pca, umap, dbscan) and a size label.
 */
public class MemoryBenchmark {

  private static final double MB = 1 << 20;

  interface Work {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    String scheme = args[0];
    String size = args[1];
    Nd4jRuntime.start();
    Nd4jRuntime.setThreads(1);
    Work work;
    String setting;
    switch (scheme) {
      case "softmax" -> {
        int n = Integer.parseInt(size);
        Instances data = random(n, 200, 10);
        setting = "n = " + n + ", d = 200, 10 classes, -mini-batch 32";
        work = () -> {
          SoftmaxRegression s = new SoftmaxRegression();
          s.setNumEpochs(3);
          s.buildClassifier(data);
        };
      }
      case "cnn" -> {
        int batch = Integer.parseInt(size);
        Instances data = random(512, 784, 10);
        setting = "n = 512, 28x28 pixels, default convnet, -mini-batch " + batch;
        work = () -> {
          CNN c = new CNN();
          c.setQuiet(true);
          c.setNumEpochs(1);
          c.setMiniBatchSize(batch);
          c.setNumThreads(1);
          c.buildClassifier(data);
        };
      }
      case "transformer" -> {
        int words = Integer.parseInt(size);
        Instances data = texts(64, words);
        setting = "n = 64 texts of " + words + " words, -max-length " + words
            + ", defaults (d 64, 4 heads, 2 blocks, -mini-batch 64)";
        work = () -> {
          Transformer t = new Transformer();
          t.setQuiet(true);
          t.setNumEpochs(1);
          t.setMaxLength(words);
          t.setNumThreads(1);
          t.buildClassifier(data);
        };
      }
      case "pca" -> {
        String[] nd = size.split("x");
        int n = Integer.parseInt(nd[0]);
        int d = Integer.parseInt(nd[1]);
        int solver = nd.length > 2 ? Integer.parseInt(nd[2]) : 0;
        Instances data = random(n, d, 2);
        setting = "n = " + n + ", d = " + d + ", -solver " + PCA.TAGS_SOLVER[solver].getReadable();
        work = () -> {
          PCA p = new PCA();
          p.setSolver(new SelectedTag(solver, PCA.TAGS_SOLVER));
          p.setInputFormat(data);
          Filter.useFilter(data, p);
        };
      }
      case "umap" -> {
        String[] nk = size.split("k");
        int n = Integer.parseInt(nk[0]);
        int k = Integer.parseInt(nk[1]);
        Instances data = random(n, 20, 2);
        setting = "n = " + n + ", d = 20, -K " + k + ", -E 20";
        work = () -> {
          UMAP u = new UMAP();
          u.setNumNeighbors(k);
          u.setNumEpochs(20);
          u.setInputFormat(data);
          Filter.useFilter(data, u);
        };
      }
      case "dbscan" -> {
        int n = Integer.parseInt(size);
        Instances data = random(n, 2, 0);
        setting = "n = " + n + ", d = 2, grid";
        work = () -> new IndexedDBSCAN().buildClusterer(data);
      }
      default -> throw new IllegalArgumentException(scheme);
    }
    double[] estimate = estimate(work);
    System.gc();
    List<MemoryPoolMXBean> heapPools = new ArrayList<>();
    long heapBase = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool);
        pool.resetPeakUsage();
        heapBase += pool.getUsage().getUsed();
      }
    }
    long javacppBase = MemoryBudget.offHeapInUse();
    long rssBase = Pointer.physicalBytes();
    long committedBase = Runtime.getRuntime().totalMemory();
    long[] peaks = new long[2];
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peaks[0] = Math.max(peaks[0], MemoryBudget.offHeapInUse() - javacppBase);
        // resident growth beyond the heap's own growth: native memory JavaCPP does not count
        // (workspaces, OpenMP, LAPACK work arrays)
        peaks[1] = Math.max(peaks[1], Pointer.physicalBytes() - rssBase
            - (Runtime.getRuntime().totalMemory() - committedBase));
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    work.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.interrupt();
    sampler.join();
    long heapPeak = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      heapPeak += pool.getPeakUsage().getUsed();
    }
    System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f |%n",
        scheme, setting, estimate[0], (heapPeak - heapBase) / MB, estimate[1], peaks[0] / MB,
        Math.max(0, peaks[1]) / MB, seconds);
  }

  /** The scheme's own estimate in MB (heap, off-heap): its refusal under a cap of 0 MB. */
  static double[] estimate(Work work) throws Exception {
    System.setProperty(MemoryBudget.HEAP_PROPERTY, "0");
    System.setProperty(MemoryBudget.OFF_HEAP_PROPERTY, "0");
    try {
      work.run();
      throw new IllegalStateException("not refused under a 0 MB cap");
    } catch (weka.core.WekaException e) {
      Matcher m = Pattern.compile("needs about (\\d+) MB of heap and (\\d+) MB of off-heap")
          .matcher(e.getMessage());
      if (!m.find()) {
        throw e;
      }
      return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    } finally {
      System.clearProperty(MemoryBudget.HEAP_PROPERTY);
      System.clearProperty(MemoryBudget.OFF_HEAP_PROPERTY);
    }
  }

  static Instances random(int n, int d, int classes) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      attributes.add(new Attribute("x" + j));
    }
    List<String> labels = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      labels.add("c" + c);
    }
    if (classes > 0) {
      attributes.add(new Attribute("class", labels));
    }
    Instances data = new Instances("random", attributes, n);
    if (classes > 0) {
      data.setClassIndex(d);
    }
    Random random = new Random(1);
    for (int i = 0; i < n; i++) {
      double[] values = new double[attributes.size()];
      for (int j = 0; j < d; j++) {
        values[j] = random.nextGaussian();
      }
      if (classes > 0) {
        values[d] = i % classes;
      }
      data.add(new DenseInstance(1, values));
    }
    return data;
  }

  static Instances texts(int n, int words) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("text", (List<String>) null));
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances data = new Instances("texts", attributes, n);
    data.setClassIndex(1);
    Random random = new Random(1);
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < words; w++) {
        text.append(w == 0 ? "" : " ").append("w").append(random.nextInt(200));
      }
      DenseInstance instance = new DenseInstance(2);
      instance.setDataset(data);
      instance.setValue(0, text.toString());
      instance.setValue(1, i % 2);
      data.add(instance);
    }
    return data;
  }
}
