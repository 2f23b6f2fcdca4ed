package fundamentos.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.CNN;
import weka.classifiers.functions.Perceptron;
import weka.classifiers.functions.SoftmaxRegression;
import weka.classifiers.functions.Transformer;
import weka.classifiers.functions.layers.ConvolutionLayer;
import weka.classifiers.functions.layers.DenseLayer;
import weka.classifiers.functions.layers.NetworkLayer;
import weka.clusterers.ClusterEvaluation;
import weka.clusterers.IndexedDBSCAN;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.OptionHandler;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.HOG;
import weka.filters.unsupervised.attribute.PCA;
import weka.filters.unsupervised.attribute.NetworkFeatures;
import weka.filters.unsupervised.attribute.TSNE;
import weka.filters.unsupervised.attribute.UMAP;

/**
 * Issue 19's fuzz test: every bad-input family for every scheme, as weka.Run, the Explorer and the
 * Experimenter meet it (options through setOptions, training data, then data to apply the model
 * to). Each case must end, within 60 s, either in an exception a user can read (not a JVM error,
 * not a bare NullPointerException or index error, not a top-level exception of ND4J, JavaCPP or
 * DL4J, with a message that is not a stack trace) or in a documented result: predictions,
 * cluster assignments or filtered values that are all finite. A test file whose header differs
 * from the training header must always be refused by a filter.
 */
class BadInputFuzzTest {

  /** What each case got, written to target/bad-input-outcomes.md for the docs' bad-input tables. */
  private static final java.util.Map<String, String> OUTCOMES =
      java.util.Collections.synchronizedMap(new java.util.TreeMap<>());

  @AfterAll
  static void writeOutcomes() throws java.io.IOException {
    StringBuilder table = new StringBuilder("| case | outcome |\n|---|---|\n");
    OUTCOMES.forEach((name, outcome) -> table.append("| ").append(name).append(" | ")
        .append(outcome.replace("|", "\\|").replace("\n", " ")).append(" |\n"));
    java.nio.file.Path file = java.nio.file.Path.of("target", "bad-input-outcomes.md");
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(file, table);
  }

  static void record(String name, Throwable thrown) {
    OUTCOMES.put(name, thrown == null ? "result (finite)"
        : thrown.getClass().getSimpleName() + ": " + thrown.getMessage());
  }

