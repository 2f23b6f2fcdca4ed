import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Window;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JRadioButton;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import weka.core.Instances;
import weka.core.OptionHandler;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.gui.GenericObjectEditor;
import weka.gui.LogPanel;
import weka.gui.PropertyPanel;
import weka.gui.explorer.ClassifierPanel;
import weka.gui.explorer.ClustererPanel;
import weka.gui.explorer.Explorer;
import weka.gui.explorer.PreprocessPanel;

/**
 * Walks Weka's real Explorer through every scheme (run by src/scripts/explorer-tour.sh, and by
 * src/scripts/screenshots.sh for the docs' pictures, under Xvfb on a 1366x768 screen): puts the
 * scheme into its tab's GenericObjectEditor from a command line (as "Choose" and the GOE's
 * "Paste" do), opens the editor's dialog the way a click on the scheme's name does, screenshots
 * it, checks that its OK button lies on the screen and presses it, then runs the scheme on small
 * bundled data (Classify and Cluster tabs: Start on the training set; Preprocess tab: Apply) and
 * checks the status "OK", the log and that no error dialog came, and screenshots the result.
 *
 * <p>Arguments: the output folder for the PNGs ({@code <scheme>-editor.png},
 * {@code <scheme>-result.png}), then the schemes (softmax cnn transformer dbscan pca umap; all when
 * none). Exit status 0 when every check held, 1 with the problems otherwise. Options are given as
 * command lines, so the tour does not depend on the editors' list of properties.
 */
public class ExplorerTour extends GuiDriver {

  /** A scheme in the Explorer: the tab, its command line and the data it runs on. */
  private record Stop(String name, String tab, String commandLine, String data) {}

  private static final List<Stop> STOPS = List.of(
      new Stop("softmax", "classify", "weka.classifiers.functions.SoftmaxRegression", "iris.arff"),
      new Stop("cnn", "classify", "weka.classifiers.functions.CNN -epochs 3",
          "digits8x8-train.arff"),
      new Stop("transformer", "classify", "weka.classifiers.functions.Transformer -epochs 10",
          "iris.arff"),
      new Stop("dbscan", "cluster", "weka.clusterers.IndexedDBSCAN", "iris.arff"),
      new Stop("pca", "preprocess", "weka.filters.unsupervised.attribute.PCA",
          "digits8x8-train.arff"),
      new Stop("umap", "preprocess", "weka.filters.unsupervised.attribute.UMAP", "iris.arff"));

  private static Explorer explorer;
  private static JTextArea logText;
  private static JLabel status;
  private static final List<String> timings = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    out = new File(args[0]).getAbsoluteFile();
    out.mkdirs();
    List<String> names = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
        : STOPS.stream().map(Stop::name).toList();
    SwingUtilities.invokeAndWait(() -> {
      explorer = new Explorer();
      JFrame frame = new JFrame("Weka Explorer");
      frame.getContentPane().add(explorer);
      frame.setBounds(GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds());
      frame.setVisible(true);
    });
    LogPanel log = field(explorer, "m_LogPanel");
    logText = field(log, "m_LogText");
    status = field(log, "m_StatusLab");
    for (String name : names) {
      Stop stop = STOPS.stream().filter(s -> s.name.equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no scheme " + name));
      long started = System.currentTimeMillis();
      visit(stop);
      timings.add(name + ": " + (System.currentTimeMillis() - started) + " ms");
    }
    Files.writeString(new File(out, "explorer-tour-log.txt").toPath(), logText.getText());
    timings.forEach(t -> System.out.println("TIMING " + t));
    System.out.println(problems.isEmpty() ? "RESULT: OK" : "RESULT: " + problems);
    System.exit(problems.isEmpty() ? 0 : 1);
  }

