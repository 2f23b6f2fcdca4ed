package fundamentos.neighbours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * NN-descent's sampling: the candidate lists (per point, the at most c candidates of lowest
 * priority, each once) against brute force, and the hash that gives the priorities: its stages as
 * documented (a * 0x9E3779B97F4A7C15 + b, then xor-shift-multiply stages adding c and d, then the
 * finaliser), injective in each argument, avalanching, and uniform.
 */
class NeighbourSamplingTest {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long M2 = 0xBF58476D1CE4E5B9L;
  private static final long M3 = 0x94D049BB133111EBL;
  private static final long M4 = 0xD6E8FEB86659FD93L;

  @Test
  void candidateListsKeepTheLowestPrioritiesOfDistinctCandidates() {
    SplittableRandom random = new SplittableRandom(4);
    int n = 3;
    int c = 7;
    for (int trial = 0; trial < 30; trial++) {
      NearestNeighbourDescent.CandidateLists lists = new NearestNeighbourDescent.CandidateLists(n, c);
      // per list, candidates 0..m-1 offered once each in random order with distinct priorities
      // (negative ones too); point 0 is offered first to list 1, to an empty list
      int[] m = {random.nextInt(15), 1 + random.nextInt(15), random.nextInt(15)};
      int[][] priority = new int[n][];
      List<int[]> offers = new ArrayList<>();
      for (int v = 0; v < n; v++) {
        priority[v] = new int[m[v]];
        for (int u = 0; u < m[v]; u++) {
          priority[v][u] = (u * 7919 + trial * 31 + v * 101) % 1009 - 500;
          offers.add(new int[] {v, u});
        }
      }
      for (int s = offers.size() - 1; s > 0; s--) {
        int t = random.nextInt(s + 1);
        int[] swap = offers.get(s);
        offers.set(s, offers.get(t));
        offers.set(t, swap);
      }
      lists.offer(1, 0, priority[1][0]);
      for (int[] offer : offers) {
        lists.offer(offer[0], offer[1], priority[offer[0]][offer[1]]);
        // a second offer of a kept candidate changes nothing, even at a lower priority
        if (lists.contains(offer[0], offer[1])) {
          lists.offer(offer[0], offer[1], Integer.MIN_VALUE);
        }
      }
      for (int v = 0; v < n; v++) {
        Integer[] order = new Integer[m[v]];
        for (int u = 0; u < m[v]; u++) {
          order[u] = u;
        }
        final int[] pri = priority[v];
        Arrays.sort(order, (x, y) -> Integer.compare(pri[x], pri[y]));
        Set<Integer> expected = new HashSet<>(Arrays.asList(order).subList(0, Math.min(c, m[v])));
        assertEquals(expected.size(), lists.count(v), "trial " + trial + " list " + v);
        int[] kept = lists.list(v);
        assertEquals(expected.size(), kept.length);
        Set<Integer> got = new HashSet<>();
        for (int u : kept) {
          got.add(u);
        }
        assertEquals(expected, got, "trial " + trial + " list " + v);
        for (int u = 0; u < 20; u++) {
          assertEquals(expected.contains(u), lists.contains(v, u),
              "trial " + trial + " list " + v + " contains " + u);
        }
      }
    }
  }

  @Test
  void theHashIsItsDocumentedStages() {
    SplittableRandom random = new SplittableRandom(9);
    assertEquals(0L, NearestNeighbourDescent.mix(0, 0, 0, 0));
    // d = 1 alone reaches the finaliser as 1: 1 ^ (1 >>> 32) = 1, times M4, folded
    assertEquals(M4 ^ (M4 >>> 32), NearestNeighbourDescent.mix(0, 0, 0, 1));
    for (int t = 0; t < 200; t++) {
      long a = random.nextLong();
      long b = random.nextLong();
      long c = random.nextLong();
      long d = random.nextLong();
      long mix = NearestNeighbourDescent.mix(a, b, c, d);
      // stage 1: h = a * golden + b (with a = 0 the hash starts from b)
      assertEquals(mix, NearestNeighbourDescent.mix(0, a * GOLDEN + b, c, d));
      // stage 2: h = (h ^ h >>> 31) * M2 + c (with h = 0 it starts from c)
      assertEquals(NearestNeighbourDescent.mix(0, b, c, d),
          NearestNeighbourDescent.mix(0, 0, (b ^ (b >>> 31)) * M2 + c, d));
      // stage 3: h = (h ^ h >>> 29) * M3 + d
      assertEquals(NearestNeighbourDescent.mix(0, 0, c, d),
          NearestNeighbourDescent.mix(0, 0, 0, (c ^ (c >>> 29)) * M3 + d));
      // the finaliser: h ^= h >>> 32, h *= M4, h ^ h >>> 32
      long h = d ^ (d >>> 32);
      h *= M4;
      assertEquals(h ^ (h >>> 32), NearestNeighbourDescent.mix(0, 0, 0, d));
    }
  }

  @Test
  void theHashIsInjectiveInEachArgumentAndAvalanches() {
    // every stage is a bijection of its running value (odd multipliers, xor with a right shift),
    // so flipping any one input bit must change the output; a good mix flips about half of the 64
    // output bits
    SplittableRandom random = new SplittableRandom(10);
    for (int arg = 0; arg < 4; arg++) {
      long flips = 0;
      long trials = 0;
      for (int t = 0; t < 40; t++) {
        long[] in = {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
        long base = NearestNeighbourDescent.mix(in[0], in[1], in[2], in[3]);
        for (int bit = 0; bit < 64; bit++) {
          long[] flipped = in.clone();
          flipped[arg] ^= 1L << bit;
          long other = NearestNeighbourDescent.mix(flipped[0], flipped[1], flipped[2], flipped[3]);
          assertNotEquals(base, other, "argument " + arg + " bit " + bit);
          flips += Long.bitCount(base ^ other);
          trials++;
        }
      }
      double mean = (double) flips / trials;
      assertTrue(mean > 28 && mean < 36, "argument " + arg + " flips " + mean + " bits on average");
    }
  }

  @Test
  void prioritiesAreUniform() {
    // the candidates' priorities as the sampling draws them: (int) mix(seed, round, v, u) over
    // 64 x 1,000 pairs, in 64 buckets by their top 6 bits: chi-square with 63 degrees of freedom
    // (mean 63, standard deviation 11.2)
    long[] count = new long[64];
    int total = 0;
    for (int v = 0; v < 64; v++) {
      for (int u = 0; u < 1000; u++) {
        int priority = (int) NearestNeighbourDescent.mix(17, 2, v, u);
        count[priority >>> 26]++;
        total++;
      }
    }
    double expected = total / 64.0;
    double chi2 = 0;
    for (long k : count) {
      chi2 += (k - expected) * (k - expected) / expected;
    }
    assertTrue(chi2 < 120, "chi-square " + chi2);
    // and the low bits too (the sign and parity of a priority)
    long odd = 0;
    long negative = 0;
    for (int u = 0; u < 10000; u++) {
      int priority = (int) NearestNeighbourDescent.mix(3, 0, 5, u);
      odd += priority & 1;
      negative += priority < 0 ? 1 : 0;
    }
    assertTrue(Math.abs(odd - 5000) < 250, "odd " + odd);
    assertTrue(Math.abs(negative - 5000) < 250, "negative " + negative);
    assertFalse(NearestNeighbourDescent.mix(1, 2, 3, 4) == NearestNeighbourDescent.mix(1, 2, 4, 3));
  }
}
