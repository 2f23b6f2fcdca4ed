package fundamentos.deep;

import fundamentos.nd4j.Nd4jRuntime;
import fundamentos.nd4j.Tensors;
import fundamentos.parallel.Blocks;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation (Ioffe and Szegedy 2015, course section 3.5) of DL4J's BatchNormalization
 * layer on channels-first images or dense rows, one channel at a time:
 *
 * <pre>
 *   forward:  mu = mean(x), var = mean((x - mu)^2) over the batch (and positions),
 *             xhat = (x - mu) / sqrt(var + eps),  y = gamma xhat + beta
 *   backward: dbeta = sum(dy), dgamma = sum(dy xhat),
 *             dx = gamma / sqrt(var + eps) (dy - dbeta / M - xhat dgamma / M)
 * </pre>
 * where M is the number of values of a channel (batch size x height x width).
 *
 * <p>Why a helper of its own: DL4J 1.0.0-M2.1's batch normalisation, built in or through oneDNN,
 * took a third of a training step of the course's convnet (separate reductions for the mean and
 * variance, then the op, then element-wise backward ops). Here a channel's values are copied once
 * into a small array (one channel of a 64-image batch of 28x28 maps is 200 KB, cache sized), every
 * pass runs over that array, and channels run in parallel. Each channel is summed in a fixed order
 * in double precision, so results do not depend on the thread count.
 */
public final class BatchNormHelper implements BatchNormalizationHelper {

  private INDArray meanCache;
  private INDArray varCache;

  @Override
  public boolean checkSupported(double eps, boolean fixedGammaBeta) {
    return true;
  }

  @Override
  public boolean checkSupported() {
    return true;
  }

  @Override
  public Map<String, Long> helperMemoryUse() {
    return Collections.emptyMap();
  }

  @Override
  public INDArray getMeanCache(DataType dataType) {
    return meanCache;
  }

  @Override
  public INDArray getVarCache(DataType dataType) {
    return varCache;
  }

