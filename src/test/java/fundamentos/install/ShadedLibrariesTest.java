package fundamentos.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The unit tests run on ND4J's shaded libraries as rebuilt by shaded/ (Jackson 2.18, Guava 33, protobuf
 * 3.25 under org.nd4j.shade.*), not on ND4J's own vulnerable copies: every test that trains, saves or
 * loads a network therefore proves the rebuilt jars work. By reflection, because the rebuilt jars are
 * on the test class path only (pom.xml, maven-scripting-plugin).
 */
class ShadedLibrariesTest {

  private static String jarOf(String className) throws ClassNotFoundException {
    String location = Class.forName(className).getProtectionDomain().getCodeSource().getLocation().getPath();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  @Test
  void nd4jShadedPackagesComeFromTheRebuiltJars() throws Exception {
    assertTrue(jarOf("org.nd4j.shade.jackson.databind.ObjectMapper").startsWith("nd4j-jackson-"));
    assertTrue(jarOf("org.nd4j.shade.yaml.snakeyaml.Yaml").startsWith("nd4j-jackson-"));
    assertTrue(jarOf("org.nd4j.shade.guava.base.Preconditions").startsWith("nd4j-guava-"));
    assertTrue(jarOf("org.nd4j.shade.protobuf.GeneratedMessageV3").startsWith("nd4j-protobuf-"));
  }

  @Test
  void shadedJacksonIsAFixedRelease() throws Exception {
    Object version = Class.forName("org.nd4j.shade.jackson.databind.cfg.PackageVersion").getField("VERSION").get(null);
    // 2.18.x: every published jackson-databind/core vulnerability is fixed below it
    List<Integer> parts = List.of((Integer) version.getClass().getMethod("getMajorVersion").invoke(version),
        (Integer) version.getClass().getMethod("getMinorVersion").invoke(version));
    assertEquals(2, parts.get(0), version.toString());
    assertTrue(parts.get(1) >= 18, version.toString());
  }
}
