package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fundamentos.nd4j.Nd4jRuntime;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written single-precision kernels on arrays: matrix products on hand cases, layer
 * normalisation from its equation, GELU from its formula, and the encoder block's forward pass
 * against the equations computed here in double precision, its backward pass against finite
 * differences of that computation (with padding and dropout).
 */
class KernelTest {

  private static final int N = 2;
  private static final int T = 3;
  private static final int D = 4;
  private static final int H = 2;
  private static final int HID = 5;
  private static final double EPS = (float) 1e-5;

  @BeforeAll
  static void start() {
    Nd4jRuntime.setThreads(1);
  }

  @Test
  void matrixProductsOnAHandCase() {
    float[] a = {1, 2, 3, 4, 5, 6}; // 2 x 3
    float[] b = {1, -1, 2, 0, 0.5f, 3}; // 3 x 2
    float[] c = new float[4];
    LayerProducts.multiply(a, 2, 3, false, b, 3, 2, false, c);
    assertArrayEquals(new float[] {6.5f, 8, 17, 14}, c, 1e-5f);
    // a^T (3 x 2) times b^T (2 x 3)
    float[] c2 = new float[9];
    LayerProducts.multiply(a, 2, 3, true, b, 3, 2, true, c2);
    assertArrayEquals(new float[] {-3, 2, 12.5f, -3, 4, 16, -3, 6, 19.5f}, c2, 1e-5f);
    // a^T (3 x 2) times d (2 x 2)
    float[] d = {1, 2, 3, 4};
    float[] c3 = new float[6];
    LayerProducts.multiply(a, 2, 3, true, d, 2, 2, false, c3);
    assertArrayEquals(new float[] {13, 18, 17, 24, 21, 30}, c3, 1e-5f);
    // a (2 x 3) times e^T, e 2 x 3
    float[] e = {1, 0, 1, 0, 1, 0};
    float[] c4 = new float[4];
    LayerProducts.multiply(a, 2, 3, false, e, 2, 3, true, c4);
    assertArrayEquals(new float[] {4, 2, 10, 5}, c4, 1e-5f);
  }

  @Test
  void affineMapsAndGradientsAccumulate() {
    float[] a = {1, 2, 3, 4, 5, 6}; // 2 x 3
    float[] w = {1, -1, 2, 0, 0.5f, 3}; // 3 x 2
    float[] out = {100, 100, 100, 100};
    LayerProducts.affine(a, 2, 3, w, 2, new float[] {1, -2}, out);
    assertArrayEquals(new float[] {7.5f, 6, 18, 12}, out, 1e-5f);
    // dW += a^T dOut, db += column sums of dOut, dOut = [[1, 2], [3, 4]]
    float[] dOut = {1, 2, 3, 4};
    float[] dW = {1, 1, 1, 1, 1, 1};
    float[] db = {1, 1};
    LayerProducts.weightGradient(a, 2, 3, dOut, 2, dW, db);
    assertArrayEquals(new float[] {14, 19, 18, 25, 22, 31}, dW, 1e-5f);
    assertArrayEquals(new float[] {5, 7}, db, 1e-6f);
    // acc += dOut W^T with W 3 x 2
    float[] acc = {1, 1, 1, 1, 1, 1};
    LayerProducts.multiplyAdd(dOut, 2, 2, w, 3, acc);
    assertArrayEquals(new float[] {0, 3, 7.5f, 0, 7, 14.5f}, acc, 1e-5f);
  }

  @Test
  void layerNormForwardFollowsItsEquation() {
    float[] in = {1, 2, 6, 0, 0, 3};
    float[] gain = {1, 2, -1};
    float[] bias = {0, 1, 0.5f};
    float eps = 0.01f;
    float[] out = new float[6];
    float[] hat = new float[6];
    float[] inverse = new float[2];
    LayerNormKernel.forward(in, 2, 3, eps, gain, bias, out, hat, inverse);
    // row 0: mean 3, variance 14/3; row 1: mean 1, variance 2
    double[] mean = {3, 1};
    double[] variance = {14.0 / 3, 2};
    for (int r = 0; r < 2; r++) {
      double inv = 1 / Math.sqrt(variance[r] + eps);
      assertEquals(inv, inverse[r], 1e-6, "1/s of row " + r);
      for (int j = 0; j < 3; j++) {
        double xhat = (in[r * 3 + j] - mean[r]) * inv;
        assertEquals(xhat, hat[r * 3 + j], 1e-6);
        assertEquals(gain[j] * xhat + bias[j], out[r * 3 + j], 1e-6);
      }
    }
  }

