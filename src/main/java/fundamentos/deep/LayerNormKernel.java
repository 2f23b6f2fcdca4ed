package fundamentos.deep;

/**
 * Layer normalisation of rows (Ba, Kiros and Hinton 2016) forward and backward on arrays, for the
 * hand-written layers ({@link EncoderBlockKernel}, {@link SequencePoolingLayer}); the SameDiff
 * form is {@link LayerNormalization#standardise}.
 *
 * <p>A row's sums are chains of dependent double-precision additions, so one row at a time runs at
 * the latency of an addition per value. Four rows at a time run four independent chains side by
 * side: each row's sums still add the same terms in the same order (and the parameter gradients
 * take the rows in ascending order), so the results are the same floats as one row at a time
 * ({@link #forwardRow}, {@link #backwardRow}, which also take the rows left over).
 */
final class LayerNormKernel {

  private LayerNormKernel() {
  }

  /** y = gain * (x - mean) / sqrt(var + eps) + bias per row; keeps x^ and 1/s. */
  static void forward(float[] in, int rows, int d, float epsilon, float[] gain, float[] bias,
      float[] out, float[] hat, float[] inverse) {
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int a0 = r * d;
      int a1 = a0 + d;
      int a2 = a1 + d;
      int a3 = a2 + d;
      double m0 = 0;
      double m1 = 0;
      double m2 = 0;
      double m3 = 0;
      for (int j = 0; j < d; j++) {
        m0 += in[a0 + j];
        m1 += in[a1 + j];
        m2 += in[a2 + j];
        m3 += in[a3 + j];
      }
      m0 /= d;
      m1 /= d;
      m2 /= d;
      m3 /= d;
      double v0 = 0;
      double v1 = 0;
      double v2 = 0;
      double v3 = 0;
      for (int j = 0; j < d; j++) {
        double c0 = in[a0 + j] - m0;
        double c1 = in[a1 + j] - m1;
        double c2 = in[a2 + j] - m2;
        double c3 = in[a3 + j] - m3;
        v0 += c0 * c0;
        v1 += c1 * c1;
        v2 += c2 * c2;
        v3 += c3 * c3;
      }
      normalise(in, r, d, m0, v0 / d, epsilon, gain, bias, out, hat, inverse);
      normalise(in, r + 1, d, m1, v1 / d, epsilon, gain, bias, out, hat, inverse);
      normalise(in, r + 2, d, m2, v2 / d, epsilon, gain, bias, out, hat, inverse);
      normalise(in, r + 3, d, m3, v3 / d, epsilon, gain, bias, out, hat, inverse);
    }
    for (; r < rows; r++) {
      forwardRow(in, r, d, epsilon, gain, bias, out, hat, inverse);
    }
  }

  /** {@link #forward} of row r alone. */
  static void forwardRow(float[] in, int r, int d, float epsilon, float[] gain, float[] bias,
      float[] out, float[] hat, float[] inverse) {
    int at = r * d;
    double mean = 0;
    for (int j = 0; j < d; j++) {
      mean += in[at + j];
    }
    mean /= d;
    double var = 0;
    for (int j = 0; j < d; j++) {
      double c = in[at + j] - mean;
      var += c * c;
    }
    var /= d;
    normalise(in, r, d, mean, var, epsilon, gain, bias, out, hat, inverse);
  }

  private static void normalise(float[] in, int r, int d, double mean, double var, float epsilon,
      float[] gain, float[] bias, float[] out, float[] hat, float[] inverse) {
    int at = r * d;
    float inv = (float) (1 / Math.sqrt(var + epsilon));
    inverse[r] = inv;
    for (int j = 0; j < d; j++) {
      float xh = (float) ((in[at + j] - mean) * inv);
      hat[at + j] = xh;
      out[at + j] = gain[j] * xh + bias[j];
    }
  }

  /**
   * Adds the gradient with respect to the norm's input to {@code dIn}, and accumulates dgain,
   * dbias: dx = (g dy - mean(g dy) - x^ mean(g dy x^)) / s.
   */
  static void backward(int rows, int d, float[] dy, float[] gain, float[] hat, float[] inverse,
      float[] dGain, float[] dBias, float[] dIn) {
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int a0 = r * d;
      int a1 = a0 + d;
      int a2 = a1 + d;
      int a3 = a2 + d;
      double g0 = 0;
      double g1 = 0;
      double g2 = 0;
      double g3 = 0;
      double x0 = 0;
      double x1 = 0;
      double x2 = 0;
      double x3 = 0;
      for (int j = 0; j < d; j++) {
        float gdy0 = gain[j] * dy[a0 + j];
        float gdy1 = gain[j] * dy[a1 + j];
        float gdy2 = gain[j] * dy[a2 + j];
        float gdy3 = gain[j] * dy[a3 + j];
        g0 += gdy0;
        g1 += gdy1;
        g2 += gdy2;
        g3 += gdy3;
        x0 += gdy0 * hat[a0 + j];
        x1 += gdy1 * hat[a1 + j];
        x2 += gdy2 * hat[a2 + j];
        x3 += gdy3 * hat[a3 + j];
      }
      // the parameter gradients: the rows in ascending order, as one row at a time adds them
      for (int j = 0; j < d; j++) {
        dGain[j] = dGain[j] + dy[a0 + j] * hat[a0 + j] + dy[a1 + j] * hat[a1 + j]
            + dy[a2 + j] * hat[a2 + j] + dy[a3 + j] * hat[a3 + j];
        dBias[j] = dBias[j] + dy[a0 + j] + dy[a1 + j] + dy[a2 + j] + dy[a3 + j];
      }
      inputGradient(r, d, dy, gain, hat, inverse, g0 / d, x0 / d, dIn);
      inputGradient(r + 1, d, dy, gain, hat, inverse, g1 / d, x1 / d, dIn);
      inputGradient(r + 2, d, dy, gain, hat, inverse, g2 / d, x2 / d, dIn);
      inputGradient(r + 3, d, dy, gain, hat, inverse, g3 / d, x3 / d, dIn);
    }
    for (; r < rows; r++) {
      backwardRow(r, d, dy, gain, hat, inverse, dGain, dBias, dIn);
    }
  }

  /** {@link #backward} of row r alone. */
  static void backwardRow(int r, int d, float[] dy, float[] gain, float[] hat, float[] inverse,
      float[] dGain, float[] dBias, float[] dIn) {
    int at = r * d;
    double meanG = 0;
    double meanGx = 0;
    for (int j = 0; j < d; j++) {
      float gdy = gain[j] * dy[at + j];
      meanG += gdy;
      meanGx += gdy * hat[at + j];
      dGain[j] += dy[at + j] * hat[at + j];
      dBias[j] += dy[at + j];
    }
    inputGradient(r, d, dy, gain, hat, inverse, meanG / d, meanGx / d, dIn);
  }

  private static void inputGradient(int r, int d, float[] dy, float[] gain, float[] hat,
      float[] inverse, double meanG, double meanGx, float[] dIn) {
    int at = r * d;
    for (int j = 0; j < d; j++) {
      dIn[at + j] += (float) ((gain[j] * dy[at + j] - meanG - hat[at + j] * meanGx)
          * inverse[r]);
    }
  }
}
