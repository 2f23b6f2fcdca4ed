import java.awt.event.FocusEvent;
import java.awt.event.FocusListener;
import java.awt.event.KeyEvent;
import java.awt.event.KeyListener;
import java.io.File;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFrame;
import javax.swing.JTabbedPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import weka.clusterers.DensityBasedClusterer;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.OptionHandler;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.experiment.CrossValidationResultProducer;
import weka.experiment.DensityBasedClustererSplitEvaluator;
import weka.experiment.Experiment;
import weka.experiment.InstancesResultListener;
import weka.gui.GenericObjectEditor;
import weka.gui.LogPanel;
import weka.gui.PropertyPanel;
import weka.gui.experiment.AbstractSetupPanel;
import weka.gui.experiment.AlgorithmListPanel;
import weka.gui.experiment.DatasetListPanel;
import weka.gui.experiment.Experimenter;
import weka.gui.experiment.ResultsPanel;
import weka.gui.experiment.RunPanel;
import weka.gui.experiment.SetupModePanel;
import weka.gui.experiment.SetupPanel;
import weka.gui.experiment.SimpleSetupPanel;

/**
 * Drives Weka's real Experimenter (run by src/scripts/experimenter-gui.sh under Xvfb) the way a
 * user does, one case per scheme: Setup (New, ARFF results file, 2-fold cross-validation, one
 * repetition, the data set added through the file chooser, the scheme put into the "Add new..."
 * GenericObjectEditor and OK pressed), Save as .exp through the file chooser, New, Open it again
 * and check that the scheme's changed option survived, Run (Start, wait for "Finished"), then
 * Analyse (Experiment, Perform test) and check that the data set's row exists and that every
 * result of the comparison field is finite.
 *
 * <p>The scheme is given as a command line (class and options, the way the GOE's "Paste" takes
 * it), and the changed option is checked in the command line the reloaded scheme gives back
 * (nested options included), so the driver does not depend on the editors' list of properties.
 * IndexedDBSCAN goes through the advanced Setup (CrossValidationResultProducer with Weka's
 * DensityBasedClustererSplitEvaluator in the result generator's editor) and is compared on its
 * log-likelihood. {@code task4} opens doc/experiments/pca-vs-umap.xml through the file chooser,
 * checks that its 11 schemes and 2 data sets arrive, shortens it in the Setup panel (one
 * repetition instead of 10, the digits only: the Fashion-MNIST subset needs Debian's
 * dataset-fashion-mnist), saves that copy and runs and analyses it.
 *
 * <p>Arguments: the output folder, then the cases (softmax cnn transformer pca umap task4 dbscan;
 * all when none). Exit status 0 when every case held, 1 with the problems otherwise.
 */
public class ExperimenterGui extends GuiDriver {

  /** A scheme set up in the Experimenter: its command line, the data and the option to check. */
  private record Case(String name, String commandLine, String data, String changed) {
    boolean clusterer() {
      return commandLine.startsWith("weka.clusterers.");
    }
  }

  private static final List<Case> CASES = List.of(
      new Case("softmax", "weka.classifiers.functions.SoftmaxRegression -epochs 30", "iris.arff",
          "-epochs 30"),
      new Case("cnn", "weka.classifiers.functions.CNN -epochs 2", "digits8x8-train.arff",
          "-epochs 2"),
      new Case("transformer", "weka.classifiers.functions.Transformer -epochs 3 -d-model 16"
          + " -heads 2 -mlp 32 -blocks 1", "iris.arff", "-epochs 3"),
      new Case("pca", "weka.classifiers.meta.FilteredClassifier"
          + " -F \"weka.filters.unsupervised.attribute.PCA -R 0.8\" -W weka.classifiers.lazy.IBk",
          "digits8x8-train.arff", "-R 0.8"),
      new Case("umap", "weka.classifiers.meta.FilteredClassifier"
          + " -F \"weka.filters.unsupervised.attribute.UMAP -N 3\" -W weka.classifiers.lazy.IBk",
          "iris.arff", "-N 3"),
      new Case("dbscan", "weka.clusterers.IndexedDBSCAN -E 0.5 -M 5", "iris.arff", "-E 0.5"));

  private static Experimenter experimenter;
  private static SetupModePanel setup;
  private static final List<String> timings = new ArrayList<>();

