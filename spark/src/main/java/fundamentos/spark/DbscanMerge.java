package fundamentos.spark;

import fundamentos.cluster.DbscanResult;
import fundamentos.cluster.DisjointSets;
import java.util.Arrays;
import java.util.List;

/**
 * The driver's side of the DBSCAN job: the partitions' local clusters joined through their shared
 * core points ({@link DisjointSets}), numbered as IndexedDBSCAN numbers clusters (in the order of
 * each cluster's first core point in the data), and every row's label.
 */
final class DbscanMerge {

  /** The global cluster of each partition's local clusters; -1 for one with no owned core point. */
  final int[][] global;
  final int numClusters;

  /**
   * @param firstCore for each partition, the smallest row number of an owned core point in each
   *     local cluster (Long.MAX_VALUE: none)
   * @param links pairs of local clusters that share a core point
   */
  DbscanMerge(long[][] firstCore, List<DbscanPartition.Link> links) {
    int[] offset = new int[firstCore.length + 1];
    for (int p = 0; p < firstCore.length; p++) {
      offset[p + 1] = offset[p] + firstCore[p].length;
    }
    DisjointSets sets = new DisjointSets(offset[firstCore.length]);
    for (DbscanPartition.Link link : links) {
      sets.union(offset[link.partitionA()] + link.clusterA(),
          offset[link.partitionB()] + link.clusterB());
    }
    int nodes = offset[firstCore.length];
    long[] first = new long[nodes];
    Arrays.fill(first, Long.MAX_VALUE);
    for (int p = 0; p < firstCore.length; p++) {
      for (int c = 0; c < firstCore[p].length; c++) {
        int root = sets.find(offset[p] + c);
        first[root] = Math.min(first[root], firstCore[p][c]);
      }
    }
    // the roots that hold an owned core point, in the order of their first core point
    Integer[] roots = new Integer[nodes];
    int count = 0;
    for (int node = 0; node < nodes; node++) {
      if (sets.find(node) == node && first[node] != Long.MAX_VALUE) {
        roots[count++] = node;
      }
    }
    Arrays.sort(roots, 0, count, (a, b) -> Long.compare(first[a], first[b]));
    int[] number = new int[nodes];
    Arrays.fill(number, -1);
    for (int k = 0; k < count; k++) {
      number[roots[k]] = k;
    }
    numClusters = count;
    global = new int[firstCore.length][];
    for (int p = 0; p < firstCore.length; p++) {
      global[p] = new int[firstCore[p].length];
      for (int c = 0; c < firstCore[p].length; c++) {
        global[p][c] = number[sets.find(offset[p] + c)];
      }
    }
  }

  /** A point's global cluster from the partition and local cluster it joined, or noise. */
  int label(int partition, int cluster) {
    return partition < 0 ? DbscanResult.NOISE : global[partition][cluster];
  }
}
