package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.nd4j.Nd4jRuntime;
import fundamentos.testing.BundledData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.optimizers.Nesterov;
import weka.classifiers.functions.optimizers.SGD;
import weka.classifiers.meta.IterativeClassifierOptimizer;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.Utils;

/** SoftmaxRegression on real data, against Weka's Logistic, and on the bad input a user may give. */
class SoftmaxRegressionBehaviourTest {

  private static double crossValidatedAccuracy(Classifier classifier, Instances data) throws Exception {
    Evaluation evaluation = new Evaluation(data);
    evaluation.crossValidateModel(classifier, data, 10, new Random(1));
    return evaluation.pctCorrect() / 100;
  }

  private static double testAccuracy(Classifier classifier, Instances train, Instances test) throws Exception {
    classifier.buildClassifier(train);
    Evaluation evaluation = new Evaluation(train);
    evaluation.evaluateModel(classifier, test);
    return evaluation.pctCorrect() / 100;
  }

  @Test
  void irisIsAtLeastAsAccurateAsLogistic() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    double ours = crossValidatedAccuracy(new SoftmaxRegression(), iris);
    double logistic = crossValidatedAccuracy(new Logistic(), iris);
    assertTrue(ours >= 0.94, "iris 10-fold accuracy " + ours);
    assertTrue(ours >= logistic, "SoftmaxRegression " + ours + " < Logistic " + logistic);
  }

  @Test
  void digitsAreAtLeastAsAccurateAsLogistic() throws Exception {
    Instances train = BundledData.load("digits8x8-train.arff");
    Instances test = BundledData.load("digits8x8-test.arff");
    double ours = testAccuracy(new SoftmaxRegression(), train, test);
    double logistic = testAccuracy(new Logistic(), train, test);
    assertTrue(ours >= 0.95, "digits test accuracy " + ours);
    assertTrue(ours >= logistic, "SoftmaxRegression " + ours + " < Logistic " + logistic);
  }

  /** Three overlapping classes in 2-D: the likelihood has a finite maximum, whatever the penalty. */
  private static Instances overlapping(int n, long seed) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("y"));
    attributes.add(new Attribute("class", List.of("a", "b", "c")));
    Instances data = new Instances("overlapping", attributes, n);
    data.setClassIndex(2);
    Random random = new Random(seed);
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      data.add(new DenseInstance(1, new double[] {random.nextGaussian() * 2 + c, random.nextGaussian() * 3 - c, c}));
    }
    return data;
  }

  /**
   * With (almost) no penalty both maximise the same likelihood: Weka's Logistic (its own BFGS, a
   * reference class) and our L-BFGS (k weight vectors) give the same probabilities.
   */
  @Test
  void lbfgsGivesLogisticsProbabilitiesWithTheSamePenalty() throws Exception {
    Instances data = overlapping(300, 5);
    SoftmaxRegression ours = new SoftmaxRegression();
    ours.setOptions(Utils.splitOptions("-L2 1e-10 -optimizer \"LBFGS -gradient-tolerance 1e-10\""));
    ours.buildClassifier(data);
    Logistic logistic = new Logistic();
    logistic.setRidge(1e-10);
    logistic.buildClassifier(data);
    double largest = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      double[] p = ours.distributionForInstance(data.instance(i));
      double[] q = logistic.distributionForInstance(data.instance(i));
      for (int c = 0; c < 3; c++) {
        largest = Math.max(largest, Math.abs(p[c] - q[c]));
      }
    }
    assertTrue(largest < 1e-4, "largest probability difference " + largest);
    assertTrue(ours.toString().contains("Solver: L-BFGS"), ours.toString());
    assertTrue(ours.toString().contains("converged"), ours.toString());
  }

  @Test
  void autoChoosesLbfgsOnSmallDataAndMiniBatchesWithEarlyStopping() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    SoftmaxRegression auto = new SoftmaxRegression();
    auto.buildClassifier(iris);
    assertTrue(auto.toString().contains("Solver: L-BFGS, full batch (-solver auto)"), auto.toString());
    assertTrue(auto.toString().contains("by iteration"), auto.toString());
    SoftmaxRegression early = new SoftmaxRegression();
    early.setEarlyStoppingPatience(3);
    early.setNumEpochs(30);
    early.buildClassifier(iris);
    assertTrue(early.toString().contains("Solver: mini-batch (-solver auto)"), early.toString());
    SoftmaxRegression refused = new SoftmaxRegression();
    refused.setOptions(Utils.splitOptions("-solver lbfgs -early-stopping 3"));
    Exception e = assertThrows(Exception.class, () -> refused.buildClassifier(iris));
    assertTrue(e.getMessage().contains("early stopping"), e.getMessage());
  }

  /**
   * Above SoftmaxLbfgs.SMALL, auto's L-BFGS holds out -validation-fraction of the instances and
   * keeps the iterate of their lowest loss (the output says so); -solver lbfgs trains on all of
   * them to its convergence tests, and, on data with many noise columns, overfits where auto does
   * not: auto's held-out stop classifies fresh data at least as well.
   */
  @Test
  void autoHoldsOutAValidationSplitForLbfgsOnLargeData() throws Exception {
    int d = 120;
    int k = 12;
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      attributes.add(new Attribute("x" + j));
    }
    List<String> classes = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      classes.add("c" + c);
    }
    attributes.add(new Attribute("class", classes));
    Random r = new Random(2);
    Instances train = new Instances("noisy", attributes, 3000);
    Instances test = new Instances("noisy", attributes, 3000);
    for (Instances data : List.of(train, test)) {
      data.setClassIndex(d);
      for (int i = 0; i < 3000; i++) {
        int y = r.nextInt(k);
        double[] values = new double[d + 1];
        for (int j = 0; j < d; j++) {
          values[j] = r.nextGaussian() + (j % k == y ? 0.6 : 0);
        }
        values[d] = y;
        data.add(new DenseInstance(1, values));
      }
    }
    SoftmaxRegression auto = new SoftmaxRegression();
    auto.setNumThreads(1);
    double autoAccuracy = testAccuracy(auto, train, test);
    assertTrue(auto.toString().contains("Solver: L-BFGS, full batch (-solver auto)"), auto.toString());
    java.util.regex.Matcher held = java.util.regex.Pattern
        .compile("Early stopping: (\\d+) of the instances held out").matcher(auto.toString());
    assertTrue(held.find(), auto.toString());
    // a tenth of each class, rounded per class
    assertEquals(300, Integer.parseInt(held.group(1)), k);
    SoftmaxRegression lbfgs = new SoftmaxRegression();
    lbfgs.setOptions(Utils.splitOptions("-solver lbfgs -num-threads 1"));
    double lbfgsAccuracy = testAccuracy(lbfgs, train, test);
    assertTrue(!lbfgs.toString().contains("Early stopping"), lbfgs.toString());
    assertTrue(autoAccuracy >= lbfgsAccuracy, autoAccuracy + " vs " + lbfgsAccuracy);
    assertTrue(autoAccuracy > 0.3, "accuracy " + autoAccuracy);
  }

  /**
   * -optimizer LBFGS is the solver auto took on small data with LBFGS's defaults (the former
   * -gradient-tolerance and -epochs defaults), so the default model did not change; its own settings
   * are used; minibatch and early stopping refuse it.
   */
  @Test
  void theLbfgsOptimizerSelectsFullBatchWithItsSettings() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    SoftmaxRegression auto = new SoftmaxRegression();
    auto.buildClassifier(iris);
    SoftmaxRegression lbfgs = new SoftmaxRegression();
    lbfgs.setOptions(Utils.splitOptions("-optimizer LBFGS"));
    lbfgs.buildClassifier(iris);
    for (int i = 0; i < iris.numInstances(); i++) {
      assertArrayEquals(auto.distributionForInstance(iris.instance(i)),
          lbfgs.distributionForInstance(iris.instance(i)), 0.0);
    }
    SoftmaxRegression capped = new SoftmaxRegression();
    capped.setOptions(Utils.splitOptions("-solver lbfgs -optimizer \"LBFGS -max-iterations 2\""));
    capped.buildClassifier(iris);
    assertTrue(capped.toString().contains("2 iteration(s)"), capped.toString());
    assertTrue(capped.toString().contains("not converged"), capped.toString());
    SoftmaxRegression minibatch = new SoftmaxRegression();
    minibatch.setOptions(Utils.splitOptions("-solver minibatch -optimizer LBFGS"));
    Exception e = assertThrows(Exception.class, () -> minibatch.buildClassifier(iris));
    assertTrue(e.getMessage().contains("-solver minibatch") && e.getMessage().contains("LBFGS"),
        e.getMessage());
    SoftmaxRegression early = new SoftmaxRegression();
    early.setOptions(Utils.splitOptions("-early-stopping 3 -optimizer LBFGS"));
    e = assertThrows(Exception.class, () -> early.buildClassifier(iris));
    assertTrue(e.getMessage().contains("early stopping"), e.getMessage());
  }

  /** Weights are copies on the L-BFGS path too: weight 2 trains like the instance twice. */
  @Test
  void lbfgsWithWeightsEqualsTrainingOnCopies() throws Exception {
    Instances data = overlapping(60, 9);
    Instances weighted = new Instances(data, 0);
    Instances copies = new Instances(data, 0);
    for (int i = 0; i < data.numInstances(); i++) {
      int w = i % 3;
      if (w > 0) {
        weighted.add(data.instance(i));
        weighted.lastInstance().setWeight(w);
      }
      for (int c = 0; c < w; c++) {
        copies.add(data.instance(i));
      }
    }
    SoftmaxRegression one = new SoftmaxRegression();
    one.setOptions(Utils.splitOptions("-optimizer \"LBFGS -gradient-tolerance 1e-10\""));
    one.buildClassifier(weighted);
    SoftmaxRegression two = new SoftmaxRegression();
    two.setOptions(Utils.splitOptions("-optimizer \"LBFGS -gradient-tolerance 1e-10\""));
    two.buildClassifier(copies);
    // the encoder's statistics are weighted too, so the two encodings agree
    for (int i = 0; i < data.numInstances(); i++) {
      assertArrayEquals(two.distributionForInstance(data.instance(i)),
          one.distributionForInstance(data.instance(i)), 1e-6);
    }
  }

  @Test
  void everyOptimizerLearnsIris() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    for (String optimizer : new String[] {"SGD", "Momentum", "Nesterov", "AdaGrad -lr 0.1", "RMSProp", "Adam -lr 0.01"}) {
      SoftmaxRegression classifier = new SoftmaxRegression();
      classifier.setOptions(Utils.splitOptions(
          "-solver minibatch -optimizer \"weka.classifiers.functions.optimizers." + optimizer
              + "\" -epochs 200"));
      double accuracy = testAccuracy(classifier, iris, iris);
      assertTrue(accuracy >= 0.9, optimizer + ": training accuracy " + accuracy);
    }
  }

  @Test
  void sameSeedGivesTheSameModelAndThreadsChangeOnlyRoundingNoise() throws Exception {
    Instances train = BundledData.load("digits8x8-train.arff");
    Instances test = BundledData.load("digits8x8-test.arff");
    double[][] one = predictions(train, test, 1, 1);
    double[][] two = predictions(train, test, 1, 2);
    double[][] oneAgain = predictions(train, test, 1, 1);
    double[][] otherSeed = predictions(train, test, 2, 1);
    for (int i = 0; i < one.length; i++) {
      assertArrayEquals(one[i], oneAgain[i], 0.0, "same seed and threads, different model");
      // OpenBLAS orders a product's sums by thread count: only the last bits may move
      assertArrayEquals(one[i], two[i], 1e-9, "thread count changed the model");
    }
    assertTrue(differ(one, otherSeed), "the seed has no effect");
    Nd4jRuntime.setThreads(0);
  }

  private static boolean differ(double[][] a, double[][] b) {
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        if (a[i][j] != b[i][j]) {
          return true;
        }
      }
    }
    return false;
  }

  private static double[][] predictions(Instances train, Instances test, int seed, int threads)
      throws Exception {
    SoftmaxRegression classifier = new SoftmaxRegression();
    classifier.setSeed(seed);
    classifier.setSolver(new SelectedTag(SoftmaxRegression.SOLVER_MINIBATCH, SoftmaxRegression.TAGS_SOLVER));
    classifier.setNumEpochs(5);
    classifier.setNumThreads(threads);
    classifier.buildClassifier(train);
    return classifier.distributionsForInstances(test);
  }

  @Test
  void batchAndSinglePredictionsAgree() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    SoftmaxRegression classifier = new SoftmaxRegression();
    classifier.setNumEpochs(20);
    classifier.buildClassifier(iris);
    double[][] batch = classifier.distributionsForInstances(iris);
    for (int i = 0; i < iris.numInstances(); i++) {
      assertArrayEquals(batch[i], classifier.distributionForInstance(iris.instance(i)), 1e-12);
    }
  }

  @Test
  void serializedModelPredictsTheSame() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    SoftmaxRegression classifier = new SoftmaxRegression();
    classifier.setNumEpochs(20);
    classifier.buildClassifier(iris);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(classifier);
    }
    SoftmaxRegression copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (SoftmaxRegression) in.readObject();
    }
    for (int i = 0; i < iris.numInstances(); i += 7) {
      assertArrayEquals(classifier.distributionForInstance(iris.instance(i)),
          copy.distributionForInstance(iris.instance(i)), 0.0);
    }
    assertEquals(classifier.toString(), copy.toString());
  }

  @Test
  void optionsRoundTripAsTheExperimenterStoresThem() throws Exception {
    SoftmaxRegression classifier = new SoftmaxRegression();
    Nesterov nesterov = new Nesterov();
    nesterov.setLearningRate(0.05);
    nesterov.setMomentum(0.8);
    classifier.setOptimizer(nesterov);
    classifier.setNumEpochs(17);
    classifier.setMiniBatchSize(7);
    classifier.setL2(0.5);
    classifier.setEarlyStoppingPatience(4);
    classifier.setValidationFraction(0.2);
    classifier.setSeed(42);
    String schemeOptions = Utils.joinOptions(classifier.getOptions());
    SoftmaxRegression copy = (SoftmaxRegression) AbstractClassifier.forName(
        SoftmaxRegression.class.getName(), Utils.splitOptions(schemeOptions));
    assertEquals(schemeOptions, Utils.joinOptions(copy.getOptions()));
    assertEquals(0.8, ((Nesterov) copy.getOptimizer()).getMomentum());
    assertEquals(17, copy.getNumEpochs());
    assertEquals(42, copy.getSeed());
  }

  @Test
  void earlyStoppingRunsFewerEpochsAndReportsThem() throws Exception {
    Instances train = BundledData.load("digits8x8-train.arff");
    SoftmaxRegression classifier = new SoftmaxRegression();
    classifier.setEarlyStoppingPatience(3);
    classifier.setNumEpochs(500);
    classifier.buildClassifier(train);
    double epochs = classifier.getMeasure("measureNumEpochs");
    assertTrue(epochs < 500, "early stopping never stopped: " + epochs);
    assertTrue(classifier.toString().contains("early stopping kept the weights of epoch"));
    assertTrue(classifier.getMeasure("measureFinalTrainingLoss") > 0);
  }

  @Test
  void iterativeClassifierOptimizerChoosesTheEpochs() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    IterativeClassifierOptimizer optimizer = new IterativeClassifierOptimizer();
    SoftmaxRegression classifier = new SoftmaxRegression();
    classifier.setSolver(new SelectedTag(SoftmaxRegression.SOLVER_MINIBATCH, SoftmaxRegression.TAGS_SOLVER));
    classifier.setNumEpochs(60);
    optimizer.setIterativeClassifier(classifier);
    optimizer.setStepSize(5);
    optimizer.buildClassifier(iris);
    Evaluation evaluation = new Evaluation(iris);
    evaluation.evaluateModel(optimizer, iris);
    assertTrue(evaluation.pctCorrect() > 90, optimizer.toString());
  }

  @Test
  void weightsScaleTheLoss() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    Instances doubled = new Instances(iris, 0);
    Instances weighted = new Instances(iris, 0);
    for (int i = 0; i < iris.numInstances(); i++) {
      doubled.add(iris.instance(i));
      weighted.add(iris.instance(i));
      if (i % 3 == 0) {
        doubled.add(iris.instance(i));
        weighted.lastInstance().setWeight(2);
      }
    }
    // full-batch gradient descent sees no order effects: duplicating a row = weight 2
    double[][] a = fullBatch(doubled);
    double[][] b = fullBatch(weighted);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 1e-9);
    }
  }

  private static double[][] fullBatch(Instances data) throws Exception {
    SoftmaxRegression classifier = new SoftmaxRegression();
    classifier.setOptimizer(new SGD());
    classifier.setMiniBatchSize(10_000);
    classifier.setNumEpochs(30);
    classifier.buildClassifier(data);
    return classifier.coefficients();
  }

  // ---------------------------------------------------------------- bad input

  private static Instances withAttribute(Attribute attribute, Attribute classAttribute) {
    ArrayList<Attribute> attributes = new ArrayList<>(List.of(attribute, classAttribute));
    Instances data = new Instances("bad", attributes, 0);
    data.setClassIndex(1);
    return data;
  }

  @Test
  void unsupportedInputIsAClearWekaError() {
    Attribute nominalClass = new Attribute("class", List.of("a", "b"));
    Instances strings = withAttribute(new Attribute("s", (List<String>) null), nominalClass);
    Instances numericClass = withAttribute(new Attribute("x"), new Attribute("y"));
    Instances unary = withAttribute(new Attribute("x"), new Attribute("class", List.of("only")));
    for (Instances data : List.of(strings, numericClass, unary)) {
      data.add(new DenseInstance(1, new double[] {data.attribute(0).isString() ? 0 : 1, 0}));
      Exception e = assertThrows(Exception.class, () -> new SoftmaxRegression().buildClassifier(data));
      assertTrue(e instanceof weka.core.WekaException, e.toString());
      assertTrue(e.getMessage().toLowerCase().contains("cannot handle"), e.getMessage());
    }
  }

  @Test
  void noTrainingInstancesIsAClearError() {
    Instances empty = withAttribute(new Attribute("x"), new Attribute("class", List.of("a", "b")));
    Exception e = assertThrows(Exception.class, () -> new SoftmaxRegression().buildClassifier(empty));
    assertTrue(e.getMessage().toLowerCase().contains("training instances"), e.getMessage());
  }

  @Test
  void hugeValuesConstantAndAllMissingColumnsTrainWithoutNaN() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>(List.of(new Attribute("huge"),
        new Attribute("constant"), new Attribute("missing"), new Attribute("class", List.of("a", "b"))));
    Instances data = new Instances("odd", attributes, 0);
    data.setClassIndex(3);
    Random r = new Random(1);
    for (int i = 0; i < 40; i++) {
      int label = i % 2;
      data.add(new DenseInstance(1, new double[] {(label * 2 - 1) * 1e300 * (1 + r.nextDouble()), 5,
          Utils.missingValue(), label}));
    }
    SoftmaxRegression classifier = new SoftmaxRegression();
    classifier.setNumEpochs(30);
    classifier.buildClassifier(data);
    double correct = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      double[] p = classifier.distributionForInstance(data.instance(i));
      for (double v : p) {
        assertTrue(Double.isFinite(v), "non-finite probability");
      }
      correct += Utils.maxIndex(p) == (int) data.instance(i).classValue() ? 1 : 0;
    }
    assertEquals(40, correct, "a perfectly separating huge column");
    double[] extreme = classifier.distributionForInstance(
        new DenseInstance(1, new double[] {-Double.MAX_VALUE, 1e308, Utils.missingValue(), 0}) {
          {
            setDataset(data);
          }
        });
    assertEquals(1.0, extreme[0] + extreme[1], 1e-12);
  }

  @Test
  void aTestSetWithAnotherHeaderIsRejected() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    SoftmaxRegression classifier = new SoftmaxRegression();
    classifier.setNumEpochs(2);
    classifier.buildClassifier(iris);
    Instances digits = BundledData.load("digits8x8-test.arff");
    Exception e = assertThrows(weka.core.WekaException.class,
        () -> classifier.distributionForInstance(digits.instance(0)));
    assertTrue(e.getMessage().contains("differ"), e.getMessage());
  }

  @Test
  void badSettingsAreRejectedBeforeTraining() throws Exception {
    Instances iris = BundledData.load("iris.arff");
    // out-of-range values are refused where they are set (OptionValidationTest covers every option)
    SoftmaxRegression epochs = new SoftmaxRegression();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> epochs.setNumEpochs(0))
        .getMessage().contains("-epochs"));
    assertEquals(1000, epochs.getNumEpochs());
    SGD sgd = new SGD();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(-1))
        .getMessage().contains("-lr"));
    SoftmaxRegression diverging = new SoftmaxRegression();
    SGD huge = new SGD();
    huge.setLearningRate(1e308);
    diverging.setOptimizer(huge);
    diverging.setSolver(new SelectedTag(SoftmaxRegression.SOLVER_MINIBATCH, SoftmaxRegression.TAGS_SOLVER));
    assertTrue(assertThrows(weka.core.WekaException.class, () -> diverging.buildClassifier(iris))
        .getMessage().contains("diverged"));
  }
}