  @Override
  public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma,
      INDArray beta, INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
      LayerWorkspaceMgr workspaceMgr) {
    if (!supported(x, format)) {
      return null; // DL4J's own implementation
    }
    INDArray in = Tensors.contiguous(x);
    Channels layout = new Channels(in);
    float[] g = values(gamma, layout.channels, 1f);
    float[] b = values(beta, layout.channels, 0f);
    float[] mu = training ? new float[layout.channels] : mean.toFloatVector();
    float[] sigma2 = training ? new float[layout.channels] : var.toFloatVector();
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
        in.shape(), 'c');
    FloatBuffer source = Tensors.floats(in);
    FloatBuffer target = Tensors.floats(out);
    Blocks.run(layout.channels, 1, Nd4jRuntime.threads(), (c, from, to) -> {
      float[] values = layout.gather(source, c, Scratch.first(layout.perChannel()));
      if (training) {
        double[] moments = moments(values, layout.perChannel());
        mu[c] = (float) moments[0];
        sigma2[c] = (float) moments[1];
      }
      float scale = (float) (g[c] / Math.sqrt(sigma2[c] + eps));
      float shift = b[c] - mu[c] * scale;
      for (int i = 0; i < layout.perChannel(); i++) {
        values[i] = values[i] * scale + shift;
      }
      layout.scatter(values, c, target);
    });
    if (training) {
      // the batch statistics DL4J folds into its running mean and variance after backprop
      try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
        meanCache = Nd4j.createFromArray(mu);
        varCache = Nd4j.createFromArray(sigma2);
      }
    }
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape,
      INDArray gamma, INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps,
      CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
    if (!supported(input, format) || epsilon.dataType() != DataType.FLOAT) {
      return null;
    }
    INDArray in = Tensors.contiguous(input);
    INDArray dOut = Tensors.contiguous(epsilon);
    Channels layout = new Channels(in);
    float[] g = values(gamma, layout.channels, 1f);
    float[] dGamma = new float[layout.channels];
    float[] dBeta = new float[layout.channels];
    INDArray dIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
        in.shape(), 'c');
    FloatBuffer x = Tensors.floats(in);
    FloatBuffer dy = Tensors.floats(dOut);
    FloatBuffer dx = Tensors.floats(dIn);
    int m = layout.perChannel();
    // the batch statistics of the training forward pass DL4J ran on this input just before
    // backprop; computed again when there was none
    float[] means = meanCache != null && meanCache.length() == layout.channels
        ? meanCache.toFloatVector() : null;
    float[] variances = means != null ? varCache.toFloatVector() : null;
    Blocks.run(layout.channels, 1, Nd4jRuntime.threads(), (c, from, to) -> {
      float[] xs = layout.gather(x, c, Scratch.first(m));
      float[] dys = layout.gather(dy, c, Scratch.second(m));
      double[] moments = means != null ? new double[] {means[c], variances[c]} : moments(xs, m);
      double mu = moments[0];
      double invStd = 1 / Math.sqrt(moments[1] + eps);
      double sumDy = 0;
      double sumDyXhat = 0;
      for (int i = 0; i < m; i++) {
        sumDy += dys[i];
        sumDyXhat += dys[i] * ((xs[i] - mu) * invStd);
      }
      dBeta[c] = (float) sumDy;
      dGamma[c] = (float) sumDyXhat;
      float a = (float) (g[c] * invStd);
      float meanDy = (float) (sumDy / m);
      float meanDyXhat = (float) (sumDyXhat / m);
      float muF = (float) mu;
      float invStdF = (float) invStd;
      for (int i = 0; i < m; i++) {
        float xhat = (xs[i] - muF) * invStdF;
        xs[i] = a * (dys[i] - meanDy - xhat * meanDyXhat);
      }
      layout.scatter(xs, c, dx);
    });
    dGammaView.assign(Nd4j.createFromArray(dGamma).reshape(dGammaView.shape()));
    dBetaView.assign(Nd4j.createFromArray(dBeta).reshape(dBetaView.shape()));
    Gradient gradient = new DefaultGradient();
    gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
    gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
    return new Pair<>(gradient, dIn);
  }

  /** Channels-first (or rank-2) single-precision input; DL4J's code handles anything else. */
  private static boolean supported(INDArray x, CNN2DFormat format) {
    return x.dataType() == DataType.FLOAT
        && (x.rank() == 2 || (x.rank() == 4 && format != CNN2DFormat.NHWC));
  }

  /**
   * Mean and (biased) variance, two passes in double precision; four partial sums per pass let the
   * processor overlap the additions (the order is fixed, so the result is too).
   */
  private static double[] moments(float[] values, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += values[i];
      s1 += values[i + 1];
      s2 += values[i + 2];
      s3 += values[i + 3];
    }
    for (; i < n; i++) {
      s0 += values[i];
    }
    double mean = (s0 + s1 + s2 + s3) / n;
    s0 = 0;
    s1 = 0;
    s2 = 0;
    s3 = 0;
    for (i = 0; i + 3 < n; i += 4) {
      double d0 = values[i] - mean;
      double d1 = values[i + 1] - mean;
      double d2 = values[i + 2] - mean;
      double d3 = values[i + 3] - mean;
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < n; i++) {
      double d = values[i] - mean;
      s0 += d * d;
    }
    return new double[] {mean, (s0 + s1 + s2 + s3) / n};
  }

  private static float[] values(INDArray parameter, int n, float absent) {
    if (parameter == null) {
      float[] constant = new float[n];
      java.util.Arrays.fill(constant, absent);
      return constant;
    }
    return parameter.toFloatVector();
  }

  /**
   * Where a channel's values lie in a row-major [batch, channels, positions] array: one run of
   * {@code positions} values per example.
   */
  private static final class Channels {
    final int batch;
    final int channels;
    final int positions;

    Channels(INDArray x) {
      batch = (int) x.size(0);
      channels = (int) x.size(1);
      positions = (int) (x.length() / ((long) batch * channels));
    }

    int perChannel() {
      return batch * positions;
    }

    float[] gather(FloatBuffer from, int channel, float[] into) {
      for (int n = 0; n < batch; n++) {
        from.get((n * channels + channel) * positions, into, n * positions, positions);
      }
      return into;
    }

    void scatter(float[] values, int channel, FloatBuffer to) {
      for (int n = 0; n < batch; n++) {
        to.put((n * channels + channel) * positions, values, n * positions, positions);
      }
    }
  }

  /** Per-thread working arrays, reused across calls. */
  private static final class Scratch {
    private static final ThreadLocal<float[][]> ARRAYS =
        ThreadLocal.withInitial(() -> new float[2][0]);

    static float[] first(int n) {
      return get(0, n);
    }

    static float[] second(int n) {
      return get(1, n);
    }

    private static float[] get(int which, int n) {
      float[][] arrays = ARRAYS.get();
      if (arrays[which].length < n) {
        arrays[which] = new float[n];
      }
      return arrays[which];
    }
  }
}
