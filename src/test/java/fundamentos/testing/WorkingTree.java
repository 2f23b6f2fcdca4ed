package fundamentos.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code git status} says of the checkout, with the content hash of every changed file, so that
 * a test can tell whether the build wrote into the source tree: the state before the tests
 * ({@link WorkingTreeSnapshot}) must equal the state after them ({@code WorkingTreeIT}). On a clean
 * clone both are empty, i.e. {@code git status} stays clean.
 */
public final class WorkingTree {

  /** Where the state before the tests is kept. */
  public static final String SNAPSHOT = "worktree-before-tests.txt";

  private WorkingTree() {
  }

  /** The project's base directory (Maven's basedir, the working directory of its test JVMs). */
  public static File baseDirectory() {
    return new File(System.getProperty("fundamentos.basedir", System.getProperty("user.dir")));
  }

  /**
   * One line per path git reports as changed or untracked ({@code XY path hash}), or null when the
   * project is not a git checkout (a build from the package's src/, say) or git is missing.
   */
  public static List<String> state() throws IOException, InterruptedException {
    File base = baseDirectory();
    String inside = git(base, "rev-parse", "--is-inside-work-tree");
    if (inside == null || !inside.trim().equals("true")) {
      return null;
    }
    String status = git(base, "status", "--porcelain=v1", "-z", "-uall");
    List<String> lines = new ArrayList<>();
    for (String entry : status.split("\0")) {
      if (entry.length() < 4) {
        continue;
      }
      String path = entry.substring(3);
      Path file = base.toPath().resolve(path);
      String hash = Files.isRegularFile(file) ? git(base, "hash-object", "--", path).trim() : "-";
      lines.add(entry.substring(0, 2) + " " + path + " " + hash);
    }
    lines.sort(null);
    return lines;
  }

  private static String git(File base, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(base).redirectErrorStream(false).start();
    } catch (IOException noGit) {
      return null;
    }
    process.getOutputStream().close();
    byte[] out;
    try (InputStream in = process.getInputStream()) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      out = buffer.toByteArray();
    }
    process.getErrorStream().transferTo(OutputStreamSink.INSTANCE);
    return process.waitFor() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
  }

  /** Discards git's error output (outside a checkout it explains that it is outside one). */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {
    }

    @Override
    public void write(byte[] b, int off, int len) {
    }
  }
}
