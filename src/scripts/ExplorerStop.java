import java.awt.Window;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JRadioButton;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import weka.classifiers.functions.CNN;
import weka.classifiers.functions.NetworkClassifier;
import weka.classifiers.functions.Transformer;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.converters.ConverterUtils.DataSource;
import weka.gui.GenericObjectEditor;
import weka.gui.LogPanel;
import weka.gui.explorer.ClassifierPanel;
import weka.gui.explorer.Explorer;

/**
 * Drives Weka's real Explorer (run by src/scripts/explorer-stop.sh under Xvfb): for CNN, then
 * Transformer, starts a training on the Classify tab, presses Stop once the log shows epochs, then
 * starts a short training again in the same JVM, with screenshots and the log's text after each
 * step. The buttons are pressed with doClick, so the Explorer's own start and stop code runs
 * (stopClassifier: interrupt() followed at once by Thread.stop()).
 *
 * <p>Exit status 0 when: no error dialog appeared, the log says "Interrupted", the Start button was
 * enabled again within seconds of the Stop, and the second training reported all its epochs and
 * ended with the status "OK".
 */
public class ExplorerStop {

  private static File out;
  private static final List<String> problems = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    Instances data = DataSource.read(args[0]);
    data.setClassIndex(data.numAttributes() - 1);
    out = new File(args[1]);
    out.mkdirs();
    Explorer[] explorer = new Explorer[1];
    SwingUtilities.invokeAndWait(() -> {
      explorer[0] = new Explorer();
      JFrame frame = new JFrame("Weka Explorer");
      frame.getContentPane().add(explorer[0]);
      frame.setSize(1280, 1000);
      frame.setVisible(true);
      explorer[0].getPreprocessPanel().setInstances(data);
    });
    ClassifierPanel panel = (ClassifierPanel) explorer[0].getPanels().stream()
        .filter(p -> p instanceof ClassifierPanel).findFirst().orElseThrow();
    SwingUtilities.invokeAndWait(() -> explorer[0].getTabbedPane().setSelectedComponent(panel));
    JButton start = field(panel, "m_StartBut");
    JButton stop = field(panel, "m_StopBut");
    LogPanel log = field(panel, "m_Log");
    JTextArea logText = field(log, "m_LogText");
    JLabel status = field(log, "m_StatusLab");

    for (String scheme : new String[] {"CNN", "Transformer"}) {
      stopAndTrainAgain(scheme, panel, start, stop, logText, status);
    }
    // the Explorer's log window over everything: both Stops and both trainings after them
    JButton logButton = field(log, "m_logButton");
    SwingUtilities.invokeAndWait(logButton::doClick);
    Thread.sleep(1500);
    snapshot("log-window", logText, status);
    System.out.println(problems.isEmpty() ? "RESULT: OK" : "RESULT: " + problems);
    System.exit(problems.isEmpty() ? 0 : 1);
  }

  /** Stop during a long training of the scheme, then a short training of it in the same JVM. */
  private static void stopAndTrainAgain(String scheme, ClassifierPanel panel, JButton start,
      JButton stop, JTextArea logText, JLabel status) throws Exception {
    NetworkClassifier longRun = network(scheme);
    longRun.setNumEpochs(1000);
    SwingUtilities.invokeAndWait(() -> {
      ((GenericObjectEditor) field(panel, "m_ClassifierEditor")).setValue(longRun);
      ((JRadioButton) field(panel, "m_TrainBut")).setSelected(true);
      start.doClick();
    });
    await("the first epochs in the log", 180,
        () -> logText.getText().contains(scheme + ": epoch 2/1000"));
    Thread.sleep(500);
    snapshot(scheme + "-1-training", logText, status);
    long pressed = System.currentTimeMillis();
    SwingUtilities.invokeAndWait(stop::doClick);
    await("Start enabled after Stop", 20, start::isEnabled);
    System.out.println(scheme + ": Start enabled again " + (System.currentTimeMillis() - pressed)
        + " ms after Stop");
    Thread.sleep(2000);
    snapshot(scheme + "-2-stopped", logText, status);
    if (!logText.getText().contains("Interrupted weka.classifiers.functions." + scheme)) {
      problems.add(scheme + ": the log does not say Interrupted");
    }
    checkNoDialog(scheme + " after Stop");

    NetworkClassifier shortRun = network(scheme);
    shortRun.setNumEpochs(3);
    SwingUtilities.invokeAndWait(() -> {
      ((GenericObjectEditor) field(panel, "m_ClassifierEditor")).setValue(shortRun);
      start.doClick();
    });
    await("the second training to end", 300,
        () -> logText.getText().contains(scheme + ": epoch 3/3") && start.isEnabled());
    Thread.sleep(1000);
    snapshot(scheme + "-3-trained-again", logText, status);
    if (!"OK".equals(status.getText())) {
      problems.add(scheme + ": status after the second training: " + status.getText());
    }
    checkNoDialog(scheme + " after the second training");
  }

  /** The scheme with its defaults (Transformer: ViT patches of the 8x8 digits). */
  private static NetworkClassifier network(String scheme) {
    if (scheme.equals("CNN")) {
      return new CNN();
    }
    Transformer transformer = new Transformer();
    transformer.setTokens(new SelectedTag(1, Transformer.TOKEN_SOURCES));
    transformer.setPatchSize(2);
    return transformer;
  }

  private static void await(String what, int seconds, BooleanSupplier condition) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        problems.add("timed out waiting for " + what);
        System.out.println("RESULT: " + problems);
        System.exit(2);
      }
      Thread.sleep(100);
    }
  }

  private static void checkNoDialog(String when) {
    for (Window w : Window.getWindows()) {
      if (w instanceof JDialog dialog && dialog.isVisible()) {
        problems.add("dialog '" + dialog.getTitle() + "' " + when);
      }
    }
  }

  private static void snapshot(String name, JTextArea logText, JLabel status) throws Exception {
    Files.writeString(new File(out, name + ".log.txt").toPath(),
        logText.getText() + "\n[status line] " + status.getText() + "\n");
    new ProcessBuilder("import", "-window", "root", new File(out, name + ".png").getPath())
        .inheritIO().start().waitFor();
  }

  @SuppressWarnings("unchecked")
  private static <T> T field(Object owner, String name) {
    for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return (T) f.get(owner);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no field " + name + " in " + owner.getClass());
  }
}
