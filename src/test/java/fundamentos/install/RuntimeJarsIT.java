package fundamentos.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jars the built zip ships in {@code lib/}, read from the zip itself: none is in a known-vulnerable
 * range, counting the libraries ND4J shades into its own jars (their Maven coordinates are gone, so the
 * enforcer rule in pom.xml cannot see them; their {@code pom.properties} stay), and doc/development.md's
 * "Runtime jars" table names exactly these jars.
 */
class RuntimeJarsIT {

  /**
   * groupId:artifactId to the first version outside its published vulnerabilities: the ranges of the
   * enforcer rule in pom.xml, plus the shaded libraries.
   */
  private static final Map<String, String> FIRST_FIXED = Map.ofEntries(
      Map.entry("org.apache.commons:commons-compress", "1.26.0"), // CVE-2024-25710, CVE-2024-26308
      Map.entry("commons-io:commons-io", "2.14.0"), // CVE-2024-47554
      Map.entry("org.apache.commons:commons-lang3", "3.18.0"), // CVE-2025-48924
      Map.entry("commons-codec:commons-codec", "1.13"), // Base64 decoding accepted invalid input
      Map.entry("commons-net:commons-net", "3.9.0"), // CVE-2021-37533
      Map.entry("com.google.code.gson:gson", "2.8.9"), // CVE-2022-25647
      Map.entry("com.fasterxml.jackson.core:jackson-databind", "2.13.4.2"), // CVE-2022-42003, -42004
      Map.entry("com.fasterxml.jackson.core:jackson-core", "2.15.0"), // CVE-2025-52999
      Map.entry("org.yaml:snakeyaml", "2.0"), // CVE-2022-1471, CVE-2022-25857, CVE-2022-38749..52
      Map.entry("com.fasterxml.woodstox:woodstox-core", "5.4.0"), // CVE-2022-40152
      Map.entry("com.google.guava:guava", "32.0.0"), // CVE-2020-8908, CVE-2023-2976
      Map.entry("com.google.protobuf:protobuf-java", "3.25.5"), // CVE-2022-3171, CVE-2024-7254
      Map.entry("org.apache.commons:commons-collections4", "4.1"), // deserialisation gadget in 4.0
      Map.entry("org.apache.logging.log4j:log4j-core", "2.17.1")); // Log4Shell and its follow-ups

  /**
   * ND4J 1.0.0-M2.1's shaded jars, rebuilt by shaded/ from fixed releases under the same org.nd4j.shade.*
   * names (ND4J's own org.nd4j:jackson, :guava and :protobuf held vulnerable copies): each rebuilt jar
   * (its coordinates) and the upstream libraries it must hold. Their versions are checked against
   * FIRST_FIXED like every other jar's.
   */
  private static final Map<String, List<String>> REBUILT = Map.of(
      "org.fundamentos.shaded:nd4j-jackson", List.of("com.fasterxml.jackson.core:jackson-core",
          "com.fasterxml.jackson.core:jackson-databind", "com.fasterxml.jackson.core:jackson-annotations",
          "com.fasterxml.jackson.dataformat:jackson-dataformat-yaml", "org.yaml:snakeyaml",
          "com.fasterxml.jackson.dataformat:jackson-dataformat-xml", "com.fasterxml.woodstox:woodstox-core",
          "org.codehaus.woodstox:stax2-api", "com.fasterxml.jackson.datatype:jackson-datatype-joda"),
      "org.fundamentos.shaded:nd4j-guava", List.of("com.google.guava:guava", "com.google.guava:failureaccess"),
      "org.fundamentos.shaded:nd4j-protobuf", List.of("com.google.protobuf:protobuf-java"));

  /**
   * The pins of pom.xml and the jars shaded/ rebuilds: each must be found in lib/, or the checks below
   * would pass for nothing, and every reference into them must resolve.
   */
  private static final List<String> PINNED = Stream.concat(Stream.of(
      "org.apache.commons:commons-compress", "commons-io:commons-io", "org.apache.commons:commons-lang3",
      "commons-codec:commons-codec", "commons-net:commons-net"), REBUILT.keySet().stream()).toList();

  private static File zip;
  /** lib/ jar name to the coordinates (groupId:artifactId:version) of every pom.properties in it. */
  private static final Map<String, List<String>> libJars = new TreeMap<>();
  /** every class in lib/ (the first jar that has it, as the class loader would) and its jar */
  private static final Map<String, ClassFile> classes = new HashMap<>();
  private static final Map<String, String> jarOfClass = new HashMap<>();

