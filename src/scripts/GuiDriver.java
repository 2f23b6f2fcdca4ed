import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.io.File;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.SwingUtilities;
import weka.gui.GenericObjectEditor;

/**
 * What the scripts that drive Weka's real GUIs under Xvfb share (ExplorerStop, ExperimenterGui,
 * ExplorerTour extend it so its helpers read as their own): the GUI's private fields, waiting on
 * a condition, screenshots, the dialogs a button opens (file choosers, GenericObjectEditors) and
 * the problems found, which decide the exit status. The drivers press the GUI's own buttons with
 * doClick so that Weka's own code runs; only what a user would type or pick in a file chooser is
 * set directly.
 */
public class GuiDriver {

  /** Where screenshots and logs go. */
  protected static File out;

  /** What went wrong; the driver exits 1 when it is not empty. */
  protected static final List<String> problems = new ArrayList<>();

  /** Waits until {@code condition} holds; after {@code seconds} notes it, screenshots and exits 2. */
  protected static void await(String what, int seconds, BooleanSupplier condition) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        problems.add("timed out waiting for " + what);
        screenshot("timed-out");
        System.out.println("RESULT: " + problems);
        System.exit(2);
      }
      Thread.sleep(100);
    }
  }

  /** The whole screen as {@code out/name.png} (ImageMagick's import). */
  protected static void screenshot(String name) throws Exception {
    new ProcessBuilder("import", "-window", "root", new File(out, name + ".png").getPath())
        .inheritIO().start().waitFor();
  }

  /** One window (with its title bar's area left out: Xvfb has no window manager) as a PNG. */
  protected static void screenshot(Window window, File png) throws Exception {
    Thread.sleep(700);
    AtomicReference<Rectangle> bounds = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      window.toFront();
      // what a user sees: the part on the screen
      bounds.set(window.getBounds().intersection(java.awt.GraphicsEnvironment
          .getLocalGraphicsEnvironment().getMaximumWindowBounds()));
    });
    Thread.sleep(300);
    png.getParentFile().mkdirs();
    ImageIO.write(new Robot().createScreenCapture(bounds.get()), "png", png);
  }

  /** Notes each visible dialog as a problem ({@code when} says after what). */
  protected static void checkNoDialog(String when) {
    for (Window w : Window.getWindows()) {
      if (w instanceof JDialog dialog && dialog.isVisible()) {
        problems.add("dialog '" + dialog.getTitle() + "' " + when + ": " + texts(dialog));
      }
    }
  }

  /** The visible dialogs. */
  protected static List<JDialog> dialogs() {
    List<JDialog> shown = new ArrayList<>();
    for (Window w : Window.getWindows()) {
      if (w instanceof JDialog dialog && dialog.isShowing()) {
        shown.add(dialog);
      }
    }
    return shown;
  }

  /** Presses {@code button} later on the event thread (it may open a modal dialog). */
  protected static void pressLater(JButton button) {
    SwingUtilities.invokeLater(button::doClick);
  }

  /** Waits for a visible dialog holding a component that {@code test} accepts; returns that. */
  protected static <T extends Component> T awaitInDialog(String what, Class<T> type,
      Predicate<T> test) throws Exception {
    AtomicReference<T> found = new AtomicReference<>();
    await(what, 60, () -> {
      for (JDialog dialog : dialogs()) {
        T c = find(dialog, type, test);
        if (c != null) {
          found.set(c);
          return true;
        }
      }
      return false;
    });
    return found.get();
  }

  /**
   * Presses {@code button}, which opens a file chooser (Open, Save, Add dataset), types
   * {@code file} into it and approves it, as a user picking the file would.
   */
  protected static void chooseFile(JButton button, File file) throws Exception {
    pressLater(button);
    JFileChooser chooser = awaitInDialog("the file chooser of '" + button.getText() + "'",
        JFileChooser.class, c -> true);
    SwingUtilities.invokeAndWait(() -> {
      // the filter of the file's type: Weka appends the chosen filter's extension otherwise
      for (javax.swing.filechooser.FileFilter filter : chooser.getChoosableFileFilters()) {
        if (filter != chooser.getAcceptAllFileFilter() && filter.accept(file)) {
          chooser.setFileFilter(filter);
          break;
        }
      }
      chooser.setCurrentDirectory(file.getAbsoluteFile().getParentFile());
      chooser.setSelectedFile(file.getAbsoluteFile());
      if (chooser.isMultiSelectionEnabled()) {
        chooser.setSelectedFiles(new File[] {file.getAbsoluteFile()});
      }
      chooser.approveSelection();
    });
    await("the file chooser to close", 20, () -> !chooser.isShowing());
    Thread.sleep(300);
  }

  /**
   * Puts {@code value} into the GenericObjectEditor (as "Choose" and the GOE's "Paste" do), shows
   * its dialog with {@code opener} (the property panel's click, an "Add" button), optionally screenshots that dialog to
   * {@code png}, and presses its OK.
   */
  protected static void editAndOk(GenericObjectEditor editor, Object value, Runnable opener,
      File png) throws Exception {
    SwingUtilities.invokeAndWait(() -> editor.setValue(value));
    // later: the dialog it opens may be modal
    SwingUtilities.invokeLater(opener);
    GenericObjectEditor.GOEPanel goe = awaitInDialog("the GenericObjectEditor's dialog",
        GenericObjectEditor.GOEPanel.class, c -> c.isShowing());
    Window dialog = SwingUtilities.getWindowAncestor(goe);
    if (png != null) {
      screenshot(dialog, png);
    }
    JButton ok = field(goe, "m_okBut");
    SwingUtilities.invokeAndWait(ok::doClick);
    await("the GenericObjectEditor's dialog to close", 20, () -> !dialog.isShowing());
  }

  /** A scheme from its command line (class name, then options), as the GOE's "Paste" makes it. */
  protected static Object scheme(String commandLine) throws Exception {
    String[] options = weka.core.Utils.splitOptions(commandLine);
    String name = options[0];
    options[0] = "";
    Object scheme = Class.forName(name).getDeclaredConstructor().newInstance();
    ((weka.core.OptionHandler) scheme).setOptions(options);
    return scheme;
  }

  /** The first component under {@code root} of {@code type} that {@code test} accepts, or null. */
  protected static <T extends Component> T find(Component root, Class<T> type, Predicate<T> test) {
    if (type.isInstance(root) && test.test(type.cast(root))) {
      return type.cast(root);
    }
    if (root instanceof Container container) {
      for (Component child : container.getComponents()) {
        T found = find(child, type, test);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The texts of the labels, text areas and option panes under {@code root}, for a problem. */
  protected static String texts(Component root) {
    StringBuilder text = new StringBuilder();
    collect(root, text);
    return text.toString().replaceAll("\\s+", " ").trim();
  }

  private static void collect(Component c, StringBuilder text) {
    if (c instanceof javax.swing.JLabel label && label.getText() != null) {
      text.append(label.getText()).append(' ');
    } else if (c instanceof javax.swing.text.JTextComponent area) {
      text.append(area.getText()).append(' ');
    }
    if (c instanceof Container container) {
      for (Component child : container.getComponents()) {
        collect(child, text);
      }
    }
  }

  /** A private field of a GUI object (Weka keeps its buttons and editors in protected fields). */
  @SuppressWarnings("unchecked")
  protected static <T> T field(Object owner, String name) {
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
