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

  /**
   * What was found.
   *
   * @param points the number of points clustered
   * @param totalWeight their total weight
   * @param epsilon the eps the clustering ran with
   * @param knee the eps at the knee of the minPts-distance curve of at most
   *     {@link DbscanModel#KNEE_QUERIES} evenly spaced points; NaN when the points weigh less than
   *     minPts (no eps would help)
   * @param kneeSample how many points eps was chosen from at the knee; 0 when it was given
   */
  public record Finding(int points, double totalWeight, double epsilon, double knee,
      int kneeSample) implements java.io.Serializable {
  }

  private final Finding finding;

  NoClusterFound(Finding finding) {
    super("every one of the " + finding.points() + " points is noise");
    this.finding = finding;
  }

  public Finding finding() {
    return finding;
  }
}
