package fundamentos.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.WorkingTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The build never writes into the checkout: after every test (this class runs last, see the
 * failsafe configuration's class order) {@code git status} and the content of every changed file
 * are what they were before the unit tests. On a clean clone that means {@code git status} is clean.
 */
@Order(Integer.MAX_VALUE)
class WorkingTreeIT {

  @Test
  void theTestsLeaveTheCheckoutAsTheyFoundIt() throws Exception {
    Path snapshot = Path.of(System.getProperty("fundamentos.worktree.before", "target/" + WorkingTree.SNAPSHOT));
    assertTrue(Files.isRegularFile(snapshot), "no snapshot of the checkout before the tests at " + snapshot
        + ": run the whole suite (mvn -B verify)");
    List<String> before = Files.readAllLines(snapshot);
    List<String> after = WorkingTree.state();
    if (after == null) {
      assertEquals(List.of("not a git checkout"), before);
      return;
    }
    assertEquals(String.join("\n", before), String.join("\n", after),
        "the build changed the checkout (git status before the tests, then after them)");
  }
}
