package fundamentos.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.image.HistogramOfGradients.BlockNorm;
import org.junit.jupiter.api.Test;

/** The engine's equations on images small enough to work out by hand, and its refusals. */
class HistogramOfGradientsTest {

  /**
   * A horizontal ramp I[r, c] = 3c on a 4 x 4 image, one 4 x 4 cell, 9 bins: the inner columns
   * have g_c = 3(c+1) - 3(c-1) = 6 and g_r = 0 (orientation 0, bin 0); the border columns have no
   * gradient. Cell histogram: bin 0 = 8 pixels x 6 / 16 pixels = 3, the rest 0.
   */
  @Test
  void aRampVotesIntoTheZeroDegreeBin() {
    double[] image = new double[16];
    for (int p = 0; p < 16; p++) {
      image[p] = 3 * (p % 4);
    }
    HistogramOfGradients hog = new HistogramOfGradients(9, 4, 4, 1, 1, BlockNorm.L1, false);
    double[][][] cells = hog.cellHistograms(image, 1, 4, 4);
    assertEquals(3.0, cells[0][0][0], 0.0);
    for (int o = 1; o < 9; o++) {
      assertEquals(0.0, cells[0][0][o], 0.0);
    }
    // L1: 3 / (3 + 1e-5); L2: 3 / sqrt(9 + 1e-10); L2-Hys caps at 0.2 then renormalises to 1
    assertEquals(3 / (3 + 1e-5), hog.features(image, 1, 4, 4)[0], 1e-15);
    assertEquals(3 / Math.sqrt(9 + 1e-10), new HistogramOfGradients(9, 4, 4, 1, 1, BlockNorm.L2,
        false).features(image, 1, 4, 4)[0], 1e-15);
    assertEquals(0.2 / Math.sqrt(0.04 + 1e-10), new HistogramOfGradients(9, 4, 4, 1, 1,
        BlockNorm.L2_HYS, false).features(image, 1, 4, 4)[0], 1e-15);
    assertEquals(Math.sqrt(3 / (3 + 1e-5)), new HistogramOfGradients(9, 4, 4, 1, 1,
        BlockNorm.L1_SQRT, false).features(image, 1, 4, 4)[0], 1e-15);
  }

  /** A vertical ramp: g_r = 2 * step, orientation 90 degrees, bin 4 of 9 (80-100). */
  @Test
  void aVerticalRampVotesIntoTheNinetyDegreeBin() {
    double[] image = new double[16];
    for (int p = 0; p < 16; p++) {
      image[p] = p / 4;
    }
    double[][][] cells = new HistogramOfGradients(9, 4, 4, 1, 1, BlockNorm.L1, false)
        .cellHistograms(image, 1, 4, 4);
    assertEquals(8 * 2 / 16.0, cells[0][0][4], 0.0);
  }

  /** Orientations are unsigned: a gradient and its opposite fall in the same bin. */
  @Test
  void orientationIsModulo180() {
    assertEquals(45.0, HistogramOfGradients.orientation(1, 1), 1e-12);
    assertEquals(45.0, HistogramOfGradients.orientation(-1, -1), 1e-12);
    assertEquals(135.0, HistogramOfGradients.orientation(1, -1), 1e-12);
    assertEquals(0.0, HistogramOfGradients.orientation(0, -1), 0.0);
  }

  /** Blocks slide by one cell: (cells - block + 1)^2 blocks of block^2 cells. */
  @Test
  void featureCountFollowsScikitImagesLayout() {
    HistogramOfGradients hog = new HistogramOfGradients(9, 4, 4, 2, 2, BlockNorm.L2_HYS, false);
    assertEquals(6 * 6 * 4 * 9, hog.numFeatures(28, 28));
    assertEquals(1 * 1 * 4 * 9, hog.numFeatures(8, 8));
    assertEquals(1 * 81, new HistogramOfGradients(9, 8, 8, 3, 3, BlockNorm.L2_HYS, false)
        .numFeatures(28, 28));
  }

  @Test
  void badImagesAreRefusedWithTheReason() {
    HistogramOfGradients hog = new HistogramOfGradients(9, 8, 8, 3, 3, BlockNorm.L2_HYS, false);
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
        () -> hog.features(new double[64], 1, 8, 8));
    assertTrue(small.getMessage().contains("too small"), small.getMessage());
    double[] image = new double[24 * 24];
    image[30] = Double.NaN;
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> hog.features(image, 1, 24, 24));
    assertTrue(nan.getMessage().contains("row 1, column 6"), nan.getMessage());
    assertThrows(IllegalArgumentException.class, () -> hog.features(new double[10], 1, 24, 24));
    assertThrows(IllegalArgumentException.class,
        () -> new HistogramOfGradients(0, 8, 8, 3, 3, BlockNorm.L2_HYS, false));
    assertThrows(IllegalArgumentException.class, () -> BlockNorm.of("L3"));
  }
}
