package fundamentos.neighbours;

import fundamentos.parallel.Blocks;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The space random-projection trees split in: the points themselves when they have few
 * dimensions, else a Gaussian random projection to {@link #DIMENSION} dimensions
 * (Johnson-Lindenstrauss: distances kept within a modest factor), so that building a forest costs
 * O(n log n DIMENSION) instead of O(n log n d). The trees only propose candidate neighbours; every
 * candidate is then measured in the full space, so the projection changes which candidates are
 * tried first, not the distances.
 */
final class TreeSpace implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Dimension of the projection. */
  static final int DIMENSION = 32;

  /** d x DIMENSION, or null when the points are used as they are. */
  private final float[][] projection;
  private final LpPoints points;
  private final float[] squaredNorms;

  private TreeSpace(float[][] projection, LpPoints points) {
    this.projection = projection;
    this.points = points;
    squaredNorms = new float[points.size()];
    for (int i = 0; i < points.size(); i++) {
      squaredNorms[i] = LpPoints.dot(points.row(i), points.row(i));
    }
  }

  static TreeSpace of(LpPoints original, long seed, int threads) {
    int d = original.dimension();
    if (d <= 2 * DIMENSION) {
      return new TreeSpace(null, original);
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x5eedL);
    float[][] projection = new float[d][DIMENSION];
    double scale = 1 / Math.sqrt(DIMENSION);
    for (float[] row : projection) {
      for (int r = 0; r < DIMENSION; r++) {
        row[r] = (float) (gaussian(random) * scale);
      }
    }
    float[][] rows = new float[original.size()][];
    Blocks.run(original.size(), 1024, threads, (b, from, to) -> {
      for (int i = from; i < to; i++) {
        rows[i] = project(original.row(i), projection);
      }
    });
    return new TreeSpace(projection, new LpPoints(rows, 2));
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** x R: a sum of rows of R weighted by x, a loop the JIT vectorises. */
  private static float[] project(float[] x, float[][] projection) {
    float[] out = new float[DIMENSION];
    for (int j = 0; j < x.length; j++) {
      float v = x[j];
      if (v != 0) {
        float[] row = projection[j];
        for (int r = 0; r < DIMENSION; r++) {
          out[r] += v * row[r];
        }
      }
    }
    return out;
  }

  /** A query in this space. */
  float[] project(float[] x) {
    return projection == null ? x : project(x, projection);
  }

  LpPoints points() {
    return points;
  }

  float[] squaredNorms() {
    return squaredNorms;
  }
}
