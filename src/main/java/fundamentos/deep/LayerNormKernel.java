package fundamentos.deep;

/**
 * Layer normalisation of rows (Ba, Kiros and Hinton 2016) forward and backward on arrays, for the
 * hand-written layers ({@link EncoderBlockKernel}, {@link SequencePoolingLayer}); the SameDiff
 * form is {@link LayerNormalization#standardise}.
 */
final class LayerNormKernel {

  private LayerNormKernel() {
  }

  /** y = gain * (x - mean) / sqrt(var + eps) + bias per row; keeps x^ and 1/s. */
  static void forward(float[] in, int rows, int d, float epsilon, float[] gain, float[] bias,
      float[] out, float[] hat, float[] inverse) {
    for (int r = 0; r < rows; r++) {
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
      float inv = (float) (1 / Math.sqrt(var + epsilon));
      inverse[r] = inv;
      for (int j = 0; j < d; j++) {
        float xh = (float) ((in[at + j] - mean) * inv);
        hat[at + j] = xh;
        out[at + j] = gain[j] * xh + bias[j];
      }
    }
  }

  /**
   * Adds the gradient with respect to the norm's input to {@code dIn}, and accumulates dgain,
   * dbias: dx = (g dy - mean(g dy) - x^ mean(g dy x^)) / s.
   */
  static void backward(int rows, int d, float[] dy, float[] gain, float[] hat, float[] inverse,
      float[] dGain, float[] dBias, float[] dIn) {
    for (int r = 0; r < rows; r++) {
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
      meanG /= d;
      meanGx /= d;
      for (int j = 0; j < d; j++) {
        dIn[at + j] += (float) ((gain[j] * dy[at + j] - meanG - hat[at + j] * meanGx)
            * inverse[r]);
      }
    }
  }
}
