import java.awt.Component;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JRadioButton;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import weka.classifiers.functions.CNN;
import weka.classifiers.functions.NetworkClassifier;
import weka.classifiers.functions.SoftmaxRegression;
import weka.classifiers.functions.Transformer;
import weka.classifiers.meta.FilteredClassifier;
import weka.clusterers.IndexedDBSCAN;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.unsupervised.attribute.UMAP;
import weka.gui.GenericObjectEditor;
import weka.gui.LogPanel;
import weka.gui.explorer.ClassifierPanel;
import weka.gui.explorer.ClustererPanel;
import weka.gui.explorer.Explorer;
import weka.gui.explorer.PreprocessPanel;

/**
 * Drives Weka's real Explorer (run by src/scripts/explorer-stop.sh under Xvfb). Each step starts a
 * long run, presses Stop once the package's own code is running (the run thread's stack shows it),
 * then starts a short run again in the same JVM, with screenshots and the log's text after each
 * step. The buttons are pressed with doClick, so the Explorer's own start and stop code runs:
 *
 * <ul>
 *   <li>{@code cnn}, {@code transformer}: Classify tab, a network's training
 *       (ClassifierPanel.stopClassifier: interrupt() followed at once by Thread.stop());
 *   <li>{@code cluster}: Cluster tab, IndexedDBSCAN with brute-force search on 40,000 10-D points
 *       (ClustererPanel.stopClusterer: the same interrupt() and Thread.stop()), then 2,000 2-D;
 *   <li>{@code filtered}: Classify tab, FilteredClassifier of UMAP and SoftmaxRegression, Stop
 *       during UMAP's fit on 13,470 rows (the digits with jitter), then on the 1,347 digits;
 *   <li>{@code preprocess}: Preprocess tab, Apply UMAP, Stop during its fit (the Stop there calls
 *       only Thread.stop(), no interrupt), then Apply again on the digits.
 * </ul>
 *
 * <p>Arguments: the digits ARFF, the output folder, then the steps (all when none). Exit status 0
 * when, for every step: no error dialog appeared, the log says "Interrupted" (the Preprocess tab:
 * its status says "stopped"), Start was enabled again within seconds of the Stop, no thread still
 * ran the package's engines a second after it, and the second run ended with the status "OK" (the
 * Preprocess tab: the filtered data in place).
 */
public class ExplorerStop extends GuiDriver {

  /** Packages whose frames on a thread's stack mean the package is computing, not idle. */
  private static final String[] ENGINES = {"fundamentos.cluster.", "fundamentos.umap.",
      "fundamentos.neighbours.", "fundamentos.linear.", "fundamentos.deep.", "fundamentos.pca.",
      "fundamentos.parallel.Blocks$"};

  private static final List<String> timings = new ArrayList<>();
  private static Explorer explorer;
  private static JTextArea logText;
  private static JLabel status;

  public static void main(String[] args) throws Exception {
    Instances digits = DataSource.read(args[0]);
    digits.setClassIndex(digits.numAttributes() - 1);
    out = new File(args[1]);
    out.mkdirs();
    List<String> steps = args.length > 2 ? Arrays.asList(args).subList(2, args.length)
        : List.of("cnn", "transformer", "cluster", "filtered", "preprocess");
    SwingUtilities.invokeAndWait(() -> {
      explorer = new Explorer();
      JFrame frame = new JFrame("Weka Explorer");
      frame.getContentPane().add(explorer);
      frame.setSize(1280, 1000);
      frame.setVisible(true);
    });
    setData(digits);
    LogPanel log = field(explorer, "m_LogPanel");
    logText = field(log, "m_LogText");
    status = field(log, "m_StatusLab");
    for (String step : steps) {
      switch (step) {
        case "cnn" -> networkStep("CNN", digits);
        case "transformer" -> networkStep("Transformer", digits);
        case "cluster" -> clusterStep();
        case "filtered" -> filteredStep(digits);
        case "preprocess" -> preprocessStep(digits);
        default -> throw new IllegalArgumentException("no step " + step);
      }
    }
    // the Explorer's log window over everything: every Stop and every run after it
    JButton logButton = field(log, "m_logButton");
    SwingUtilities.invokeAndWait(logButton::doClick);
    Thread.sleep(1500);
    snapshot("log-window");
    timings.forEach(t -> System.out.println("TIMING " + t));
    System.out.println(problems.isEmpty() ? "RESULT: OK" : "RESULT: " + problems);
    System.exit(problems.isEmpty() ? 0 : 1);
  }

