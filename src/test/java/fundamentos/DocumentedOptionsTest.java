package fundamentos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import weka.clusterers.ClusterAgreementEvaluation;
import weka.core.Option;
import weka.core.OptionHandler;

/**
 * Every option a scheme's page lists in its option tables (rows that start with an option in
 * backquotes) is one the scheme, or the objects it documents with it (layers, optimizers,
 * loaders, distances), lists in listOptions: a renamed or removed option cannot stay in the docs.
 */
class DocumentedOptionsTest {

  private static final String OPTIMIZERS = "weka.classifiers.functions.optimizers.";
  private static final String LAYERS = "weka.classifiers.functions.layers.";

  private static Set<String> options(String... classes) throws Exception {
    Set<String> names = new HashSet<>();
    for (String name : classes) {
      OptionHandler handler = (OptionHandler) Class.forName(name).getDeclaredConstructor()
          .newInstance();
      for (Enumeration<Option> e = handler.listOptions(); e.hasMoreElements();) {
        names.add("-" + e.nextElement().name());
      }
    }
    return names;
  }

  private static String[] optimizers() {
    return new String[] {OPTIMIZERS + "SGD", OPTIMIZERS + "Momentum", OPTIMIZERS + "Nesterov",
        OPTIMIZERS + "AdaGrad", OPTIMIZERS + "RMSProp", OPTIMIZERS + "Adam", OPTIMIZERS + "LBFGS"};
  }

  private static String[] join(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /**
   * The options in the first cell of the page's table rows that start with an option or, for a
   * page without such tables (CNN.md), every span in backquotes that starts with an option.
   */
  private static List<String> tabled(String page) throws Exception {
    List<String> found = new ArrayList<>();
    Pattern option = Pattern.compile("`(-{1,2}[\\w-]+)");
    List<String> lines = Files.readAllLines(Path.of("doc", page));
    boolean tables = lines.stream().anyMatch(line -> line.startsWith("| `-"));
    for (String line : lines) {
      if (!tables && !line.startsWith("    ")) {
        Matcher m = option.matcher(line);
        while (m.find()) {
          found.add(m.group(1));
        }
      } else if (line.startsWith("| `-")) {
        Matcher m = option.matcher(line.split("\\|")[1]);
        while (m.find()) {
          found.add(m.group(1));
        }
      }
    }
    return found;
  }

  private static Set<String> plus(Set<String> known, String... more) {
    known.addAll(List.of(more));
    return known;
  }

  private static void check(String page, Set<String> known) throws Exception {
    List<String> documented = tabled(page);
    assertTrue(documented.size() >= 3, page + " has option tables");
    for (String option : documented) {
      assertTrue(known.contains(option), "doc/" + page + " lists " + option
          + ", which its scheme does not have (it has " + new java.util.TreeSet<>(known) + ")");
    }
  }

  @Test
  void everyTabledOptionExists() throws Exception {
    check("SoftmaxRegression.md", options(join(optimizers(),
        "weka.classifiers.functions.SoftmaxRegression")));
    check("CNN.md", plus(options(join(optimizers(), "weka.classifiers.functions.CNN",
        LAYERS + "ConvolutionLayer", LAYERS + "DenseLayer", LAYERS + "PoolingLayer",
        LAYERS + "BatchNormLayer", LAYERS + "LayerNormLayer", LAYERS + "DropoutLayer",
        LAYERS + "GlobalPoolingLayer", LAYERS + "ActivationLayer",
        "weka.core.converters.IDXLoader", "weka.core.converters.ImageDirectoryLoader")),
        // Weka's own evaluation options, in the text on saving and continuing
        "-t", "-T", "-l", "-d"));
    check("Transformer.md", options(join(optimizers(),
        "weka.classifiers.functions.Transformer")));
    check("PCA.md", options("weka.filters.unsupervised.attribute.PCA",
        "weka.core.converters.ImageDirectoryLoader"));
    check("UMAP.md", options("weka.filters.unsupervised.attribute.UMAP"));
    check("TSNE.md", options("weka.filters.unsupervised.attribute.TSNE"));
    // ClusterAgreementEvaluation is a command-line evaluator: its options are its usage text
    IllegalArgumentException usage = assertThrows(IllegalArgumentException.class,
        () -> new ClusterAgreementEvaluation().run(null, new String[0]));
    Set<String> evaluator = new HashSet<>();
    Matcher m = Pattern.compile("(?<![\\w-])(-[a-zA-Z][\\w-]*)").matcher(usage.getMessage());
    while (m.find()) {
      evaluator.add(m.group(1));
    }
    assertEquals(Set.of("-t", "-c", "-exclude-noise", "-W", "-T", "-cluster-attribute",
        "-noise-label"), evaluator);
    evaluator.addAll(options("weka.clusterers.IndexedDBSCAN", "weka.core.CosineDistance",
        "weka.core.BurstingEuclideanDistance"));
    check("IndexedDBSCAN.md", evaluator);
  }
}
