package fundamentos.pca;

import fundamentos.linalg.NativeBlas;
import fundamentos.linalg.NativeMatrix;
import fundamentos.linalg.RowSource;
import fundamentos.memory.MemoryBudget;
import fundamentos.memory.MemoryEstimate;

/**
 * The course's PCA (Algorithm 6, Eqs. 5.1-5.9), configured and ready to fit: centre (and
 * optionally standardise) the training rows, find the principal axes with the chosen solver, and
 * keep the leading components that explain a fraction of the variance, at most a maximum number.
 */
public final class PrincipalComponentAnalysis {

  private boolean standardise;
  private double varianceCovered = 0.95;
  private int maxComponents = -1;
  private PcaSolver solver = PcaSolver.AUTO;
  private long seed = 1;
  private int powerIterations = -1;
  private boolean whiten;
  private int threads = -1;

  /** Divide each column by its standard deviation first (PCA of the correlation matrix). */
  public PrincipalComponentAnalysis standardise(boolean value) {
    standardise = value;
    return this;
  }

  /** Keep the fewest leading components whose eigenvalues reach this fraction of the total. */
  public PrincipalComponentAnalysis varianceCovered(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("The variance covered must be in (0, 1], not " + fraction);
    }
    varianceCovered = fraction;
    return this;
  }

  /** Keep at most this many components (0 or less: no limit). */
  public PrincipalComponentAnalysis maxComponents(int k) {
    maxComponents = k;
    return this;
  }

  public PrincipalComponentAnalysis solver(PcaSolver value) {
    solver = value;
    return this;
  }

  /** Seed of the randomized solver's test matrix. */
  public PrincipalComponentAnalysis seed(long value) {
    seed = value;
    return this;
  }

  /** Power iterations of the randomized solver (negative: automatic). */
  public PrincipalComponentAnalysis powerIterations(int q) {
    powerIterations = q;
    return this;
  }

  /** Divide each score by the square root of its eigenvalue, so that components have unit variance. */
  public PrincipalComponentAnalysis whiten(boolean value) {
    whiten = value;
    return this;
  }

  /**
   * OpenBLAS threads for the fit (restored afterwards): 0 one per core; negative (the default)
   * leaves OpenBLAS's setting as it is. The solvers' products run in native BLAS, whose thread
   * count is process-wide ({@link NativeBlas#withThreads}).
   */
  public PrincipalComponentAnalysis threads(int value) {
    threads = value;
    return this;
  }

  /**
   * Starts loading the native BLAS every solver uses, in the background (once per JVM,
   * {@link NativeBlas#startLoading}): a caller that has other work to do before {@link #fit} (a
   * Weka filter reading its input) calls this first, and a fresh JVM's first fit waits less.
   */
  public void startLoadingNatives() {
    NativeBlas.startLoading(threads);
  }

  /**
   * Fits the principal components.
   *
   * @param rows the training rows (numeric, finite)
   * @param weights instance weights, or null for unit weights
   */
  public PcaModel fit(RowSource rows, double[] weights) {
    return fit(rows, weights, null);
  }

  /**
   * Fits the principal components, given values close to the column means (which a caller that
   * has already scanned the data knows): they shift the one-pass covariance computation.
   *
   * @param approximateMean near the weighted column means, or null
   */
  public PcaModel fit(RowSource rows, double[] weights, double[] approximateMean) {
    return threads < 0 ? fitHere(rows, weights, approximateMean)
        : NativeBlas.withThreads(threads, () -> fitHere(rows, weights, approximateMean));
  }

  private PcaModel fitHere(RowSource rows, double[] weights, double[] approximateMean) {
    if (rows.rows() == 0) {
      throw new IllegalArgumentException("PCA needs at least one training row");
    }
    if (rows.columns() == 0) {
      throw new IllegalArgumentException("PCA needs at least one attribute to decompose");
    }
    DataMatrix a = new DataMatrix(rows, weights, standardise, approximateMean);
    int n = a.rows();
    int d = a.columns();
    boolean byVariance = varianceCovered < 1;
    PcaSolver used = solverFor(n, d);
    Spectrum spectrum;
    if (used == PcaSolver.COVARIANCE) {
      double[] gram = a.gramUpper();
      spectrum = new CovarianceEigenSolver().solve(gram, d, Math.min(cap(a), d));
    } else {
      try (NativeMatrix matrix = a.materialise()) {
        int cap = cap(a);
        if (used == PcaSolver.FULL_SVD) {
          spectrum = new FullSvdSolver().solve(matrix, cap);
        } else {
          boolean capKnown = cap < rank(a) || !byVariance;
          spectrum = randomized(matrix, cap, capKnown, a.totalVariance());
        }
      }
    }
    int keep = Math.min(spectrum.axes().length,
        componentsToKeep(spectrum.eigenvalues(), a.totalVariance(), byVariance));
    return new PcaModel(a, spectrum, keep, whiten);
  }

  /**
   * Fits the principal components from the mean and covariance of rows gathered elsewhere (the
   * parts of a distributed data set merged pairwise): the covariance eigendecomposition, the same
   * constant-column and standardisation rules and the same choice of components as a fit of the
   * rows themselves by the covariance solver, whatever solver is configured. Data of extreme
   * magnitude (beyond 2^+-200) is not rescaled here: a covariance that overflows is refused.
   *
   * @param moments the rows' weighted mean and co-moments (at least one row of positive weight)
   */
  public PcaModel fit(CovarianceAccumulator moments) {
    return threads < 0 ? fitMoments(moments)
        : NativeBlas.withThreads(threads, () -> fitMoments(moments));
  }

  private PcaModel fitMoments(CovarianceAccumulator moments) {
    if (!(moments.weight() > 0)) {
      throw new IllegalArgumentException("The rows' weights sum to " + moments.weight()
          + ": PCA needs at least one row with positive weight");
    }
    int d = moments.columns();
    double[] mean = moments.mean();
    double[] upper = moments.covarianceUpper();
    for (int i = 0; i < upper.length; i++) {
      if (!Double.isFinite(upper[i])) {
        throw new IllegalArgumentException("The covariance of columns " + (i / d + 1) + " and "
            + (i % d + 1) + " is " + upper[i] + ": values this large overflow; rescale them first");
      }
    }
    double[][] finished = DataMatrix.finishCovariance(upper, d, mean, standardise);
    double total = 0;
    for (double v : finished[1]) {
      total += v;
    }
    int cap = cap(rank(moments.rows(), finished[1]));
    Spectrum spectrum = new CovarianceEigenSolver().solve(upper, d, Math.min(cap, d));
    int keep = Math.min(spectrum.axes().length,
        componentsToKeep(spectrum.eigenvalues(), total, varianceCovered < 1));
    return new PcaModel(mean, finished[0], total, moments.rows(), spectrum, keep, whiten);
  }

  /** The solver a fit of n rows and d columns uses (AUTO resolved by the shape and the settings). */
  public PcaSolver solverFor(int n, int d) {
    if (solver != PcaSolver.AUTO) {
      return solver;
    }
    int wanted = maxComponents > 0 ? Math.min(maxComponents, Math.min(n, d)) : Math.min(n, d);
    return PcaSolver.choose(n, d, wanted < Math.min(n, d) || varianceCovered >= 1 ? wanted : -1);
  }

  /**
   * What a fit of n rows and d columns allocates, before it does (doubles; k the components
   * computed, at most min(n, d), or -M; measured in doc/memory.md):
   *
   * <ul>
   *   <li>covariance: the d x d matrix on the heap and in native memory, LAPACK's eigenvectors
   *       (d x k) and workspace, about 2 d^2 on each side;</li>
   *   <li>full SVD: the n x d matrix in native memory, overwritten, and LAPACK's singular vectors
   *       and workspace, about 2 n d + 4 min(n, d)^2;</li>
   *   <li>randomized: the n x d matrix, the n x l and d x l sketches (l = k + 10), 3 of them in
   *       native memory and 2 d l on the heap;</li>
   * </ul>
   *
   * plus on the heap the model's k x d components and column statistics, and the n x k output
   * twice (the transformed rows and the Weka instances made of them).
   */
  public MemoryEstimate memory(long n, long d) {
    PcaSolver used = solverFor((int) Math.min(n, Integer.MAX_VALUE),
        (int) Math.min(d, Integer.MAX_VALUE));
    long small = Math.min(n, d);
    long k = maxComponents > 0 ? Math.min(maxComponents, small) : small;
    long eight = Double.BYTES;
    long model = MemoryBudget.plus(MemoryBudget.times(MemoryBudget.plus(k, 4), d, eight),
        MemoryBudget.times(2, n, k, eight));
    MemoryEstimate solve = switch (used) {
      case COVARIANCE -> new MemoryEstimate(MemoryBudget.times(2, d, d, eight),
          MemoryBudget.times(2, d, d, eight));
      case FULL_SVD -> new MemoryEstimate(0, MemoryBudget.plus(MemoryBudget.times(2, n, d, eight),
          MemoryBudget.times(4, small, small, eight)));
      default -> {
        long l = Math.min(small, k + RandomizedSvdSolver.OVERSAMPLING);
        yield new MemoryEstimate(MemoryBudget.times(2, d, l, eight), MemoryBudget.plus(
            MemoryBudget.times(n, d, eight), MemoryBudget.times(2, n, l, eight),
            MemoryBudget.times(d, l, eight)));
      }
    };
    return solve.plus(new MemoryEstimate(model, 0));
  }

  /**
   * At most min(n, number of varying columns) components: directions of constant columns carry no
   * variance (Weka's PrincipalComponents removes such columns), and n centred rows span at most n
   * dimensions.
   */
  private static int rank(DataMatrix a) {
    return rank(a.rows(), a.columnVariance());
  }

  private static int rank(long rows, double[] columnVariance) {
    int varying = 0;
    for (double variance : columnVariance) {
      varying += variance > 0 ? 1 : 0;
    }
    return (int) Math.max(1, Math.min(rows, varying));
  }

  /** The number of components to compute: the rank, capped by the maximum asked for. */
  private int cap(DataMatrix a) {
    return cap(rank(a));
  }

  private int cap(int rank) {
    return maxComponents > 0 ? Math.min(maxComponents, rank) : rank;
  }

  /**
   * The randomized solver for a known number of components, or (when a variance fraction decides)
   * with a doubling number of components until the computed ones explain enough variance: the
   * total variance trace(C) is known without any decomposition.
   */
  private Spectrum randomized(NativeMatrix a, int cap, boolean capKnown, double total) {
    RandomizedSvdSolver randomized = new RandomizedSvdSolver(seed, powerIterations);
    if (capKnown) {
      return randomized.solve(a, cap);
    }
    int wanted = Math.min(cap, 32);
    while (true) {
      Spectrum spectrum = randomized.solve(a, wanted);
      double explained = 0;
      for (double lambda : spectrum.eigenvalues()) {
        explained += lambda;
      }
      if (wanted >= cap || total == 0 || explained >= varianceCovered * total) {
        return spectrum;
      }
      wanted = Math.min(cap, 2 * wanted);
    }
  }

  /**
   * The fewest leading components whose eigenvalues sum to at least the variance fraction of the
   * total (as Weka's PrincipalComponents), all computed ones otherwise; at least one.
   */
  private int componentsToKeep(double[] eigenvalues, double total, boolean byVariance) {
    if (!byVariance || total <= 0) {
      return total <= 0 ? 1 : eigenvalues.length;
    }
    double cumulative = 0;
    for (int i = 0; i < eigenvalues.length; i++) {
      cumulative += eigenvalues[i];
      if (cumulative / total >= varianceCovered) {
        return i + 1;
      }
    }
    return eigenvalues.length;
  }
}