  /** Classify tab: Stop during a long training of the network, then a short training of it. */
  private static void networkStep(String scheme, Instances digits) throws Exception {
    setData(digits);
    ClassifierPanel panel = tab(ClassifierPanel.class);
    NetworkClassifier longRun = network(scheme);
    longRun.setNumEpochs(1000);
    stopDuring(scheme, panel, longRun, "m_ClassifierEditor",
        () -> logText.getText().contains(scheme + ": epoch 2/1000"),
        "Interrupted weka.classifiers.functions." + scheme);
    NetworkClassifier shortRun = network(scheme);
    shortRun.setNumEpochs(3);
    runAgain(scheme, panel, shortRun, "m_ClassifierEditor",
        () -> logText.getText().contains(scheme + ": epoch 3/3"));
  }

  /** Cluster tab: Stop during a brute-force IndexedDBSCAN on 40,000 10-D points, then 2,000 2-D. */
  private static void clusterStep() throws Exception {
    setData(blobs(40_000, 10, 1));
    ClustererPanel panel = tab(ClustererPanel.class);
    IndexedDBSCAN longRun = new IndexedDBSCAN();
    longRun.setEpsilon(0.1);
    // brute force: n range queries of n distances each, several seconds however the data lie
    longRun.setIndex(new SelectedTag(IndexedDBSCAN.INDEX_BRUTE_FORCE, IndexedDBSCAN.TAGS_INDEX));
    stopDuring("IndexedDBSCAN", panel, longRun, "m_ClustererEditor",
        () -> runs(panel, "fundamentos.cluster.Dbscan"), "Interrupted weka.clusterers.IndexedDBSCAN");
    setData(blobs(2_000, 2, 2));
    IndexedDBSCAN shortRun = new IndexedDBSCAN();
    shortRun.setEpsilon(0.1);
    int finished = count("Finished weka.clusterers.IndexedDBSCAN");
    runAgain("IndexedDBSCAN", panel, shortRun, "m_ClustererEditor",
        () -> count("Finished weka.clusterers.IndexedDBSCAN") > finished);
  }

  /** Classify tab: FilteredClassifier(UMAP, SoftmaxRegression), Stop during UMAP's fit. */
  private static void filteredStep(Instances digits) throws Exception {
    setData(jittered(digits, 10));
    ClassifierPanel panel = tab(ClassifierPanel.class);
    stopDuring("FilteredClassifier(UMAP)", panel, umapSoftmax(), "m_ClassifierEditor",
        () -> runs(panel, "fundamentos.umap.", "fundamentos.neighbours."),
        "Interrupted weka.classifiers.meta.FilteredClassifier");
    setData(digits);
    int finished = count("Finished weka.classifiers.meta.FilteredClassifier");
    runAgain("FilteredClassifier(UMAP)", panel, umapSoftmax(), "m_ClassifierEditor",
        () -> count("Finished weka.classifiers.meta.FilteredClassifier") > finished);
  }

  /**
   * Preprocess tab: Apply UMAP and Stop during its fit. That Stop calls only Thread.stop() (no
   * interrupt) and logs nothing: the checks are that the filtering thread ends, that the package's
   * helpers stop, and that the next Apply works.
   */
  private static void preprocessStep(Instances digits) throws Exception {
    setData(jittered(digits, 10));
    PreprocessPanel panel = explorer.getPreprocessPanel();
    SwingUtilities.invokeAndWait(() -> explorer.getTabbedPane().setSelectedComponent(panel));
    JButton apply = field(panel, "m_ApplyFilterBut");
    JButton stop = field(panel, "m_StopBut");
    SwingUtilities.invokeAndWait(() -> {
      ((GenericObjectEditor) field(panel, "m_FilterEditor")).setValue(new UMAP());
      apply.doClick();
    });
    await("UMAP's fit on the Preprocess tab", 180,
        () -> runs((Thread) field(panel, "m_IOThread"), "fundamentos.umap.", "fundamentos.neighbours."));
    Thread.sleep(1000);
    snapshot("preprocess-1-filtering");
    Thread filtering = field(panel, "m_IOThread");
    String at = engineFrame(filtering);
    long pressed = System.currentTimeMillis();
    SwingUtilities.invokeAndWait(stop::doClick);
    filtering.join(20_000);
    long ended = System.currentTimeMillis() - pressed;
    long idle = awaitIdle("Preprocess UMAP", pressed);
    timings.add("Preprocess UMAP: filtering thread ended " + ended + " ms, engines idle " + idle
        + " ms after Stop (pressed in " + at + ")");
    if (filtering.isAlive() || ended > 1000) {
      problems.add("Preprocess UMAP: the filtering thread ran on " + ended + " ms after Stop");
    }
    Thread.sleep(1000);
    snapshot("preprocess-2-stopped");
    if (!status.getText().contains("stopped")) {
      problems.add("Preprocess UMAP: status after Stop: " + status.getText());
    }
    checkNoDialog("Preprocess UMAP after Stop");

    setData(digits);
    Instances before = panel.getInstances();
    SwingUtilities.invokeAndWait(apply::doClick);
    await("the second Apply to end", 300,
        () -> panel.getInstances() != before && field(panel, "m_IOThread") == null);
    Thread.sleep(1000);
    snapshot("preprocess-3-applied-again");
    if (panel.getInstances().numAttributes() >= digits.numAttributes()) {
      problems.add("Preprocess UMAP: the second Apply left " + panel.getInstances().numAttributes()
          + " attributes");
    }
    checkNoDialog("Preprocess UMAP after the second Apply");
  }