  /**
   * Rows four at a time give the same floats as one row at a time (whose equations the other
   * layer-norm cases check): outputs, x^, 1/s, input gradients and the accumulated parameter
   * gradients, with rows left over after the groups of four.
   */
  @Test
  void layerNormFourRowsAtATimeGiveTheSameFloats() {
    int rows = 11;
    int d = 7;
    Random random = new Random(21);
    float[] in = new float[rows * d];
    float[] dy = new float[rows * d];
    for (int i = 0; i < in.length; i++) {
      in[i] = (float) (3 * random.nextGaussian() + 1);
      dy[i] = (float) random.nextGaussian();
    }
    float[] gain = new float[d];
    float[] bias = new float[d];
    for (int j = 0; j < d; j++) {
      gain[j] = (float) (1 + 0.3 * random.nextGaussian());
      bias[j] = (float) random.nextGaussian();
    }
    float[][] out = new float[2][rows * d];
    float[][] hat = new float[2][rows * d];
    float[][] inverse = new float[2][rows];
    float[][] dIn = new float[2][rows * d];
    float[][] dGain = new float[2][d];
    float[][] dBias = new float[2][d];
    for (int run = 0; run < 2; run++) {
      java.util.Arrays.fill(dIn[run], 0.25f);
      java.util.Arrays.fill(dGain[run], 0.5f);
      java.util.Arrays.fill(dBias[run], -0.5f);
    }
    LayerNormKernel.forward(in, rows, d, (float) EPS, gain, bias, out[0], hat[0], inverse[0]);
    LayerNormKernel.backward(rows, d, dy, gain, hat[0], inverse[0], dGain[0], dBias[0], dIn[0]);
    for (int r = 0; r < rows; r++) {
      LayerNormKernel.forwardRow(in, r, d, (float) EPS, gain, bias, out[1], hat[1], inverse[1]);
    }
    for (int r = 0; r < rows; r++) {
      LayerNormKernel.backwardRow(r, d, dy, gain, hat[1], inverse[1], dGain[1], dBias[1], dIn[1]);
    }
    assertArrayEquals(out[1], out[0], "outputs");
    assertArrayEquals(hat[1], hat[0], "x^");
    assertArrayEquals(inverse[1], inverse[0], "1/s");
    assertArrayEquals(dIn[1], dIn[0], "input gradients");
    assertArrayEquals(dGain[1], dGain[0], "gain gradients");
    assertArrayEquals(dBias[1], dBias[0], "bias gradients");
  }