  private static void visit(Stop stop) throws Exception {
    Instances data = DataSource.read(new File("src/data", stop.data).getPath());
    data.setClassIndex(data.numAttributes() - 1);
    SwingUtilities.invokeAndWait(() -> explorer.getPreprocessPanel().setInstances(data));
    Thread.sleep(500);
    Object scheme = scheme(stop.commandLine);
    switch (stop.tab) {
      case "classify" -> {
        ClassifierPanel panel = tab(ClassifierPanel.class);
        editor(stop, panel, "m_ClassifierEditor", "m_CEPanel", scheme);
        run(stop, panel, "m_TrainBut", "Finished weka.classifiers.");
      }
      case "cluster" -> {
        ClustererPanel panel = tab(ClustererPanel.class);
        editor(stop, panel, "m_ClustererEditor", "m_CLPanel", scheme);
        // classes to clusters: the Explorer ignores the class while clustering and scores against it
        run(stop, panel, "m_ClassesToClustersBut", "Finished weka.clusterers.");
      }
      default -> {
        PreprocessPanel panel = explorer.getPreprocessPanel();
        SwingUtilities.invokeAndWait(() -> explorer.getTabbedPane().setSelectedComponent(panel));
        editor(stop, panel, "m_FilterEditor", "m_FilterPanel", scheme);
        JButton apply = field(panel, "m_ApplyFilterBut");
        Instances before = panel.getInstances();
        SwingUtilities.invokeAndWait(apply::doClick);
        await(stop.name + "'s Apply", 300,
            () -> panel.getInstances() != before && field(panel, "m_IOThread") == null);
        if (panel.getInstances().numAttributes() >= before.numAttributes()) {
          problems.add(stop.name + ": Apply left " + panel.getInstances().numAttributes()
              + " attributes of " + before.numAttributes());
        }
        result(stop);
      }
    }
  }

  /**
   * Puts the scheme into the tab's editor, opens its dialog, screenshots it, checks that the
   * whole dialog with its OK button is on the screen and presses OK.
   */
  private static void editor(Stop stop, Object panel, String editorField, String panelField,
      Object scheme) throws Exception {
    GenericObjectEditor editor = field(panel, editorField);
    PropertyPanel opener = field(panel, panelField);
    SwingUtilities.invokeAndWait(() -> editor.setValue(scheme));
    SwingUtilities.invokeLater(opener::showPropertyDialog);
    GenericObjectEditor.GOEPanel goe = awaitInDialog(stop.name + "'s editor",
        GenericObjectEditor.GOEPanel.class, c -> c.isShowing());
    Window dialog = SwingUtilities.getWindowAncestor(goe);
    JButton ok = field(goe, "m_okBut");
    Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
    Rectangle bounds = dialog.getBounds();
    Rectangle okOnScreen = new Rectangle(ok.getLocationOnScreen(), ok.getSize());
    System.out.println("EDITOR " + stop.name + " " + bounds.width + "x" + bounds.height
        + ", OK at y " + okOnScreen.y + " on a screen of " + screen.width + "x" + screen.height);
    if (!screen.contains(okOnScreen)) {
      problems.add(stop.name + ": the editor is " + bounds.width + "x" + bounds.height
          + " and its OK button lies off the " + screen.width + "x" + screen.height + " screen");
    }
    screenshot(dialog, new File(out, stop.name + "-editor.png"));
    SwingUtilities.invokeAndWait(ok::doClick);
    await(stop.name + "'s editor to close", 20, () -> !dialog.isShowing());
  }

  /** Start with the test option {@code mode}; waits for the log's {@code finished} line. */
  private static void run(Stop stop, Object panel, String mode, String finished)
      throws Exception {
    JButton start = field(panel, "m_StartBut");
    int before = count(finished);
    SwingUtilities.invokeAndWait(() -> {
      JRadioButton option = field(panel, mode);
      if (!option.isSelected()) {
        option.doClick();
      }
      start.doClick();
    });
    await(stop.name + "'s run", 300, () -> count(finished) > before && start.isEnabled());
    result(stop);
  }

  /** Status OK, no dialog, and the result as a screenshot. */
  private static void result(Stop stop) throws Exception {
    Thread.sleep(1000);
    if (!"OK".equals(status.getText())) {
      problems.add(stop.name + ": the status after the run is " + status.getText());
    }
    checkNoDialog(stop.name + " after the run");
    screenshot(SwingUtilities.getWindowAncestor(explorer), new File(out, stop.name + "-result.png"));
  }

  private static <T extends java.awt.Component> T tab(Class<T> type) throws Exception {
    T panel = type.cast(explorer.getPanels().stream().filter(type::isInstance).findFirst()
        .orElseThrow());
    SwingUtilities.invokeAndWait(() -> explorer.getTabbedPane().setSelectedComponent(panel));
    return panel;
  }

  private static int count(String line) {
    return logText.getText().split(java.util.regex.Pattern.quote(line), -1).length - 1;
  }
}
