package fundamentos.manifold;

import fundamentos.parallel.Blocks;
import fundamentos.progress.Cancellation;
import java.util.SplittableRandom;

/**
 * Gradient descent on KL(P || Q) with Barnes-Hut forces (van der Maaten 2014, Sect. 4): the
 * gradient of t-SNE,
 *
 * <pre>
 *   dC/dy_i = 4 sum_{j != i} (p_ij - q_ij) w_ij (y_i - y_j) = 4 (F_attr,i - F_rep,i),
 *   F_attr,i = sum_j p_ij w_ij (y_i - y_j),   F_rep,i = (1 / Z) sum_j w_ij^2 (y_i - y_j),
 * </pre>
 *
 * with w_ij = (1 + ||y_i - y_j||^2)^-1 and Z = sum_{k != l} w_kl, split as the paper splits it:
 * the attractive part over the sparse P only (O(un)), the repulsive part and Z by the
 * {@link SpaceTree} (O(n log n)). The optimisation is the exact engine's (Smile's, and scikit-learn's
 * for both methods): a start drawn from N(0, 1e-4) per coordinate, early exaggeration (P times 12)
 * and momentum 0.5 for the first 250 iterations, momentum 0.8 after, and per-coordinate gains
 * (Jacobs 1988: +0.2 where the gradient's sign differs from the last step's, times 0.8 elsewhere,
 * at least 0.01): step = momentum step - eta gain gradient.
 *
 * <p>Threads: each point's forces are computed whole by one thread in a fixed order, and Z is
 * summed block by block in block order ({@link Blocks}), so the embedding is the same on any
 * number of threads.
 */
final class BarnesHutOptimizer {

  static final double EXAGGERATION = 12;
  static final int EXAGGERATION_ITERATIONS = 250;
  static final double START_MOMENTUM = 0.5;
  static final double FINAL_MOMENTUM = 0.8;
  static final double MIN_GAIN = 0.01;
  /** Standard deviation of the random start (Smile's and scikit-learn's). */
  static final double START_SPREAD = 1e-4;
  /** Points per block of the parallel loops (the blocks fix the summation order of Z). */
  private static final int BLOCK = 256;

  private final SparseAffinities p;
  private final int n;
  private final int d;
  private final double theta;
  private final int threads;
  /** The repulsive sums of the last gradient, n d values. */
  private final double[] repulsion;

  BarnesHutOptimizer(SparseAffinities p, int d, double theta, int threads) {
    this.p = p;
    this.n = p.size();
    this.d = d;
    this.theta = theta;
    this.threads = threads;
    this.repulsion = new double[n * d];
  }

  /** The random start: N(0, 1e-4^2) per coordinate, row by row from the seed. */
  static double[] start(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] y = new double[n * d];
    for (int k = 0; k < y.length; k++) {
      y[k] = START_SPREAD * random.nextGaussian();
    }
    return y;
  }

  /**
   * Runs the iterations on y (n d values, row by row), in place.
   *
   * @return KL(P || Q) in bits at the final coordinates (Z by the same tree)
   */
  double optimise(double[] y, int iterations, double learningRate) {
    double[] gradient = new double[n * d];
    double[] step = new double[n * d];
    double[] gains = new double[n * d];
    java.util.Arrays.fill(gains, 1);
    for (int t = 0; t < iterations; t++) {
      Cancellation.check();
      boolean early = t < EXAGGERATION_ITERATIONS;
      gradient(y, early ? EXAGGERATION : 1, gradient);
      double momentum = early ? START_MOMENTUM : FINAL_MOMENTUM;
      for (int k = 0; k < y.length; k++) {
        double g = gradient[k];
        // Smile's (and van der Maaten's bhtsne) comparison of signs: a zero step (the first
        // iteration) differs from any gradient, so every gain starts with +0.2
        gains[k] = Math.signum(g) != Math.signum(step[k]) ? gains[k] + 0.2 : gains[k] * 0.8;
        if (gains[k] < MIN_GAIN) {
          gains[k] = MIN_GAIN;
        }
        step[k] = momentum * step[k] - learningRate * gains[k] * g;
        y[k] += step[k];
      }
    }
    centre(y);
    return klDivergence(y);
  }

  /**
   * The gradient 4 (exaggeration F_attr - F_rep) of every point (see the class comment).
   *
   * @return Z, the normaliser the repulsion used
   */
  double gradient(double[] y, double exaggeration, double[] gradient) {
    SpaceTree tree = new SpaceTree(y, d);
    double[] zBlocks = new double[Blocks.count(n, BLOCK)];
    double[] rep = repulsion;
    Blocks.run(n, BLOCK, threads, (b, from, to) -> {
      double[] force = new double[d];
      int[] stack = new int[tree.stackSize()];
      double z = 0;
      for (int i = from; i < to; i++) {
        z += tree.repulsion(i, theta, force, stack);
        System.arraycopy(force, 0, rep, i * d, d);
        attraction(y, i, force);
        for (int c = 0; c < d; c++) {
          gradient[i * d + c] = force[c];
        }
      }
      zBlocks[b] = z;
    });
    double z = 0;
    for (double part : zBlocks) {
      z += part;
    }
    double inverse = 1 / z;
    for (int k = 0; k < gradient.length; k++) {
      gradient[k] = 4 * (exaggeration * gradient[k] - rep[k] * inverse);
    }
    return z;
  }

  /** F_attr,i = sum_j p_ij w_ij (y_i - y_j) over row i of P. */
  private void attraction(double[] y, int i, double[] force) {
    java.util.Arrays.fill(force, 0);
    for (int e = p.rowStart(i); e < p.rowStart(i + 1); e++) {
      int j = p.column(e);
      double dist2 = 0;
      for (int c = 0; c < d; c++) {
        double diff = y[i * d + c] - y[j * d + c];
        dist2 += diff * diff;
      }
      double pw = p.value(e) / (1 + dist2);
      for (int c = 0; c < d; c++) {
        force[c] += pw * (y[i * d + c] - y[j * d + c]);
      }
    }
  }

  /**
   * KL(P || Q) = sum_ij p_ij log2(p_ij / q_ij) over the stored p_ij, q_ij = w_ij / Z with Z from
   * the tree (as scikit-learn's Barnes-Hut reports it).
   */
  double klDivergence(double[] y) {
    double z = gradient(y, 1, new double[n * d]);
    double[] blocks = new double[Blocks.count(n, BLOCK)];
    Blocks.run(n, BLOCK, threads, (b, from, to) -> {
      double sum = 0;
      for (int i = from; i < to; i++) {
        for (int e = p.rowStart(i); e < p.rowStart(i + 1); e++) {
          double pij = p.value(e);
          if (pij <= 0) {
            continue;
          }
          int j = p.column(e);
          double dist2 = 0;
          for (int c = 0; c < d; c++) {
            double diff = y[i * d + c] - y[j * d + c];
            dist2 += diff * diff;
          }
          double q = Math.max(1 / (1 + dist2) / z, Double.MIN_NORMAL);
          sum += pij * Math.log(pij / q);
        }
      }
      blocks[b] = sum;
    });
    double kl = 0;
    for (double part : blocks) {
      kl += part;
    }
    return kl / Math.log(2);
  }

  private void centre(double[] y) {
    for (int c = 0; c < d; c++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += y[i * d + c];
      }
      mean /= n;
      for (int i = 0; i < n; i++) {
        y[i * d + c] -= mean;
      }
    }
  }
}
