package fundamentos.deep;

import java.util.Random;

/**
 * Light augmentation of training images, drawn anew for every example of every mini-batch: a random
 * shift of up to {@code maxShift} pixels in each direction (the uncovered border filled with 0) and,
 * optionally, a horizontal flip with probability 1/2. Works on planar (channels-first) rows.
 */
public record ImageAugmentation(int maxShift, boolean flip) {

  public ImageAugmentation {
    if (maxShift < 0) {
      throw new IllegalArgumentException("The maximum shift must be >= 0 pixels, not " + maxShift);
    }
  }

  /** Whether this augmentation changes anything. */
  public boolean active() {
    return maxShift > 0 || flip;
  }

  /**
   * Augments {@code rows} examples of {@code shape} in place.
   *
   * @param batch rows x (channels x height x width) values, channels first
   */
  public void apply(float[] batch, int rows, Shape shape, Random random) {
    int c = (int) shape.channels();
    int h = (int) shape.height();
    int w = (int) shape.width();
    int size = c * h * w;
    float[] source = new float[size];
    for (int r = 0; r < rows; r++) {
      int dy = maxShift > 0 ? random.nextInt(2 * maxShift + 1) - maxShift : 0;
      int dx = maxShift > 0 ? random.nextInt(2 * maxShift + 1) - maxShift : 0;
      boolean mirror = flip && random.nextBoolean();
      if (dx == 0 && dy == 0 && !mirror) {
        continue;
      }
      int base = r * size;
      System.arraycopy(batch, base, source, 0, size);
      for (int k = 0; k < c; k++) {
        for (int y = 0; y < h; y++) {
          int sy = y - dy;
          for (int x = 0; x < w; x++) {
            int sx = (mirror ? w - 1 - x : x) - dx;
            batch[base + (k * h + y) * w + x] = sy >= 0 && sy < h && sx >= 0 && sx < w
                ? source[(k * h + sy) * w + sx] : 0f;
          }
        }
      }
    }
  }
}
