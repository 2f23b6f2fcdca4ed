package fundamentos.cluster;

/**
 * DBSCAN found no cluster: every point is noise. A model without clusters answers nothing (every
 * point would be noise, and a mean log likelihood over no clustered point is 0 / 0), so fitting
 * refuses it with what to change: the points weigh less than minPts together (no point can be
 * core, whatever eps), or eps lies below the knee of their minPts-distance curve (Ester et al.
 * 1996, Section 4.2), which is then suggested.
 */
public final class NoClusterFound extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int points;
  private final double totalWeight;
  private final double epsilon;
  private final double knee;
  private final int kneeSample;

  NoClusterFound(int points, double totalWeight, double epsilon, double knee, int kneeSample) {
    super("every one of the " + points + " points is noise");
    this.points = points;
    this.totalWeight = totalWeight;
    this.epsilon = epsilon;
    this.knee = knee;
    this.kneeSample = kneeSample;
  }

  /** The number of points clustered. */
  public int points() {
    return points;
  }

  /** Their total weight. */
  public double totalWeight() {
    return totalWeight;
  }

  /** The eps the clustering ran with. */
  public double epsilon() {
    return epsilon;
  }

  /**
   * The eps at the knee of the minPts-distance curve of at most {@link DbscanModel#KNEE_QUERIES}
   * evenly spaced points; NaN when the points weigh less than minPts (no eps would help).
   */
  public double knee() {
    return knee;
  }

  /** How many points the eps was chosen from at the knee; 0 when it was given. */
  public int kneeSample() {
    return kneeSample;
  }
}
