package fundamentos.deep;

/**
 * The sinusoidal positional encoding of the course's Transformer (Eqs. 3.48-3.49, Vaswani et al.
 * 2017): PE(pos, 2i) = sin(pos / 10000^(2i/d)) and PE(pos, 2i+1) = cos(pos / 10000^(2i/d)), added
 * to the token embeddings so that attention, which is blind to order, can tell positions apart.
 */
public final class PositionalEncoding {

  private PositionalEncoding() {
  }

  /**
   * The encodings of positions 0 .. length-1 in d dimensions, row-major [length][d] (an odd d ends
   * with a sine).
   */
  public static float[] sinusoidal(int length, int d) {
    if (length < 1 || d < 1) {
      throw new IllegalArgumentException("Positional encoding needs length and dimension >= 1, not "
          + length + " and " + d);
    }
    float[] table = new float[length * d];
    for (int pos = 0; pos < length; pos++) {
      for (int i = 0; 2 * i < d; i++) {
        double angle = pos / Math.pow(10000, 2.0 * i / d);
        table[pos * d + 2 * i] = (float) Math.sin(angle);
        if (2 * i + 1 < d) {
          table[pos * d + 2 * i + 1] = (float) Math.cos(angle);
        }
      }
    }
    return table;
  }
}
