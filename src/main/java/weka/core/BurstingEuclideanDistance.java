package weka.core;

import fundamentos.weka.OptionChecks;

/**
 * The course's signed square-root ("bursting") Euclidean distance (Eq. 4.13): the Euclidean
 * distance after replacing each numeric value v (normalised to [0, 1] by the training ranges unless
 * dontNormalize is set) by sign(v) sqrt(|v|). Large values, such as a word repeated many times in a
 * document, count less than in the plain Euclidean distance. Nominal attributes and missing values
 * are handled as by {@link EuclideanDistance}.
 */
public class BurstingEuclideanDistance extends EuclideanDistance {

  private static final long serialVersionUID = 1L;

  public BurstingEuclideanDistance() {
    super();
  }

  public BurstingEuclideanDistance(Instances data) {
    super(data);
  }

  @Override
  public String globalInfo() {
    return "Euclidean distance between signed square roots of the values, which damps bursts of "
        + "large counts. "
        + "Signed square-root (\"bursting\") Euclidean distance: sqrt(sum_i (r(x_i) - r(y_i))^2) "
        + "with r(v) = sign(v) sqrt(|v|), applied to numeric values after the usual range "
        + "normalisation (unless turned off). It damps bursts of large counts. Nominal attributes "
        + "and missing values are treated as in EuclideanDistance.";
  }

  /** sign(v) sqrt(|v|). */
  public static double signedRoot(double v) {
    return Math.signum(v) * Math.sqrt(Math.abs(v));
  }

  @Override
  protected double difference(int index, double val1, double val2) {
    if (m_Data.attribute(index).isNumeric() && !Utils.isMissingValue(val1)
        && !Utils.isMissingValue(val2)) {
      double a = m_DontNormalize ? val1 : norm(val1, index);
      double b = m_DontNormalize ? val2 : norm(val2, index);
      return signedRoot(a) - signedRoot(b);
    }
    return super.difference(index, val1, val2);
  }

  /** Weka's own tip ("... (Default: false i.e. ...)") would cut the tooltip at "i.". */
  @Override
  public String dontNormalizeTipText() {
    return "Whether to turn off the normalisation of values by the training ranges. "
          + "Normalisation maps values to [0, 1] before the signed square roots; it is on by "
          + "default.";
  }

  /** The training instances the ranges come from (set by the scheme using the distance). */
  public String instancesTipText() {
    return "The instances the distance is set up on (their ranges normalise the values).";
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  /** Refuses a mistyped range where it is set rather than when the data arrive. */
  @Override
  public void setAttributeIndices(String value) {
    super.setAttributeIndices(OptionChecks.attributeRange(getClass().getSimpleName(), "R", value));
  }
}
