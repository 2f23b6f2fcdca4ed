package fundamentos.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.linear.PerceptronModel.Loss;
import fundamentos.optim.AdamRule;
import fundamentos.optim.SgdRule;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The perceptron's forward pass, losses and gradients (course section 3.2), and Algorithm 1. */
class PerceptronModelTest {

  private static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  private static final int[] AND = {0, 0, 0, 1};
  private static final int[] OR = {0, 1, 1, 1};
  private static final int[] XOR = {0, 1, 1, 0};

  private static INDArray column(double... v) {
    return Nd4j.create(v, new long[] {v.length, 1}, DataType.DOUBLE);
  }

  /** The closed forms at z = 0 (y^ = 1/2) and z = 2, y = 1, against numbers worked by hand. */
  @Test
  void lossesAndDerivativesAtKnownPoints() {
    assertEquals(Math.log(2), PerceptronModel.loss(Loss.BCE, 0, 1), 1e-15);
    assertEquals(-0.5, PerceptronModel.lossDerivative(Loss.BCE, 0, 1), 1e-15);
    assertEquals(0.125, PerceptronModel.loss(Loss.MSE, 0, 1), 1e-15);
    // (1/2 - 1) (1/2) (1/2)
    assertEquals(-0.125, PerceptronModel.lossDerivative(Loss.MSE, 0, 1), 1e-15);
    double p = 1 / (1 + Math.exp(-2));
    assertEquals(-Math.log(p), PerceptronModel.loss(Loss.BCE, 2, 1), 1e-15);
    assertEquals(-Math.log(1 - p), PerceptronModel.loss(Loss.BCE, 2, 0), 1e-14);
    assertEquals((p - 1) * p * (1 - p), PerceptronModel.lossDerivative(Loss.MSE, 2, 1), 1e-15);
    // no overflow far out: BCE grows like |z|, its derivative saturates at -1
    assertEquals(800, PerceptronModel.loss(Loss.BCE, -800, 1), 1e-9);
    assertEquals(-1, PerceptronModel.lossDerivative(Loss.BCE, -800, 1), 0);
    assertEquals(1.0, PerceptronModel.sigmoid(800), 0);
    assertEquals(0.0, PerceptronModel.sigmoid(-800), 0);
  }

  /**
   * One example x = (1, 2), y = 1, theta = (0.3, -0.2, 0.1): z = 0.3 - 0.4 + 0.1 = 0, and the
   * gradient is dl/dz [x; 1]: BCE -0.5 (1, 2, 1), MSE -0.125 (1, 2, 1).
   */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void gradientOfOneExampleIsTheClosedForm(Loss loss) {
    PerceptronModel model = PerceptronModel.ofParameters(2, loss, new double[] {0.3, -0.2, 0.1});
    INDArray x = SoftmaxModel.withBias(new double[][] {{1, 2}}, 2);
    double dz = loss == Loss.BCE ? -0.5 : -0.125;
    assertArrayEquals(new double[] {dz, 2 * dz, dz},
        model.gradient(x, column(1), null, 1, 0).toDoubleVector(), 1e-15);
    assertEquals(loss == Loss.BCE ? Math.log(2) : 0.125, model.loss(x, column(1), column(1), 0), 1e-15);
  }

