package fundamentos.umap;

import java.util.SplittableRandom;

/**
 * UMAP's layout: stochastic gradient descent on the fuzzy-set cross entropy between the graph's
 * memberships w_ij and the embedding's 1 / (1 + a d^(2b)) (course Eq. 5.15; McInnes et al. 2018,
 * Sect. 3.2), umap-learn's {@code optimize_layout_euclidean} step for step:
 *
 * <ul>
 *   <li>an edge is sampled once every max(w) / w_ij epochs; its attraction moves the head (and, when
 *   fitting, the tail) along the gradient -2ab d^(2(b-1)) / (1 + a d^(2b)) (y_i - y_j);</li>
 *   <li>each sample is followed by {@code negativeSampleRate} repulsions from uniformly drawn
 *   vertices, gradient 2 gamma b / ((0.001 + d^2)(1 + a d^(2b))) (y_i - y_j);</li>
 *   <li>every gradient coordinate is clipped to [-4, 4] and the learning rate falls linearly to 0.</li>
 * </ul>
 */
final class LayoutOptimizer {

  private final double a;
  private final double b;
  private final double gamma;
  private final double negativeSampleRate;

  LayoutOptimizer(MembershipCurve curve, double repulsionStrength, double negativeSampleRate) {
    this.a = curve.a();
    this.b = curve.b();
    this.gamma = repulsionStrength;
    this.negativeSampleRate = negativeSampleRate;
  }

  /** epochs_per_sample: max(w) / w for every edge (umap-learn's make_epochs_per_sample). */
  static double[] epochsPerSample(double[] weights, double maxWeight) {
    double[] e = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      e[i] = weights[i] > 0 ? maxWeight / weights[i] : -1;
    }
    return e;
  }

  /**
   * Runs the epochs over an edge list.
   *
   * @param headEmbedding row-major coordinates of the heads (moved)
   * @param tailEmbedding row-major coordinates of the tails; the same array when fitting
   * @param tailCount number of tail vertices, from which negative samples are drawn
   * @param moveOther whether attraction also moves the tail (fitting) or not (transforming)
   */
  void optimize(double[] headEmbedding, double[] tailEmbedding, int dim, int[] head, int[] tail,
      double[] epochsPerSample, int tailCount, int epochs, double initialAlpha, boolean moveOther,
      SplittableRandom random) {
    int edges = head.length;
    double[] nextSample = epochsPerSample.clone();
    double[] perNegative = new double[edges];
    for (int e = 0; e < edges; e++) {
      perNegative[e] = epochsPerSample[e] / negativeSampleRate;
    }
    double[] nextNegative = perNegative.clone();
    double alpha = initialAlpha;
    double[] delta = new double[dim];
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int e = 0; e < edges; e++) {
        if (epochsPerSample[e] <= 0 || nextSample[e] > epoch) {
          continue;
        }
        int j = head[e];
        int k = tail[e];
        int cj = j * dim;
        int ck = k * dim;
        double d2 = 0;
        for (int d = 0; d < dim; d++) {
          delta[d] = headEmbedding[cj + d] - tailEmbedding[ck + d];
          d2 += delta[d] * delta[d];
        }
        if (d2 > 0) {
          double powBMinus1 = Math.exp((b - 1) * Math.log(d2));
          double coefficient = -2 * a * b * powBMinus1 / (a * powBMinus1 * d2 + 1);
          for (int d = 0; d < dim; d++) {
            double g = clip(coefficient * delta[d]) * alpha;
            headEmbedding[cj + d] += g;
            if (moveOther) {
              tailEmbedding[ck + d] -= g;
            }
          }
        }
        nextSample[e] += epochsPerSample[e];
        int negatives = (int) ((epoch - nextNegative[e]) / perNegative[e]);
        for (int p = 0; p < negatives; p++) {
          int other = random.nextInt(tailCount);
          int co = other * dim;
          double r2 = 0;
          for (int d = 0; d < dim; d++) {
            delta[d] = headEmbedding[cj + d] - tailEmbedding[co + d];
            r2 += delta[d] * delta[d];
          }
          if (r2 > 0) {
            double coefficient = 2 * gamma * b
                / ((0.001 + r2) * (a * Math.exp(b * Math.log(r2)) + 1));
            for (int d = 0; d < dim; d++) {
              headEmbedding[cj + d] += clip(coefficient * delta[d]) * alpha;
            }
          } else if (j != other) {
            // coincident points: push apart by the clip bound, as umap-learn does
            for (int d = 0; d < dim; d++) {
              headEmbedding[cj + d] += 4 * alpha;
            }
          }
        }
        nextNegative[e] += negatives * perNegative[e];
      }
      alpha = initialAlpha * (1.0 - (double) epoch / epochs);
    }
  }

  private static double clip(double v) {
    return v > 4 ? 4 : (v < -4 ? -4 : v);
  }
}
