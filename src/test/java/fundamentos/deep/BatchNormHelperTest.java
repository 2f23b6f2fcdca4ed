package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.nd4j.Nd4jRuntime;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNormHelper on dense rows (rank 2) against the equations of batch normalisation written out
 * here: training with batch statistics, prediction with given running statistics, absent gamma and
 * beta, the backward pass with and without the forward pass's cached statistics, and the inputs it
 * leaves to DL4J.
 */
class BatchNormHelperTest {

  private static final double EPS = 1e-3;
  private static final LayerWorkspaceMgr NONE = LayerWorkspaceMgr.noWorkspaces();

  @BeforeAll
  static void start() {
    Nd4jRuntime.setThreads(1);
  }

  /** rows x channels values; 7 rows, so the sums' four-way unrolled loops have a remainder. */
  private static double[][] data(int rows, int channels, long seed) {
    java.util.Random random = new java.util.Random(seed);
    double[][] x = new double[rows][channels];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < channels; c++) {
        x[r][c] = (float) (random.nextGaussian() * (c + 1) + c);
      }
    }
    return x;
  }

  private static INDArray floats(double[][] x) {
    return Nd4j.createFromArray(x).castTo(DataType.FLOAT);
  }

  private static double mean(double[][] x, int c) {
    double s = 0;
    for (double[] row : x) {
      s += row[c];
    }
    return s / x.length;
  }

  private static double variance(double[][] x, int c) {
    double m = mean(x, c);
    double s = 0;
    for (double[] row : x) {
      s += (row[c] - m) * (row[c] - m);
    }
    return s / x.length;
  }

  @Test
  void trainingForwardAndBackwardOnDenseRows() {
    for (int rows : new int[] {7, 8, 5, 6}) {
      double[][] x = data(rows, 3, rows);
      double[][] dy = data(rows, 3, 100 + rows);
      double[] gamma = {1.5, -0.5, 2};
      double[] beta = {0.1, 0, -1};
      INDArray g = Nd4j.createFromArray(gamma).castTo(DataType.FLOAT).reshape(1, 3);
      INDArray b = Nd4j.createFromArray(beta).castTo(DataType.FLOAT).reshape(1, 3);
      BatchNormHelper helper = new BatchNormHelper();
      INDArray in = floats(x);
      INDArray y = helper.preOutput(in, true, in.shape(), g, b, null, null, 0.9, EPS,
          CNN2DFormat.NCHW, NONE);
      INDArray dGamma = Nd4j.zeros(DataType.FLOAT, 1, 3);
      INDArray dBeta = Nd4j.zeros(DataType.FLOAT, 1, 3);
      Pair<Gradient, INDArray> back = helper.backpropGradient(in, floats(dy), in.shape(), g, b,
          dGamma, dBeta, EPS, CNN2DFormat.NCHW, NONE);
      // a helper that ran no forward pass computes the statistics itself: the same gradient
      Pair<Gradient, INDArray> fresh = new BatchNormHelper().backpropGradient(in, floats(dy),
          in.shape(), g, b, Nd4j.zeros(DataType.FLOAT, 1, 3), Nd4j.zeros(DataType.FLOAT, 1, 3),
          EPS, CNN2DFormat.NCHW, NONE);
      for (int c = 0; c < 3; c++) {
        double mu = mean(x, c);
        double var = variance(x, c);
        double std = Math.sqrt(var + EPS);
        assertEquals(mu, helper.getMeanCache(DataType.FLOAT).getDouble(c), 1e-5, "mean " + c);
        assertEquals(var, helper.getVarCache(DataType.FLOAT).getDouble(c), 1e-4 * (1 + var));
        double sumDy = 0;
        double sumDyXhat = 0;
        for (int r = 0; r < rows; r++) {
          sumDy += dy[r][c];
          sumDyXhat += dy[r][c] * (x[r][c] - mu) / std;
        }
        assertEquals(sumDy, dBeta.getDouble(c), 1e-5, "dbeta " + c);
        assertEquals(sumDyXhat, dGamma.getDouble(c), 1e-4, "dgamma " + c);
        assertEquals(sumDy, back.getFirst().getGradientFor("beta").getDouble(c), 1e-5);
        assertEquals(sumDyXhat, back.getFirst().getGradientFor("gamma").getDouble(c), 1e-4);
        for (int r = 0; r < rows; r++) {
          double xhat = (x[r][c] - mu) / std;
          assertEquals(gamma[c] * xhat + beta[c], y.getDouble(r, c), 1e-5, "y " + r + "," + c);
          double expected = gamma[c] / std * (dy[r][c] - sumDy / rows - xhat * sumDyXhat / rows);
          assertEquals(expected, back.getSecond().getDouble(r, c), 1e-4, "dx " + r + "," + c);
          assertEquals(expected, fresh.getSecond().getDouble(r, c), 1e-4, "fresh dx " + r + "," + c);
        }
      }
    }
  }

  @Test
  void predictionUsesTheGivenRunningStatisticsAndCachesNothing() {
    double[][] x = data(5, 2, 3);
    INDArray in = floats(x);
    INDArray mean = Nd4j.createFromArray(new float[] {0.5f, -1f});
    INDArray var = Nd4j.createFromArray(new float[] {4f, 0.25f});
    INDArray gamma = Nd4j.createFromArray(new float[] {2f, 1f}).reshape(1, 2);
    INDArray beta = Nd4j.createFromArray(new float[] {0f, 3f}).reshape(1, 2);
    BatchNormHelper helper = new BatchNormHelper();
    INDArray y = helper.preOutput(in, false, in.shape(), gamma, beta, mean, var, 0.9, EPS,
        CNN2DFormat.NCHW, NONE);
    for (int r = 0; r < 5; r++) {
      assertEquals(2 * (x[r][0] - 0.5) / Math.sqrt(4 + EPS), y.getDouble(r, 0), 1e-5);
      assertEquals((x[r][1] + 1) / Math.sqrt(0.25 + EPS) + 3, y.getDouble(r, 1), 1e-5);
    }
    assertNull(helper.getMeanCache(DataType.FLOAT));
    assertNull(helper.getVarCache(DataType.FLOAT));
  }

  @Test
  void absentGammaAndBetaMeanOneAndZero() {
    double[][] x = data(6, 2, 4);
    double[][] dy = data(6, 2, 5);
    INDArray in = floats(x);
    BatchNormHelper helper = new BatchNormHelper();
    INDArray y = helper.preOutput(in, true, in.shape(), null, null, null, null, 0.9, EPS,
        CNN2DFormat.NCHW, NONE);
    INDArray dx = helper.backpropGradient(in, floats(dy), in.shape(), null, null,
        Nd4j.zeros(DataType.FLOAT, 1, 2), Nd4j.zeros(DataType.FLOAT, 1, 2), EPS,
        CNN2DFormat.NCHW, NONE).getSecond();
    assertUnitGammaNormalisation(x, dy, y, dx);
  }

  @Test
  void statisticsOfAnotherLayoutAreNotReused() {
    // forward on 3 channels, backward on 2: the cached statistics do not fit and are recomputed
    BatchNormHelper helper = new BatchNormHelper();
    INDArray three = floats(data(4, 3, 6));
    helper.preOutput(three, true, three.shape(), null, null, null, null, 0.9, EPS,
        CNN2DFormat.NCHW, NONE);
    double[][] x = data(5, 2, 7);
    double[][] dy = data(5, 2, 8);
    INDArray in = floats(x);
    INDArray dx = helper.backpropGradient(in, floats(dy), in.shape(), null, null,
        Nd4j.zeros(DataType.FLOAT, 1, 2), Nd4j.zeros(DataType.FLOAT, 1, 2), EPS,
        CNN2DFormat.NCHW, NONE).getSecond();
    assertUnitGammaNormalisation(x, dy, null, dx);
  }

  /**
   * Batch normalisation with gamma 1 and beta 0, channel by channel from the batch's own mean and
   * variance: the output y (when given) is x-hat and dx is (dy - mean(dy) - x-hat mean(dy x-hat))
   * / std.
   */
  private static void assertUnitGammaNormalisation(double[][] x, double[][] dy, INDArray y,
      INDArray dx) {
    int n = x.length;
    for (int c = 0; c < x[0].length; c++) {
      double mu = mean(x, c);
      double std = Math.sqrt(variance(x, c) + EPS);
      double sumDy = 0;
      double sumDyXhat = 0;
      for (int r = 0; r < n; r++) {
        sumDy += dy[r][c];
        sumDyXhat += dy[r][c] * (x[r][c] - mu) / std;
      }
      for (int r = 0; r < n; r++) {
        double xhat = (x[r][c] - mu) / std;
        if (y != null) {
          assertEquals(xhat, y.getDouble(r, c), 1e-5);
        }
        assertEquals((dy[r][c] - sumDy / n - xhat * sumDyXhat / n) / std, dx.getDouble(r, c), 1e-4);
      }
    }
  }

  @Test
  void otherLayoutsAndPrecisionsAreLeftToDl4j() {
    BatchNormHelper helper = new BatchNormHelper();
    assertTrue(helper.checkSupported());
    assertTrue(helper.checkSupported(1e-5, true));
    assertTrue(helper.helperMemoryUse().isEmpty());
    INDArray doubles = Nd4j.rand(DataType.DOUBLE, 4, 3);
    assertNull(helper.preOutput(doubles, true, doubles.shape(), null, null, null, null, 0.9, EPS,
        CNN2DFormat.NCHW, NONE));
    INDArray nhwc = Nd4j.rand(DataType.FLOAT, 2, 3, 3, 2);
    assertNull(helper.preOutput(nhwc, true, nhwc.shape(), null, null, null, null, 0.9, EPS,
        CNN2DFormat.NHWC, NONE));
    INDArray rank3 = Nd4j.rand(DataType.FLOAT, 2, 3, 4);
    assertNull(helper.preOutput(rank3, true, rank3.shape(), null, null, null, null, 0.9, EPS,
        CNN2DFormat.NCHW, NONE));
    INDArray floats = Nd4j.rand(DataType.FLOAT, 4, 3);
    assertNull(helper.backpropGradient(floats, Nd4j.rand(DataType.DOUBLE, 4, 3), floats.shape(),
        null, null, Nd4j.zeros(DataType.FLOAT, 1, 3), Nd4j.zeros(DataType.FLOAT, 1, 3), EPS,
        CNN2DFormat.NCHW, NONE));
    assertNull(helper.backpropGradient(doubles, Nd4j.rand(DataType.DOUBLE, 4, 3), doubles.shape(),
        null, null, Nd4j.zeros(DataType.FLOAT, 1, 3), Nd4j.zeros(DataType.FLOAT, 1, 3), EPS,
        CNN2DFormat.NCHW, NONE));
    // channels first images are its own
    INDArray nchw = Nd4j.rand(DataType.FLOAT, 2, 3, 2, 2);
    assertTrue(helper.preOutput(nchw, true, nchw.shape(), null, null, null, null, 0.9, EPS,
        CNN2DFormat.NCHW, NONE) != null);
  }
}