  @BeforeAll
  static void readZip() throws IOException {
    zip = new File(System.getProperty("fundamentos.zip"));
    assertTrue(zip.isFile(), "build the zip first (mvn package): " + zip);
    try (ZipFile z = new ZipFile(zip)) {
      for (ZipEntry entry : java.util.Collections.list(z.entries())) {
        String name = entry.getName();
        if (!name.startsWith("lib/") || !name.endsWith(".jar") || name.indexOf('/', 4) >= 0) {
          continue;
        }
        try (InputStream in = z.getInputStream(entry)) {
          byte[] jar = in.readAllBytes();
          libJars.put(name.substring(4), coordinates(jar));
          readClasses(name.substring(4), jar);
        }
      }
    }
    assertTrue(libJars.size() > 10, "lib/ of " + zip + ": " + libJars.keySet());
  }

  private static List<String> coordinates(byte[] jar) throws IOException {
    List<String> found = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
          Properties p = new Properties();
          p.load(new ByteArrayInputStream(in.readAllBytes()));
          found.add(p.getProperty("groupId") + ":" + p.getProperty("artifactId") + ":"
              + p.getProperty("version"));
        }
      }
    }
    return found;
  }

  private static void readClasses(String jarName, byte[] jar) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String n = e.getName();
        if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class")) {
          ClassFile c = new ClassFile(in.readAllBytes());
          if (classes.putIfAbsent(c.name, c) == null) {
            jarOfClass.put(c.name, jarName);
          }
        }
      }
    }
  }

  /**
   * The pinned jars are newer than the ones DL4J/ND4J were compiled against: every field and method
   * of theirs that a class of another jar in lib/ refers to must still exist (declared or inherited),
   * including on the code paths no test runs.
   */
  @Test
  void everyReferenceIntoAPinnedJarStillResolves() throws Exception {
    Set<String> pinnedJars = new HashSet<>();
    libJars.forEach((jar, coords) -> coords.forEach(c -> {
      if (PINNED.contains(c.substring(0, c.lastIndexOf(':')))) {
        pinnedJars.add(jar);
      }
    }));
    Set<String> pinnedPackages = new HashSet<>();
    jarOfClass.forEach((c, jar) -> {
      if (pinnedJars.contains(jar)) {
        pinnedPackages.add(c.substring(0, c.lastIndexOf('/')));
      }
    });
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (ClassFile c : classes.values()) {
      if (pinnedJars.contains(jarOfClass.get(c.name))) {
        continue;
      }
      for (ClassFile.Reference r : c.references) {
        String owner = r.owner();
        boolean intoPinned = classes.containsKey(owner) ? pinnedJars.contains(jarOfClass.get(owner))
            : owner.lastIndexOf('/') > 0 && pinnedPackages.contains(owner.substring(0, owner.lastIndexOf('/')));
        if (!intoPinned) {
          continue;
        }
        checked++;
        if (!resolves(owner, r.name() + r.descriptor(), r.field(), new HashSet<>())) {
          missing.add(c.name + " -> " + owner + "." + r.name() + r.descriptor() + " (" + jarOfClass.get(c.name) + ")");
        }
      }
    }
    assertTrue(checked > 100, "only " + checked + " references into " + pinnedJars);
    assertEquals(List.of(), missing, "references into " + pinnedJars + " that no longer resolve");
  }

  private static boolean resolves(String owner, String member, boolean field, Set<String> seen) throws IOException {
    if (!seen.add(owner)) {
      return false;
    }
    ClassFile c = classes.get(owner);
    if (c == null) {
      c = jdkClass(owner);
      if (c == null) {
        return false;
      }
    }
    if ((field ? c.fields : c.methods).contains(member)) {
      return true;
    }
    List<String> supers = new ArrayList<>(c.interfaces);
    if (c.superName != null) {
      supers.add(0, c.superName);
    }
    for (String s : supers) {
      if (resolves(s, member, field, seen)) {
        return true;
      }
    }
    return false;
  }

  /** A JDK class's own class file (super types of library classes end there), or null. */
  private static ClassFile jdkClass(String name) throws IOException {
    try {
      Class<?> type = Class.forName(name.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
      try (InputStream in = type.getModule().getResourceAsStream(name + ".class")) {
        return in == null ? null : new ClassFile(in.readAllBytes());
      }
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  @Test
  void noJarNorShadedLibraryIsInAKnownVulnerableRange() {
    List<String> vulnerable = new ArrayList<>();
    TreeSet<String> seen = new TreeSet<>();
    libJars.forEach((jar, coords) -> {
      for (String c : coords) {
        int cut = c.lastIndexOf(':');
        String ga = c.substring(0, cut);
        String version = c.substring(cut + 1);
        seen.add(ga);
        String fixed = FIRST_FIXED.get(ga);
        if (fixed != null && compare(version, fixed) < 0) {
          vulnerable.add(c + " in lib/" + jar + " (fixed in " + fixed + ")");
        }
      }
    });
    assertEquals(List.of(), vulnerable, "jars in a known-vulnerable range");
    for (String ga : PINNED) {
      assertTrue(seen.contains(ga), ga + " is pinned in pom.xml or rebuilt by shaded/ but not found in lib/: " + libJars);
    }
  }

  /**
   * ND4J's own shaded jars are gone from lib/, and each jar shaded/ rebuilds holds the libraries ND4J's
   * held (the versions are checked above).
   */
  @Test
  void nd4jShadedJarsAreReplacedByTheRebuiltOnes() {
    List<String> nd4jShaded = new ArrayList<>();
    libJars.forEach((jar, coords) -> coords.stream()
        .filter(c -> c.matches("org\\.nd4j:(jackson|guava|protobuf):.*")).forEach(c -> nd4jShaded.add(c + " in lib/" + jar)));
    assertEquals(List.of(), nd4jShaded, "ND4J's shaded jars with vulnerable copies are shipped again");
    REBUILT.forEach((rebuilt, inside) -> {
      List<String> jars = libJars.entrySet().stream()
          .filter(e -> e.getValue().stream().anyMatch(c -> c.startsWith(rebuilt + ":"))).map(Map.Entry::getKey).toList();
      assertEquals(1, jars.size(), rebuilt + " in lib/: " + jars);
      TreeSet<String> held = new TreeSet<>();
      libJars.get(jars.get(0)).forEach(c -> held.add(c.substring(0, c.lastIndexOf(':'))));
      assertTrue(held.containsAll(inside), jars.get(0) + " holds " + held + ", not all of " + inside);
    });
    // the relocated packages ND4J and DL4J were compiled against are there
    for (String pkg : List.of("org/nd4j/shade/jackson/databind/ObjectMapper", "org/nd4j/shade/yaml/snakeyaml/Yaml",
        "org/nd4j/shade/wstx/stax/WstxInputFactory", "org/nd4j/shade/guava/base/Preconditions",
        "org/nd4j/shade/protobuf/GeneratedMessageV3")) {
      assertTrue(jarOfClass.containsKey(pkg), pkg + " is not in lib/");
    }
  }

  @Test
  void developmentDocListsExactlyTheJarsInLib() throws IOException {
    // the table is written for the default zip (linux-x86_64 natives, oneDNN build)
    Assumptions.assumeTrue(zip.getName().endsWith("-linux-x86_64.zip"), zip.getName());
    Path doc = Path.of(System.getProperty("fundamentos.basedir"), "doc", "development.md");
    String text = Files.readString(doc);
    int start = text.indexOf("\n## Runtime jars");
    assertTrue(start >= 0, "doc/development.md has no \"## Runtime jars\" section");
    int end = text.indexOf("\n## ", start + 1);
    String section = text.substring(start, end < 0 ? text.length() : end);
    // every `name.jar` in the first cell of a table row (a row may name several jars)
    TreeSet<String> listed = new TreeSet<>();
    Pattern jarName = Pattern.compile("`([^`]+\\.jar)`");
    for (String line : section.split("\n")) {
      if (line.startsWith("| `")) {
        Matcher m = jarName.matcher(line.substring(1, line.indexOf(" |", 1)));
        while (m.find()) {
          listed.add(m.group(1));
        }
      }
    }
    assertEquals(new TreeSet<>(libJars.keySet()), listed,
        "doc/development.md's \"Runtime jars\" table against lib/ of " + zip.getName());
  }

  /** Compares the leading numeric parts of two versions (1.26.0 < 1.28.0, 30.1.1-jre < 32.0.0). */
  static int compare(String a, String b) {
    long[] x = numbers(a);
    long[] y = numbers(b);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? x[i] : 0;
      long q = i < y.length ? y[i] : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }

  private static long[] numbers(String version) {
    List<Long> parts = new ArrayList<>();
    for (String part : version.split("[.-]")) {
      if (!part.matches("\\d+")) {
        break;
      }
      parts.add(Long.parseLong(part));
    }
    return parts.stream().mapToLong(Long::longValue).toArray();
  }
}
