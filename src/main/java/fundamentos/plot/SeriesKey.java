package fundamentos.plot;

/**
 * A series' key in a JFreeChart data set: its position makes it unique (JFreeChart refuses two
 * series with equal keys, and two curves may well share a name), its name is what the legend shows.
 */
record SeriesKey(int index, String name) implements Comparable<SeriesKey> {

  @Override
  public int compareTo(SeriesKey other) {
    return Integer.compare(index, other.index);
  }

  @Override
  public String toString() {
    return name;
  }
}
