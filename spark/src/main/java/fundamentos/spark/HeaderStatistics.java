package fundamentos.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * An ARFF header with summary statistics: the attributes (numeric, or nominal with their values in
 * order of first appearance) and, for each, the count of values present, the missing ones, and the
 * mean, standard deviation (n - 1 denominator, as Weka's AttributeStats), minimum and maximum of a
 * numeric one or the count of each value of a nominal one. Written as an ordinary ARFF header
 * (Weka reads it as the data's structure) followed by one comment line per attribute:
 *
 * <pre>
 * % summary 1 count=150 missing=0 mean=5.843333333333335 stddev=0.8280661279778637 min=4.3 max=7.9
 * % summary 5 count=150 missing=0 counts=50,50,50
 * </pre>
 *
 * (numbers as Java writes doubles, so that they read back exactly).
 */
public final class HeaderStatistics {

  private static final String PREFIX = "% summary ";

  /** The attributes, no instances. */
  public final Instances header;
  public final long[] count;
  public final long[] missing;
  public final double[] mean;
  public final double[] stdDev;
  public final double[] min;
  public final double[] max;
  /** For a nominal attribute, the count of each value; null for a numeric one. */
  public final long[][] valueCounts;

  HeaderStatistics(Instances header) {
    int m = header.numAttributes();
    this.header = header;
    count = new long[m];
    missing = new long[m];
    mean = new double[m];
    stdDev = new double[m];
    min = new double[m];
    max = new double[m];
    valueCounts = new long[m][];
  }

  /**
   * The header and statistics the one pass gathered.
   *
   * @param declared the header the input declares (ARFF's: its types and value order are kept), or
   *     null to take each column's type and values from what the pass saw
   */
  static HeaderStatistics of(String relation, List<String> names, ColumnSummary[] columns,
      Instances declared) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int a = 0; a < columns.length; a++) {
      ColumnSummary column = columns[a];
      if (declared != null) {
        attributes.add(declared.attribute(a).copy(names.get(a)));
      } else if (column.numeric) {
        attributes.add(new Attribute(names.get(a)));
      } else if (!column.tracksValues()) {
        throw new JobException("Attribute '" + names.get(a) + "' has text values (such as '"
            + column.firstText + "') and more than " + ColumnSummary.MAX_DISTINCT + " distinct "
            + "values: it is neither numeric nor nominal. Remove the column or fix its values.");
      } else {
        attributes.add(new Attribute(names.get(a), column.valuesInOrder()));
      }
    }
    HeaderStatistics result = new HeaderStatistics(new Instances(relation, attributes, 0));
    for (int a = 0; a < columns.length; a++) {
      ColumnSummary column = columns[a];
      result.missing[a] = column.missing;
      if (result.header.attribute(a).isNumeric()) {
        result.count[a] = column.count;
        result.mean[a] = column.count > 0 ? column.mean : Double.NaN;
        result.stdDev[a] = column.count > 1 ? Math.sqrt(column.squares / (column.count - 1))
            : Double.NaN;
        result.min[a] = column.count > 0 ? column.min : Double.NaN;
        result.max[a] = column.count > 0 ? column.max : Double.NaN;
      } else {
        Attribute attribute = result.header.attribute(a);
        long[] counts = new long[attribute.numValues()];
        long present = 0;
        for (int v = 0; v < counts.length; v++) {
          counts[v] = column.count(attribute.value(v));
          present += counts[v];
        }
        result.valueCounts[a] = counts;
        result.count[a] = present;
      }
    }
    return result;
  }

  /** The ARFF text: the header, then the summary comment lines. */
  public String toArff() {
    StringBuilder text = new StringBuilder(header.toString());
    if (text.charAt(text.length() - 1) != '\n') {
      text.append('\n');
    }
    for (int a = 0; a < header.numAttributes(); a++) {
      text.append(PREFIX).append(a + 1).append(" count=").append(count[a]).append(" missing=")
          .append(missing[a]);
      if (valueCounts[a] == null) {
        text.append(" mean=").append(mean[a]).append(" stddev=").append(stdDev[a])
            .append(" min=").append(min[a]).append(" max=").append(max[a]);
      } else {
        text.append(" counts=");
        for (int v = 0; v < valueCounts[a].length; v++) {
          text.append(v > 0 ? "," : "").append(valueCounts[a][v]);
        }
      }
      text.append('\n');
    }
    return text.toString();
  }

  /**
   * Reads a header written by {@link #toArff}.
   *
   * @param name the file's name, for messages
   */
  public static HeaderStatistics parse(String text, String name) {
    Instances header;
    try {
      header = new Instances(new StringReader(text));
    } catch (IOException | RuntimeException e) {
      throw new JobException(name + " is not an ARFF header: " + e.getMessage(), e);
    }
    HeaderStatistics result = new HeaderStatistics(new Instances(header, 0));
    boolean[] seen = new boolean[header.numAttributes()];
    try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.startsWith(PREFIX)) {
          continue;
        }
        String[] parts = line.substring(PREFIX.length()).trim().split("\\s+");
        int a = Integer.parseInt(parts[0]) - 1;
        seen[a] = true;
        for (int p = 1; p < parts.length; p++) {
          String[] pair = parts[p].split("=", 2);
          String value = pair[1];
          switch (pair[0].toLowerCase(Locale.ROOT)) {
            case "count" -> result.count[a] = Long.parseLong(value);
            case "missing" -> result.missing[a] = Long.parseLong(value);
            case "mean" -> result.mean[a] = Double.parseDouble(value);
            case "stddev" -> result.stdDev[a] = Double.parseDouble(value);
            case "min" -> result.min[a] = Double.parseDouble(value);
            case "max" -> result.max[a] = Double.parseDouble(value);
            case "counts" -> {
              String[] counts = value.split(",");
              result.valueCounts[a] = new long[counts.length];
              for (int v = 0; v < counts.length; v++) {
                result.valueCounts[a][v] = Long.parseLong(counts[v]);
              }
            }
            default -> { }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new JobException(name + " has a malformed '% summary' line: " + e.getMessage()
          + ". Write it again with the header job.", e);
    }
    for (int a = 0; a < seen.length; a++) {
      if (!seen[a]) {
        throw new JobException(name + " has no summary statistics for attribute '"
            + header.attribute(a).name() + "': write the header with the header job "
            + "(src/scripts/spark.sh header -i data.csv -o header.arff)");
      }
      if (header.attribute(a).isNominal() && (result.valueCounts[a] == null
          || result.valueCounts[a].length != header.attribute(a).numValues())) {
        throw new JobException(name + ": the summary of nominal attribute '"
            + header.attribute(a).name() + "' does not count each of its values");
      }
    }
    return result;
  }
}