  /**
   * Starts {@code scheme} on the tab, presses Stop once {@code running} holds, and checks what the
   * Explorer shows: Start enabled again, the log's {@code interrupted} line, no dialog, and no
   * thread still in the package's engines a second after the Stop.
   */
  private static void stopDuring(String name, Component panel, Object scheme, String editor,
      BooleanSupplier running, String interrupted) throws Exception {
    JButton start = field(panel, "m_StartBut");
    JButton stop = field(panel, "m_StopBut");
    SwingUtilities.invokeAndWait(() -> {
      ((GenericObjectEditor) field(panel, editor)).setValue(scheme);
      ((JRadioButton) field(panel, "m_TrainBut")).setSelected(true);
      start.doClick();
    });
    await(name + " running", 180, running);
    // a second into the work, and still in it: the Stop lands in the middle of the loops
    Thread.sleep(1000);
    snapshot(name + "-1-running");
    if (!running.getAsBoolean()) {
      problems.add(name + ": the run had left the work to stop before Stop was pressed");
    }
    // a network trains on the package's ND4J thread while the run thread waits: name its frame
    String at = engineFrame(field(panel, "m_RunThread"));
    if (at == null) {
      at = engineThreads().stream().findFirst().orElse("no engine frame");
    }
    long pressed = System.currentTimeMillis();
    SwingUtilities.invokeAndWait(stop::doClick);
    await(name + ": Start enabled after Stop", 20, start::isEnabled);
    long enabled = System.currentTimeMillis() - pressed;
    long idle = awaitIdle(name, pressed);
    System.out.println(name + ": Start enabled again " + enabled + " ms after Stop");
    timings.add(name + ": Start enabled " + enabled + " ms, engines idle " + idle
        + " ms after Stop (pressed in " + at + ")");
    if (enabled > 1000) {
      problems.add(name + ": Start enabled only " + enabled + " ms after Stop");
    }
    Thread.sleep(2000);
    snapshot(name + "-2-stopped");
    if (!logText.getText().contains(interrupted)) {
      problems.add(name + ": the log does not say " + interrupted);
    }
    checkNoDialog(name + " after Stop");
  }

  /** Starts {@code scheme} on the tab and waits until {@code done} and Start is enabled again. */
  private static void runAgain(String name, Component panel, Object scheme, String editor,
      BooleanSupplier done) throws Exception {
    JButton start = field(panel, "m_StartBut");
    long started = System.currentTimeMillis();
    SwingUtilities.invokeAndWait(() -> {
      ((GenericObjectEditor) field(panel, editor)).setValue(scheme);
      start.doClick();
    });
    await(name + ": the second run to end", 300, () -> done.getAsBoolean() && start.isEnabled());
    timings.add(name + ": the run after Stop ended OK in " + (System.currentTimeMillis() - started)
        + " ms");
    Thread.sleep(1000);
    snapshot(name + "-3-ran-again");
    if (!"OK".equals(status.getText())) {
      problems.add(name + ": status after the second run: " + status.getText());
    }
    checkNoDialog(name + " after the second run");
  }

