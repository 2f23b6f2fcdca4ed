package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The sinusoidal positional encoding against Eqs. 3.48-3.49 on small cases. */
class PositionalEncodingTest {

  @Test
  void followsTheCourseEquations() {
    float[] pe = PositionalEncoding.sinusoidal(3, 4);
    // position 0: sin 0 = 0, cos 0 = 1 in every pair
    assertEquals(0f, pe[0]);
    assertEquals(1f, pe[1]);
    assertEquals(0f, pe[2]);
    assertEquals(1f, pe[3]);
    // position 2, pair i = 1: angle 2 / 10000^(2/4) = 0.02
    assertEquals(Math.sin(0.02), pe[2 * 4 + 2], 1e-7);
    assertEquals(Math.cos(0.02), pe[2 * 4 + 3], 1e-7);
    // pair i = 0 runs at frequency 1: position 1 is sin 1, cos 1
    assertEquals(Math.sin(1), pe[4], 1e-7);
    assertEquals(Math.cos(1), pe[5], 1e-7);
  }

  @Test
  void anOddDimensionEndsWithASine() {
    float[] pe = PositionalEncoding.sinusoidal(2, 3);
    assertEquals(Math.sin(1 / Math.pow(10000, 2.0 / 3)), pe[3 + 2], 1e-7);
    assertThrows(IllegalArgumentException.class, () -> PositionalEncoding.sinusoidal(0, 4));
  }
}
