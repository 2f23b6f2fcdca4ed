package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.RemoveUseless;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

/**
 * Issue 27: with the same L2 penalty, SoftmaxRegression with -optimizer LBFGS and Weka's Logistic
 * reach the same penalised loss, on binary example data sets of Weka.
 *
 * <p>Weka's ridge r becomes our lambda = 4 r / (n - 1) for n unit-weight instances (the derivation is
 * in doc/SoftmaxRegression.md, "Weka's ridge in our penalty"). Both models are evaluated in ONE
 * definition, ours: J = (1 / n) sum_i -log p(y_i | x_i) + (lambda / 2) sum_c ||w_c||^2, with w_c
 * the weights on columns standardised with the population deviation; Logistic's one coefficient
 * vector beta (class 0 against the reference class 1, in raw units) is the difference w_0 - w_1, and
 * its cheapest split is w_0 = beta s / 2, w_1 = -beta s / 2 (s the population deviations).
 */
class SoftmaxRegressionLogisticAgreementTest {

  /**
   * Weka's ridges: 1e-2 keeps the optimum finite on the nearly separable sets; 10 makes the penalty a
   * large share of the loss, so that a wrong translation of it (even n for n - 1) moves the optimum
   * by more than the tolerance.
   */
  private static final double[] RIDGES = {1e-2, 10};

  /** Every scheme sees the same all-numeric columns without missing values. */
  private static Instances numeric(String name) throws Exception {
    Instances data;
    try (InputStream in = SoftmaxRegressionLogisticAgreementTest.class
        .getResourceAsStream("/weka-examples/" + name + ".arff")) {
      data = new DataSource(in).getDataSet();
    }
    data.setClassIndex(data.numAttributes() - 1);
    for (Filter filter : new Filter[] {new ReplaceMissingValues(), new NominalToBinary(), new RemoveUseless()}) {
      filter.setInputFormat(data);
      data = Filter.useFilter(data, filter);
    }
    return data;
  }

  /** lambda = 4 r / (n - 1): ours divides the loss by n and has two weight vectors for one beta. */
  static double lambdaForRidge(double ridge, int n) {
    return 4 * ridge / (n - 1);
  }

  /** The population deviation of each non-class attribute, as the encoder standardises with. */
  private static double[] populationDeviations(Instances data) {
    double[] s = new double[data.numAttributes() - 1];
    int n = data.numInstances();
    for (int j = 0, a = 0; a < data.numAttributes(); a++) {
      if (a == data.classIndex()) {
        continue;
      }
      double mean = data.attributeStats(a).numericStats.mean;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double v = data.instance(i).value(a) - mean;
        sum += v * v;
      }
      s[j++] = Math.sqrt(sum / n);
    }
    return s;
  }

  /** Our penalised loss J of a model given by its probabilities and its weight vectors' squared norm. */
  private static double penalisedLoss(weka.classifiers.Classifier model, Instances data, double lambda,
      double squaredNorm) throws Exception {
    double nll = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      double[] p = model.distributionForInstance(data.instance(i));
      nll -= Math.log(p[(int) data.instance(i).classValue()]);
    }
    return nll / data.numInstances() + lambda / 2 * squaredNorm;
  }

  static Stream<Arguments> dataSetsAndRidges() {
    return Stream.of("diabetes", "ionosphere", "vote", "breast-cancer")
        .flatMap(name -> Stream.of(RIDGES[0], RIDGES[1]).map(ridge -> Arguments.of(name, ridge)));
  }

  @ParameterizedTest
  @MethodSource("dataSetsAndRidges")
  void lbfgsAndWekasLogisticReachTheSamePenalisedLoss(String name, double ridge) throws Exception {
    Instances data = numeric(name);
    assertEquals(2, data.numClasses());
    int n = data.numInstances();
    int d = data.numAttributes() - 1;
    double lambda = lambdaForRidge(ridge, n);
    double[] s = populationDeviations(data);

    Logistic logistic = new Logistic();
    logistic.setRidge(ridge);
    logistic.buildClassifier(data);
    double[][] beta = logistic.coefficients(); // [1 + attribute][class 0], row 0 the intercept
    assertEquals(d + 1, beta.length, "Logistic saw the same columns");
    double logisticNorm = 0;
    for (int j = 0; j < d; j++) {
      double half = beta[j + 1][0] * s[j] / 2;
      logisticNorm += 2 * half * half;
    }
    double logisticLoss = penalisedLoss(logistic, data, lambda, logisticNorm);

    SoftmaxRegression ours = new SoftmaxRegression();
    ours.setOptions(Utils.splitOptions("-L2 " + lambda + " -optimizer \"LBFGS -gradient-tolerance 1e-8\""));
    ours.buildClassifier(data);
    assertTrue(ours.toString().contains("Solver: L-BFGS") && ours.toString().contains("converged"),
        ours.toString());
    double[][] w = ours.coefficients(); // [column][class] in raw units, the bias row last
    assertEquals(d + 1, w.length);
    double oursNorm = 0;
    for (int j = 0; j < d; j++) {
      for (int c = 0; c < 2; c++) {
        double standardised = w[j][c] * s[j];
        oursNorm += standardised * standardised;
      }
    }
    double oursLoss = penalisedLoss(ours, data, lambda, oursNorm);

    double relative = Math.abs(oursLoss - logisticLoss) / oursLoss;
    System.out.printf("%s ridge %s: n %d, d %d, lambda %.4g, ours %.10f, Logistic %.10f, relative %.2e%n",
        name, ridge, n, d, lambda, oursLoss, logisticLoss, relative);
    // ours minimises J, and Logistic's model is one of ours: it cannot be lower (beyond rounding)
    assertTrue(oursLoss <= logisticLoss * (1 + 1e-9), name + ": ours " + oursLoss + " above Logistic's "
        + logisticLoss);
    // the issue asks for 1e-4; both reach about 1e-10. J is flat at its optimum, so a wrong lambda
    // shows only quadratically: 4 r / n for 4 r / (n - 1) moves the two apart by 1e-7 to 6e-7 with
    // ridge 10 (checked), which 1e-8 catches and 1e-4 would not; 2 r / (n - 1) by up to 4e-2
    assertTrue(relative < 1e-8, name + ": ours " + oursLoss + ", Logistic " + logisticLoss
        + ", relative difference " + relative);
  }
}
