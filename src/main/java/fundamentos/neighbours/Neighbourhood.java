package fundamentos.neighbours;

/**
 * The indices a range query found, in a buffer reused from query to query (DBSCAN scans one
 * neighbourhood at a time: nothing is allocated per query once the buffer has grown to the largest
 * neighbourhood).
 */
public final class Neighbourhood {

  private int[] indices = new int[64];
  private int size;

  /** Number of points found. */
  public int size() {
    return size;
  }

  /** The i-th point found. */
  public int get(int i) {
    return indices[i];
  }

  void clear() {
    size = 0;
  }

  void set(int i, int index) {
    indices[i] = index;
  }

  void add(int index) {
    if (size == indices.length) {
      indices = java.util.Arrays.copyOf(indices, size * 2);
    }
    indices[size++] = index;
  }
}
