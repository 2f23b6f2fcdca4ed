package fundamentos.neighbours;

import fundamentos.parallel.Blocks;
import fundamentos.progress.Cancellation;
import java.util.SplittableRandom;

/**
 * Approximate k-nearest-neighbour graph by NN-descent (Dong, Charikar and Li 2011, "Efficient
 * k-nearest neighbor graph construction for generic similarity measures"): "a neighbour of a
 * neighbour is likely a neighbour", so each round compares, for every point, the pairs among its
 * neighbours and reverse neighbours, and keeps whatever is closer. As in pynndescent, the start is
 * the leaves of a random-projection forest, only pairs with at least one "new" member are joined,
 * candidates are sampled (at most 60 per point), and rounds stop when at most
 * 0.001 n (k - 1) updates happen (pynndescent: at most delta n k, its heaps holding the point
 * itself) or after max(5, round(log2 n)) rounds.
 *
 * <p>Deterministic for a seed whatever the thread count: sampling uses a hash of (seed, round,
 * point, neighbour) instead of a shared random stream, and the local joins run in parallel over
 * fixed blocks whose updates are applied in block order.
 */
public final class NearestNeighbourDescent {

  private final int k;
  private final long seed;
  private final int threads;
  /** pynndescent's defaults as umap-learn calls it: candidates per point, stopping fraction. */
  private static final int MAX_CANDIDATES = 60;
  private static final double DELTA = 0.001;

  /** Cap on the rounds (0: {@link #maxRounds}), for tests. */
  private final int roundCap;
  /** Sees the start graph and every round, for tests; null in normal use. */
  private final Observer observer;

  /**
   * @param k neighbours per point including the point itself (umap-learn's n_neighbors)
   */
  public NearestNeighbourDescent(int k, long seed, int threads) {
    this(k, seed, threads, 0, null);
  }

  /** A build whose rounds are capped at {@code roundCap} (if positive) and watched. */
  NearestNeighbourDescent(int k, long seed, int threads, int roundCap, Observer observer) {
    this.k = k;
    this.seed = seed;
    this.threads = Math.max(1, threads);
    this.roundCap = roundCap;
    this.observer = observer;
  }

  /**
   * What a test can watch of a build: the state it reads, never changed by the observer. The heap
   * passed is the live one: copy what is to be kept.
   */
  interface Observer {
    /** The start graph from the forest's leaves (and random fill), before the first round. */
    void started(NeighbourHeap heap, RandomProjectionTree[] forest);

    /** After round {@code round} (from 0): the updates it counted and the heap it left. */
    void round(int round, long updates, NeighbourHeap heap);
  }

  /**
   * The forest built for the start graph (its first tree is kept for queries): umap-learn's
   * n_trees, 5 + round(sqrt(n) / 20) (umap_.py, nearest_neighbors), capped at pynndescent's 32
   * instead of umap-learn's 64. Java rounds halves up where Python rounds them to even (n = 100:
   * 6 trees here, 5 there).
   */
  static int defaultTrees(int n) {
    return Math.min(32, 5 + (int) Math.round(Math.sqrt(n) / 20.0));
  }

  /** The most rounds run: max(5, round(log2 n)), pynndescent's and umap-learn's n_iters. */
  static int maxRounds(int n) {
    return Math.max(5, (int) Math.round(Math.log(n) / Math.log(2)));
  }

  /**
   * The stopping rule: a round that made at most delta n (k - 1) updates is the last (pynndescent
   * stops when c &lt;= delta * n_neighbors * n).
   */
  static boolean converged(long updates, int n, int others) {
    return updates <= DELTA * n * others;
  }

  /** The graph and the first tree of the start forest. */
  static final class Result {
    final KnnGraph graph;
    final RandomProjectionTree tree;
    final TreeSpace treeSpace;
    final int rounds;

    Result(KnnGraph graph, RandomProjectionTree tree, TreeSpace treeSpace, int rounds) {
      this.graph = graph;
      this.tree = tree;
      this.treeSpace = treeSpace;
      this.rounds = rounds;
    }
  }