  /**
   * The gradient of the weighted, penalised loss against central finite differences of the loss,
   * on random inputs, targets and weights, with both losses.
   */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void gradientMatchesFiniteDifferences(Loss loss) {
    Random random = new Random(3);
    int n = 7;
    int d = 3;
    double[][] rows = new double[n][d];
    double[] y = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        rows[i][j] = random.nextGaussian();
      }
      y[i] = random.nextInt(2);
      c[i] = 0.5 + random.nextDouble();
    }
    double[] theta = {0.7, -1.1, 0.4, 0.2};
    INDArray x = SoftmaxModel.withBias(rows, d);
    INDArray weights = column(c);
    double total = java.util.Arrays.stream(c).sum();
    double l2 = 0.3;
    PerceptronModel model = PerceptronModel.ofParameters(d, loss, theta);
    double[] analytic = model.gradient(x, column(y), weights, total, l2).toDoubleVector();
    double h = 1e-6;
    for (int j = 0; j <= d; j++) {
      double[] plus = theta.clone();
      double[] minus = theta.clone();
      plus[j] += h;
      minus[j] -= h;
      double numeric = (PerceptronModel.ofParameters(d, loss, plus).loss(x, column(y), weights, l2)
          - PerceptronModel.ofParameters(d, loss, minus).loss(x, column(y), weights, l2)) / (2 * h);
      assertEquals(numeric, analytic[j], 1e-8, loss + " parameter " + j);
    }
    // and the batch loss is the weighted mean of the closed forms plus the penalty on w (not b)
    double expected = 0;
    for (int i = 0; i < n; i++) {
      double z = theta[d];
      for (int j = 0; j < d; j++) {
        z += theta[j] * rows[i][j];
      }
      expected += c[i] * PerceptronModel.loss(loss, z, y[i]);
    }
    expected = expected / total + 0.5 * l2 * (0.49 + 1.21 + 0.16);
    assertEquals(expected, model.loss(x, column(y), weights, l2), 1e-12);
  }

  private static double accuracy(PerceptronModel model, int[] targets) {
    double[] p = model.outputs(INPUTS);
    int right = 0;
    for (int i = 0; i < p.length; i++) {
      right += (p[i] > 0.5 ? 1 : 0) == targets[i] ? 1 : 0;
    }
    return right / (double) p.length;
  }

  private static PerceptronModel train(int[] targets, Loss loss, long seed, int epochs) {
    PerceptronTrainer trainer = new PerceptronTrainer(INPUTS, 2, targets, new double[] {1, 1, 1, 1},
        loss, new SgdRule(1.0), 1, seed);
    for (int e = 0; e < epochs; e++) {
      trainer.runEpoch();
    }
    return trainer.model();
  }

  /** Algorithm 1 with one step per instance learns AND and OR on 0/1 inputs, with either loss. */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void learnsAndAndOrExactly(Loss loss) {
    for (long seed = 1; seed <= 3; seed++) {
      assertEquals(1.0, accuracy(train(AND, loss, seed, 300), AND), loss + " AND, seed " + seed);
      assertEquals(1.0, accuracy(train(OR, loss, seed, 300), OR), loss + " OR, seed " + seed);
    }
  }

  /** A line cannot separate XOR: at most three of the four points, whatever the seed. */
  @ParameterizedTest
  @EnumSource(Loss.class)
  void cannotLearnXor(Loss loss) {
    for (long seed = 1; seed <= 20; seed++) {
      double accuracy = accuracy(train(XOR, loss, seed, 60), XOR);
      assertTrue(accuracy <= 0.75, loss + " XOR, seed " + seed + ": " + accuracy);
    }
  }

  /** Any rule of fundamentos.optim trains it: Adam on OR. */
  @Test
  void trainsWithTheSharedOptimizers() {
    PerceptronTrainer trainer = new PerceptronTrainer(INPUTS, 2, OR, new double[] {1, 1, 1, 1},
        Loss.BCE, new AdamRule(0.1, 0.9, 0.999, 1e-8), 4, 7);
    for (int e = 0; e < 300; e++) {
      trainer.runEpoch();
    }
    assertEquals(1.0, accuracy(trainer.model(), OR));
    assertTrue(trainer.lossCurve().get(299) < 0.5 * trainer.lossCurve().get(0), trainer.lossCurve().toString());
  }

  @Test
  void refusesTargetsOtherThanZeroAndOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PerceptronTrainer(
        INPUTS, 2, new int[] {0, 1, 2, 1}, new double[] {1, 1, 1, 1}, Loss.BCE, new SgdRule(1), 1, 1));
    assertTrue(e.getMessage().contains("0 or 1"), e.getMessage());
  }

  @Test
  void lineInTheBox() {
    // x + y - 1 = 0 in [0, 1]^2: from (0, 1) to (1, 0)
    double[][] ends = PerceptronModel.lineInBox(1, 1, -1, 0, 1, 0, 1);
    assertArrayEquals(new double[] {0, 1}, ends[0], 1e-15);
    assertArrayEquals(new double[] {1, 0}, ends[1], 1e-15);
    // a vertical line x = 0.25
    ends = PerceptronModel.lineInBox(4, 0, -1, 0, 1, -2, 2);
    assertArrayEquals(new double[] {0.25, -2}, ends[0], 1e-15);
    assertArrayEquals(new double[] {0.25, 2}, ends[1], 1e-15);
    // a line that misses the box, and no line at all
    assertNull(PerceptronModel.lineInBox(1, 1, -5, 0, 1, 0, 1));
    assertNull(PerceptronModel.lineInBox(0, 0, 1, 0, 1, 0, 1));
  }
}
