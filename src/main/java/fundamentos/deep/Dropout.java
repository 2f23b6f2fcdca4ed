package fundamentos.deep;

import java.util.SplittableRandom;

/**
 * Inverted dropout for the hand-written layers (Srivastava et al. 2014): in training each value is
 * zeroed with probability {@code rate} and the others scaled by 1 / (1 - rate); at prediction it
 * does nothing. The mask is kept for the backward pass. Each layer draws from its own generator,
 * seeded from the network's seed and the layer's index, so training is reproducible for a seed.
 */
final class Dropout {

  private final double rate;
  private final SplittableRandom random;
  private final boolean active;

  private Dropout(double rate, SplittableRandom random, boolean active) {
    this.rate = rate;
    this.random = random;
    this.active = active && rate > 0;
  }

  /** Dropout at the given rate while training, none otherwise. */
  static Dropout of(double rate, SplittableRandom random, boolean training) {
    return new Dropout(rate, random, training);
  }

  /** Applies dropout to the values in place; returns the mask (kept/(1 - rate) or 0), or null. */
  float[] apply(float[] values) {
    return apply(values, draw(values.length));
  }

  /** A mask for {@code length} values (kept/(1 - rate) or 0), or null when inactive. */
  float[] draw(int length) {
    if (!active) {
      return null;
    }
    float keep = (float) (1 / (1 - rate));
    float[] mask = new float[length];
    for (int i = 0; i < length; i++) {
      mask[i] = random.nextDouble() < rate ? 0f : keep;
    }
    return mask;
  }

  /** Multiplies the values by a mask from {@link #draw} in place (nothing for null); returns it. */
  static float[] apply(float[] values, float[] mask) {
    if (mask != null) {
      for (int i = 0; i < values.length; i++) {
        values[i] *= mask[i];
      }
    }
    return mask;
  }

  /** The gradient through a dropout with this mask (the gradient itself when there was none). */
  static float[] backward(float[] gradient, float[] mask) {
    if (mask == null) {
      return gradient;
    }
    float[] result = new float[gradient.length];
    for (int i = 0; i < result.length; i++) {
      result[i] = gradient[i] * mask[i];
    }
    return result;
  }
}
