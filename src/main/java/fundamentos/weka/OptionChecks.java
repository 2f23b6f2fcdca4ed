package fundamentos.weka;

import java.util.Locale;

/**
 * The range checks a scheme's setters run on an option value, so that a value outside what the
 * scheme can use is refused where it is set (weka.Run, the GenericObjectEditor, an Experimenter
 * configuration) instead of hanging, producing NaN or being replaced silently later. Each check
 * throws an {@link IllegalArgumentException} whose message names the scheme, the command-line
 * option, the value and what is allowed; {@link StrictOptions} passes it on as the option's error.
 * Checks that involve two options at once stay with the scheme's build-time checks.
 */
public final class OptionChecks {

  /**
   * The most native threads a scheme may ask for: far above any machine's core count, and low
   * enough that a mistyped count cannot make OpenMP try to start millions of threads.
   */
  public static final int MAX_THREADS = 1024;

  private OptionChecks() {
  }

  /** A finite number in [min, max]. */
  public static double inRange(String scheme, String option, double value, double min, double max) {
    if (!(value >= min && value <= max) || !Double.isFinite(value)) {
      throw refused(scheme, option, Double.toString(value), "a finite number from " + format(min) + " to "
          + format(max));
    }
    return value;
  }

  /** A finite number > min and <= max. */
  public static double above(String scheme, String option, double value, double min, double max) {
    if (!(value > min && value <= max) || !Double.isFinite(value)) {
      throw refused(scheme, option, Double.toString(value), "a finite number greater than " + format(min)
          + (max < Double.MAX_VALUE ? " and at most " + format(max) : ""));
    }
    return value;
  }

  /** A finite number >= min and < max (a decay rate or momentum in [0, 1)). */
  public static double belowOpen(String scheme, String option, double value, double min, double max) {
    if (!(value >= min && value < max) || !Double.isFinite(value)) {
      throw refused(scheme, option, Double.toString(value), "a number of at least " + format(min)
          + " and below " + format(max));
    }
    return value;
  }

  /** A number strictly between min and max (a fraction held out). */
  public static double between(String scheme, String option, double value, double min, double max) {
    if (!(value > min && value < max) || !Double.isFinite(value)) {
      throw refused(scheme, option, Double.toString(value), "a number strictly between "
          + format(min) + " and " + format(max));
    }
    return value;
  }

  /** A finite number >= min. */
  public static double atLeast(String scheme, String option, double value, double min) {
    if (!(value >= min) || !Double.isFinite(value)) {
      throw refused(scheme, option, Double.toString(value), "a finite number of at least " + format(min));
    }
    return value;
  }

  /** A whole number in [min, max]. */
  public static int inRange(String scheme, String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw refused(scheme, option, Integer.toString(value), max == Integer.MAX_VALUE
          ? "a whole number of at least " + min : "a whole number from " + min + " to " + max);
    }
    return value;
  }

  /** A whole number >= min. */
  public static int atLeast(String scheme, String option, int value, int min) {
    return inRange(scheme, option, value, min, Integer.MAX_VALUE);
  }

  /**
   * Weka's attribute range syntax ("first-last", "1,3-5", "last"): Weka's Range keeps any text and
   * only fails when the data arrive, so a typo surfaced deep inside training.
   */
  public static String attributeRange(String scheme, String option, String value) {
    String bound = "(first|last|[0-9]+)";
    for (String part : value.split(",", -1)) {
      if (!part.trim().toLowerCase(java.util.Locale.ROOT).matches(bound + "(-" + bound + ")?")
          && !value.trim().isEmpty()) {
        throw refused(scheme, option, "'" + value + "'", "a comma-separated list of attribute "
            + "positions (from 1), first, last or ranges such as 1-4 or first-last");
      }
    }
    return value;
  }

  /** The exception every check throws: scheme, option, value, what is allowed. */
  public static IllegalArgumentException refused(String scheme, String option, String value,
      String allowed) {
    return new IllegalArgumentException(scheme + ": option -" + option + " must be " + allowed
        + ", not " + value + ".");
  }

  /** Doubles as Java writes them, except whole numbers without a trailing ".0" in ranges. */
  private static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    return Double.toString(value);
  }
}
