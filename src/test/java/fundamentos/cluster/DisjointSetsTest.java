package fundamentos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Union-find against a naive relabelling of components, and the rule of union by size (Tarjan
 * 1975): the root of the larger set stays the root, which keeps every tree O(log n) deep.
 */
class DisjointSetsTest {

  @Test
  void componentsEqualANaiveRelabelling() {
    Random random = new Random(3);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + random.nextInt(40);
      DisjointSets sets = new DisjointSets(n);
      int[] component = new int[n];
      for (int i = 0; i < n; i++) {
        component[i] = i;
      }
      for (int u = 0; u < n; u++) {
        int a = random.nextInt(n);
        int b = random.nextInt(n);
        sets.union(a, b);
        int from = component[b];
        int to = component[a];
        for (int i = 0; i < n; i++) {
          if (component[i] == from) {
            component[i] = to;
          }
        }
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            assertEquals(component[i] == component[j], sets.find(i) == sets.find(j));
          }
        }
      }
    }
  }

  @Test
  void theLargerSetsRootSurvivesAUnion() {
    DisjointSets sets = new DisjointSets(8);
    sets.union(0, 1); // equal sizes: the first argument's root stays
    assertEquals(0, sets.find(1));
    sets.union(0, 1); // already one set: nothing changes, in particular not its size
    sets.union(2, 0); // {2} joins {0, 1}: root 0
    assertEquals(0, sets.find(2));
    sets.union(3, 4);
    sets.union(3, 5);
    sets.union(3, 6); // {3, 4, 5, 6}: size 4, root 3
    assertEquals(3, sets.find(6));
    // {0, 1, 2} has size 3 (not 4 from counting the repeated union, nor 0 from a subtraction):
    // the larger {3, 4, 5, 6} keeps its root
    sets.union(0, 3);
    assertEquals(3, sets.find(0));
    assertEquals(3, sets.find(2));
    assertNotEquals(3, sets.find(7));
    DisjointSets other = new DisjointSets(4);
    other.union(1, 0);
    other.union(1, 2); // {0, 1, 2}, root 1
    other.union(3, 1); // the single 3 joins under 1
    assertEquals(1, other.find(3));
    assertEquals(1, other.find(0));
  }
}