  /** Sixteen pixel-like numeric attributes (a 4 x 4 grey image for the CNN) and a 3-class label. */
  static Instances base(int rows, long seed) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int a = 0; a < 16; a++) {
      attributes.add(new Attribute("x" + a));
    }
    attributes.add(new Attribute("class", List.of("a", "b", "c")));
    Instances data = new Instances("fuzz", attributes, rows);
    data.setClassIndex(16);
    Random random = new Random(seed);
    for (int i = 0; i < rows; i++) {
      double[] v = new double[17];
      int c = i % 3;
      for (int a = 0; a < 16; a++) {
        v[a] = c + random.nextGaussian() * 0.5;
      }
      v[16] = c;
      data.add(new DenseInstance(1, v));
    }
    return data;
  }

  static Instances withColumn(Instances data, double value) {
    Instances copy = new Instances(data);
    for (Instance row : copy) {
      row.setValue(3, value);
    }
    return copy;
  }

  /** The same rows with a string attribute inserted before the class. */
  static Instances withString(Instances data) {
    Instances copy = new Instances(data);
    copy.insertAttributeAt(new Attribute("note", (List<String>) null), 16);
    for (Instance row : copy) {
      row.setValue(16, copy.attribute(16).addStringValue("text"));
    }
    return copy;
  }

  /** Another data set's header: one attribute renamed and one more value of the class. */
  static Instances otherHeader(Instances data) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int a = 0; a < 16; a++) {
      attributes.add(new Attribute(a == 5 ? "y5" : "x" + a));
    }
    attributes.add(new Attribute("class", List.of("a", "b", "c", "d")));
    Instances other = new Instances("other", attributes, data.numInstances());
    other.setClassIndex(16);
    for (Instance row : data) {
      other.add(new DenseInstance(1, row.toDoubleArray()));
    }
    return other;
  }

  /** A data family: how the training data and the data the model is applied to are made. */
  record Family(String name, UnaryOperator<Instances> train, UnaryOperator<Instances> test,
      boolean mustFail) {
  }

  static List<Family> families() {
    UnaryOperator<Instances> same = d -> d;
    List<Family> list = new ArrayList<>();
    list.add(new Family("string attribute", BadInputFuzzTest::withString,
        BadInputFuzzTest::withString, false));
    list.add(new Family("all-missing column", d -> withColumn(d, Utils.missingValue()),
        d -> withColumn(d, Utils.missingValue()), false));
    list.add(new Family("constant column", d -> withColumn(d, 7), d -> withColumn(d, 7), false));
    list.add(new Family("one row", d -> new Instances(d, 0, 1), same, false));
    list.add(new Family("empty", d -> new Instances(d, 0), same, false));
    list.add(new Family("one class", d -> {
      Instances copy = new Instances(d);
      copy.forEach(row -> row.setClassValue(0));
      return copy;
    }, same, false));
    list.add(new Family("all classes missing", d -> {
      Instances copy = new Instances(d);
      copy.forEach(Instance::setClassMissing);
      return copy;
    }, same, false));
    list.add(new Family("magnitude 1e300", d -> ScaledData.times(d, 1e300), d -> ScaledData.times(d, 1e300), false));
    list.add(new Family("magnitude 1e-300", d -> ScaledData.times(d, 1e-300), d -> ScaledData.times(d, 1e-300),
        false));
    list.add(new Family("infinite value", d -> withColumn(d, Double.POSITIVE_INFINITY), same,
        false));
    list.add(new Family("test header of another data set", same,
        BadInputFuzzTest::otherHeader, true));
    return list;
  }

  /** A scheme as a user runs it: fast settings, then the case's options on top. */
  interface Subject {
    OptionHandler make() throws Exception;

    /** Trains on train, applies to test, and checks that every number produced is finite. */
    void run(OptionHandler scheme, Instances train, Instances test) throws Exception;
  }

  static final class Classifier implements Subject {
    private final java.util.concurrent.Callable<AbstractClassifier> factory;

    Classifier(java.util.concurrent.Callable<AbstractClassifier> factory) {
      this.factory = factory;
    }

    @Override
    public OptionHandler make() throws Exception {
      return factory.call();
    }

    @Override
    public void run(OptionHandler scheme, Instances train, Instances test) throws Exception {
      AbstractClassifier classifier = (AbstractClassifier) scheme;
      classifier.buildClassifier(train);
      Evaluation evaluation = new Evaluation(train);
      evaluation.evaluateModel(classifier, test);
      for (Instance row : test) {
        double[] p = classifier.distributionForInstance(row);
        double sum = 0;
        for (double v : p) {
          assertTrue(Double.isFinite(v) && v >= 0, "probability " + v);
          sum += v;
        }
        assertTrue(Math.abs(sum - 1) < 1e-6, "probabilities sum to " + sum);
      }
    }
  }

  static final class Clusterer implements Subject {
    @Override
    public OptionHandler make() {
      return new IndexedDBSCAN();
    }

    @Override
    public void run(OptionHandler scheme, Instances train, Instances test) throws Exception {
      IndexedDBSCAN dbscan = (IndexedDBSCAN) scheme;
      Instances noClass = new Instances(train);
      noClass.setClassIndex(-1);
      noClass.deleteAttributeAt(train.classIndex());
      dbscan.buildClusterer(noClass);
      Instances testNoClass = new Instances(test);
      testNoClass.setClassIndex(-1);
      testNoClass.deleteAttributeAt(test.classIndex());
      ClusterEvaluation evaluation = new ClusterEvaluation();
      evaluation.setClusterer(dbscan);
      evaluation.evaluateClusterer(testNoClass);
      String results = evaluation.clusterResultsToString();
      // a model without clusters is refused at build; a built model can still find every *test*
      // instance noise, and Weka's ClusterEvaluation, which divides the summed log densities by
      // the number of clustered instances, prints "Log likelihood: NaN" itself, a documented
      // result (doc/IndexedDBSCAN.md); any other NaN is the scheme's
      boolean noneClustered = java.util.Arrays.stream(evaluation.getClusterAssignments())
          .allMatch(c -> c < 0);
      String ours = noneClustered ? results.replace("Log likelihood: NaN", "") : results;
      assertFalse(ours.contains("NaN"), results);
      for (Instance row : testNoClass) {
        try {
          for (double v : dbscan.distributionForInstance(row)) {
            assertTrue(Double.isFinite(v), "membership " + v);
          }
        } catch (weka.clusterers.UnclusteredInstanceException noise) {
          // the documented answer for a noise instance (no core point within epsilon)
        }
      }
    }
  }

  static final class FilterSubject implements Subject {
    private final java.util.concurrent.Callable<Filter> factory;

    FilterSubject(java.util.concurrent.Callable<Filter> factory) {
      this.factory = factory;
    }

    @Override
    public OptionHandler make() throws Exception {
      return (OptionHandler) factory.call();
    }

    @Override
    public void run(OptionHandler scheme, Instances train, Instances test) throws Exception {
      Filter filter = (Filter) scheme;
      filter.setInputFormat(train);
      Instances fitted = Filter.useFilter(train, filter);
      Instances applied = Filter.useFilter(test, filter);
      for (Instances out : new Instances[] {fitted, applied}) {
        for (Instance row : out) {
          for (int a = 0; a < out.numAttributes(); a++) {
            if (a != out.classIndex() && out.attribute(a).isNumeric()) {
              assertTrue(Double.isFinite(row.value(a)), out.attribute(a).name() + " = "
                  + row.value(a));
            }
          }
        }
      }
    }
  }

  static SoftmaxRegression softmax() {
    SoftmaxRegression s = new SoftmaxRegression();
    s.setNumEpochs(5);
    s.setNumThreads(1);
    return s;
  }

  static Perceptron perceptron() {
    Perceptron p = new Perceptron();
    p.setNumEpochs(5);
    return p;
  }

  static CNN cnn() {
    CNN cnn = new CNN();
    cnn.setQuiet(true);
    cnn.setNumThreads(1);
    ConvolutionLayer conv = new ConvolutionLayer();
    conv.setFilters(4);
    DenseLayer dense = new DenseLayer();
    dense.setUnits(8);
    cnn.setLayers(new NetworkLayer[] {conv, dense});
    cnn.setNumEpochs(1);
    return cnn;
  }

  static Transformer transformer() {
    Transformer t = new Transformer();
    t.setQuiet(true);
    t.setNumThreads(1);
    t.setModelWidth(8);
    t.setNumHeads(2);
    t.setNumBlocks(1);
    t.setMlpWidth(8);
    t.setNumEpochs(1);
    return t;
  }

  static UMAP umap() {
    UMAP umap = new UMAP();
    umap.setNumNeighbors(5);
    umap.setNumEpochs(20);
    umap.setNumThreads(1);
    return umap;
  }

  static TSNE tsne() {
    TSNE tsne = new TSNE();
    tsne.setIterations(50);
    return tsne;
  }

  /** HOG on the 4 x 4 images: cells of 2 x 2 pixels, blocks of 2 x 2 cells (36 features). */
  static HOG hog() {
    HOG hog = new HOG();
    hog.setCellHeight(2);
    hog.setCellWidth(2);
    hog.setBlockHeight(2);
    hog.setBlockWidth(2);
    hog.setNumThreads(1);
    return hog;
  }

  /** The network NetworkFeatures reads: the MLP trained once on the base data (the fuzzed data's header). */
  private static CNN s_Network;

  static synchronized NetworkFeatures networkFeatures() throws Exception {
    if (s_Network == null) {
      s_Network = cnn();
      s_Network.setNumEpochs(2);
      s_Network.buildClassifier(base(45, 1));
    }
    NetworkFeatures features = new NetworkFeatures();
    features.setClassifier(s_Network);
    return features;
  }

  static PCA pca() {
    PCA pca = new PCA();
    pca.setNumThreads(1);
    return pca;
  }

  /**
   * Options that are out of range, unparsable, unknown names, NaN-producing or huge, per scheme.
   * Each must be refused with a message naming the option or the value, except those marked
   * "valid" (extreme but meaningful: a minPoints no point reaches, more components than columns, a
   * long maximum length, more neighbours than points, which UMAP lowers to n - 1 as umap-learn
   * does), which must give a finite result or a readable refusal. (0 is "infer" for the CNN's
   * channels and -1 "automatic" for PCA's power iterations, so the refused values are below.)
   */
  static Stream<Object[]> subjects() {
    return Stream.of(
        new Object[] {"SoftmaxRegression", new Classifier(BadInputFuzzTest::softmax),
            new String[][] {{"-epochs", "abc"}, {"-mini-batch", "0"}, {"-L2", "NaN"},
                {"-L2", "-1"}, {"-tolerance", "Infinity"}, {"-validation-fraction", "2"},
                {"-num-threads", "-3"}, {"-epochs", "1e3"}}},
        // the fuzz data has three classes: every data case meets the perceptron's two-class refusal
        new Object[] {"Perceptron", new Classifier(BadInputFuzzTest::perceptron),
            new String[][] {{"-epochs", "abc"}, {"-epochs", "0"}, {"-mini-batch", "0"},
                {"-loss", "nosuch"}, {"-optimizer", "weka.classifiers.functions.optimizers.SGD -lr NaN"},
                {"-S", "1.5"}}},
        new Object[] {"CNN", new Classifier(BadInputFuzzTest::cnn),
            new String[][] {{"-epochs", "abc"}, {"-mini-batch", "-1"}, {"-weight-decay", "NaN"},
                {"-height", "1000000"}, {"-width", "3"}, {"-channels", "-1"},
                {"-augment-shift", "-2"}, {"-schedule-gamma", "Infinity"}}},
        new Object[] {"Transformer", new Classifier(BadInputFuzzTest::transformer),
            new String[][] {{"-max-length", "100000", "valid"}, {"-d-model", "1000000"},
                {"-heads", "3"}, {"-heads", "0"}, {"-dropout", "1.5"}, {"-activation", "nosuch"},
                {"-blocks", "abc"}, {"-mlp", "-1"}}},
        new Object[] {"IndexedDBSCAN", new Clusterer(),
            new String[][] {{"-E", "NaN"}, {"-E", "-1"}, {"-E", "Infinity"}, {"-M", "0"},
                {"-M", "1000000000", "valid"}, {"-index", "nosuch"}, {"-M", "abc"}}},
        new Object[] {"PCA", new FilterSubject(BadInputFuzzTest::pca),
            new String[][] {{"-R", "NaN"}, {"-R", "2"}, {"-M", "1000000000", "valid"},
                {"-solver", "nosuch"}, {"-power-iterations", "-2"}, {"-S", "abc"}}},
        new Object[] {"UMAP", new FilterSubject(BadInputFuzzTest::umap),
            new String[][] {{"-negative-sample-rate", "1e12"},
                {"-negative-sample-rate", "Infinity"}, {"-learning-rate", "Infinity"},
                {"-learning-rate", "NaN"}, {"-K", "1000000", "valid"}, {"-K", "1"},
                {"-min-dist", "-1"}, {"-init", "nosuch"}, {"-E", "abc"}}},
        new Object[] {"NetworkFeatures", new FilterSubject(BadInputFuzzTest::networkFeatures),
            new String[][] {{"-layer", "-1"}, {"-layer", "99"}, {"-layer", "abc"},
                {"-model", "nosuch.model"}}},
        new Object[] {"TSNE", new FilterSubject(BadInputFuzzTest::tsne),
            // no "valid" cases: they are checked on a second batch, which t-SNE refuses (a huge
            // perplexity or -pca on the first batch: TsneTest)
            new String[][] {{"-perplexity", "NaN"}, {"-perplexity", "0"},
                {"-learning-rate", "Infinity"}, {"-I", "-5"}, {"-pca", "-1"}, {"-N", "abc"}}},
        new Object[] {"HOG", new FilterSubject(BadInputFuzzTest::hog),
            new String[][] {{"-orientations", "0"}, {"-orientations", "abc"},
                {"-cell-height", "-1"}, {"-block-width", "0"}, {"-norm", "nosuch"},
                {"-height", "1000000"}, {"-cell-width", "5"}, {"-num-threads", "-3"}}});
  }

  /**
   * Every family for every scheme, except another data set's header for classifiers and clusterers:
   * Weka refuses that itself before a classifier or clusterer sees the test data (Evaluation's and
   * ClusterEvaluation's command line, the Explorer's supplied test set compare the headers), while
   * a filter's second batch reaches the filter (Filter.useFilter, FilteredClassifier).
   */
  static Stream<Arguments> dataCases() {
    return subjects().flatMap(s -> families().stream()
        .filter(f -> !f.mustFail() || s[1] instanceof FilterSubject)
        .map(f -> Arguments.of(s[0] + ": " + f.name(), s[1], f)));
  }

  static Stream<Arguments> optionCases() {
    return subjects().flatMap(s -> Stream.of((String[][]) s[2])
        .map(o -> Arguments.of(s[0] + " " + String.join(" ", o), s[1], o)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dataCases")
  void badDataGetsAReadableErrorOrAFiniteResult(String name, Subject subject, Family family) {
    Instances train = family.train().apply(base(45, 1));
    Instances test = family.test().apply(base(15, 2));
    Throwable thrown = attempt(() -> subject.run(subject.make(), train, test));
    record(name, thrown);
    if (family.mustFail() && thrown == null) {
      fail(name + ": the model was applied to data of another header without an error");
    }
    checkReadable(name, thrown);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optionCases")
  void badOptionsGetAReadableErrorOrAFiniteResult(String name, Subject subject, String[] option) {
    Throwable thrown = attempt(() -> {
      OptionHandler scheme = subject.make();
      scheme.setOptions(new String[] {option[0], option[1]});
      subject.run(scheme, base(45, 1), base(15, 2));
    });
    record(name, thrown);
    checkReadable(name, thrown);
    if (thrown == null && option.length < 3) {
      fail(name + ": accepted (a silent default or a meaningless setting), not refused");
    }
    if (thrown != null) {
      // the refusal names the option or the value, so the user knows what to change
      String message = thrown.getMessage();
      assertTrue(message.contains(option[0].substring(1)) || message.contains(option[1]),
          name + ": the message names neither the option nor the value: " + message);
    }
  }

  interface Case {
    void run() throws Exception;
  }

  /** Runs a case for at most 60 s; returns what it threw (null: it ended normally). */
  static Throwable attempt(Case c) {
    return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try {
        c.run();
        return null;
      } catch (AssertionError e) {
        throw e;
      } catch (Throwable t) {
        return t;
      }
    });
  }

  static void checkReadable(String name, Throwable thrown) {
    if (thrown == null) {
      return;
    }
    String type = thrown.getClass().getName();
    String detail = name + ": " + type + ": " + thrown.getMessage();
    if (thrown instanceof Error) {
      throw new AssertionError(detail + " (a JVM error, not a Weka exception)", thrown);
    }
    for (String library : new String[] {"org.nd4j.", "org.bytedeco.", "org.deeplearning4j.",
        "smile."}) {
      if (type.startsWith(library)) {
        throw new AssertionError(detail + " (an exception from inside a library)", thrown);
      }
    }
    if (thrown instanceof NullPointerException || thrown instanceof IndexOutOfBoundsException
        || thrown instanceof ClassCastException || thrown instanceof ArithmeticException
        || thrown instanceof NegativeArraySizeException) {
      throw new AssertionError(detail + " (a programming error, not a message)", thrown);
    }
    // a JDK exception thrown from inside a library is the library's failure, not a refusal
    StackTraceElement[] origin = thrown.getStackTrace();
    if (origin.length > 0) {
      for (String library : new String[] {"org.nd4j.", "org.bytedeco.", "org.deeplearning4j.",
          "smile."}) {
        if (origin[0].getClassName().startsWith(library)) {
          throw new AssertionError(detail + " (thrown inside " + origin[0] + ")", thrown);
        }
      }
    }
    String message = thrown.getMessage();
    if (message == null || message.isBlank() || message.contains("\tat ")
        || message.length() > 1000) {
      throw new AssertionError(detail + " (no readable message)", thrown);
    }
    // the words of a native routine's failure tell the user nothing they can act on
    for (String internal : new String[] {"LAPACK", "dsyevr", "bad_alloc", "Interval(",
        "Indices are out of range"}) {
      if (message.contains(internal)) {
        throw new AssertionError(detail + " (a library's internal failure)", thrown);
      }
    }
  }
}
