package fundamentos.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Records the checkout's state before the unit tests run (the surefire configuration sets
 * {@code fundamentos.worktree.snapshot} to the file), for {@code WorkingTreeIT} to compare with the
 * state after the last integration test.
 */
public final class WorkingTreeSnapshot implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String target = System.getProperty("fundamentos.worktree.snapshot");
    if (target == null || target.isEmpty()) {
      return;
    }
    try {
      List<String> state = WorkingTree.state();
      Path file = Path.of(target);
      Files.createDirectories(file.getParent());
      Files.write(file, state == null ? List.of("not a git checkout") : state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
