package fundamentos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows between the package's layers point downward only (doc/development.md, issue 21):
 *
 * <ul>
 *   <li>an engine ({@code fundamentos.*} other than {@code fundamentos.weka}) never names a
 *       {@code weka.*} class: the algorithms run and are tested without Weka;</li>
 *   <li>the conversion layer {@code fundamentos.weka} uses Weka's types but never one of the
 *       package's adapters, the classes this package defines under {@code weka.classifiers},
 *       {@code weka.filters} or {@code weka.clusterers} (an adapter depends on the conversion layer,
 *       not the other way round). Weka's own classes there (its {@code Filter} base class, say) are
 *       Weka's framework, not an adapter.</li>
 * </ul>
 *
 * <p>The test reads src/main's sources: imports, and fully qualified names in the code (comments
 * and string literals left out), so that neither an import nor an inline {@code weka.x.Y} slips by.
 */
class PackageArrowsTest {

  private static final Path MAIN = Path.of(System.getProperty("fundamentos.basedir", "."),
      "src", "main", "java");

  /** A qualified name that starts at {@code weka.}, not inside another name (fundamentos.weka.X). */
  private static final Pattern WEKA_NAME = Pattern.compile("(?<![\\w.])(weka(?:\\.\\w+)+)(\\.\\*)?");

  private static final Path PLAN = Path.of(System.getProperty("fundamentos.basedir", "."),
      "doc", "development.md");

  /** A qualified name of one of the package's own engine packages: fundamentos.x... */
  private static final Pattern PACKAGE_NAME = Pattern.compile("(?<![\\w.])fundamentos\\.(\\w+)");

  /** An arrow of the picture in doc/development.md: {@code a --> b}. */
  private static final Pattern DRAWN_ARROW = Pattern.compile("^\\s*(\\w+) --> (\\w+)\\s*$");

  /** The packages every layer uses; the picture leaves out the arrows into them. */
  private static final Set<String> FOUNDATIONS = Set.of("progress", "memory", "parallel", "linalg",
      "nd4j");

  private static final List<String> ADAPTER_PACKAGES = List.of("weka.classifiers", "weka.filters",
      "weka.clusterers");

  @Test
  void enginesNeverNameWeka() throws IOException {
    List<String> offences = new ArrayList<>();
    for (Path source : sources(MAIN.resolve("fundamentos"))) {
      if (packageOf(source).startsWith("fundamentos.weka")) {
        continue;
      }
      for (String name : wekaNames(source)) {
        offences.add(describe(source, name));
      }
    }
    assertTrue(offences.isEmpty(), "engine classes name Weka (only fundamentos.weka and the "
        + "adapters may):\n" + String.join("\n", offences));
  }

  @Test
  void conversionLayerNeverNamesAnAdapter() throws IOException {
    List<String> offences = new ArrayList<>();
    for (Path source : sources(MAIN.resolve("fundamentos").resolve("weka"))) {
      for (String name : wekaNames(source)) {
        if (isAdapter(name)) {
          offences.add(describe(source, name));
        }
      }
    }
    assertTrue(offences.isEmpty(), "fundamentos.weka names the package's adapters (give the "
        + "conversion layer an engine-side type instead):\n" + String.join("\n", offences));
  }

  /**
   * The picture of "The plan" in doc/development.md is the code's: every arrow drawn exists, every
   * arrow between two packages that are not foundations is drawn, every package is in the picture,
   * and no foundation names a package above it (their arrows are left out of the picture because
   * everything may use them, so nothing there may point back up).
   */
  @Test
  void thePlanInDevelopmentMdDrawsTheArrowsOfTheCode() throws IOException {
    Map<String, Set<String>> code = packageArrows();
    Set<String> expected = new TreeSet<>();
    List<String> upward = new ArrayList<>();
    code.forEach((from, targets) -> targets.forEach(to -> {
      if (FOUNDATIONS.contains(from) && !FOUNDATIONS.contains(to)) {
        upward.add(from + " --> " + to);
      } else if (!FOUNDATIONS.contains(to)) {
        expected.add(from + " --> " + to);
      }
    }));
    assertTrue(upward.isEmpty(), "foundation packages name packages above them: " + upward);
    String picture = planPicture();
    Set<String> drawn = new TreeSet<>();
    for (String line : picture.split("\n")) {
      Matcher m = DRAWN_ARROW.matcher(line);
      if (m.matches()) {
        drawn.add(m.group(1) + " --> " + m.group(2));
      }
    }
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(drawn);
    Set<String> stale = new TreeSet<>(drawn);
    stale.removeAll(expected);
    assertTrue(missing.isEmpty() && stale.isEmpty(), "doc/development.md's plan differs from the "
        + "code: draw " + missing + ", remove " + stale);
    for (String node : code.keySet()) {
      assertTrue(Pattern.compile("(?m)^\\s*" + node + "\\b").matcher(picture).find(),
          "package " + node + " is missing from the plan's picture in doc/development.md");
    }
  }

