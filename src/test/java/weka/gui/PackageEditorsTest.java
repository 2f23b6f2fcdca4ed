package weka.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.beans.PropertyEditorManager;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.swing.JToolTip;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.core.OptionMetadata;

/**
 * What a user meets in the Explorer's GenericObjectEditor, measured headless for every class the
 * package shows in an editor (every concrete class of the package below a type its
 * GenericPropertiesCreator.props lists): the whole editor panel (class chooser, About box,
 * properties, Open/Save/OK/Cancel), the panel of each option group (OptionMetadata category,
 * Weka's "Edit..." button) and the list editor of each array option fit a 1366 x 768 screen;
 * the About box's sentence (globalInfo up to its first '.') is a short complete sentence; every tip text is short and its tooltip (the text
 * up to its first '.', on one line) is narrow and not cut inside a number or an abbreviation.
 */
class PackageEditorsTest {

  /** The tallest editor panel allowed: 768 px less a title bar and a task bar. */
  static final int MAX_HEIGHT = 700;

  /** The longest About sentence. */
  static final int MAX_SENTENCE = 120;

  /** The longest tip text: about three short lines of the "More" window. */
  static final int MAX_TIP = 250;

  /**
   * The widest tooltip: Weka shows a tip text up to its first '.' on one line, which then covers
   * the editor's other rows; about 95 characters. Weka's own inherited tips are not held to it.
   */
  static final int MAX_TOOLTIP_WIDTH = 600;

  /** A '.' that ends one of these is no sentence end. */
  private static final Pattern ABBREVIATION = Pattern.compile(
      "(?i).*(\\be\\.g|\\bi\\.e|\\betc|\\beqs?|\\bcf|\\bvs|\\bal|\\bapprox|\\bsec|\\bfig|\\bno)$");

