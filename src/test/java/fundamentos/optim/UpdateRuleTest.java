package fundamentos.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

  /** Three steps on two parameters with the gradients (1, -4), (-2, 0), (0.5, 2): one row per step. */
  private static double[][] threeSteps(UpdateRule rule) {
    INDArray theta = vector(0, 1);
    double[][] g = {{1, -4}, {-2, 0}, {0.5, 2}};
    double[][] after = new double[3][];
    for (int t = 0; t < 3; t++) {
      INDArray gradient = vector(g[t]);
      rule.step(theta, gradient);
      assertArrayEquals(g[t], values(gradient), 0.0, "a rule must not change the gradient");
      after[t] = values(theta);
    }
    return after;
  }

  @Test
  void sgdFirstThreeSteps() {
    // theta -= 0.1 g
    double[][] after = threeSteps(new SgdRule(0.1));
    assertArrayEquals(new double[] {-0.1, 1.4}, after[0], 1e-15);
    assertArrayEquals(new double[] {0.1, 1.4}, after[1], 1e-15);
    assertArrayEquals(new double[] {0.05, 1.2}, after[2], 1e-15);
  }

  @Test
  void momentumFirstThreeSteps() {
    // eta 0.1, mu 0.9: v1 = (-0.1, 0.4); v2 = 0.9 v1 - 0.1 (-2, 0) = (0.11, 0.36);
    // v3 = 0.9 v2 - 0.1 (0.5, 2) = (0.049, 0.124); theta accumulates v
    double[][] after = threeSteps(new MomentumRule(0.1, 0.9));
    assertArrayEquals(new double[] {-0.1, 1.4}, after[0], 1e-15);
    assertArrayEquals(new double[] {0.01, 1.76}, after[1], 1e-15);
    assertArrayEquals(new double[] {0.059, 1.884}, after[2], 1e-15);
  }

  @Test
  void nesterovFirstThreeSteps() {
    // eta 0.1, mu 0.9: v' = mu v - eta g; theta <- theta - mu v + (1 + mu) v'
    // step 1: v' = (-0.1, 0.4); theta = (0, 1) + 1.9 v' = (-0.19, 1.76)
    // step 2: v' = (-0.09 + 0.2, 0.36) = (0.11, 0.36); theta = (-0.19, 1.76) - 0.9 (-0.1, 0.4) + 1.9 (0.11, 0.36)
    //       = (-0.19 + 0.09 + 0.209, 1.76 - 0.36 + 0.684) = (0.109, 2.084)
    // step 3: v' = (0.099 - 0.05, 0.324 - 0.2) = (0.049, 0.124);
    //       theta = (0.109 - 0.099 + 0.0931, 2.084 - 0.324 + 0.2356) = (0.1031, 1.9956)
    double[][] after = threeSteps(new NesterovRule(0.1, 0.9));
    assertArrayEquals(new double[] {-0.19, 1.76}, after[0], 1e-15);
    assertArrayEquals(new double[] {0.109, 2.084}, after[1], 1e-14);
    assertArrayEquals(new double[] {0.1031, 1.9956}, after[2], 1e-14);
  }

  /**
   * The course's Nesterov (Eqs. 3.56-3.57) takes the gradient at the look-ahead point:
   * v <- mu v - eta grad f(theta + mu v); theta <- theta + v. The rule tracks phi = theta + mu v
   * instead and needs the gradient at its own parameters. On f(x) = (a/2) x^2 (gradient a x), the
   * rule's parameters must be the course's look-ahead point theta + mu v after every step.
   */
  @Test
  void nesterovIsTheCoursesLookAheadForm() {
    double a = 3;
    double eta = 0.05;
    double mu = 0.8;
    double theta = 2;
    double v = 0;
    INDArray phi = vector(theta);
    NesterovRule rule = new NesterovRule(eta, mu);
    for (int t = 0; t < 20; t++) {
      double lookAhead = theta + mu * v;
      v = mu * v - eta * a * lookAhead;
      theta = theta + v;
      rule.step(phi, vector(a * phi.getDouble(0)));
      assertEquals(theta + mu * v, phi.getDouble(0), 1e-12, "step " + (t + 1));
    }
  }

  @Test
  void adaGradFirstThreeSteps() {
    // eta 0.1, eps 0: G accumulates g^2; theta -= 0.1 g / sqrt(G)
    // G1 = (1, 16): theta = (-0.1, 1.1); G2 = (5, 16): theta = (-0.1 + 0.2 / sqrt(5), 1.1)
    // G3 = (5.25, 20): theta = (... - 0.05 / sqrt(5.25), 1.1 - 0.2 / sqrt(20))
    double[][] after = threeSteps(new AdaGradRule(0.1, 0));
    assertArrayEquals(new double[] {-0.1, 1.1}, after[0], 1e-15);
    assertArrayEquals(new double[] {-0.1 + 0.2 / Math.sqrt(5), 1.1}, after[1], 1e-15);
    assertArrayEquals(new double[] {-0.1 + 0.2 / Math.sqrt(5) - 0.05 / Math.sqrt(5.25), 1.1 - 0.2 / Math.sqrt(20)},
        after[2], 1e-15);
    assertArrayEquals(new double[] {-0.0323790699, 1.0552786405}, after[2], 1e-10);
  }

  @Test
  void adaGradEpsilonIsAddedToTheRoot() {
    // one step, G = 4: theta = -1 * 2 / (sqrt(4) + 2) = -0.5 (epsilon outside the root)
    INDArray theta = vector(0);
    new AdaGradRule(1, 2).step(theta, vector(2));
    assertEquals(-0.5, theta.getDouble(0), 1e-15);
  }

  @Test
  void rmsPropFirstThreeSteps() {
    // eta 0.01, rho 0.9, eps 0: E <- 0.9 E + 0.1 g^2; theta -= 0.01 g / sqrt(E)
    // E1 = (0.1, 1.6); E2 = (0.09 + 0.4, 1.44) = (0.49, 1.44); E3 = (0.441 + 0.025, 1.296 + 0.4) = (0.466, 1.696)
    double[][] after = threeSteps(new RmsPropRule(0.01, 0.9, 0));
    double[] first = {-0.01 / Math.sqrt(0.1), 1 + 0.04 / Math.sqrt(1.6)};
    assertArrayEquals(first, after[0], 1e-15);
    double[] second = {first[0] + 0.02 / 0.7, first[1]};
    assertArrayEquals(second, after[1], 1e-15);
    assertArrayEquals(new double[] {second[0] - 0.005 / Math.sqrt(0.466), second[1] - 0.02 / Math.sqrt(1.696)},
        after[2], 1e-15);
  }

  @Test
  void rmsPropEpsilonIsAddedToTheRoot() {
    // rho 0.5: E = 0.5 * 4 = 2, theta = -1 * 2 / (sqrt(2) + 1)
    INDArray theta = vector(0);
    new RmsPropRule(1, 0.5, 1).step(theta, vector(2));
    assertEquals(-2 / (Math.sqrt(2) + 1), theta.getDouble(0), 1e-15);
  }

  /**
   * Adam's bias correction at t = 1, 2, 3 (Kingma and Ba 2015, Algorithm 1), eta 0.1, beta1 0.9,
   * beta2 0.999, eps 0, first parameter (gradients 1, -2, 0.5):
   * t = 1: m = 0.1, v = 0.001; m^ = 1, v^ = 1; theta = -0.1.
   * t = 2: m = 0.09 - 0.2 = -0.11, v = 0.000999 + 0.004 = 0.004999; m^ = -0.11 / 0.19,
   * v^ = 0.004999 / 0.001999; theta = -0.1 + 0.1 (0.11 / 0.19) / sqrt(0.004999 / 0.001999).
   * t = 3: m = -0.099 + 0.05 = -0.049, v = 0.004994001 + 0.00025 = 0.005244001;
   * m^ = -0.049 / 0.271, v^ = 0.005244001 / 0.002997001.
   * Second parameter (gradients -4, 0, 2): t = 1 gives +0.1; t = 2: m = -0.36, v = 0.015984,
   * m^ = -0.36 / 0.19, v^ = 0.015984 / 0.001999.
   */
  @Test
  void adamFirstThreeStepsWithBiasCorrection() {
    double[][] after = threeSteps(new AdamRule(0.1, 0.9, 0.999, 0));
    assertArrayEquals(new double[] {-0.1, 1.1}, after[0], 1e-15);
    double first2 = -0.1 + 0.1 * (0.11 / 0.19) / Math.sqrt(0.004999 / 0.001999);
    double second2 = 1.1 + 0.1 * (0.36 / 0.19) / Math.sqrt(0.015984 / 0.001999);
    assertArrayEquals(new double[] {first2, second2}, after[1], 1e-14);
    assertEquals(-0.0633896473, after[1][0], 1e-10);
    double first3 = first2 + 0.1 * (0.049 / 0.271) / Math.sqrt(0.005244001 / 0.002997001);
    // second parameter: m = -0.324 + 0.2 = -0.124, v = 0.015968016 + 0.004 = 0.019968016
    double second3 = second2 + 0.1 * (0.124 / 0.271) / Math.sqrt(0.019968016 / 0.002997001);
    assertArrayEquals(new double[] {first3, second3}, after[2], 1e-14);
  }

  @Test
  void adamEpsilonIsAddedToTheRootOfTheCorrectedSecondMoment() {
    // t = 1: m^ = g = 2, v^ = g^2 = 4: theta = -1 * 2 / (2 + 2) = -0.5
    INDArray theta = vector(0);
    new AdamRule(1, 0.9, 0.999, 2).step(theta, vector(2));
    assertEquals(-0.5, theta.getDouble(0), 1e-15);
  }

  /**
   * The course's form, epsilon inside the root (Eqs. 3.59 and 3.62), one step: g = 2, eta = 1.
   * AdaGrad, eps 2: G = 4, theta = -2 / sqrt(6) (outside: -2 / (2 + 2) = -0.5). RMSProp, rho 0.5,
   * eps 1: E = 2, theta = -2 / sqrt(3) (outside: -2 / (sqrt(2) + 1)). Adam, eps 2, t = 1: m^ = 2,
   * v^ = 4, theta = -2 / sqrt(6) (outside: -0.5).
   */
  @Test
  void epsilonInsideTheRootIsTheCoursesForm() {
    INDArray theta = vector(0);
    new AdaGradRule(1, 2, true).step(theta, vector(2));
    assertEquals(-2 / Math.sqrt(6), theta.getDouble(0), 1e-15);
    theta = vector(0);
    new RmsPropRule(1, 0.5, 1, true).step(theta, vector(2));
    assertEquals(-2 / Math.sqrt(3), theta.getDouble(0), 1e-15);
    theta = vector(0);
    new AdamRule(1, 0.9, 0.999, 2, true).step(theta, vector(2));
    assertEquals(-2 / Math.sqrt(6), theta.getDouble(0), 1e-15);
    // the four-argument constructors keep epsilon outside the root
    theta = vector(0);
    new AdaGradRule(1, 2, false).step(theta, vector(2));
    assertEquals(-0.5, theta.getDouble(0), 1e-15);
  }

  @Test
  void adaGradFirstThreeStepsWithEpsilonInsideTheRoot() {
    // eta 0.1, eps 1: theta -= 0.1 g / sqrt(G + 1); G1 = (1, 16), G2 = (5, 16), G3 = (5.25, 20)
    double[][] after = threeSteps(new AdaGradRule(0.1, 1, true));
    double[] first = {-0.1 / Math.sqrt(2), 1 + 0.4 / Math.sqrt(17)};
    assertArrayEquals(first, after[0], 1e-15);
    double[] second = {first[0] + 0.2 / Math.sqrt(6), first[1]};
    assertArrayEquals(second, after[1], 1e-15);
    assertArrayEquals(new double[] {second[0] - 0.05 / 2.5, second[1] - 0.2 / Math.sqrt(21)}, after[2], 1e-15);
  }

  @Test
  void rmsPropFirstThreeStepsWithEpsilonInsideTheRoot() {
    // eta 0.01, rho 0.9, eps 1: E1 = (0.1, 1.6), E2 = (0.49, 1.44), E3 = (0.466, 1.696)
    double[][] after = threeSteps(new RmsPropRule(0.01, 0.9, 1, true));
    double[] first = {-0.01 / Math.sqrt(1.1), 1 + 0.04 / Math.sqrt(2.6)};
    assertArrayEquals(first, after[0], 1e-15);
    double[] second = {first[0] + 0.02 / Math.sqrt(1.49), first[1]};
    assertArrayEquals(second, after[1], 1e-15);
    assertArrayEquals(new double[] {second[0] - 0.005 / Math.sqrt(1.466), second[1] - 0.02 / Math.sqrt(2.696)},
        after[2], 1e-15);
  }

  /** As adamFirstThreeStepsWithBiasCorrection, eps 0.5 inside the root: sqrt(v^ + 0.5). */
  @Test
  void adamFirstTwoStepsWithEpsilonInsideTheRoot() {
    double[][] after = threeSteps(new AdamRule(0.1, 0.9, 0.999, 0.5, true));
    assertArrayEquals(new double[] {-0.1 / Math.sqrt(1.5), 1 + 0.4 / Math.sqrt(16.5)}, after[0], 1e-15);
    double first2 = after[0][0] + 0.1 * (0.11 / 0.19) / Math.sqrt(0.004999 / 0.001999 + 0.5);
    double second2 = after[0][1] + 0.1 * (0.36 / 0.19) / Math.sqrt(0.015984 / 0.001999 + 0.5);
    assertArrayEquals(new double[] {first2, second2}, after[1], 1e-14);
  }

  /** A schedule changes the step size from the next step on and keeps the state. */
  @Test
  void changingTheLearningRateKeepsTheState() {
    List<Supplier<UpdateRule>> rules = List.of(() -> new SgdRule(0.1), () -> new MomentumRule(0.1, 0.9),
        () -> new NesterovRule(0.1, 0.9), () -> new AdaGradRule(0.1, 0), () -> new RmsPropRule(0.1, 0.9, 0),
        () -> new AdamRule(0.1, 0.9, 0.999, 0));
    for (Supplier<UpdateRule> make : rules) {
      UpdateRule halved = make.get();
      UpdateRule reference = make.get();
      INDArray a = vector(1);
      INDArray b = vector(1);
      halved.step(a, vector(1));
      reference.step(b, vector(1));
      halved.setLearningRate(0.05);
      assertEquals(0.05, halved.learningRate(), 0.0);
      assertEquals(0.1, reference.learningRate(), 0.0);
      double beforeA = a.getDouble(0);
      double beforeB = b.getDouble(0);
      halved.step(a, vector(1));
      reference.step(b, vector(1));
      String name = make.get().getClass().getSimpleName();
      // the adaptive rules' step is linear in eta given their state; the momentum rules keep their
      // old velocity v1 = -0.1 and add -0.05 g: momentum 0.9 v1 - 0.05 = -0.14, Nesterov
      // -0.9 v1 + 1.9 (0.9 v1 - 0.05) = 0.09 - 0.266 = -0.176
      double expected = make.get() instanceof MomentumRule ? -0.14
          : make.get() instanceof NesterovRule ? -0.176 : (b.getDouble(0) - beforeB) / 2;
      assertEquals(expected, a.getDouble(0) - beforeA, 1e-15, name);
    }
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

  /**
   * Adam's one-pass step on row-major float parameters (what the networks train) gives exactly the
   * bits of its ND4J form, which runs for any other array (here the same values in column-major
   * order), over steps with both epsilon placements, on 70,000 parameters (more than one block of
   * the parallel loop) of widely spread magnitudes.
   */
  @Test
  void adamFusedStepEqualsTheNd4jFormBitForBit() {
    for (boolean inside : new boolean[] {false, true}) {
      Random random = new Random(7);
      int rows = 7;
      int cols = 10_000;
      float[] start = new float[rows * cols];
      for (int i = 0; i < start.length; i++) {
        start[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
      }
      INDArray fused = Nd4j.create(start.clone(), new long[] {rows, cols}, 'c');
      INDArray plain = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, new long[] {rows, cols}, 'f');
      plain.assign(fused);
      AdamRule a = new AdamRule(0.003, 0.9, 0.999, 1e-8, inside);
      AdamRule b = new AdamRule(0.003, 0.9, 0.999, 1e-8, inside);
      for (int step = 0; step < 5; step++) {
        float[] g = new float[start.length];
        for (int i = 0; i < g.length; i++) {
          g[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 5));
        }
        INDArray gc = Nd4j.create(g, new long[] {rows, cols}, 'c');
        INDArray gf = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, new long[] {rows, cols}, 'f');
        gf.assign(gc);
        a.step(fused, gc);
        b.step(plain, gf);
        if (step == 3) {
          a.setLearningRate(0.001);
          b.setLearningRate(0.001);
        }
      }
      float[] x = fused.ravel().toFloatVector();
      float[] y = plain.dup('c').ravel().toFloatVector();
      assertTrue(!java.util.Arrays.equals(x, start), "the step changed nothing");
      for (int i = 0; i < x.length; i++) {
        assertEquals(Float.floatToIntBits(y[i]), Float.floatToIntBits(x[i]),
            "parameter " + i + " (epsilon inside the root: " + inside + "): " + y[i] + " vs " + x[i]);
      }
    }
  }
}
