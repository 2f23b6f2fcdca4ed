package fundamentos.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fundamentos.neighbours.KnnGraph;
import fundamentos.neighbours.NeighbourSearch;
import java.util.ArrayList;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.EuclideanDistance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Weka's distance functions behind the neighbour queries: on data with a nominal attribute and
 * missing values, the k-neighbour graph (the instance first, then its nearest others) and the
 * batch k-nearest query agree with Weka's distance sorted by hand, and the batch query with the
 * single query of {@link NeighbourSearch} (a bounded heap over a range scan).
 */
class DistanceFunctionSearchTest {

  private static Instances data() {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("colour", Arrays.asList("red", "green", "blue")));
    attributes.add(new Attribute("y"));
    Instances data = new Instances("mixed", attributes, 0);
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 40; i++) {
      double[] v = {random.nextInt(4), random.nextInt(3), random.nextInt(3)};
      if (i % 7 == 3) {
        v[random.nextInt(3)] = Utils.missingValue();
      }
      data.add(new DenseInstance(1, v));
    }
    return data;
  }

  /** Indices 0..n-1 by Weka's distance from the query, ties to the lower index. */
  private static Integer[] byDistance(Instances data, EuclideanDistance distance, int query) {
    Integer[] order = new Integer[data.numInstances()];
    double[] d = new double[order.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
      d[j] = distance.distance(data.instance(query), data.instance(j));
    }
    Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
    return order;
  }

  @Test
  void graphAndQueriesFollowWekasDistance() {
    Instances data = data();
    EuclideanDistance distance = new EuclideanDistance(data);
    DistanceFunctionSearch search = new DistanceFunctionSearch(data, distance);
    int k = 6;
    KnnGraph graph = search.graph(k, 4);
    double[][] rows = DistanceFunctionSearch.queries(data);
    KnnGraph queried = search.kNearest(rows, k, 4);
    for (int i = 0; i < data.numInstances(); i++) {
      Integer[] order = byDistance(data, distance, i);
      assertEquals(i, graph.indices(i)[0]);
      assertEquals(0.0, graph.distances(i)[0]);
      int s = 1;
      for (int j : order) {
        if (j != i && s < k) {
          assertEquals(j, graph.indices(i)[s], "row " + i + " rank " + s);
          assertEquals(distance.distance(data.instance(i), data.instance(j)),
              graph.distances(i)[s], 0);
          s++;
        }
      }
      for (int r = 0; r < k; r++) {
        assertEquals(order[r].intValue(), queried.indices(i)[r], "query " + i + " rank " + r);
      }
      NeighbourSearch.Nearest one = search.kNearest(rows[i], k);
      assertArrayEquals(one.indices(), queried.indices(i));
      assertArrayEquals(one.distances(), queried.distances(i), 0);
    }
    assertEquals(40, search.kNearest(rows, 50, 1).k());
  }
}