  /**
   * Waits (at most 10 s) until no thread has the package's engines on its stack; returns the
   * milliseconds since {@code pressed} and notes a problem when it took more than a second.
   */
  private static long awaitIdle(String name, long pressed) throws Exception {
    List<String> busy = engineThreads();
    while (!busy.isEmpty() && System.currentTimeMillis() - pressed < 10_000) {
      Thread.sleep(20);
      busy = engineThreads();
    }
    long idle = System.currentTimeMillis() - pressed;
    if (idle > 1000) {
      problems.add(name + ": engines still running " + idle + " ms after Stop: " + busy);
    }
    return idle;
  }

  /** The threads with an engine frame on their stack, with that frame. */
  private static List<String> engineThreads() {
    List<String> busy = new ArrayList<>();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement frame : e.getValue()) {
        if (Arrays.stream(ENGINES).anyMatch(frame.getClassName()::startsWith)) {
          busy.add(e.getKey().getName() + " in " + frame);
          break;
        }
      }
    }
    return busy;
  }

  /** The innermost engine frame on the thread's stack (where a Stop now would land), or null. */
  private static String engineFrame(Thread thread) {
    if (thread != null) {
      for (StackTraceElement frame : thread.getStackTrace()) {
        if (Arrays.stream(ENGINES).anyMatch(frame.getClassName()::startsWith)) {
          return frame.getClassName() + "." + frame.getMethodName();
        }
      }
    }
    return null;
  }

  /** True when the tab's run thread has a frame of one of {@code packages} on its stack. */
  private static boolean runs(Component panel, String... packages) {
    return runs((Thread) field(panel, "m_RunThread"), packages);
  }

  private static boolean runs(Thread thread, String... packages) {
    if (thread == null) {
      return false;
    }
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (Arrays.stream(packages).anyMatch(frame.getClassName()::startsWith)) {
        return true;
      }
    }
    return false;
  }

  /** The scheme with its defaults (Transformer: ViT patches of the 8x8 digits). */
  private static NetworkClassifier network(String scheme) {
    if (scheme.equals("CNN")) {
      return new CNN();
    }
    return new Transformer();
  }

  private static FilteredClassifier umapSoftmax() {
    FilteredClassifier classifier = new FilteredClassifier();
    classifier.setFilter(new UMAP());
    classifier.setClassifier(new SoftmaxRegression());
    return classifier;
  }

  /** n points in d dimensions around 5 centres in the unit cube (spread 0.05), no class. */
  private static Instances blobs(int n, int d, long seed) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      attributes.add(new Attribute("x" + j));
    }
    Instances data = new Instances("blobs-" + n + "x" + d, attributes, n);
    Random random = new Random(seed);
    double[][] centres = new double[5][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = random.nextDouble();
      }
    }
    for (int i = 0; i < n; i++) {
      double[] row = new double[d];
      for (int j = 0; j < d; j++) {
        row[j] = centres[i % 5][j] + 0.05 * random.nextGaussian();
      }
      data.add(new DenseInstance(1, row));
    }
    return data;
  }

  /** {@code copies} copies of the data, each pixel moved by a little noise, class kept. */
  private static Instances jittered(Instances data, int copies) {
    Instances bigger = new Instances(data, data.numInstances() * copies);
    bigger.setRelationName(data.relationName() + "-x" + copies);
    Random random = new Random(3);
    for (int c = 0; c < copies; c++) {
      for (Instance row : data) {
        double[] values = row.toDoubleArray();
        for (int j = 0; j < values.length; j++) {
          if (j != data.classIndex()) {
            values[j] += 0.3 * random.nextGaussian();
          }
        }
        bigger.add(new DenseInstance(1, values));
      }
    }
    return bigger;
  }

  /** Loads the data into the Explorer as the Preprocess tab's Open would. */
  private static void setData(Instances data) throws Exception {
    SwingUtilities.invokeAndWait(() -> explorer.getPreprocessPanel().setInstances(data));
    Thread.sleep(500);
  }

  private static <T extends Component> T tab(Class<T> type) throws Exception {
    T panel = type.cast(explorer.getPanels().stream().filter(type::isInstance).findFirst()
        .orElseThrow());
    SwingUtilities.invokeAndWait(() -> explorer.getTabbedPane().setSelectedComponent(panel));
    return panel;
  }

  private static int count(String line) {
    return logText.getText().split(java.util.regex.Pattern.quote(line), -1).length - 1;
  }



  private static void snapshot(String name) throws Exception {
    Files.writeString(new File(out, name + ".log.txt").toPath(),
        logText.getText() + "\n[status line] " + status.getText() + "\n");
    screenshot(name);
  }
}
