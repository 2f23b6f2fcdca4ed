package fundamentos.umap;

import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryEstimate;
import fundamentos.neighbours.KnnGraph;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Uniform Manifold Approximation and Projection (McInnes, Healy and Melville 2018; course Sect.
 * 5.2), configured with umap-learn's defaults (this object is the parameters) and fitted in
 * umap-learn's steps:
 *
 * <ol>
 *   <li>the k-neighbour graph ({@link NeighbourSpace}, umap-learn's nearest_neighbors);</li>
 *   <li>the fuzzy simplicial set of the graph ({@link FuzzySimplicialSet}, Eqs. 5.12-5.14),
 *   intersected with the class in supervised mode;</li>
 *   <li>a start layout ({@link Initialisation}), scaled to [0, 10] in every coordinate;</li>
 *   <li>the cross-entropy layout ({@link LayoutOptimizer}, Eqs. 5.15-5.16);</li>
 *   <li>new points placed in the frozen embedding ({@link FittedUmap#transform}, {@link
 *   UmapModel#transform}).</li>
 * </ol>
 *
 * <p>The same seed gives the same embedding whatever the thread count: random choices come from
 * streams tied to (seed, epoch, vertex), not to threads (umap-learn runs single-threaded when
 * seeded, and unreproducibly in parallel otherwise).
 */
public final class Umap {

  private int neighbours = 15;
  private double minDist = 0.1;
  private double spread = 1.0;
  private int components = 2;
  private int epochs = 0;
  private double learningRate = 1.0;
  private double negativeSampleRate = 5;
  private double repulsionStrength = 1.0;
  private double setOpMixRatio = 1.0;
  private double localConnectivity = 1.0;
  private double targetWeight = 0.5;
  private Initialisation initialisation = Initialisation.SPECTRAL;
  private long seed = 1;
  private int threads = 1;

  /**
   * What fitting n points of d values with k neighbours into c components allocates, before it
   * does, all on the heap (measured in doc/memory.md): the points as floats, 4 n d; the
   * neighbour graph (an int and a double per edge, 12 n k) about four times over (NN-descent's
   * heaps and candidates, the search graph kept for transform); the symmetrised fuzzy set, up to
   * 2 n k edges of 16 bytes, twice (coordinate and compressed form); the layout's per-edge
   * sampling state, 2 n k doubles three times; and the embedding, 8 n c three times.
   */
  public static MemoryEstimate memory(long n, long d, long k, long c) {
    long edges = MemoryBudget.times(n, k);
    long heap = MemoryBudget.plus(MemoryBudget.times(4, n, d),
        MemoryBudget.times(4, 12, edges), MemoryBudget.times(2, 2, 16, edges),
        MemoryBudget.times(3, 2, 8, edges), MemoryBudget.times(3, 8, n, c));
    return new MemoryEstimate(heap, 0);
  }

  public Umap neighbours(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("n_neighbors must be at least 1, not " + k);
    }
    neighbours = k;
    return this;
  }

  public Umap minDist(double value) {
    minDist = value;
    return this;
  }

  public Umap spread(double value) {
    spread = value;
    return this;
  }

  public Umap components(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("n_components must be at least 1, not " + value);
    }
    components = value;
    return this;
  }

  /** Training epochs; 0 or less: 500 up to 10,000 points, else 200. */
  public Umap epochs(int value) {
    epochs = value;
    return this;
  }

  public Umap learningRate(double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException("learning rate must be > 0, not " + value);
    }
    learningRate = value;
    return this;
  }

  public Umap negativeSampleRate(double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException("negative sample rate must be > 0, not " + value);
    }
    negativeSampleRate = value;
    return this;
  }

  public Umap repulsionStrength(double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException("repulsion strength must be >= 0, not " + value);
    }
    repulsionStrength = value;
    return this;
  }

  public Umap setOpMixRatio(double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("set_op_mix_ratio must be in [0, 1], not " + value);
    }
    setOpMixRatio = value;
    return this;
  }

  public Umap localConnectivity(double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException("local connectivity must be >= 0, not " + value);
    }
    localConnectivity = value;
    return this;
  }

  public Umap targetWeight(double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("target weight must be in [0, 1], not " + value);
    }
    targetWeight = value;
    return this;
  }

  public Umap initialisation(Initialisation value) {
    initialisation = value;
    return this;
  }

  public Umap seed(long value) {
    seed = value;
    return this;
  }

  /** Threads of the layout; the embedding does not depend on them. */
  public Umap threads(int value) {
    threads = Math.max(1, value);
    return this;
  }

  /** umap-learn's default epochs for n points. */
  public static int defaultEpochs(int n) {
    return n <= 10_000 ? 500 : 200;
  }

  /** umap-learn's transform epochs: 100 (30 above 10,000 training points), or a third of epochs. */
  public static int defaultTransformEpochs(int n, int epochs) {
    if (epochs > 0) {
      return Math.max(1, epochs / 3);
    }
    return n <= 10_000 ? 100 : 30;
  }

  /**
   * umap-learn's rule for small data: with n <= n_neighbors, n_neighbors becomes n - 1 (at least 1,
   * the point itself).
   */
  public static int neighboursUsed(int neighbours, int n) {
    return Math.max(1, Math.min(neighbours, n - 1));
  }

  /**
   * Fits UMAP on the points of a neighbour space, all steps: the k-neighbour graph (k lowered by
   * {@link #neighboursUsed} for small data), the fuzzy set, the start, the layout.
   *
   * @param space the training points
   * @param target nominal class per point (-1 unknown) for supervised UMAP, or null
   * @param scores the rows for the principal-component start and for placing the components of a
   *     disconnected graph (asked for only when needed); null for none (random start, random
   *     component anchors)
   * @return the model with its space, ready to transform new points of that space
   */
  public <Q> FittedUmap<Q> fit(NeighbourSpace<Q> space, int[] target, PrincipalScores scores) {
    int n = space.size();
    if (n == 0) {
      throw new IllegalArgumentException("UMAP needs at least one point");
    }
    int k = neighboursUsed(neighbours, n);
    KnnGraph knn = space.trainingGraph(k, seed, threads);
    Supplier<double[][]> start = scores == null ? null
        : () -> scores.leading(components, seed, threads);
    return new FittedUmap<>(fit(knn, k, target, start), space);
  }

  /**
   * Fits the embedding on a k-neighbour graph already found (steps 2 to 4).
   *
   * @param knn each point's k nearest neighbours, itself first (k = the neighbour count)
   * @param target nominal class per point (-1 unknown) for supervised UMAP, or null
   * @param principalComponents the data's first principal-component scores (n x components), asked
   *     for by PCA initialisation and to place the components of a disconnected graph; null when
   *     unavailable (random start, random component anchors)
   */
  public UmapModel fit(KnnGraph knn, int[] target, Supplier<double[][]> principalComponents) {
    return fit(knn, neighbours, target, principalComponents);
  }

  private UmapModel fit(KnnGraph knn, int k, int[] target,
      Supplier<double[][]> principalComponents) {
    int n = knn.size();
    if (n == 0) {
      throw new IllegalArgumentException("UMAP needs at least one point");
    }
    SparseGraph graph = FuzzySimplicialSet.of(knn, k, localConnectivity, setOpMixRatio);
    if (target != null) {
      graph = FuzzySimplicialSet.intersectWithTarget(graph, target, targetWeight);
    }
    int totalEpochs = epochs > 0 ? epochs : defaultEpochs(n);
    SplittableRandom random = new SplittableRandom(seed);
    int[] componentLabels = graph.components();
    int componentCount = 0;
    for (int l : componentLabels) {
      componentCount = Math.max(componentCount, l + 1);
    }
    double[][] start = null;
    boolean fellBack = false;
    Initialisation used = initialisation;
    if (initialisation == Initialisation.SPECTRAL) {
      if (componentCount == 1) {
        start = SpectralLayout.connected(graph, components);
      } else {
        double[][] scores = principalComponents == null ? null : principalComponents.get();
        start = SpectralLayout.multiComponent(graph, componentLabels, componentCount, components,
            scores, seed);
      }
      if (start == null) {
        // too few points for an eigenmap
        fellBack = true;
        used = Initialisation.RANDOM;
      }
    }
    if (used == Initialisation.PCA) {
      start = principalComponents == null ? null : principalComponents.get();
      if (start == null) {
        fellBack = true;
        used = Initialisation.RANDOM;
      }
    }
    double[] y = new double[n * components];
    if (used == Initialisation.RANDOM) {
      for (int i = 0; i < y.length; i++) {
        y[i] = random.nextDouble() * 20 - 10;
      }
    } else {
      noisyScale(start, y, random);
    }
    scaleToBox(y, n);
    // edges too weak to be sampled within the epochs are dropped (umap-learn does the same)
    double max = graph.maxValue();
    double floor = max / totalEpochs;
    SparseGraph kept = graph.mapEntries((i, j, v) -> v < floor ? 0 : v);
    int edges = kept.entries();
    double[] weights = new double[edges];
    for (int e = 0; e < edges; e++) {
      weights[e] = kept.value(e);
    }
    MembershipCurve curve = MembershipCurve.fit(minDist, spread);
    new LayoutOptimizer(curve, repulsionStrength, negativeSampleRate).fit(y, components, kept,
        LayoutOptimizer.epochsPerSample(weights, max), totalEpochs, learningRate, seed, threads);
    UmapModel.FitReport report = new UmapModel.FitReport(componentCount, used, fellBack, edges,
        totalEpochs);
    return new UmapModel(y, n, components, curve, k, repulsionStrength,
        negativeSampleRate, learningRate, defaultTransformEpochs(n, epochs), localConnectivity, seed, report);
  }

  /**
   * umap-learn's noisy_scale_coords: scale so the largest |coordinate| is 10, add N(0, 1e-4)
   * noise (which separates points that start on top of each other).
   */
  private void noisyScale(double[][] start, double[] y, SplittableRandom random) {
    double maxAbs = 0;
    for (double[] row : start) {
      for (double v : row) {
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
    }
    double expansion = maxAbs > 0 ? 10 / maxAbs : 1;
    for (int i = 0; i < start.length; i++) {
      for (int d = 0; d < components; d++) {
        double v = d < start[i].length ? start[i][d] : 0;
        y[i * components + d] = v * expansion + 1e-4 * gaussian(random);
      }
    }
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Every coordinate to [0, 10], as umap-learn's simplicial_set_embedding does before the SGD. */
  private void scaleToBox(double[] y, int n) {
    for (int d = 0; d < components; d++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        lo = Math.min(lo, y[i * components + d]);
        hi = Math.max(hi, y[i * components + d]);
      }
      double width = hi - lo;
      for (int i = 0; i < n; i++) {
        y[i * components + d] = width > 0 ? 10 * (y[i * components + d] - lo) / width : 5;
      }
    }
  }
}
