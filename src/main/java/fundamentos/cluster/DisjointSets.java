package fundamentos.cluster;

/**
 * Disjoint sets over 0..n-1 (union-find with union by size and path halving; Tarjan 1975): the
 * connected components of the graph of core cells in {@link GridDbscan} (and of the partitions'
 * clusters the Spark DBSCAN job merges), in near-constant time per operation.
 */
public final class DisjointSets {

  private final int[] parent;
  private final int[] size;

  public DisjointSets(int n) {
    parent = new int[n];
    size = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      size[i] = 1;
    }
  }

  /** The representative of x's set. */
  public int find(int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  /** Merges the sets of a and b. */
  public void union(int a, int b) {
    int ra = find(a);
    int rb = find(b);
    if (ra == rb) {
      return;
    }
    if (size[ra] < size[rb]) {
      int t = ra;
      ra = rb;
      rb = t;
    }
    parent[rb] = ra;
    size[ra] += size[rb];
  }
}
