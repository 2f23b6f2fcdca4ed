package weka.core;

import fundamentos.weka.OptionChecks;
import weka.core.neighboursearch.PerformanceStats;

/**
 * The cosine distance 1 - cos(x, y) = 1 - x.y / (||x|| ||y||) (course Eq. 4.5) over the numeric
 * attributes (the class and inactive attributes skipped). Range normalisation is off by default:
 * mapping values to [0, 1] moves the origin and so changes every angle; turn it on only when that is
 * wanted (-normalize). Missing values count as 0; a zero vector has cosine 0 with every other
 * vector (distance 1) and distance 0 to another zero vector. Nominal attributes are ignored.
 */
public class CosineDistance extends NormalizableDistance {

  private static final long serialVersionUID = 1L;

  public CosineDistance() {
    super();
    m_DontNormalize = true;
  }

  public CosineDistance(Instances data) {
    super();
    m_DontNormalize = true;
    setInstances(data);
  }

  @Override
  public String globalInfo() {
    return "Cosine distance: one minus the cosine of the angle between two instances' numeric "
        + "values. "
        + "Cosine distance 1 - cos(x, y) over the numeric attributes: 0 for vectors pointing the "
        + "same way, 1 for orthogonal ones, 2 for opposite ones. Missing values count as 0; a zero "
        + "vector is at distance 1 from any other vector. Normalisation to the training ranges is "
        + "off by default (dontNormalize), since it moves the origin and changes the angles.";
  }

  @Override
  public double distance(Instance first, Instance second, double cutOffValue,
      PerformanceStats stats) {
    validate();
    double dot = 0;
    double normFirst = 0;
    double normSecond = 0;
    int classIndex = m_Data.classIndex();
    for (int a = 0; a < m_Data.numAttributes(); a++) {
      if (a == classIndex || !m_ActiveIndices[a] || !m_Data.attribute(a).isNumeric()) {
        continue;
      }
      double x = value(first, a);
      double y = value(second, a);
      dot += x * y;
      normFirst += x * x;
      normSecond += y * y;
      if (stats != null) {
        stats.incrCoordCount();
      }
    }
    double distance;
    if (normFirst == 0 || normSecond == 0) {
      distance = normFirst == normSecond ? 0 : 1;
    } else {
      double cosine = dot / Math.sqrt(normFirst * normSecond);
      distance = 1 - Math.max(-1, Math.min(1, cosine));
    }
    return distance > cutOffValue ? Double.POSITIVE_INFINITY : distance;
  }

  private double value(Instance instance, int attribute) {
    double v = instance.value(attribute);
    if (Utils.isMissingValue(v)) {
      return 0;
    }
    return m_DontNormalize ? v : norm(v, attribute);
  }

  /** Normalisation is off by default here, so the option is -normalize rather than -D. */
  @Override
  public java.util.Enumeration<Option> listOptions() {
    java.util.Vector<Option> result = new java.util.Vector<>();
    result.add(new Option("\tNormalise numeric values to [0, 1] by the training ranges first\n"
        + "\t(off by default: it moves the origin and changes the angles).", "normalize", 0,
        "-normalize"));
    for (Option option : java.util.Collections.list(super.listOptions())) {
      if (!option.name().equals("D")) {
        result.add(option);
      }
    }
    return result.elements();
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    boolean normalize = Utils.getFlag("normalize", options);
    super.setOptions(options);
    setDontNormalize(!normalize);
  }

  @Override
  public String[] getOptions() {
    java.util.List<String> result = new java.util.ArrayList<>(
        java.util.Arrays.asList(super.getOptions()));
    result.remove("-D");
    if (!getDontNormalize()) {
      result.add(0, "-normalize");
    }
    return result.toArray(new String[0]);
  }

  @Override
  public String dontNormalizeTipText() {
    return "Whether to leave values as they are (the default) rather than normalise them. "
          + "Normalising to [0, 1] by the training ranges moves the origin and changes the "
          + "angles.";
  }

  /** The training instances the ranges come from (set by the scheme using the distance). */
  public String instancesTipText() {
    return "The instances the distance is set up on (their ranges are used only with -normalize).";
  }

  @Override
  protected double updateDistance(double currDist, double diff) {
    return currDist + diff * diff; // not used: distance() is computed as a whole
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