  Result build(LpPoints points) {
    int n = points.size();
    int others = k - 1;
    if (others < 1 || k > n) {
      throw new IllegalArgumentException("NN-descent needs 2 <= k <= n, got k = " + k + ", n = "
          + n);
    }
    TreeSpace space = TreeSpace.of(points, seed, threads);
    int treeCount = defaultTrees(n);
    int leafSize = Math.max(10, k);
    RandomProjectionTree[] forest = new RandomProjectionTree[treeCount];
    Blocks.run(treeCount, 1, threads, (t, from, to) ->
        forest[t] = new RandomProjectionTree(space.points(), space.squaredNorms(), leafSize,
            new SplittableRandom(mix(seed, 0x7265L, t, 0))));
    int[][] leafOf = new int[treeCount][];
    for (int t = 0; t < treeCount; t++) {
      leafOf[t] = forest[t].leafOfEachPoint();
    }
    NeighbourHeap heap = new NeighbourHeap(n, others);
    // start graph: every point against the members of its leaves (rows written by their owner)
    Blocks.run(n, 256, threads, (b, from, to) -> {
      float[] scratch = points.scratch();
      int[] seen = new int[n];
      java.util.Arrays.fill(seen, -1);
      for (int i = from; i < to; i++) {
        seen[i] = i;
        float[] xi = points.row(i);
        for (int t = 0; t < treeCount; t++) {
          RandomProjectionTree tree = forest[t];
          int leaf = leafOf[t][i];
          for (int s = tree.leafStart(leaf); s < tree.leafEnd(leaf); s++) {
            int j = tree.pointAt(s);
            if (seen[j] != i) {
              seen[j] = i;
              heap.push(i, j, points.reduced(xi, points.row(j), scratch), true);
            }
          }
        }
        SplittableRandom fill = new SplittableRandom(mix(seed, 0x66696cL, i, 0));
        int guard = 0;
        while (heap.neighbour(i, 0) < 0 && guard++ < 100 * k) {
          int j = fill.nextInt(n);
          if (seen[j] != i) {
            seen[j] = i;
            heap.push(i, j, points.reduced(xi, points.row(j), scratch), true);
          }
        }
      }
    });
    if (observer != null) {
      observer.started(heap, forest);
    }
    int rounds = roundCap > 0 ? roundCap : maxRounds(n);
    int done = 0;
    for (int round = 0; round < rounds; round++) {
      Cancellation.check();
      done++;
      long updates = descend(points, heap, round);
      if (observer != null) {
        observer.round(round, updates, heap);
      }
      if (converged(updates, n, others)) {
        break;
      }
    }
    return new Result(heap.toGraphWithSelf(points), forest[0], space, done);
  }

  /** One round: sample candidates, join them locally, apply the improvements. */
  private long descend(LpPoints points, NeighbourHeap heap, int round) {
    int n = points.size();
    int c = MAX_CANDIDATES;
    CandidateLists fresh = new CandidateLists(n, c);
    CandidateLists old = new CandidateLists(n, c);
    int slots = heap.k();
    for (int v = 0; v < n; v++) {
      for (int s = 0; s < slots; s++) {
        int u = heap.neighbour(v, s);
        if (u < 0) {
          continue;
        }
        int priority = (int) mix(seed, round, v, u);
        CandidateLists lists = heap.isNew(v, s) ? fresh : old;
        lists.offer(v, u, priority);
        lists.offer(u, v, priority);
      }
    }
    // a sampled new neighbour has now been joined: it is old from here on
    for (int v = 0; v < n; v++) {
      for (int s = 0; s < slots; s++) {
        if (heap.isNew(v, s) && fresh.contains(v, heap.neighbour(v, s))) {
          heap.markOld(v, s);
        }
      }
    }
    long updates = 0;
    int blockSize = 256;
    int chunk = 16 * blockSize;
    for (int from = 0; from < n; from += chunk) {
      int to = Math.min(n, from + chunk);
      int blocks = Blocks.count(to - from, blockSize);
      UpdateBuffer[] buffers = new UpdateBuffer[blocks];
      final int base = from;
      Blocks.run(to - from, blockSize, threads, (b, lo, hi) -> {
        UpdateBuffer out = new UpdateBuffer();
        float[] scratch = points.scratch();
        for (int v = base + lo; v < base + hi; v++) {
          join(points, heap, fresh, old, v, out, scratch);
        }
        buffers[b] = out;
      });
      for (UpdateBuffer buffer : buffers) {
        for (int u = 0; u < buffer.size; u++) {
          int p = buffer.a[u];
          int q = buffer.b[u];
          float d = buffer.d[u];
          if (heap.push(p, q, d, true)) {
            updates++;
          }
          if (heap.push(q, p, d, true)) {
            updates++;
          }
        }
      }
    }
    return updates;
  }

