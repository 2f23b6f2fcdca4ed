package fundamentos.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How a CSV line is read, as Weka's CSVLoader reads it: fields separated by a character, a field
 * enclosed in double or single quotes may hold the separator (a doubled quote inside is one
 * quote), spaces around a field are dropped, and "?" or an empty field is a missing value. A value
 * is a number when Java reads it as a finite double (hexadecimal forms, a trailing d or f, NaN
 * and Infinity are read as text).
 */
public final class CsvFormat implements Serializable {

  private static final long serialVersionUID = 1L;

  private final char separator;
  private final String missing;

  /**
   * @param separator the field separator
   * @param missing the text of a missing value besides the empty field ("?" in Weka)
   */
  public CsvFormat(char separator, String missing) {
    this.separator = separator;
    this.missing = missing;
  }

  /** The fields of one line, unquoted and trimmed. */
  public List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i < n && (line.charAt(i) == '"' || line.charAt(i) == '\'')) {
        char quote = line.charAt(i++);
        while (i < n) {
          char c = line.charAt(i++);
          if (c == quote) {
            if (i < n && line.charAt(i) == quote) {
              field.append(quote);
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        while (i < n && line.charAt(i) != separator) {
          i++;
        }
        fields.add(field.toString());
      } else {
        int start = i;
        while (i < n && line.charAt(i) != separator) {
          i++;
        }
        fields.add(line.substring(start, i).trim());
      }
      field.setLength(0);
      if (i >= n) {
        return fields;
      }
      i++; // the separator
    }
  }

  /** Whether a field is a missing value. */
  public boolean isMissing(String field) {
    return field.isEmpty() || field.equals(missing);
  }

  /** The field as a finite number, or NaN when it is not one. */
  public static double number(String field) {
    if (field.isEmpty()) {
      return Double.NaN;
    }
    char last = Character.toLowerCase(field.charAt(field.length() - 1));
    char first = field.charAt(0);
    boolean plausible = (Character.isDigit(last) || last == '.')
        && (Character.isDigit(first) || first == '-' || first == '+' || first == '.');
    if (!plausible || field.indexOf('x') >= 0 || field.indexOf('X') >= 0) {
      return Double.NaN;
    }
    try {
      double value = Double.parseDouble(field);
      return Double.isFinite(value) ? value : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
