package fundamentos.umap;

import fundamentos.neighbours.KnnGraph;
import fundamentos.parallel.Blocks;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * A fitted UMAP: the training embedding (frozen) and what {@link #transform} needs to place new
 * points as umap-learn's {@code transform} does: the fuzzy memberships of a new point to its k
 * nearest training points (local connectivity lowered by one: rho = 0 by default), a start at
 * their membership-weighted mean,
 * then SGD epochs at a quarter of the learning rate that move only the new point, attracted along
 * its edges and repelled from training points drawn at random.
 *
 * <p>Each new point is placed on its own, with a random stream seeded by the seed and the point's
 * neighbours, so a point gets the same coordinates alone or in any batch, in any order and with any
 * thread count, and transforming never changes the training embedding. The stream's seed is a
 * deterministic function of the model's seed and the point's neighbour list (indices and
 * distances); which function is left open, beyond that different model seeds give different
 * streams.
 *
 * <p>A new point's edges of membership at least 1 / transformEpochs are kept (umap-learn drops
 * those under max / epochs, with 1 standing for the maximum); an edge exactly at that floor is
 * first due at epoch transformEpochs, after the last, so it never moves the point.
 */
public final class UmapModel implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] embedding;
  private final int n;
  private final int dim;
  private final MembershipCurve curve;
  private final int neighbours;
  private final double repulsionStrength;
  private final double negativeSampleRate;
  private final double learningRate;
  private final int transformEpochs;
  private final double localConnectivity;
  private final long seed;
  private final FitReport report;

  UmapModel(double[] embedding, int n, int dim, MembershipCurve curve, int neighbours,
      double repulsionStrength, double negativeSampleRate, double learningRate,
      int transformEpochs, double localConnectivity, long seed, FitReport report) {
    this.embedding = embedding;
    this.n = n;
    this.dim = dim;
    this.curve = curve;
    this.neighbours = neighbours;
    this.repulsionStrength = repulsionStrength;
    this.negativeSampleRate = negativeSampleRate;
    this.learningRate = learningRate;
    this.transformEpochs = transformEpochs;
    this.localConnectivity = localConnectivity;
    this.seed = seed;
    this.report = report;
  }

  /** What happened during the fit. */
  public record FitReport(int components, Initialisation initialisation, boolean spectralFellBack,
      int edges, int epochs) implements Serializable {
  }

  public int trainingSize() {
    return n;
  }

  public int dimension() {
    return dim;
  }

  public MembershipCurve curve() {
    return curve;
  }

  public int neighbours() {
    return neighbours;
  }

  public int transformEpochs() {
    return transformEpochs;
  }

  public FitReport report() {
    return report;
  }

  /** The embedding of training point i (a copy). */
  public double[] embeddingOf(int i) {
    double[] y = new double[dim];
    System.arraycopy(embedding, i * dim, y, 0, dim);
    return y;
  }

  /** The training embedding, n x dim (a copy). */
  public double[][] embedding() {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = embeddingOf(i);
    }
    return rows;
  }

  /**
   * Places new points given their nearest training points.
   *
   * @param knn for each new point, its k nearest training points (indices into the training set)
   */
  public double[][] transform(KnnGraph knn, int threads) {
    int m = knn.size();
    double[][] out = new double[m][];
    if (m == 0) {
      return out;
    }
    double k = knn.k();
    // umap-learn lowers the local connectivity by one for new points (0 by default: rho = 0)
    SmoothKnnDistances local = SmoothKnnDistances.of(knn, k, Math.max(0, localConnectivity - 1));
    double[][] w = FuzzySimplicialSet.memberships(knn, local, true);
    LayoutOptimizer optimizer = new LayoutOptimizer(curve, repulsionStrength, negativeSampleRate);
    Blocks.run(m, 64, threads, (b, from, to) -> {
      for (int q = from; q < to; q++) {
        out[q] = place(knn.indices(q), knn.distances(q), w[q], optimizer);
      }
    });
    return out;
  }

  private double[] place(int[] idx, double[] dist, double[] w, LayoutOptimizer optimizer) {
    double[] y = new double[dim];
    double total = 0;
    int exact = -1;
    for (int s = 0; s < idx.length; s++) {
      if (w[s] == 1 && dist[s] == 0) {
        exact = idx[s];
        break;
      }
      total += w[s];
    }
    if (exact >= 0 || total == 0) {
      // a training point itself (or no usable membership): start on the nearest one
      System.arraycopy(embedding, (exact >= 0 ? exact : idx[0]) * dim, y, 0, dim);
    } else {
      for (int s = 0; s < idx.length; s++) {
        for (int d = 0; d < dim; d++) {
          y[d] += w[s] / total * embedding[idx[s] * dim + d];
        }
      }
    }
    // edges weaker than max / epochs are never sampled (umap-learn drops them); the strongest
    // possible membership, 1, stands for the batch maximum so that a point's edges do not depend on
    // the other points of its batch
    double floor = 1.0 / transformEpochs;
    int kept = 0;
    for (double v : w) {
      if (v >= floor) {
        kept++;
      }
    }
    int[] head = new int[kept];
    int[] tail = new int[kept];
    double[] perSample = new double[kept];
    long hash = seed;
    int e = 0;
    for (int s = 0; s < idx.length; s++) {
      hash = hash * 0x9E3779B97F4A7C15L + idx[s] * 31L + Double.doubleToLongBits(dist[s]);
      if (w[s] >= floor) {
        tail[e] = idx[s];
        perSample[e++] = 1.0 / w[s];
      }
    }
    optimizer.optimize(y, embedding, dim, head, tail, perSample, n, transformEpochs,
        learningRate / 4, false, new SplittableRandom(hash));
    return y;
  }
}
