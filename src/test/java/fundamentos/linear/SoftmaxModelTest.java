package fundamentos.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.optim.SgdRule;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SoftmaxModelTest {

  private static double[][] gaussian(Random r, int rows, int cols) {
    double[][] v = new double[rows][cols];
    for (double[] row : v) {
      for (int j = 0; j < cols; j++) {
        row[j] = r.nextGaussian();
      }
    }
    return v;
  }

  private static INDArray matrix(double[][] v) {
    return Nd4j.createFromArray(v);
  }

  @Test
  void inputsGetATrailingBiasColumn() {
    INDArray x = SoftmaxModel.withBias(new double[][] {{2, 3}, {4, 5}}, 2);
    assertArrayEquals(new double[] {2, 3, 1}, x.getRow(0).toDoubleVector());
    assertEquals(1, SoftmaxModel.withBias(new double[][] {{}}, 0).getDouble(0, 0));
  }

  @Test
  void probabilitiesAreTheSoftmaxOfTheLogits() {
    SoftmaxModel model = new SoftmaxModel(2, 3);
    // W = [[1, 0, -1], [0, 2, 0]], b = [0.5, 0, 0]
    model.setParameters(matrix(new double[][] {{1, 0, -1}, {0, 2, 0}, {0.5, 0, 0}}));
    double[] p = model.probabilities(SoftmaxModel.withBias(new double[][] {{1, 1}}, 2)).toDoubleVector();
    double[] z = {1.5, 2, -1};
    double norm = Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]);
    assertArrayEquals(new double[] {Math.exp(z[0]) / norm, Math.exp(z[1]) / norm, Math.exp(z[2]) / norm},
        p, 1e-12);
  }

  @Test
  void gradientEqualsFiniteDifferences() {
    Random r = new Random(7);
    int n = 9;
    int d = 4;
    int k = 3;
    SoftmaxModel model = new SoftmaxModel(d, k);
    model.setParameters(matrix(gaussian(r, d + 1, k)));
    INDArray x = SoftmaxModel.withBias(gaussian(r, n, d), d);
    INDArray y = Nd4j.zeros(n, k);
    double[] weights = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      y.putScalar(i, r.nextInt(k), 1.0);
      weights[i] = 0.5 + r.nextDouble();
      total += weights[i];
    }
    INDArray c = Nd4j.createFromArray(weights).reshape(n, 1);
    double l2 = 0.3;
    INDArray gradient = model.gradient(x, y, c, total, l2);
    INDArray theta = model.parameters();
    double h = 1e-6;
    for (int j = 0; j <= d; j++) {
      for (int cls = 0; cls < k; cls++) {
        double saved = theta.getDouble(j, cls);
        theta.putScalar(j, cls, saved + h);
        double up = model.loss(x, y, c, l2);
        theta.putScalar(j, cls, saved - h);
        double down = model.loss(x, y, c, l2);
        theta.putScalar(j, cls, saved);
        double numeric = (up - down) / (2 * h);
        assertEquals(numeric, gradient.getDouble(j, cls), 1e-7, "dL/dtheta[" + j + "][" + cls + "]");
      }
    }
  }

  @Test
  void lossIsTheWeightedMeanCrossEntropyPlusThePenalty() {
    SoftmaxModel model = new SoftmaxModel(1, 2);
    model.setParameters(matrix(new double[][] {{2, -1}, {0, 1}}));
    INDArray x = SoftmaxModel.withBias(new double[][] {{1}, {-1}}, 1);
    INDArray y = matrix(new double[][] {{1, 0}, {0, 1}});
    INDArray c = matrix(new double[][] {{1}, {3}});
    // row 1: z = (2, 0); row 2: z = (-2, 2); the bias (0, 1) is not penalised
    double l1 = -Math.log(Math.exp(2) / (Math.exp(2) + Math.exp(0)));
    double l2 = -Math.log(Math.exp(2) / (Math.exp(-2) + Math.exp(2)));
    double expected = (1 * l1 + 3 * l2) / 4 + 0.5 * 0.1 * (4 + 1);
    assertEquals(expected, model.loss(x, y, c, 0.1), 1e-12);
  }

  /** Eq. 2.83 on the same hand case: [X 1]^T C (P - Y) / sum c + lambda [W; 0]. */
  @Test
  void gradientIsTheWeightedResidualTimesTheInputs() {
    SoftmaxModel model = new SoftmaxModel(1, 2);
    model.setParameters(matrix(new double[][] {{2, -1}, {0, 1}}));
    INDArray x = SoftmaxModel.withBias(new double[][] {{1}, {-1}}, 1);
    INDArray y = matrix(new double[][] {{1, 0}, {0, 1}});
    INDArray c = matrix(new double[][] {{1}, {3}});
    double e2 = Math.exp(2);
    // row 1: z = (2, 0), p = (e^2, 1) / (e^2 + 1), residual p - y = (-1, 1) / (e^2 + 1)
    double r1 = 1 / (e2 + 1);
    // row 2: z = (-2, 2), p = (e^-2, e^2) / (e^-2 + e^2), residual = (1, -1) e^-2 / (e^-2 + e^2)
    double r2 = Math.exp(-2) / (Math.exp(-2) + e2);
    double[][] expected = {
      {(1 * 1 * -r1 + 3 * -1 * r2) / 4 + 0.1 * 2, (1 * 1 * r1 + 3 * -1 * -r2) / 4 + 0.1 * -1},
      {(1 * -r1 + 3 * r2) / 4, (1 * r1 + 3 * -r2) / 4},
    };
    double[][] actual = model.gradient(x, y, c, 4, 0.1).toDoubleMatrix();
    for (int j = 0; j < 2; j++) {
      assertArrayEquals(expected[j], actual[j], 1e-15, "row " + j);
    }
    // without weights: the plain mean over the rows
    double[][] plain = model.gradient(x, y, null, 2, 0).toDoubleMatrix();
    assertArrayEquals(new double[] {(-r1 - r2) / 2, (r1 + r2) / 2}, plain[0], 1e-15);
    assertArrayEquals(new double[] {(-r1 + r2) / 2, (r1 - r2) / 2}, plain[1], 1e-15);
  }

  @Test
  void hugeLogitsGiveFiniteProbabilities() {
    SoftmaxModel model = new SoftmaxModel(1, 2);
    model.setParameters(matrix(new double[][] {{1e200, -1e200}, {0, 0}}));
    double[] p = model.probabilities(SoftmaxModel.withBias(new double[][] {{1e100}}, 1)).toDoubleVector();
    assertArrayEquals(new double[] {1, 0}, p, 0);
    double loss = model.loss(SoftmaxModel.withBias(new double[][] {{1}}, 1), matrix(new double[][] {{1, 0}}),
        Nd4j.ones(1, 1), 0);
    assertEquals(0, loss, 0);
  }

  @Test
  void modelWithoutFeaturesLearnsTheClassPriors() {
    SoftmaxModel model = new SoftmaxModel(0, 2);
    INDArray x = SoftmaxModel.withBias(new double[4][0], 0);
    INDArray y = matrix(new double[][] {{1, 0}, {1, 0}, {1, 0}, {0, 1}});
    SoftmaxTrainer trainer = new SoftmaxTrainer(model, new SoftmaxTrainer.Batch(x, y, new double[] {1, 1, 1, 1}),
        null, new SgdRule(1.0), 4, 0, 0, 1);
    for (int e = 0; e < 500; e++) {
      trainer.runEpoch();
    }
    double[] p = model.probabilities(SoftmaxModel.withBias(new double[1][0], 0)).toDoubleVector();
    assertEquals(0.75, p[0], 1e-6);
    assertTrue(p[1] > 0.24);
  }
}