  private static void join(LpPoints points, NeighbourHeap heap, CandidateLists fresh,
      CandidateLists old, int v, UpdateBuffer out, float[] scratch) {
    int[] nv = fresh.list(v);
    int newCount = fresh.count(v);
    int[] ov = old.list(v);
    int oldCount = old.count(v);
    for (int x = 0; x < newCount; x++) {
      int p = nv[x];
      float[] xp = points.row(p);
      float wp = heap.worst(p);
      for (int y = x + 1; y < newCount; y++) {
        int q = nv[y];
        float d = points.reduced(xp, points.row(q), scratch);
        if (d < wp || d < heap.worst(q)) {
          out.add(p, q, d);
        }
      }
      for (int y = 0; y < oldCount; y++) {
        int q = ov[y];
        if (q == p) {
          continue;
        }
        float d = points.reduced(xp, points.row(q), scratch);
        if (d < wp || d < heap.worst(q)) {
          out.add(p, q, d);
        }
      }
    }
  }

  /** A 64-bit hash of four values (splitmix64 finaliser), the source of order-free randomness. */
  static long mix(long a, long b, long c, long d) {
    long h = a * 0x9E3779B97F4A7C15L + b;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + c;
    h = (h ^ (h >>> 29)) * 0x94D049BB133111EBL + d;
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    return h ^ (h >>> 32);
  }

  /**
   * Per point, the (at most c) candidates of lowest priority. Ties between equal priorities are
   * broken arbitrarily but deterministically: when the c-th lowest priority is shared, which of the
   * candidates holding it are kept is left open (priorities are 32-bit hashes, so such ties are
   * rare and no candidate is favoured by design).
   */
  static final class CandidateLists {
    private final int c;
    private final int[] index;
    private final int[] priority;
    private final int[] count;

    CandidateLists(int n, int c) {
      this.c = c;
      index = new int[n * c];
      priority = new int[n * c];
      count = new int[n];
    }

    void offer(int v, int u, int pri) {
      int base = v * c;
      int size = count[v];
      for (int s = 0; s < size; s++) {
        if (index[base + s] == u) {
          return;
        }
      }
      if (size < c) {
        index[base + size] = u;
        priority[base + size] = pri;
        count[v] = size + 1;
        return;
      }
      // replace the entry of highest priority if the new one is lower
      int worst = 0;
      for (int s = 1; s < c; s++) {
        if (priority[base + s] > priority[base + worst]) {
          worst = s;
        }
      }
      if (pri < priority[base + worst]) {
        index[base + worst] = u;
        priority[base + worst] = pri;
      }
    }

    boolean contains(int v, int u) {
      int base = v * c;
      for (int s = 0; s < count[v]; s++) {
        if (index[base + s] == u) {
          return true;
        }
      }
      return false;
    }

    int count(int v) {
      return count[v];
    }

    /** Candidates of v, copied out (count(v) of them). */
    int[] list(int v) {
      return java.util.Arrays.copyOfRange(index, v * c, v * c + count[v]);
    }
  }

  /** Growable list of (p, q, reduced distance) improvements found by one block. */
  private static final class UpdateBuffer {
    int[] a = new int[1024];
    int[] b = new int[1024];
    float[] d = new float[1024];
    int size;

    void add(int p, int q, float dist) {
      if (size == a.length) {
        a = java.util.Arrays.copyOf(a, size * 2);
        b = java.util.Arrays.copyOf(b, size * 2);
        d = java.util.Arrays.copyOf(d, size * 2);
      }
      a[size] = p;
      b[size] = q;
      d[size] = dist;
      size++;
    }
  }
}
