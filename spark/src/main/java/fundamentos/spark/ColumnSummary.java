package fundamentos.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one pass learns of one CSV column, mergeable in any order: the numbers' count, mean and sum
 * of squared deviations (merged pairwise, Chan et al. 1979), minimum and maximum, the missing
 * values, and each distinct text that is not a number, with its count and where it first appears
 * (so that nominal values are listed in the order Weka's CSVLoader meets them).
 *
 * <p>The texts of numbers are not kept: a numeric column (the common case, and the wide one: 784
 * pixel columns) then costs a few numbers per partition instead of a map of up to
 * {@link #MAX_DISTINCT} texts each, which on continuous columns made each partition's summary
 * hundreds of MB. A column of numbers and texts is nominal, and its values include the numbers'
 * texts: the header job finds those few columns after the pass and reads their texts in a second
 * pass ({@link #addText}).
 */
public final class ColumnSummary implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The most distinct values of a nominal attribute. */
  public static final int MAX_DISTINCT = 10_000;

  boolean numeric = true;
  long count;
  long missing;
  double mean;
  double squares;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  /** Text -> {count, file, offset}; null once too many distinct values were seen. */
  Map<String, Seen> values = new HashMap<>();
  /** The first text that is not a number (for the message when a nominal column has too many). */
  String firstText;

  /** A distinct text: how often, and where first (file, byte offset of its line). */
  static final class Seen implements Serializable {
    private static final long serialVersionUID = 1L;
    long count;
    String file;
    long offset;

    Seen(String file, long offset) {
      this.file = file;
      this.offset = offset;
    }

    boolean before(Seen other) {
      int byFile = file.compareTo(other.file);
      return byFile < 0 || byFile == 0 && offset < other.offset;
    }
  }

  /** Adds one field of the line at {@code offset} of {@code file}, a number or a text. */
  public void add(String field, CsvFormat format, String file, long offset) {
    if (format.isMissing(field)) {
      missing++;
      return;
    }
    double x = CsvFormat.number(field);
    if (Double.isNaN(x)) {
      if (numeric) {
        firstText = field;
      }
      numeric = false;
      track(field, file, offset);
    } else {
      addNumber(x);
    }
  }

  /** Adds a number of a column known to be numeric (its text is not tracked). */
  public void addNumber(double x) {
    count++;
    double delta = x - mean;
    mean += delta / count;
    squares += delta * (x - mean);
    min = Math.min(min, x);
    max = Math.max(max, x);
  }

  /** Adds a missing value. */
  public void addMissing() {
    missing++;
  }

  /**
   * Adds a value of a column known to be nominal, found at {@code position} of {@code file} (a
   * byte offset or a row index: what orders the values by first appearance). Also the second
   * pass over a column of numbers and texts, where every present field counts as a text.
   */
  public void addText(String value, String file, long position) {
    if (firstText == null) {
      firstText = value;
    }
    numeric = false;
    track(value, file, position);
  }

  /** Marks a column as nominal before any value (one whose values may all be missing). */
  public ColumnSummary nominal() {
    numeric = false;
    return this;
  }

  /** Whether the column holds both numbers and texts (nominal, its numbers among its values). */
  public boolean mixed() {
    return !numeric && count > 0;
  }

  /** Takes the texts {@code pass} found for this column in a second pass. */
  public void takeTexts(ColumnSummary pass) {
    values = pass.values;
  }

  private void track(String field, String file, long offset) {
    if (values != null) {
      Seen seen = values.computeIfAbsent(field, key -> new Seen(file, offset));
      seen.count++;
      if (values.size() > MAX_DISTINCT) {
        values = null;
      }
    }
  }

  /** Summaries of {@code width} columns that saw nothing yet. */
  static ColumnSummary[] empty(int width) {
    ColumnSummary[] columns = new ColumnSummary[width];
    for (int a = 0; a < width; a++) {
      columns[a] = new ColumnSummary();
    }
    return columns;
  }

  /** Merges each column of {@code b} into {@code a}'s. */
  static ColumnSummary[] merge(ColumnSummary[] a, ColumnSummary[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i].merge(b[i]);
    }
    return a;
  }

  /** Adds everything {@code other} saw. */
  public void merge(ColumnSummary other) {
    if (numeric && !other.numeric) {
      firstText = other.firstText;
    }
    numeric &= other.numeric;
    missing += other.missing;
    if (other.count > 0) {
      long total = count + other.count;
      double delta = other.mean - mean;
      squares += other.squares + delta * delta * ((double) count * other.count / total);
      mean += delta * other.count / total;
      count = total;
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
    }
    if (values == null || other.values == null) {
      values = null;
    } else {
      for (Map.Entry<String, Seen> entry : other.values.entrySet()) {
        Seen theirs = entry.getValue();
        Seen mine = values.get(entry.getKey());
        if (mine == null) {
          Seen copy = new Seen(theirs.file, theirs.offset);
          copy.count = theirs.count;
          values.put(entry.getKey(), copy);
        } else {
          mine.count += theirs.count;
          if (theirs.before(mine)) {
            mine.file = theirs.file;
            mine.offset = theirs.offset;
          }
        }
      }
      if (values.size() > MAX_DISTINCT) {
        values = null;
      }
    }
  }

  /** The distinct texts in the order of their first appearance. */
  public List<String> valuesInOrder() {
    List<Map.Entry<String, Seen>> entries = new ArrayList<>(values.entrySet());
    entries.sort((a, b) -> a.getValue().before(b.getValue()) ? -1
        : b.getValue().before(a.getValue()) ? 1 : 0);
    List<String> result = new ArrayList<>();
    for (Map.Entry<String, Seen> entry : entries) {
      result.add(entry.getKey());
    }
    return result;
  }

  /** How often each text appeared. */
  public long count(String value) {
    Seen seen = values.get(value);
    return seen == null ? 0 : seen.count;
  }

  /** Whether the column can be nominal (not too many distinct texts). */
  public boolean tracksValues() {
    return values != null && values.size() <= MAX_DISTINCT;
  }
}