  /** The mermaid block under "## The plan". */
  private static String planPicture() throws IOException {
    String doc = Files.readString(PLAN);
    int section = doc.indexOf("## The plan");
    int start = doc.indexOf("```mermaid", section);
    int end = doc.indexOf("```", start + 3);
    assertTrue(section >= 0 && start > section && end > start,
        "doc/development.md has no mermaid picture under \"## The plan\"");
    return doc.substring(start, end);
  }

  /**
   * Package-level arrows of src/main: from each engine package (its short name), or from
   * "adapters" (every class under weka/), to each other engine package it names.
   */
  private static Map<String, Set<String>> packageArrows() throws IOException {
    Map<String, Set<String>> arrows = new TreeMap<>();
    Path engines = MAIN.resolve("fundamentos");
    for (Path source : sources(MAIN)) {
      String from = source.startsWith(engines)
          ? engines.relativize(source).getName(0).toString() : "adapters";
      Set<String> targets = arrows.computeIfAbsent(from, k -> new TreeSet<>());
      Matcher m = PACKAGE_NAME.matcher(withoutCommentsAndStrings(Files.readString(source)));
      while (m.find()) {
        if (!m.group(1).equals(from)) {
          targets.add(m.group(1));
        }
      }
    }
    return arrows;
  }

  /** The checks themselves: an inline name, a wildcard, an import, and what is not a Weka name. */
  @Test
  void namesAreFoundInImportsAndCodeButNotInCommentsOrStrings() {
    String code = "package fundamentos.x;\nimport weka.core.Instances;\nimport static weka.core.Utils.sum;\n"
        + "import weka.classifiers.functions.optimizers.*;\n"
        + "// weka.filters.Filter in a comment\n/* weka.clusterers.X\n */\n"
        + "class A { String s = \"weka.gui.Y\"; Object o = weka.classifiers.functions.SGDText.class;"
        + " fundamentos.weka.StrictOptions p; }\n";
    List<String> names = wekaNames(code);
    assertTrue(names.equals(List.of("weka.core.Instances", "weka.core.Utils.sum",
        "weka.classifiers.functions.optimizers.*", "weka.classifiers.functions.SGDText.class")),
        names.toString());
    assertTrue(isAdapter("weka.classifiers.functions.optimizers.*"));
    assertTrue(isAdapter("weka.classifiers.functions.optimizers.Optimizer"));
    assertTrue(isAdapter("weka.classifiers.functions.SoftmaxRegression"));
    assertTrue(!isAdapter("weka.filters.Filter"), "Weka's own class");
    assertTrue(!isAdapter("weka.core.Instances"));
  }

  /**
   * Whether a name is (or, as a wildcard, covers) a class this package defines in an adapter
   * package: the longest prefix that is a source file or a folder of src/main decides.
   */
  private static boolean isAdapter(String name) {
    if (ADAPTER_PACKAGES.stream().noneMatch(p -> name.startsWith(p + "."))) {
      return false;
    }
    String[] parts = name.split("\\.");
    Path path = MAIN;
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].equals("*")) {
        return isPackageOfOurs(path);
      }
      if (Files.isRegularFile(path.resolve(parts[i] + ".java"))) {
        return true;
      }
      path = path.resolve(parts[i]);
    }
    return false;
  }

  private static boolean isPackageOfOurs(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> sources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static String packageOf(Path source) {
    return MAIN.relativize(source.getParent()).toString().replace(source.getFileSystem()
        .getSeparator(), ".");
  }

  private static String describe(Path source, String name) {
    return "  " + MAIN.relativize(source) + ": " + name;
  }

  private static List<String> wekaNames(Path source) throws IOException {
    return wekaNames(Files.readString(source));
  }

  /** Every qualified name starting at weka. in the code, comments and string literals removed. */
  static List<String> wekaNames(String source) {
    List<String> names = new ArrayList<>();
    Matcher m = WEKA_NAME.matcher(withoutCommentsAndStrings(source));
    while (m.find()) {
      names.add(m.group(1) + (m.group(2) == null ? "" : m.group(2)));
    }
    return names;
  }

  private static String withoutCommentsAndStrings(String source) {
    StringBuilder code = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? source.length() : end;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? source.length() : end + 2;
        code.append(' ');
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        i = end < 0 ? source.length() : end + 3;
        code.append("\"\"");
      } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
        char quote = source.charAt(i);
        int j = i + 1;
        while (j < source.length() && source.charAt(j) != quote) {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
        code.append(quote).append(quote);
      } else {
        code.append(source.charAt(i++));
      }
    }
    return code.toString();
  }
}
