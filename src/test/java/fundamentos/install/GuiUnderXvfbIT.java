package fundamentos.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Weka's real Explorer and Experimenter under Xvfb, driven through their own buttons by the scripts
 * a developer runs by hand (src/scripts/explorer-tour.sh, experimenter-gui.sh; each prints what it
 * checks). Skipped, saying why, where xvfb-run or ImageMagick's import is missing.
 */
class GuiUnderXvfbIT {

  private static File basedir;

  @BeforeAll
  static void needsXvfb() {
    assumeTrue(onPath("xvfb-run") && onPath("import"),
        "xvfb-run or ImageMagick's import is not on the PATH (apt-get install xvfb imagemagick):"
            + " the Explorer and Experimenter checks under Xvfb are skipped");
    basedir = new File(System.getProperty("fundamentos.basedir", "."));
  }

  /** Each scheme's editor opened with its OK on a 1366x768 screen, a run with status OK, a Stop. */
  @Test
  void explorerOpensEachEditorRunsEachSchemeAndStopsALongRun() throws Exception {
    String output = script("src/scripts/explorer-tour.sh");
    assertTrue(output.contains("RESULT: OK"), output);
  }

  /** Each scheme set up, saved, reopened, run and analysed; the course's Task 4 opened and run. */
  @Test
  void experimenterSetsUpSavesReopensRunsAndAnalysesEachScheme() throws Exception {
    String output = script("src/scripts/experimenter-gui.sh");
    assertTrue(output.contains("RESULT: OK"), output);
  }

  private static String script(String path) throws Exception {
    Path log = Files.createTempFile("gui-under-xvfb", ".txt");
    Process process = new ProcessBuilder("bash", path).directory(basedir).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean ended = process.waitFor(15, TimeUnit.MINUTES);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    // the end of it: the drivers' own verdicts and timings come last
    String tail = output.substring(Math.max(0, output.length() - 6000));
    assertTrue(ended, path + " did not end in 15 minutes\n" + tail);
    assertEquals(0, process.exitValue(), tail);
    return tail;
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, command).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
