package fundamentos.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.linear.SoftmaxModel;
import fundamentos.linear.SoftmaxTrainer;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UpdateRuleTest {

  private static INDArray vector(double... v) {
    return Nd4j.createFromArray(v).reshape(1, v.length);
  }

  private static double[] values(INDArray a) {
    return a.toDoubleVector();
  }

  @Test
  void sgdStepsAgainstTheGradient() {
    INDArray theta = vector(1, 2);
    new SgdRule(0.1).step(theta, vector(3, -4));
    assertArrayEquals(new double[] {0.7, 2.4}, values(theta), 1e-15);
  }

  @Test
  void momentumAccumulatesVelocity() {
    INDArray theta = vector(0);
    MomentumRule rule = new MomentumRule(0.1, 0.9);
    rule.step(theta, vector(1)); // v = -0.1, theta = -0.1
    rule.step(theta, vector(1)); // v = -0.09 - 0.1 = -0.19, theta = -0.29
    assertArrayEquals(new double[] {-0.29}, values(theta), 1e-15);
  }

  @Test
  void nesterovUsesTheLookAheadForm() {
    INDArray theta = vector(0);
    NesterovRule rule = new NesterovRule(0.1, 0.9);
    rule.step(theta, vector(1)); // v' = -0.1; theta = 0 - 0 + 1.9 * -0.1 = -0.19
    assertArrayEquals(new double[] {-0.19}, values(theta), 1e-15);
    rule.step(theta, vector(1)); // v' = -0.19; theta = -0.19 + 0.09 + 1.9 * -0.19 = -0.461
    assertArrayEquals(new double[] {-0.461}, values(theta), 1e-15);
  }

  @Test
  void adaGradDividesBySquareRootOfSummedSquares() {
    INDArray theta = vector(0, 0);
    AdaGradRule rule = new AdaGradRule(1.0, 0);
    rule.step(theta, vector(2, -0.5)); // each step -sign(g) on the first call
    assertArrayEquals(new double[] {-1, 1}, values(theta), 1e-15);
    rule.step(theta, vector(2, 0)); // G = (8, 0.25): -2 / sqrt(8)
    assertArrayEquals(new double[] {-1 - 2 / Math.sqrt(8), 1}, values(theta), 1e-15);
  }

  @Test
  void rmsPropUsesAMovingAverage() {
    INDArray theta = vector(0);
    RmsPropRule rule = new RmsPropRule(0.01, 0.9, 0);
    rule.step(theta, vector(2)); // E = 0.4; step = 0.01 * 2 / sqrt(0.4)
    assertArrayEquals(new double[] {-0.02 / Math.sqrt(0.4)}, values(theta), 1e-15);
  }

  @Test
  void adamFirstStepIsTheLearningRateTimesTheSign() {
    INDArray theta = vector(0, 0);
    AdamRule rule = new AdamRule(0.001, 0.9, 0.999, 0);
    rule.step(theta, vector(5, -0.01)); // bias correction makes m^ = g, v^ = g^2
    assertArrayEquals(new double[] {-0.001, 0.001}, values(theta), 1e-15);
  }

  /** Every rule lowers the training loss of a fixed, non-separable problem. */
  @Test
  void everyRuleDecreasesTheLoss() {
    List<Supplier<UpdateRule>> rules = List.of(() -> new SgdRule(0.1), () -> new MomentumRule(0.05, 0.9),
        () -> new NesterovRule(0.05, 0.9), () -> new AdaGradRule(0.1, 1e-8),
        () -> new RmsPropRule(0.01, 0.9, 1e-8), () -> new AdamRule(0.01, 0.9, 0.999, 1e-8));
    Random r = new Random(11);
    int n = 120;
    double[][] x = new double[n][3];
    double[][] y = new double[n][2];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = r.nextGaussian();
      }
      boolean positive = x[i][0] - 0.5 * x[i][1] + 0.8 * r.nextGaussian() > 0;
      y[i][positive ? 1 : 0] = 1;
    }
    double[] weights = new double[n];
    java.util.Arrays.fill(weights, 1.0);
    SoftmaxTrainer.Batch data = new SoftmaxTrainer.Batch(SoftmaxModel.withBias(x, 3), Nd4j.createFromArray(y),
        weights);
    for (Supplier<UpdateRule> rule : rules) {
      SoftmaxModel model = new SoftmaxModel(3, 2);
      double start = model.loss(data.inputs(), data.targets(), data.weightColumn(), 0);
      SoftmaxTrainer trainer = new SoftmaxTrainer(model, data, null, rule.get(), 10, 0, 0, 1);
      for (int e = 0; e < 20; e++) {
        trainer.runEpoch();
      }
      double end = trainer.lossCurve().get(19);
      String name = rule.get().getClass().getSimpleName();
      assertTrue(end < start - 0.1, name + " did not decrease the loss: " + start + " -> " + end);
    }
  }
}