  public static void main(String[] args) {
    try {
      drive(args);
    } catch (Throwable e) {
      // the Swing threads would keep the JVM up: end with the failure instead of hanging
      e.printStackTrace();
      System.out.println("RESULT: the driver failed: " + e + "; " + problems);
      System.exit(3);
    }
  }

  private static void drive(String[] args) throws Exception {
    out = new File(args[0]).getAbsoluteFile();
    out.mkdirs();
    List<String> steps = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
        : List.of("softmax", "cnn", "transformer", "pca", "umap", "task4", "dbscan");
    SwingUtilities.invokeAndWait(() -> {
      experimenter = new Experimenter(false);
      JFrame frame = new JFrame("Weka Experiment Environment");
      frame.getContentPane().add(experimenter);
      frame.setSize(1366, 768);
      frame.setVisible(true);
    });
    setup = field(experimenter, "m_SetupPanel");
    for (String step : steps) {
      long started = System.currentTimeMillis();
      if (step.equals("task4")) {
        task4();
      } else {
        Case c = CASES.stream().filter(k -> k.name.equals(step)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no case " + step));
        if (c.clusterer()) {
          clustererCase(c);
        } else {
          classifierCase(c);
        }
      }
      timings.add(step + ": " + (System.currentTimeMillis() - started) / 1000 + " s");
      System.out.println("== " + step + " done; problems so far: " + problems);
    }
    timings.forEach(t -> System.out.println("TIMING " + t));
    System.out.println(problems.isEmpty() ? "RESULT: OK" : "RESULT: " + problems);
    System.exit(problems.isEmpty() ? 0 : 1);
  }

  /** The simple Setup panel: classification, 2-fold cross-validation, one repetition. */
  private static void classifierCase(Case c) throws Exception {
    SimpleSetupPanel simple = panel(SimpleSetupPanel.class);
    SwingUtilities.invokeAndWait(((JButton) field(simple, "m_NewBut"))::doClick);
    File results = new File(out, c.name + "-results.arff");
    Files.deleteIfExists(results.toPath());
    SwingUtilities.invokeAndWait(() -> {
      ((JComboBox<?>) field(simple, "m_ResultsDestinationCBox")).setSelectedIndex(0); // ARFF file
      ((JTextField) field(simple, "m_ResultsDestinationPathTField")).setText(results.getPath());
      ((JTextField) field(simple, "m_ExperimentParameterTField")).setText("2");
      ((JTextField) field(simple, "m_NumberOfRepetitionsTField")).setText("1");
    });
    DatasetListPanel datasets = field(simple, "m_DatasetListPanel");
    chooseFile(field(datasets, "m_AddBut"), new File("src/data", c.data));
    AlgorithmListPanel algorithms = field(simple, "m_AlgorithmListPanel");
    JButton add = field(algorithms, "m_AddBut");
    editAndOk(field(algorithms, "m_ClassifierEditor"), scheme(c.commandLine), add::doClick, null);
    saveOpenCheck(c, simple);
    runAndAnalyse(c.name, results, "Percent_correct", 1);
  }

  /**
   * The advanced Setup panel: the result generator's editor gets a CrossValidationResultProducer
   * whose split evaluator is Weka's DensityBasedClustererSplitEvaluator with the clusterer.
   */
  private static void clustererCase(Case c) throws Exception {
    SetupPanel advanced = panel(SetupPanel.class);
    SwingUtilities.invokeAndWait(((JButton) field(advanced, "m_NewBut"))::doClick);
    File results = new File(out, c.name + "-results.arff");
    Files.deleteIfExists(results.toPath());
    DensityBasedClustererSplitEvaluator evaluator = new DensityBasedClustererSplitEvaluator();
    evaluator.setClusterer((DensityBasedClusterer) scheme(c.commandLine));
    CrossValidationResultProducer producer = new CrossValidationResultProducer();
    producer.setNumFolds(2);
    producer.setSplitEvaluator(evaluator);
    PropertyPanel producerPanel = field(advanced, "m_RPEditorPanel");
    editAndOk(field(advanced, "m_RPEditor"), producer, producerPanel::showPropertyDialog, null);
    InstancesResultListener listener = new InstancesResultListener();
    listener.setOutputFile(results);
    // the whole path in the name too, as the simple panel sets it: the GOE's copy keeps the name
    // (its -O option), and the bare file name would put the results in the working directory
    listener.setOutputFileName(results.getPath());
    PropertyPanel listenerPanel = field(advanced, "m_RLEditorPanel");
    editAndOk(field(advanced, "m_RLEditor"), listener, listenerPanel::showPropertyDialog, null);
    type(field(field(advanced, "m_RunNumberPanel"), "m_UpperText"), "1");
    DatasetListPanel datasets = field(advanced, "m_DatasetListPanel");
    chooseFile(field(datasets, "m_AddBut"), new File("src/data", c.data));
    saveOpenCheck(c, advanced);
    try {
      runAndAnalyse(c.name, results, "Log_likelihood", 1);
    } finally {
      // the advanced Setup's listener still writes under the bare file name in the working
      // directory (Weka's copy of the listener keeps only the name): moved next to the other
      // results, and said, so that the checkout stays as it was (WorkingTreeIT)
      File stray = new File(results.getName());
      if (stray.isFile()) {
        Files.move(stray.toPath(), results.toPath(),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        timings.add(c.name + ": Weka wrote the results to ./" + stray.getName() + "; moved to "
            + results);
      }
    }
  }

  /**
   * Saves the experiment through Save's file chooser, starts a new one, opens the file through
   * Open's chooser and checks the changed option, the data set and the runs.
   */
  private static void saveOpenCheck(Case c, AbstractSetupPanel panel) throws Exception {
    screenshot(c.name + "-1-setup");
    File saved = new File(out, c.name + ".exp");
    Files.deleteIfExists(saved.toPath());
    chooseFile(field(panel, "m_SaveBut"), saved);
    if (!saved.isFile()) {
      problems.add(c.name + ": Save did not write " + saved);
      return;
    }
    SwingUtilities.invokeAndWait(((JButton) field(panel, "m_NewBut"))::doClick);
    AbstractSetupPanel current = field(setup, "m_CurrentPanel");
    chooseFile(field(current, "m_OpenBut"), saved);
    checkNoDialog(c.name + " after Open");
    Experiment exp = setup.getExperiment();
    String schemes = schemes(exp);
    if (!Pattern.compile(Pattern.quote(c.changed) + "(?![\\w.])").matcher(schemes).find()) {
      problems.add(c.name + ": the reloaded experiment lost " + c.changed + ": " + schemes);
    }
    if (exp.getDatasets().size() != 1 || exp.getRunUpper() != 1) {
      problems.add(c.name + ": reloaded with " + exp.getDatasets().size() + " data sets and "
          + exp.getRunUpper() + " runs");
    }
    System.out.println(c.name + ": reloaded " + schemes);
  }

  /**
   * Course Task 4: opens doc/experiments/pca-vs-umap.xml, shortens it to one repetition on the
   * digits, saves the copy, runs and analyses it.
   */
  private static void task4() throws Exception {
    SimpleSetupPanel simple = panel(SimpleSetupPanel.class);
    chooseFile(field(simple, "m_OpenBut"), new File("doc/experiments/pca-vs-umap.xml"));
    // Open reads the XML after the chooser closes: wait for its schemes to arrive
    await("task4's configuration to load", 60,
        () -> setup.getExperiment() != null && setup.getExperiment().getDatasets().size() > 0);
    checkNoDialog("task4 after Open");
    Experiment exp = setup.getExperiment();
    int schemes = Array.getLength(exp.getPropertyArray());
    if (schemes != 11 || exp.getDatasets().size() != 2 || exp.getRunUpper() != 10) {
      problems.add("task4: opened with " + schemes + " schemes, " + exp.getDatasets().size()
          + " data sets, " + exp.getRunUpper() + " runs (the file has 11, 2, 10)");
    }
    screenshot("task4-1-opened");
    File results = new File(out, "task4-results.arff");
    Files.deleteIfExists(results.toPath());
    // as a user shortens it: one repetition, the Fashion-MNIST subset selected and deleted
    DatasetListPanel datasets = field(simple, "m_DatasetListPanel");
    SwingUtilities.invokeAndWait(() -> {
      ((JTextField) field(simple, "m_NumberOfRepetitionsTField")).setText("1");
      ((JTextField) field(simple, "m_ResultsDestinationPathTField")).setText(results.getPath());
      ((javax.swing.JList<?>) field(datasets, "m_List")).setSelectedIndex(1);
      ((JButton) field(datasets, "m_DeleteBut")).doClick();
    });
    File copy = new File(out, "task4-short.xml");
    Files.deleteIfExists(copy.toPath());
    chooseFile(field(simple, "m_SaveBut"), copy);
    exp = setup.getExperiment();
    if (exp.getDatasets().size() != 1 || exp.getRunUpper() != 1 || !copy.isFile()) {
      problems.add("task4: the shortened copy has " + exp.getDatasets().size() + " data sets, "
          + exp.getRunUpper() + " runs, saved: " + copy.isFile());
    }
    screenshot("task4-2-shortened");
    runAndAnalyse("task4", results, "Percent_correct", 11);
  }

  /**
   * Run panel: Start, wait for the end, no errors in the log; Analyse panel: Experiment, Perform
   * test, {@code rows} result rows of the data set with finite numbers, and every value of
   * {@code field} in the results file finite.
   */
  private static void runAndAnalyse(String name, File results, String compare, int schemes)
      throws Exception {
    JTabbedPane tabs = field(experimenter, "m_TabbedPane");
    RunPanel run = field(experimenter, "m_RunPanel");
    SwingUtilities.invokeAndWait(() -> tabs.setSelectedComponent(run));
    JTextArea log = field((LogPanel) field(run, "m_Log"), "m_LogText");
    long started = System.currentTimeMillis();
    SwingUtilities.invokeAndWait(((JButton) field(run, "m_StartBut"))::doClick);
    await(name + " to run", 300, () -> field(run, "m_RunThread") == null);
    timings.add(name + ": Run panel " + (System.currentTimeMillis() - started) / 1000 + " s");
    Thread.sleep(500);
    screenshot(name + "-2-run");
    String runLog = log.getText().substring(log.getText().lastIndexOf("Started"));
    if (!runLog.contains("Finished") || !runLog.contains("There were 0 errors")) {
      problems.add(name + ": the run did not finish cleanly: " + runLog.replace('\n', ' '));
      return;
    }
    checkNoDialog(name + " after Run");

    ResultsPanel analyse = field(experimenter, "m_ResultsPanel");
    SwingUtilities.invokeAndWait(() -> tabs.setSelectedComponent(analyse));
    SwingUtilities.invokeAndWait(((JButton) field(analyse, "m_FromExpBut"))::doClick);
    await(name + "'s results to load", 60, () -> field(analyse, "m_LoadThread") == null
        && ((JButton) field(analyse, "m_PerformBut")).isEnabled());
    SwingUtilities.invokeAndWait(() -> {
      JComboBox<?> fields = field(analyse, "m_CompareCombo");
      for (int i = 0; i < fields.getItemCount(); i++) {
        if (fields.getItemAt(i).toString().equals(compare)) {
          fields.setSelectedIndex(i);
        }
      }
      ((JButton) field(analyse, "m_PerformBut")).doClick();
    });
    Thread.sleep(500);
    screenshot(name + "-3-analyse");
    String table = ((JTextArea) field(analyse, "m_OutText")).getText();
    Files.writeString(new File(out, name + "-analyse.txt").toPath(), table);
    checkTable(name, table, compare, schemes);
    // the file the run wrote (Weka may have chosen another than the one typed in)
    File written = ((weka.experiment.CSVResultListener) setup.getExperiment().getResultListener())
        .getOutputFile();
    checkResults(name, written != null ? written : results, compare, schemes);
    checkNoDialog(name + " after Analyse");
  }

  /** The test output names the comparison field and has a row of finite numbers. */
  private static void checkTable(String name, String table, String compare, int schemes) {
    if (!table.matches("(?s).*Analysing:\\s+" + compare + "\\b.*")) {
      problems.add(name + ": the test output does not compare " + compare + ":\n" + table);
      return;
    }
    List<String> rows = new ArrayList<>();
    boolean inRows = false;
    for (String line : table.split("\n")) {
      if (line.startsWith("---")) {
        inRows = !inRows && rows.isEmpty();
      } else if (inRows && !line.isBlank()) {
        rows.add(line);
      }
    }
    if (rows.isEmpty()) {
      problems.add(name + ": no result row in the test output:\n" + table);
    }
    for (String row : rows) {
      if (row.matches("(?i).*\\b(nan|infinity)\\b.*") || row.contains(" ? ")
          || !row.matches(".*\\d+\\.\\d+.*")) {
        problems.add(name + ": a result row is not finite: " + row);
      }
    }
    System.out.println(name + ": " + rows.size() + " result rows: " + rows);
  }

  /** Every row of the results file has a finite value of {@code compare}; every scheme has rows. */
  private static void checkResults(String name, File results, String compare, int schemes)
      throws Exception {
    if (!results.isFile()) {
      problems.add(name + ": no results file " + results);
      return;
    }
    Instances rows = DataSource.read(results.getPath());
    Attribute a = rows.attribute(compare);
    Attribute scheme = rows.attribute("Key_Scheme_options") != null
        ? rows.attribute("Key_Scheme_options") : rows.attribute("Key_Scheme");
    if (a == null || rows.isEmpty()) {
      problems.add(name + ": the results file has no " + compare + " or no rows");
      return;
    }
    long bad = rows.stream().filter(r -> r.isMissing(a) || !Double.isFinite(r.value(a))).count();
    if (bad > 0) {
      problems.add(name + ": " + bad + " of " + rows.numInstances() + " results have no finite "
          + compare);
    }
    long distinct = rows.stream().map(r -> r.stringValue(scheme)).distinct().count();
    if (distinct != schemes) {
      problems.add(name + ": results of " + distinct + " schemes, expected " + schemes);
    }
    System.out.println(name + ": " + rows.numInstances() + " results, " + compare + " "
        + rows.attributeStats(rows.attribute(compare).index()).numericStats.mean + " on average");
  }

  /** Switches the Setup tab to the panel of {@code type} (simple or advanced). */
  private static <T extends AbstractSetupPanel> T panel(Class<T> type) throws Exception {
    JTabbedPane tabs = field(experimenter, "m_TabbedPane");
    SwingUtilities.invokeAndWait(() -> {
      tabs.setSelectedComponent(setup);
      JComboBox<?> modes = field(setup, "m_ComboBoxPanels");
      for (int i = 0; i < modes.getItemCount(); i++) {
        if (type.isInstance(modes.getItemAt(i))) {
          // the panel's own new experiment: the simple panel asks in a dialog before converting
          // the advanced panel's
          AbstractSetupPanel target = (AbstractSetupPanel) modes.getItemAt(i);
          ((JButton) field(target, "m_NewBut")).doClick();
          setup.switchTo(target, target.getExperiment());
          modes.setSelectedIndex(i);
        }
      }
    });
    AbstractSetupPanel current = field(setup, "m_CurrentPanel");
    if (!type.isInstance(current)) {
      throw new IllegalStateException("the Setup tab did not switch to " + type.getSimpleName());
    }
    return type.cast(current);
  }

  /** The command lines of the experiment's schemes and of its result generator. */
  private static String schemes(Experiment exp) {
    StringBuilder text = new StringBuilder();
    if (exp.getUsePropertyIterator() && exp.getPropertyArray() != null) {
      for (int i = 0; i < Array.getLength(exp.getPropertyArray()); i++) {
        Object scheme = Array.get(exp.getPropertyArray(), i);
        text.append(scheme.getClass().getName()).append(' ')
            .append(Utils.joinOptions(((OptionHandler) scheme).getOptions())).append("; ");
      }
    }
    if (exp.getResultProducer() instanceof OptionHandler producer) {
      text.append(exp.getResultProducer().getClass().getName()).append(' ')
          .append(Utils.joinOptions(producer.getOptions()));
    }
    return text.toString();
  }

  /** Types into a field that listens to keys and focus (the run numbers), as a user would. */
  private static void type(JTextField field, String text) throws Exception {
    SwingUtilities.invokeAndWait(() -> {
      field.setText(text);
      for (KeyListener l : field.getKeyListeners()) {
        l.keyReleased(new KeyEvent(field, KeyEvent.KEY_RELEASED, System.currentTimeMillis(), 0,
            KeyEvent.VK_ENTER, '\n'));
      }
      for (FocusListener l : field.getFocusListeners()) {
        l.focusLost(new FocusEvent(field, FocusEvent.FOCUS_LOST));
      }
    });
  }

  private static int count(String text, String word) {
    return text.split(Pattern.quote(word), -1).length - 1;
  }
}