  @BeforeAll
  static void registerEditors() throws IOException {
    // what Weka does with the package's GUIEditors.props when it loads the package
    GenericObjectEditor.registerEditors();
    Properties editors = new Properties();
    try (InputStream in = new FileInputStream(packageFile("GUIEditors.props"))) {
      editors.load(in);
    }
    for (String type : editors.stringPropertyNames()) {
      try {
        Class<?> cls = type.endsWith("[]")
            ? java.lang.reflect.Array.newInstance(Class.forName(type.substring(0, type.length() - 2)), 0).getClass()
            : Class.forName(type);
        PropertyEditorManager.registerEditor(cls, Class.forName(editors.getProperty(type)));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static String packageFile(String name) {
    String base = System.getProperty("fundamentos.basedir", ".");
    return Paths.get(base, "src", "main", "package", name).toString();
  }

  /** The package's classes that Weka's GenericObjectEditor offers, with the type it offers them as. */
  static List<Class<?>[]> editedClasses() throws Exception {
    Properties gpc = new Properties();
    try (InputStream in = new FileInputStream(packageFile("GenericPropertiesCreator.props"))) {
      gpc.load(in);
    }
    List<Class<?>> types = new ArrayList<>();
    for (String type : gpc.stringPropertyNames()) {
      types.add(Class.forName(type));
    }
    Path root = Paths.get(weka.classifiers.functions.CNN.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    List<Class<?>[]> result = new ArrayList<>();
    List<String> names;
    try (Stream<Path> files = Files.walk(root.resolve("weka"))) {
      names = files.map(p -> root.relativize(p).toString())
          .filter(n -> n.endsWith(".class") && !n.contains("$"))
          .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
          .sorted().collect(Collectors.toList());
    }
    for (String name : names) {
      Class<?> cls = Class.forName(name);
      if (!Modifier.isPublic(cls.getModifiers()) || Modifier.isAbstract(cls.getModifiers())
          || cls.isInterface()) {
        continue;
      }
      try {
        cls.getConstructor();
      } catch (NoSuchMethodException e) {
        continue;
      }
      for (Class<?> type : types) {
        if (type.isAssignableFrom(cls)) {
          result.add(new Class<?>[] {cls, type});
          break;
        }
      }
    }
    return result;
  }

  /** The option groups (OptionMetadata categories) of a class, in display order. */
  static Set<String> categories(Class<?> cls) throws Exception {
    Set<String> result = new LinkedHashSet<>();
    for (PropertyDescriptor p : Introspector.getBeanInfo(cls).getPropertyDescriptors()) {
      if (p.getReadMethod() == null || p.getWriteMethod() == null) {
        continue;
      }
      for (Method m : new Method[] {p.getWriteMethod(), p.getReadMethod()}) {
        OptionMetadata o = m.getAnnotation(OptionMetadata.class);
        if (o != null && !o.category().isEmpty()) {
          result.add(o.category());
        }
      }
    }
    return result;
  }

  /** The preferred size of the editor Weka shows for an object: the whole GOE panel. */
  static Dimension editorSize(Object object, Class<?> type, String category) {
    GenericObjectEditor editor = new GenericObjectEditor();
    GenericObjectEditor.GOEPanel panel = (GenericObjectEditor.GOEPanel) editor.getCustomEditor();
    if (category != null) {
      // what PropertySheetPanel does for a category's "Edit..." button
      panel.getPropertySheet().setPropertyGroupingCategory(category);
    }
    editor.setClassType(category != null ? object.getClass() : type);
    editor.setValue(object);
    return panel.getPreferredSize();
  }

  /** The text the About box shows: globalInfo up to its first '.' (PropertySheetPanel). */
  static String firstSentence(String globalInfo) {
    int dot = globalInfo.indexOf('.');
    return dot < 0 ? globalInfo : globalInfo.substring(0, dot + 1);
  }

  /** Why a text cut at its first '.' is no complete sentence, or null. */
  static String cutProblem(String text) {
    int dot = text.indexOf('.');
    if (dot < 0) {
      return null;
    }
    if (dot + 1 < text.length() && !Character.isWhitespace(text.charAt(dot + 1))) {
      return "its first '.' is inside a word or number";
    }
    String before = text.substring(0, dot);
    if (ABBREVIATION.matcher(before).matches()) {
      return "its first '.' ends an abbreviation";
    }
    // an interval such as [0, 1) opens with one kind of bracket and closes with the other
    if (count(before, '(') + count(before, '[') != count(before, ')') + count(before, ']')) {
      return "its first '.' is inside brackets";
    }
    return null;
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }

  /** The tip texts of the properties the editor shows, by property name. */
  static List<String[]> tipTexts(Object object) throws Exception {
    List<String[]> result = new ArrayList<>();
    for (PropertyDescriptor p : Introspector.getBeanInfo(object.getClass()).getPropertyDescriptors()) {
      Method getter = p.getReadMethod();
      Method setter = p.getWriteMethod();
      if (getter == null || setter == null || p.isHidden() || p.isExpert()) {
        continue;
      }
      List<Annotation> annotations = new ArrayList<>(Arrays.asList(setter.getDeclaredAnnotations()));
      annotations.addAll(Arrays.asList(getter.getDeclaredAnnotations()));
      String tip = null;
      Class<?> declaring = null;
      boolean hidden = false;
      for (Annotation a : annotations) {
        hidden |= a instanceof ProgrammaticProperty;
        if (a instanceof OptionMetadata) {
          tip = ((OptionMetadata) a).description();
          declaring = getter.getDeclaringClass();
        }
      }
      if (hidden) {
        continue;
      }
      if (tip == null) {
        try {
          Method tipText = object.getClass().getMethod(p.getName() + "TipText");
          tip = (String) tipText.invoke(object);
          declaring = tipText.getDeclaringClass();
        } catch (NoSuchMethodException e) {
          continue;
        }
      }
      result.add(new String[] {p.getName(), tip, Boolean.toString(ofThePackage(declaring))});
    }
    return result;
  }

  /** Whether a class comes from the package (rather than from Weka). */
  private static boolean ofThePackage(Class<?> cls) {
    return cls.getProtectionDomain().getCodeSource().getLocation().equals(
        weka.classifiers.functions.CNN.class.getProtectionDomain().getCodeSource().getLocation());
  }

  private static int tooltipWidth(String tip) {
    int dot = tip.indexOf('.');
    JToolTip tooltip = new JToolTip();
    tooltip.setTipText(dot < 0 ? tip : tip.substring(0, dot));
    return tooltip.getPreferredSize().width;
  }

  @Test
  void everyEditorFitsAScreenAndReads() throws Exception {
    List<String> offenders = new ArrayList<>();
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%-55s %-20s %6s %6s %9s %9s %9s%n", "class", "group", "width", "height", "sentence",
        "longest tip", "tooltip px"));
    StringBuilder tooltips = new StringBuilder("\ntooltip width (px) of every tip text\n");
    List<Class<?>[]> classes = editedClasses();
    assertTrue(classes.size() >= 20, "too few classes found: " + classes.size());
    for (Class<?>[] pair : classes) {
      Class<?> cls = pair[0];
      Object object = cls.getConstructor().newInstance();
      String sentence = "";
      try {
        String info = (String) cls.getMethod("globalInfo").invoke(object);
        sentence = firstSentence(info);
        if (sentence.length() > MAX_SENTENCE) {
          offenders.add(cls.getName() + ": About sentence of " + sentence.length() + " characters: "
              + sentence);
        }
        String problem = cutProblem(info);
        if (problem != null) {
          offenders.add(cls.getName() + ": the About box cuts globalInfo, " + problem + ": "
              + sentence);
        }
      } catch (NoSuchMethodException e) {
        offenders.add(cls.getName() + ": no globalInfo");
      }
      int longestTip = 0;
      int widestTooltip = 0;
      for (String[] tip : tipTexts(object)) {
        longestTip = Math.max(longestTip, tip[1].length());
        widestTooltip = Math.max(widestTooltip, tooltipWidth(tip[1]));
        tooltips.append(String.format(Locale.ROOT, "%5d  %s.%s%s%n", tooltipWidth(tip[1]),
            cls.getSimpleName(), tip[0], Boolean.parseBoolean(tip[2]) ? "" : " (Weka's)"));
        if (tip[1].length() > MAX_TIP) {
          offenders.add(cls.getName() + "." + tip[0] + ": tip text of " + tip[1].length()
              + " characters");
        }
        if (Boolean.parseBoolean(tip[2]) && tooltipWidth(tip[1]) > MAX_TOOLTIP_WIDTH) {
          offenders.add(cls.getName() + "." + tip[0] + ": tooltip " + tooltipWidth(tip[1])
              + " px wide");
        }
        String problem = cutProblem(tip[1]);
        if (problem != null) {
          offenders.add(cls.getName() + "." + tip[0] + ": the tooltip cuts the tip text, " + problem);
        }
      }
      // the list editor of an array option (CNN's layers) opens as a dialog of its own
      for (PropertyDescriptor p : Introspector.getBeanInfo(cls).getPropertyDescriptors()) {
        if (p.getReadMethod() == null || p.getWriteMethod() == null
            || !p.getPropertyType().isArray()
            || !(PropertyEditorManager.findEditor(p.getPropertyType()) instanceof GenericArrayEditor)) {
          continue;
        }
        GenericArrayEditor arrays = new GenericArrayEditor();
        arrays.setValue(p.getReadMethod().invoke(object));
        Dimension size = arrays.getCustomEditor().getPreferredSize();
        table.append(String.format(Locale.ROOT, "%-55s %-20s %6d %6d%n", cls.getName(),
            p.getName() + "[]", size.width, size.height));
        if (size.height > MAX_HEIGHT) {
          offenders.add(cls.getName() + "." + p.getName() + ": list editor " + size.height
              + " px tall");
        }
      }
      List<String> groups = new ArrayList<>();
      groups.add(null);
      groups.addAll(categories(cls));
      for (String group : groups) {
        Dimension size = editorSize(object, pair[1], group);
        table.append(String.format(Locale.ROOT, "%-55s %-20s %6d %6d %9d %9d %9d%n", cls.getName(),
            group == null ? "(editor)" : group, size.width, size.height, sentence.length(),
            longestTip, widestTooltip));
        if (group != null) {
          PropertySheetPanel sheet = new PropertySheetPanel();
          sheet.setPropertyGroupingCategory(group);
          sheet.setTarget(object);
          if (sheet.editableProperties() == 0) {
            offenders.add(cls.getName() + " (" + group + "): the group's editor shows no option");
          }
        }
        if (size.height > MAX_HEIGHT) {
          offenders.add(cls.getName() + (group == null ? "" : " (" + group + ")") + ": editor "
              + size.height + " px tall");
        }
      }
    }
    System.out.println(table);
    Path report = Paths.get(System.getProperty("fundamentos.basedir", "."), "target", "editor-sizes.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, table.toString() + tooltips);
    assertTrue(offenders.isEmpty(), offenders.size() + " editors do not fit or read badly:\n"
        + String.join("\n", offenders));
  }

  /**
   * The grouping is the editor's only: an old command line with options that now sit in groups
   * still sets them, getOptions gives them back, and a serialized copy (an .exp file, a saved
   * model) keeps them.
   */
  @Test
  void groupedOptionsKeepTheirCommandLine() throws Exception {
    weka.classifiers.functions.Transformer transformer = new weka.classifiers.functions.Transformer();
    transformer.setOptions(weka.core.Utils.splitOptions("-epochs 5 -d-model 32 -heads 2 -blocks 1 "
        + "-tokens attributes -max-length 16 -weight-decay 0.01 -schedule step -height 8 -quiet "
        + "-attention-instance 3"));
    assertEquals(32, transformer.getModelWidth());
    assertEquals(1, transformer.getNumBlocks());
    assertEquals(16, transformer.getMaxLength());
    assertEquals(0.01, transformer.getWeightDecay());
    assertEquals(8, transformer.getImageHeight());
    assertTrue(transformer.getQuiet());
    assertEquals(3, transformer.getAttentionInstance());
    String[] options = transformer.getOptions();
    weka.classifiers.functions.Transformer again = new weka.classifiers.functions.Transformer();
    again.setOptions(options.clone());
    assertArrayEquals(options, again.getOptions());
    Object copy = new weka.core.SerializedObject(transformer).getObject();
    assertArrayEquals(options, ((weka.classifiers.functions.Transformer) copy).getOptions());

    weka.filters.unsupervised.attribute.UMAP umap = new weka.filters.unsupervised.attribute.UMAP();
    umap.setOptions(weka.core.Utils.splitOptions("-K 10 -E 20 -learning-rate 0.5 "
        + "-set-op-mix-ratio 0.5 -exact-below 100"));
    assertEquals(20, umap.getNumEpochs());
    assertEquals(0.5, umap.getSetOpMixRatio());
    weka.filters.unsupervised.attribute.UMAP umapAgain = new weka.filters.unsupervised.attribute.UMAP();
    umapAgain.setOptions(umap.getOptions());
    assertArrayEquals(umap.getOptions(), umapAgain.getOptions());
  }

  /**
   * A group's editor edits the scheme itself: PropertySheetPanel gives a category's editor the
   * same object, so a value set there is the scheme's (what the "Edit..." button's dialog does).
   */
  @Test
  void aGroupsEditorSetsTheSchemesOption() throws Exception {
    weka.classifiers.functions.Transformer transformer = new weka.classifiers.functions.Transformer();
    PropertySheetPanel sheet = new PropertySheetPanel();
    sheet.setPropertyGroupingCategory("Architecture");
    sheet.setTarget(transformer);
    java.lang.reflect.Field editorsField = PropertySheetPanel.class.getDeclaredField("m_Editors");
    java.lang.reflect.Field propertiesField = PropertySheetPanel.class.getDeclaredField("m_Properties");
    editorsField.setAccessible(true);
    propertiesField.setAccessible(true);
    java.beans.PropertyEditor[] editors = (java.beans.PropertyEditor[]) editorsField.get(sheet);
    PropertyDescriptor[] properties = (PropertyDescriptor[]) propertiesField.get(sheet);
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < properties.length; i++) {
      if (editors[i] != null) {
        shown.add(properties[i].getName());
        if (properties[i].getName().equals("numBlocks")) {
          editors[i].setValue(3);
        }
      }
    }
    assertEquals(Set.of("numBlocks", "modelWidth", "numHeads", "mlpWidth", "dropout", "activation",
        "preNorm", "pooling", "positions"), Set.copyOf(shown));
    assertEquals(3, transformer.getNumBlocks());
  }
}
