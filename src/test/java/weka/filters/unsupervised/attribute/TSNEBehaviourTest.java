package weka.filters.unsupervised.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.memory.MemoryBudget;
import fundamentos.testing.BundledData;
import java.io.File;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaException;
import weka.filters.Filter;

/** The t-SNE filter as a user meets it: output, refusals, options and the picture. */
class TSNEBehaviourTest {

  private static Instances embed(String options, Instances data) throws Exception {
    TSNE filter = new TSNE();
    filter.setOptions(Utils.splitOptions(options));
    filter.setInputFormat(data);
    return Filter.useFilter(data, filter);
  }

  @Test
  void irisBecomesTwoCoordinatesAndTheClassWithThePicture(@TempDir Path dir) throws Exception {
    Instances iris = BundledData.load("iris.arff");
    File png = dir.resolve("tsne-iris.png").toFile();
    Instances out = embed("-S 2 -plot " + png.getPath(), iris);
    assertEquals(150, out.numInstances());
    assertEquals(3, out.numAttributes());
    assertEquals("tsne1", out.attribute(0).name());
    assertEquals(2, out.classIndex());
    for (int i = 0; i < 150; i++) {
      assertEquals(iris.instance(i).classValue(), out.instance(i).classValue(), 0);
    }
    // setosa lies apart: every setosa's nearest embedded neighbour is a setosa
    for (int i = 0; i < 50; i++) {
      int nearest = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < 150; j++) {
        double dx = out.instance(i).value(0) - out.instance(j).value(0);
        double dy = out.instance(i).value(1) - out.instance(j).value(1);
        if (j != i && dx * dx + dy * dy < best) {
          best = dx * dx + dy * dy;
          nearest = j;
        }
      }
      assertTrue(nearest < 50, "setosa " + i + " next to " + nearest);
    }
    assertEquals(900, ImageIO.read(png).getWidth());
  }

  @Test
  void aSecondBatchIsRefusedWithTheReasonAndUmapNamed() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    TSNE filter = new TSNE();
    filter.setIterations(100);
    filter.setInputFormat(iris);
    Filter.useFilter(iris, filter);
    WekaException e = assertThrows(WekaException.class, () -> Filter.useFilter(iris, filter));
    assertTrue(e.getMessage().startsWith("t-SNE cannot place new points"), e.getMessage());
    assertTrue(e.getMessage().contains("weka.filters.unsupervised.attribute.UMAP"), e.getMessage());
  }

  @Test
  void badOptionsAreRefusedWhenSet() {
    for (String options : new String[] {"-perplexity 0.5", "-perplexity NaN", "-I 0",
        "-learning-rate 0", "-learning-rate 1e300", "-pca -1", "-N 0", "-perplexity abc",
        "-theta -0.1", "-theta 1.5", "-theta NaN", "-num-threads -1"}) {
      Exception e = assertThrows(Exception.class,
          () -> new TSNE().setOptions(Utils.splitOptions(options)), options);
      String option = options.split(" ")[0];
      assertTrue(e.getMessage().contains(option.substring(1)), options + ": " + e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new TSNE().setPerplexity(0));
  }

  @Test
  void tooManyInstancesForTheHeapAreRefusedBeforeAllocating() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    String old = System.getProperty(MemoryBudget.HEAP_PROPERTY);
    System.setProperty(MemoryBudget.HEAP_PROPERTY, "0");
    try {
      WekaException e = assertThrows(WekaException.class, () -> embed("-I 10", iris));
      assertTrue(e.getMessage().contains("TSNE") && e.getMessage().contains("n = 150"),
          e.getMessage());
    } finally {
      if (old == null) {
        System.clearProperty(MemoryBudget.HEAP_PROPERTY);
      } else {
        System.setProperty(MemoryBudget.HEAP_PROPERTY, old);
      }
    }
  }

  @Test
  void emptyDataAndNoAttributesAreRefused() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    WekaException empty = assertThrows(WekaException.class, () -> embed("", new Instances(iris, 0)));
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    Instances onlyClass = new Instances(iris);
    for (int a = 0; a < 4; a++) {
      onlyClass.deleteAttributeAt(0);
    }
    WekaException none = assertThrows(WekaException.class, () -> embed("", onlyClass));
    assertTrue(none.getMessage().contains("at least one attribute"), none.getMessage());
  }

  @Test
  void anInterruptedFitEndsAsWekasException() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    Thread.currentThread().interrupt();
    try {
      WekaException e = assertThrows(WekaException.class, () -> embed("", iris));
      assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theMethodOptionChoosesTheEngineAndOldCommandLinesKeepTheirMeaning() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    // no -method: auto, Smile's exact t-SNE for 150 instances, as before the option existed
    TSNE old = new TSNE();
    old.setOptions(Utils.splitOptions("-I 300 -S 4"));
    old.setInputFormat(iris);
    Instances before = Filter.useFilter(iris, old);
    TSNE exact = new TSNE();
    exact.setOptions(Utils.splitOptions("-I 300 -S 4 -method exact"));
    exact.setInputFormat(iris);
    Instances same = Filter.useFilter(iris, exact);
    for (int i = 0; i < 150; i++) {
      assertEquals(before.instance(i).value(0), same.instance(i).value(0), 0);
    }
    assertTrue(old.toString().contains("Method: exact (Smile)"), old.toString());
    // barnes-hut on request, theta in the summary; the options round-trip
    TSNE barnesHut = new TSNE();
    barnesHut.setOptions(Utils.splitOptions("-S 4 -method barnes-hut -theta 0.3 -num-threads 2"));
    barnesHut.setInputFormat(iris);
    Instances fast = Filter.useFilter(iris, barnesHut);
    assertEquals(150, fast.numInstances());
    assertTrue(barnesHut.toString().contains("Method: Barnes-Hut, theta 0.3"),
        barnesHut.toString());
    String options = Utils.joinOptions(barnesHut.getOptions());
    assertTrue(options.contains("-method barnes-hut") && options.contains("-theta 0.3"), options);
    // Barnes-Hut's tree has at most 3 dimensions: a clear refusal
    WekaException e = assertThrows(WekaException.class,
        () -> embed("-method barnes-hut -N 4 -I 10", iris));
    assertTrue(e.getMessage().contains("at most 3 dimensions"), e.getMessage());
  }
}
