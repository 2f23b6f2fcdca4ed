package fundamentos.cluster;

import fundamentos.neighbours.ExternalDistance;
import fundamentos.neighbours.IndexChoice;
import fundamentos.neighbours.MetricSpace;
import fundamentos.neighbours.NeighbourSearch;

/**
 * DBSCAN fitted with an index chosen from the data, and the rule that labels unseen points: the
 * engine behind a clusterer that is asked for eps (or none: the knee of the minPts-distance
 * curve, Ester et al. 1996, Section 4.2), minPts, a distance and perhaps an index. One call fits
 * ({@link #fit}); one labels a point ({@link #label}, the nearest core point within eps,
 * {@link NearestCoreRule}); one gives its density per cluster ({@link #logDensities}).
 */
public final class DbscanModel implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * At most this many k-distances (each against every point) are computed to choose eps when none
   * is given, and to suggest one when no cluster is found.
   */
  public static final int KNEE_QUERIES = 2000;

  private final int minPts;
  private final double epsilon;
  private final int kneeSample;
  private final IndexChoice.Kind index;
  private final int dimension;
  private final DbscanResult result;
  private final NearestCoreRule rule;
  /** Core points per cluster, the denominators of the density (computed once, not per query). */
  private final int[] coreSizes;
  /** Each cluster's share of the clustered points, once asked for ({@link #priors}). */
  private transient double[] priors;
  // what the k-distance plot of the training points needs, right after fitting only
  private final transient double[][] points;
  private final transient MetricSpace space;
  private final transient IndexChoice fitted;

  private DbscanModel(int minPts, double epsilon, int kneeSample, IndexChoice index,
      DbscanResult result, NearestCoreRule rule, double[][] points, MetricSpace space) {
    this.minPts = minPts;
    this.epsilon = epsilon;
    this.kneeSample = kneeSample;
    this.index = index.kind();
    this.dimension = index.dimension();
    this.result = result;
    this.rule = rule;
    this.points = points;
    this.space = space;
    this.fitted = index;
    coreSizes = new int[result.numClusters()];
    for (int i = 0; i < result.core().length; i++) {
      if (result.core()[i]) {
        coreSizes[result.labels()[i]]++;
      }
    }
  }

  /**
   * Clusters the points with the index chosen from n, d and the metric
   * ({@link IndexChoice#forRadius}; DBSCAN cell by cell, {@link GridDbscan}, on a grid).
   *
   * @param points the points: embedded in {@code space}, or the rows {@code external} searches
   * @param weights the weight of each point, or null for 1 each
   * @param epsilon the radius, a distance of the metric (not embedded); 0 chooses it at the knee
   * @param minPts the weight that makes a core point, at least 1
   * @param requested the index asked for, or {@link IndexChoice.Kind#AUTO}
   * @param space the metric space of the points, or null for an external distance
   * @param external brute-force searches with the distance when {@code space} is null
   * @throws IndexChoice.Refused when the index asked for cannot be built
   * @throws NoClusterFound when every point is noise
   */
  public static DbscanModel fit(double[][] points, double[] weights, double epsilon, int minPts,
      IndexChoice.Kind requested, MetricSpace space, ExternalDistance external) {
    IndexChoice.checkIndexable(requested, space);
    int kneeSample = 0;
    if (epsilon == 0) {
      // the neighbours are found before any index is built, since a grid's cells depend on eps
      double[] kDistances = sampledKDistances(points,
          space != null ? IndexChoice.forNearest(points, space) : external.overAll(), space,
          minPts);
      kneeSample = kDistances.length;
      epsilon = KDistance.epsilonAtKnee(kDistances);
    }
    IndexChoice index;
    DbscanResult result;
    NearestCoreRule rule;
    if (space != null) {
      double radius = space.embeddedRadius(epsilon);
      index = IndexChoice.forRadius(requested, points, space, radius);
      result = index.grid() != null
          ? new GridDbscan(radius, minPts).cluster(index.grid(), weights)
          : new Dbscan(epsilon, minPts).cluster(points, index.search(), weights, radius);
      // unseen points are searched for in the same index, among its core points
      rule = NearestCoreRule.overAllPoints(index.search(), result, radius);
    } else {
      int dimension = points.length == 0 ? 0 : points[0].length;
      index = IndexChoice.external(external.overAll(), dimension);
      result = new Dbscan(epsilon, minPts).cluster(points, index.search(), weights, epsilon);
      // the model keeps the core points only
      rule = NearestCoreRule.overCorePoints(
          external.overRows(NearestCoreRule.coreIndices(result)), result, epsilon);
    }
    if (result.numClusters() == 0) {
      throw noCluster(points, weights, epsilon, minPts, kneeSample, index, space);
    }
    return new DbscanModel(minPts, epsilon, kneeSample, index, result, rule, points, space);
  }

  /**
   * A model fitted elsewhere (the Spark DBSCAN job, partition by partition): the clustering of the
   * training points and the coordinates of its core points. Unseen points are labelled by the
   * nearest of these core points within eps, of equally near ones the first in data order, as the
   * model {@link #fit} builds labels them; it keeps the core points only, so it has no training
   * k-distances.
   *
   * @param result the clustering of the training points, in their order
   * @param corePoints the embedded coordinates of the result's core points, in increasing index
   *     order ({@link NearestCoreRule#coreIndices})
   * @param epsilon the radius the clustering was found with, a distance of the metric
   * @param minPts the weight that made a core point
   * @param requested the index the clustering ran on (the kind {@link #fit} would choose)
   * @param space the metric space of the points
   */
  public static DbscanModel ofCorePoints(DbscanResult result, double[][] corePoints,
      double epsilon, int minPts, IndexChoice.Kind requested, MetricSpace space) {
    if (corePoints.length != result.numCore()) {
      throw new IllegalArgumentException(corePoints.length + " core points given, but the "
          + "clustering has " + result.numCore());
    }
    double radius = space.embeddedRadius(epsilon);
    IndexChoice index = IndexChoice.forRadius(requested, corePoints, space, radius);
    NearestCoreRule rule = NearestCoreRule.overCorePoints(index.search(), result, radius);
    return new DbscanModel(minPts, epsilon, 0, index, result, rule, null, space);
  }

  /**
   * Why a result without clusters is refused: too little weight for any core point, or an eps
   * below the knee of the k-distance curve (on at most {@value #KNEE_QUERIES} evenly spaced
   * points, so that the answer stays cheap on brute force).
   */
  private static NoClusterFound noCluster(double[][] points, double[] weights, double epsilon,
      int minPts, int kneeSample, IndexChoice index, MetricSpace space) {
    int n = points.length;
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += weights == null ? 1 : weights[i];
    }
    double knee = total < minPts ? Double.NaN
        : KDistance.epsilonAtKnee(sampledKDistances(points, index.nearestSearch(points, space),
            space, minPts));
    return new NoClusterFound(new NoClusterFound.Finding(n, total, epsilon, knee, kneeSample));
  }

  /**
   * The minPts-distances of at most {@value #KNEE_QUERIES} evenly spaced points, each measured
   * against every point, so that the curve's knee stays cheap on brute force.
   */
  private static double[] sampledKDistances(double[][] points, NeighbourSearch nearest,
      MetricSpace space, int minPts) {
    int[] sample = KDistance.sample(points.length, KNEE_QUERIES);
    double[] kDistances = new double[sample.length];
    for (int j = 0; j < sample.length; j++) {
      kDistances[j] = kDistance(points[sample[j]], nearest, space, minPts, points.length);
    }
    return kDistances;
  }

  /**
   * The distance from a point to its minPts-th nearest point (itself included), or to the farthest
   * of the n points when minPts exceeds n (a k beyond n would only allocate), as a distance of the
   * metric (not embedded).
   */
  private static double kDistance(double[] point, NeighbourSearch search, MetricSpace space,
      int minPts, int n) {
    double[] nearest = search.nearestDistances(point, Math.min(minPts, n));
    double d = nearest[nearest.length - 1];
    return space != null ? space.fromEmbedded(d) : d;
  }

  /**
   * The minPts-distance of every training point (the k-distance plot's curve, unsorted); right
   * after {@link #fit} only (the model does not keep the training points).
   */
  public double[] trainingKDistances() {
    if (points == null) {
      throw new IllegalStateException("The training points are not kept in a saved model");
    }
    // a grid answers k-nearest queries by visiting every point: a tree is built for the curve
    NeighbourSearch nearest = fitted.nearestSearch(points, space);
    double[] kDistances = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      kDistances[i] = kDistance(points[i], nearest, space, minPts, points.length);
    }
    return kDistances;
  }

  /** The cluster of a point (in the fitted points' coordinates), or {@link DbscanResult#NOISE}. */
  public int label(double[] point) {
    return rule.label(point);
  }

  /**
   * The log of the share of each cluster's core points within eps of a point (minus infinity for
   * a cluster with none), or null when the point is noise (no core point within eps).
   */
  public double[] logDensities(double[] point) {
    int[] counts = rule.coreNeighbours(point, coreSizes.length);
    double[] log = new double[coreSizes.length];
    boolean any = false;
    for (int c = 0; c < log.length; c++) {
      log[c] = counts[c] > 0 ? Math.log(counts[c] / (double) coreSizes[c])
          : Double.NEGATIVE_INFINITY;
      any |= counts[c] > 0;
    }
    return any ? log : null;
  }

  /** Each cluster's share of the clustered (core and border) points. */
  public double[] priors() {
    // counted once: Weka's density API (ClusterEvaluation, the Explorer's cluster tab) asks for
    // the priors with every instance, and counting the n labels each time made evaluating the
    // training data O(n^2) (minutes at a million points)
    double[] known = priors;
    if (known == null) {
      int k = result.numClusters();
      known = new double[k];
      int[] sizes = result.clusterSizes();
      double total = 0;
      for (int c = 0; c < sizes.length; c++) {
        known[c] = sizes[c];
        total += sizes[c];
      }
      for (int c = 0; c < k; c++) {
        known[c] = total > 0 ? known[c] / total : 1.0 / k;
      }
      priors = known;
    }
    return known.clone();
  }

  /** The clustering of the training points. */
  public DbscanResult result() {
    return result;
  }

  /** The eps used, given or chosen. */
  public double epsilon() {
    return epsilon;
  }

  /** How many points eps was chosen from at the knee of their curve; 0 when it was given. */
  public int kneeSample() {
    return kneeSample;
  }

  /** The index the range queries ran on. */
  public IndexChoice.Kind index() {
    return index;
  }

  /** The coordinates of the points the index holds. */
  public int dimension() {
    return dimension;
  }
}