  @Test
  void layerNormBackwardMatchesFiniteDifferencesAndAccumulates() {
    float[] in = {1, 2, 6, 0, 0, 3, -1, 0.5f};
    int rows = 2;
    int d = 4;
    float[] gain = {1, 2, -1, 0.5f};
    float[] bias = {0, 1, 0.5f, -0.2f};
    float[] dy = {0.3f, -1, 0.7f, 2, -0.4f, 0.1f, 1.5f, -0.6f};
    float[] out = new float[8];
    float[] hat = new float[8];
    float[] inverse = new float[2];
    LayerNormKernel.forward(in, rows, d, (float) EPS, gain, bias, out, hat, inverse);
    float[] dGain = {0.5f, 0.5f, 0.5f, 0.5f};
    float[] dBias = {0.5f, 0.5f, 0.5f, 0.5f};
    float[] dIn = new float[8];
    java.util.Arrays.fill(dIn, 0.25f);
    LayerNormKernel.backward(rows, d, dy, gain, hat, inverse, dGain, dBias, dIn);
    double[] x = toDouble(in);
    double[] g = toDouble(gain);
    double[] b = toDouble(bias);
    double[] w = toDouble(dy);
    double h = 1e-6;
    for (int i = 0; i < x.length; i++) {
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] += h;
      minus[i] -= h;
      double numeric = (dot(w, layerNorm(plus, d, g, b)) - dot(w, layerNorm(minus, d, g, b))) / (2 * h);
      assertEquals(0.25 + numeric, dIn[i], 1e-4 + 1e-4 * Math.abs(numeric), "input " + i);
    }
    for (int j = 0; j < d; j++) {
      double[] plus = g.clone();
      double[] minus = g.clone();
      plus[j] += h;
      minus[j] -= h;
      double numeric = (dot(w, layerNorm(x, d, plus, b)) - dot(w, layerNorm(x, d, minus, b))) / (2 * h);
      assertEquals(0.5 + numeric, dGain[j], 1e-4, "gain " + j);
      assertEquals(0.5 + w[j] + w[d + j], dBias[j], 1e-5, "bias " + j);
    }
  }

  @Test
  void geluIsTheTanhApproximation() {
    for (double x : new double[] {-3, -1, -0.5, 0, 0.3, 1, 2.5}) {
      assertEquals(gelu(x), EncoderBlockKernel.gelu((float) x), 1e-6, "gelu(" + x + ")");
      double numeric = (gelu(x + 1e-6) - gelu(x - 1e-6)) / 2e-6;
      assertEquals(numeric, EncoderBlockKernel.geluDerivative((float) x), 1e-5, "gelu'(" + x + ")");
    }
  }

  private static double gelu(double x) {
    return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
  }

  // ----- the encoder block -----

  /** The sizes of the block's parameters, in the order of EncoderBlockKernel.Parameters. */
  private static final int[] SIZES = {D * D, D, D * D, D, D * D, D, D * D, D, D * HID, HID,
      HID * D, D, D, D, D, D};

  private static double[][] parameters(long seed) {
    Random random = new Random(seed);
    double[][] p = new double[SIZES.length][];
    for (int a = 0; a < p.length; a++) {
      p[a] = new double[SIZES[a]];
      boolean gain = a == 12 || a == 14;
      boolean matrix = a < 12 && a % 2 == 0;
      for (int i = 0; i < p[a].length; i++) {
        // rounded to single precision, so that both computations use the same values
        p[a][i] = (float) (gain ? 1 + 0.2 * random.nextGaussian()
            : random.nextGaussian() * (matrix ? 0.6 : 0.2));
      }
    }
    return p;
  }

  private static EncoderBlockKernel.Parameters floats(double[][] p) {
    float[][] f = new float[p.length][];
    for (int a = 0; a < p.length; a++) {
      f[a] = new float[p[a].length];
      for (int i = 0; i < f[a].length; i++) {
        f[a][i] = (float) p[a][i];
      }
    }
    return new EncoderBlockKernel.Parameters(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8],
        f[9], f[10], f[11], f[12], f[13], f[14], f[15]);
  }

  private static float[][] arrays(EncoderBlockKernel.Parameters p) {
    return new float[][] {p.wq(), p.bq(), p.wk(), p.bk(), p.wv(), p.bv(), p.wo(), p.bo(), p.w1(),
        p.b1(), p.w2(), p.b2(), p.gain1(), p.bias1(), p.gain2(), p.bias2()};
  }

  private static EncoderBlockKernel.Parameters zeros() {
    double[][] z = new double[SIZES.length][];
    for (int a = 0; a < z.length; a++) {
      z[a] = new double[SIZES[a]];
    }
    return floats(z);
  }

  /** Token rows [n T, d] of Gaussian values, rounded to single precision. */
  private static double[] input(int n, long seed) {
    Random random = new Random(seed);
    double[] x = new double[n * T * D];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }

  /**
   * The block (course Eqs. 3.50-3.52) on token rows, in double precision: attention among the
   * real tokens of each sequence (a padded query gets no attention output), the sublayer outputs
   * multiplied by the given dropout masks (null: none).
   */
  private static double[] block(double[] x, float[] mask, double[][] p, boolean preNorm,
      boolean gelu, double[] attentionMask, double[] mlpMask) {
    if (preNorm) {
      double[] a = times(attention(layerNorm(x, D, p[12], p[13]), mask, p), attentionMask);
      double[] z = add(x, a);
      double[] f = times(mlp(layerNorm(z, D, p[14], p[15]), p, gelu), mlpMask);
      return add(z, f);
    }
    double[] a = times(attention(x, mask, p), attentionMask);
    double[] z = layerNorm(add(x, a), D, p[12], p[13]);
    double[] f = times(mlp(z, p, gelu), mlpMask);
    return layerNorm(add(z, f), D, p[14], p[15]);
  }

  private static double[] attention(double[] x, float[] mask, double[][] p) {
    int rows = x.length / D;
    int n = rows / T;
    int dk = D / H;
    double[] q = affine(x, D, p[0], D, p[1]);
    double[] k = affine(x, D, p[2], D, p[3]);
    double[] v = affine(x, D, p[4], D, p[5]);
    double[] o = new double[rows * D];
    for (int e = 0; e < n; e++) {
      for (int h = 0; h < H; h++) {
        for (int i = 0; i < T; i++) {
          if (mask != null && mask[e * T + i] == 0) {
            continue;
          }
          double[] s = new double[T];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < T; j++) {
            if (mask != null && mask[e * T + j] == 0) {
              s[j] = Double.NEGATIVE_INFINITY;
              continue;
            }
            double dot = 0;
            for (int c = 0; c < dk; c++) {
              dot += q[(e * T + i) * D + h * dk + c] * k[(e * T + j) * D + h * dk + c];
            }
            s[j] = dot / Math.sqrt(dk);
            max = Math.max(max, s[j]);
          }
          double sum = 0;
          for (int j = 0; j < T; j++) {
            s[j] = Math.exp(s[j] - max);
            sum += s[j];
          }
          for (int j = 0; j < T; j++) {
            for (int c = 0; c < dk; c++) {
              o[(e * T + i) * D + h * dk + c] += s[j] / sum * v[(e * T + j) * D + h * dk + c];
            }
          }
        }
      }
    }
    return affine(o, D, p[6], D, p[7]);
  }

  private static double[] mlp(double[] x, double[][] p, boolean gelu) {
    double[] hidden = affine(x, D, p[8], HID, p[9]);
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = gelu ? gelu(hidden[i]) : Math.max(0, hidden[i]);
    }
    return affine(hidden, HID, p[10], D, p[11]);
  }

  private static double[] layerNorm(double[] x, int d, double[] gain, double[] bias) {
    double[] y = new double[x.length];
    for (int r = 0; r < x.length / d; r++) {
      double mean = 0;
      for (int j = 0; j < d; j++) {
        mean += x[r * d + j] / d;
      }
      double variance = 0;
      for (int j = 0; j < d; j++) {
        variance += (x[r * d + j] - mean) * (x[r * d + j] - mean) / d;
      }
      for (int j = 0; j < d; j++) {
        y[r * d + j] = gain[j] * (x[r * d + j] - mean) / Math.sqrt(variance + EPS) + bias[j];
      }
    }
    return y;
  }

  private static double[] affine(double[] x, int in, double[] w, int out, double[] b) {
    int rows = x.length / in;
    double[] y = new double[rows * out];
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < out; o++) {
        double s = b[o];
        for (int i = 0; i < in; i++) {
          s += x[r * in + i] * w[i * out + o];
        }
        y[r * out + o] = s;
      }
    }
    return y;
  }

  private static double[] add(double[] a, double[] b) {
    double[] y = new double[a.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = a[i] + b[i];
    }
    return y;
  }

  private static double[] times(double[] a, double[] mask) {
    if (mask == null) {
      return a;
    }
    double[] y = new double[a.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = a[i] * mask[i];
    }
    return y;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[] toDouble(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = values[i];
    }
    return d;
  }

  private static float[] toFloat(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  private static Dropout none() {
    return Dropout.of(0, new SplittableRandom(1), false);
  }

  /** The second sequence's last token is padding. */
  private static final float[] MASK = {1, 1, 1, 1, 1, 0};

  @Test
  void blockForwardFollowsTheEquationsWithPadding() {
    for (boolean preNorm : new boolean[] {false, true}) {
      for (boolean gelu : new boolean[] {false, true}) {
        String what = (preNorm ? "pre" : "post") + "-norm, " + (gelu ? "GELU" : "ReLU");
        double[][] p = parameters(3);
        EncoderBlockKernel kernel = new EncoderBlockKernel(D, H, HID, T, preNorm, gelu, 1e-5);
        double[] x = input(N, 4);
        float[] y = kernel.forward(toFloat(x), MASK, floats(p), none());
        double[] expected = block(x, MASK, p, preNorm, gelu, null, null);
        for (int r = 0; r < N * T; r++) {
          if (MASK[r] == 0) {
            continue; // a padded token's own output reaches nothing real
          }
          for (int j = 0; j < D; j++) {
            assertEquals(expected[r * D + j], y[r * D + j], 1e-4, what + ": row " + r + " value " + j);
          }
        }
        // no mask: every token is real; one sequence: the kernel's buffers change size, twice
        for (int n : new int[] {1, 2}) {
          double[] x1 = input(n, 10 + n);
          float[] y1 = kernel.forward(toFloat(x1), null, floats(p), none());
          double[] e1 = block(x1, null, p, preNorm, gelu, null, null);
          for (int i = 0; i < e1.length; i++) {
            assertEquals(e1[i], y1[i], 1e-4, what + ", no mask, " + n + " sequences: value " + i);
          }
        }
      }
    }
  }

  @Test
  void blockBackwardMatchesFiniteDifferences() {
    for (boolean preNorm : new boolean[] {false, true}) {
      for (boolean gelu : new boolean[] {false, true}) {
        checkGradients(preNorm, gelu, 0);
      }
    }
  }

  @Test
  void blockBackwardWithDropoutMatchesFiniteDifferences() {
    checkGradients(false, true, 0.3);
    checkGradients(true, false, 0.3);
  }

  /** No padding: the attention runs interleaved (InterleavedAttention), checked on its own. */
  @Test
  void blockBackwardWithoutPaddingMatchesFiniteDifferences() {
    checkGradients(false, true, 0, NO_PADDING);
    checkGradients(true, false, 0.3, NO_PADDING);
  }

  private static final float[] NO_PADDING = {1, 1, 1, 1, 1, 1};

  /**
   * Without padding the attention runs with the heads and examples interleaved: the same floats,
   * outputs and every gradient, as the loops over one example and head at a time, for no mask
   * and an all-real mask, with dropout, and for a block whose size changes between passes.
   */
  @Test
  void interleavedAttentionGivesTheSameFloats() {
    int d = 8;
    int heads = 2;
    int hidden = 6;
    int length = 5;
    for (boolean preNorm : new boolean[] {false, true}) {
      for (boolean gelu : new boolean[] {false, true}) {
        EncoderBlockKernel interleaved = new EncoderBlockKernel(d, heads, hidden, length,
            preNorm, gelu, 1e-5);
        EncoderBlockKernel plain = new EncoderBlockKernel(d, heads, hidden, length, preNorm,
            gelu, 1e-5);
        plain.setInterleaved(false);
        for (int n : new int[] {3, 1, 4}) {
          String what = (preNorm ? "pre" : "post") + "-norm, " + (gelu ? "GELU" : "ReLU") + ", "
              + n + " sequences";
          float[] mask = n == 4 ? new float[n * length] : null;
          if (mask != null) {
            java.util.Arrays.fill(mask, 1f);
          }
          Random random = new Random(n);
          float[][] y = new float[2][];
          float[][] dx = new float[2][];
          float[][][] grads = new float[2][][];
          int[] sizes = {d * d, d, d * d, d, d * d, d, d * d, d, d * hidden, hidden, hidden * d,
              d, d, d, d, d};
          float[][] p = new float[sizes.length][];
          for (int a = 0; a < p.length; a++) {
            p[a] = new float[sizes[a]];
            for (int i = 0; i < p[a].length; i++) {
              p[a][i] = (float) ((a == 12 || a == 14 ? 1 : 0) + 0.5 * random.nextGaussian());
            }
          }
          EncoderBlockKernel.Parameters params = new EncoderBlockKernel.Parameters(p[0], p[1],
              p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14],
              p[15]);
          float[] input = new float[n * length * d];
          float[] dy = new float[input.length];
          for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
            dy[i] = (float) random.nextGaussian();
          }
          for (int run = 0; run < 2; run++) {
            EncoderBlockKernel kernel = run == 0 ? interleaved : plain;
            Dropout dropout = Dropout.of(n == 3 ? 0.2 : 0, new SplittableRandom(n), n == 3);
            y[run] = kernel.forward(input.clone(), mask, params, dropout);
            EncoderBlockKernel.Parameters g = new EncoderBlockKernel.Parameters(
                new float[d * d], new float[d], new float[d * d], new float[d], new float[d * d],
                new float[d], new float[d * d], new float[d], new float[d * hidden],
                new float[hidden], new float[hidden * d], new float[d], new float[d],
                new float[d], new float[d], new float[d]);
            dx[run] = kernel.backward(dy.clone(), params, g);
            grads[run] = arrays(g);
          }
          assertArrayEquals(y[1], y[0], what + ": output");
          assertArrayEquals(dx[1], dx[0], what + ": input gradient");
          for (int a = 0; a < grads[0].length; a++) {
            assertArrayEquals(grads[1][a], grads[0][a], what + ": parameter gradient " + a);
          }
        }
      }
    }
  }

  /**
   * Kernel gradients of L = sum over real tokens of c . Y (c fixed, random) against central
   * differences of the double-precision block, for every input value and every parameter.
   */
  private static void checkGradients(boolean preNorm, boolean gelu, double rate) {
    checkGradients(preNorm, gelu, rate, MASK);
  }

  private static void checkGradients(boolean preNorm, boolean gelu, double rate, float[] mask) {
    String what = (preNorm ? "pre" : "post") + "-norm, " + (gelu ? "GELU" : "ReLU")
        + ", dropout " + rate + (mask == MASK ? "" : ", no padding");
    double[][] p = parameters(7);
    double[] x = input(N, 8);
    EncoderBlockKernel kernel = new EncoderBlockKernel(D, H, HID, T, preNorm, gelu, 1e-5);
    Dropout dropout = Dropout.of(rate, new SplittableRandom(5), rate > 0);
    kernel.forward(toFloat(x), mask, floats(p), dropout);
    // the masks the kernel drew: attention output first, then the MLP output, value by value
    double[] attentionMask = null;
    double[] mlpMask = null;
    if (rate > 0) {
      SplittableRandom draws = new SplittableRandom(5);
      float keep = (float) (1 / (1 - rate));
      attentionMask = new double[N * T * D];
      mlpMask = new double[N * T * D];
      for (int i = 0; i < attentionMask.length; i++) {
        attentionMask[i] = draws.nextDouble() < rate ? 0 : keep;
      }
      for (int i = 0; i < mlpMask.length; i++) {
        mlpMask[i] = draws.nextDouble() < rate ? 0 : keep;
      }
    }
    Random random = new Random(12);
    double[] c = new double[N * T * D];
    for (int i = 0; i < c.length; i++) {
      c[i] = mask[i / D] == 0 ? 0 : (float) random.nextGaussian();
    }
    EncoderBlockKernel.Parameters grads = zeros();
    float[] dx = kernel.backward(toFloat(c), floats(p), grads);
    double h = 1e-6;
    for (int i = 0; i < x.length; i++) {
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] += h;
      minus[i] -= h;
      double numeric = (dot(c, block(plus, mask, p, preNorm, gelu, attentionMask, mlpMask))
          - dot(c, block(minus, mask, p, preNorm, gelu, attentionMask, mlpMask))) / (2 * h);
      assertEquals(numeric, dx[i], 2e-4 + 2e-3 * Math.abs(numeric), what + ": input " + i);
    }
    float[][] analytic = arrays(grads);
    for (int a = 0; a < p.length; a++) {
      for (int i = 0; i < p[a].length; i++) {
        double original = p[a][i];
        p[a][i] = original + h;
        double plus = dot(c, block(x, mask, p, preNorm, gelu, attentionMask, mlpMask));
        p[a][i] = original - h;
        double minus = dot(c, block(x, mask, p, preNorm, gelu, attentionMask, mlpMask));
        p[a][i] = original;
        double numeric = (plus - minus) / (2 * h);
        assertEquals(numeric, analytic[a][i], 2e-4 + 2e-3 * Math.abs(numeric),
            what + ": parameter array " + a + ", value " + i);
      }
    }
  }
}
