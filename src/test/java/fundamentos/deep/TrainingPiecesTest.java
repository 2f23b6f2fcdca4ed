package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.training.LearningRateSchedule;
import fundamentos.training.LearningRateSchedule.Kind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java pieces of training on hand cases written out here: shapes, example sets, the
 * learning-rate schedules, the positional encoding table, image augmentation, channel
 * standardisation and dropout.
 */
class TrainingPiecesTest {

  @Test
  void shapesCountTheirValuesAndPrintThemselves() {
    Shape image = Shape.image(3, 4, 5);
    assertEquals(60, image.size());
    assertTrue(image.spatial());
    assertEquals("3x4x5", image.toString());
    assertEquals(new Shape(3, 4, 5, Shape.Kind.IMAGE), image);
    Shape flat = Shape.flat(7);
    assertEquals(7, flat.size());
    assertFalse(flat.spatial());
    assertEquals("7", flat.toString());
    assertEquals(new Shape(7, 1, 1, Shape.Kind.FLAT), flat);
    // a sequence of 5 tokens of 8 values: [channels = 8, height 1, width = 5]
    Shape sequence = Shape.sequence(8, 5);
    assertEquals(40, sequence.size());
    assertFalse(sequence.spatial());
    assertEquals("5x8", sequence.toString());
    assertEquals(new Shape(8, 1, 5, Shape.Kind.SEQUENCE), sequence);
  }

  @Test
  void examplesCheckTheirSizesAndSubsetInTheGivenOrder() {
    Shape shape = Shape.flat(2);
    float[] x = {1, 2, 3, 4, 5, 6};
    Examples data = new Examples(x, shape, new int[] {0, 1, 2}, new double[] {0.5, 1, 2});
    assertEquals(3, data.size());
    Examples sub = data.subset(new int[] {2, 0});
    assertEquals(2, sub.size());
    assertArrayEquals(new float[] {5, 6, 1, 2}, sub.features());
    assertArrayEquals(new int[] {2, 0}, sub.labels());
    assertArrayEquals(new double[] {2, 0.5}, sub.weights());
    assertEquals(shape, sub.shape());
    assertThrows(IllegalArgumentException.class,
        () -> new Examples(new float[5], shape, new int[3], new double[3]));
    assertThrows(IllegalArgumentException.class,
        () -> new Examples(new float[7], shape, new int[3], new double[3]));
    assertThrows(IllegalArgumentException.class,
        () -> new Examples(x, shape, new int[3], new double[2]));
    assertThrows(IllegalArgumentException.class,
        () -> new Examples(x, shape, new int[3], new double[4]));
    assertEquals(0, new Examples(new float[0], shape, new int[0], new double[0]).size());
  }

  @Test
  void constantAndStepSchedules() {
    LearningRateSchedule constant = LearningRateSchedule.constant();
    assertEquals(Kind.CONSTANT, constant.kind());
    assertEquals(0.3, constant.rate(0.3, 0, 10), 0);
    assertEquals(0.3, constant.rate(0.3, 9, 10), 0);
    // multiplied by gamma = 0.1 every 2 epochs
    LearningRateSchedule step = new LearningRateSchedule(Kind.STEP, 2, 0.1);
    double[] expected = {2, 2, 0.2, 0.2, 0.02};
    for (int e = 0; e < expected.length; e++) {
      assertEquals(expected[e], step.rate(2, e, 5), 1e-12, "epoch " + e);
    }
    // the smallest step (1 epoch) and a gamma above 1 are allowed
    assertEquals(8, new LearningRateSchedule(Kind.STEP, 1, 2).rate(1, 3, 5), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(Kind.STEP, 0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(Kind.STEP, -1, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(Kind.STEP, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(Kind.STEP, 2, -0.5));
    assertThrows(IllegalArgumentException.class,
        () -> new LearningRateSchedule(Kind.STEP, 2, Double.NaN));
    // the other kinds ignore step and gamma
    assertEquals(1, new LearningRateSchedule(Kind.CONSTANT, 0, 0).rate(1, 4, 5), 0);
    assertEquals(1, new LearningRateSchedule(Kind.COSINE, 0, 0).rate(1, 0, 5), 1e-15);
  }

  @Test
  void cosineAnnealingGoesFromTheBaseRateTowardsZero() {
    LearningRateSchedule cosine = new LearningRateSchedule(Kind.COSINE, 1, 1);
    // T = 4 planned epochs: eta / 2 (1 + cos(pi t / 4)) for t = 0 .. 3, eta = 2
    double[] expected = {2, 1 + Math.sqrt(0.5), 1, 1 - Math.sqrt(0.5)};
    for (int t = 0; t < 4; t++) {
      assertEquals(expected[t], cosine.rate(2, t, 4), 1e-12, "epoch " + t);
    }
    // epochs past the plan stay at the last planned value, not rising again
    assertEquals(1 - Math.sqrt(0.5), cosine.rate(2, 7, 4), 1e-12);
    assertEquals(1 - Math.sqrt(0.5), cosine.rate(2, 4, 4), 1e-12);
    // two planned epochs: eta, then eta / 2
    assertEquals(3, cosine.rate(3, 0, 2), 1e-12);
    assertEquals(1.5, cosine.rate(3, 1, 2), 1e-12);
    // one planned epoch (or none): the base rate
    assertEquals(2, cosine.rate(2, 0, 1), 1e-15);
    assertEquals(2, cosine.rate(2, 3, 1), 1e-15);
    assertEquals(2, cosine.rate(2, 0, 0), 0);
  }

  @Test
  void positionalEncodingTableFollowsTheFormulaEverywhere() {
    int length = 4;
    int d = 5;
    float[] pe = PositionalEncoding.sinusoidal(length, d);
    assertEquals(length * d, pe.length);
    for (int pos = 0; pos < length; pos++) {
      for (int j = 0; j < d; j++) {
        // dimension j belongs to pair i = floor(j / 2): angle pos / 10000^(2i / d)
        double angle = pos / Math.pow(10000, (j - j % 2) / (double) d);
        double expected = j % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
        assertEquals(expected, pe[pos * d + j], 1e-6, "position " + pos + ", dimension " + j);
      }
    }
    assertArrayEquals(new float[] {0f}, PositionalEncoding.sinusoidal(1, 1));
    assertArrayEquals(new float[] {0f, 1f}, PositionalEncoding.sinusoidal(1, 2));
    assertThrows(IllegalArgumentException.class, () -> PositionalEncoding.sinusoidal(3, 0));
    assertThrows(IllegalArgumentException.class, () -> PositionalEncoding.sinusoidal(0, 3));
  }

  /** A generator that returns given draws, checking each bound; any other draw fails. */
  private static final class Script extends Random {
    private static final long serialVersionUID = 1L;
    private final Deque<Object> draws = new ArrayDeque<>();

    Script(Object... values) {
      super(0);
      for (Object value : values) {
        draws.add(value);
      }
    }

    /** A draw of nextInt(bound) that returns value. */
    static int[] integer(int bound, int value) {
      return new int[] {bound, value};
    }

    @Override
    public int nextInt(int bound) {
      int[] draw = (int[]) draws.remove();
      assertEquals(draw[0], bound, "bound of the draw");
      return draw[1];
    }

    @Override
    public boolean nextBoolean() {
      return (Boolean) draws.remove();
    }

    boolean used() {
      return draws.isEmpty();
    }
  }

  /** Two channels of 3 x 4: channel k, row y, column x holds 100 k + 10 y + x + 1. */
  private static float[] image() {
    float[] image = new float[24];
    for (int k = 0; k < 2; k++) {
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 4; x++) {
          image[(k * 3 + y) * 4 + x] = 100 * k + 10 * y + x + 1;
        }
      }
    }
    return image;
  }

  private static float[] twice(float[] a, float[] b) {
    float[] both = new float[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  @Test
  void augmentationShiftsAndMirrorsExactly() {
    Shape shape = Shape.image(2, 3, 4);
    // example 0: dy = 2 - 1 = +1 (down), dx = 0 - 1 = -1, mirrored: out(y, x) = in(y - 1, 4 - x)
    // example 1: dy = 0, dx = 0, not mirrored: unchanged
    Script script = new Script(Script.integer(3, 2), Script.integer(3, 0), true,
        Script.integer(3, 1), Script.integer(3, 1), false);
    float[] batch = twice(image(), image());
    new ImageAugmentation(1, true).apply(batch, 2, shape, script);
    assertTrue(script.used());
    float[] expected = {
        0, 0, 0, 0,
        0, 4, 3, 2,
        0, 14, 13, 12,
        0, 0, 0, 0,
        0, 104, 103, 102,
        0, 114, 113, 112};
    assertArrayEquals(twice(expected, image()), batch);
  }

  @Test
  void augmentationShiftsInEveryDirectionAndFillsWithZeros() {
    Shape shape = Shape.image(2, 3, 4);
    // example 0: dy = 4 - 2 = +2, dx = 0 - 2 = -2: out(y, x) = in(y - 2, x + 2)
    // example 1: dy = 1 - 2 = -1, dx = 2 - 2 = 0: out(y, x) = in(y + 1, x)
    // example 2: dy = 0, dx = 3 - 2 = +1: out(y, x) = in(y, x - 1)
    // no flip: no boolean is drawn
    Script script = new Script(Script.integer(5, 4), Script.integer(5, 0),
        Script.integer(5, 1), Script.integer(5, 2), Script.integer(5, 2), Script.integer(5, 3));
    float[] batch = twice(twice(image(), image()), image());
    new ImageAugmentation(2, false).apply(batch, 3, shape, script);
    assertTrue(script.used());
    float[] down = {
        0, 0, 0, 0,
        0, 0, 0, 0,
        3, 4, 0, 0,
        0, 0, 0, 0,
        0, 0, 0, 0,
        103, 104, 0, 0};
    float[] up = {
        11, 12, 13, 14,
        21, 22, 23, 24,
        0, 0, 0, 0,
        111, 112, 113, 114,
        121, 122, 123, 124,
        0, 0, 0, 0};
    float[] right = {
        0, 1, 2, 3,
        0, 11, 12, 13,
        0, 21, 22, 23,
        0, 101, 102, 103,
        0, 111, 112, 113,
        0, 121, 122, 123};
    assertArrayEquals(twice(twice(down, up), right), batch);
  }

  @Test
  void aFlipAloneMirrorsEachRowAndDrawsNoShift() {
    Shape shape = Shape.image(2, 3, 4);
    Script script = new Script(true);
    float[] batch = image();
    new ImageAugmentation(0, true).apply(batch, 1, shape, script);
    assertTrue(script.used());
    float[] expected = {
        4, 3, 2, 1,
        14, 13, 12, 11,
        24, 23, 22, 21,
        104, 103, 102, 101,
        114, 113, 112, 111,
        124, 123, 122, 121};
    assertArrayEquals(expected, batch);
    // no shift and no flip: nothing drawn, nothing changed
    Script none = new Script();
    float[] same = image();
    new ImageAugmentation(0, false).apply(same, 1, shape, none);
    assertArrayEquals(image(), same);
  }

  @Test
  void augmentationSettings() {
    assertFalse(new ImageAugmentation(0, false).active());
    assertTrue(new ImageAugmentation(1, false).active());
    assertTrue(new ImageAugmentation(0, true).active());
    assertTrue(new ImageAugmentation(3, true).active());
    assertThrows(IllegalArgumentException.class, () -> new ImageAugmentation(-1, false));
  }

  @Test
  void channelStandardiserUsesEachChannelsMeanAndDeviation() {
    // 2 channels of 1 x 2 values, 2 images: channel 0 holds 1, 3, 6, 10 (mean 5, variance 11.5;
    // the two images differ in squared deviation, 20 and 26),
    // channel 1 is constant 7 (deviation 0, taken as 1; a mean other than channel 0's)
    Shape shape = Shape.image(2, 1, 2);
    float[] rows = {1, 3, 7, 7, 6, 10, 7, 7};
    ChannelStandardiser standardiser = ChannelStandardiser.fit(rows, shape);
    float[] copy = rows.clone();
    standardiser.apply(copy, shape);
    double s = Math.sqrt(11.5);
    float[] expected = {(float) (-4 / s), (float) (-2 / s), 0, 0, (float) (1 / s), (float) (5 / s),
        0, 0};
    assertArrayEquals(expected, copy, 1e-6f);
    // other rows use the statistics learned above
    float[] other = {5, (float) (5 + s), 6, 7};
    standardiser.apply(other, shape);
    assertArrayEquals(new float[] {0, 1, -1, 0}, other, 1e-6f);
  }

  @Test
  void channelMomentsGatheredElsewhereGiveTheFittedStandardisation() {
    // the same two images as pixel means and mean squares (the Spark train job's header pass):
    // pixel means {3.5, 6.5 | 7, 7}, mean squares {18.5, 54.5 | 49, 49}
    Shape shape = Shape.image(2, 1, 2);
    float[] rows = {1, 3, 7, 7, 6, 10, 7, 7};
    ChannelStandardiser fitted = ChannelStandardiser.fit(rows, shape);
    ChannelStandardiser given = ChannelStandardiser.ofMoments(new double[] {3.5, 6.5, 7, 7},
        new double[] {18.5, 54.5, 49, 49}, shape);
    float[] a = rows.clone();
    float[] b = rows.clone();
    fitted.apply(a, shape);
    given.apply(b, shape);
    assertArrayEquals(a, b, 1e-6f);
  }

  @Test
  void dropoutZeroesWithTheRateAndScalesWhatItKeeps() {
    float[] values = new float[64];
    for (int i = 0; i < values.length; i++) {
      values[i] = i + 1;
    }
    float[] x = values.clone();
    float[] mask = Dropout.of(0.25, new SplittableRandom(9), true).apply(x);
    // each value dropped when its uniform draw falls below the rate, in order
    SplittableRandom draws = new SplittableRandom(9);
    float keep = (float) (1 / 0.75);
    int dropped = 0;
    for (int i = 0; i < values.length; i++) {
      float m = draws.nextDouble() < 0.25 ? 0f : keep;
      dropped += m == 0f ? 1 : 0;
      assertEquals(m, mask[i], "mask " + i);
      assertEquals(values[i] * m, x[i], 1e-5, "value " + i);
    }
    assertTrue(dropped > 0 && dropped < values.length, dropped + " dropped");
    float[] gradient = new float[64];
    java.util.Arrays.fill(gradient, 3f);
    float[] back = Dropout.backward(gradient, mask);
    for (int i = 0; i < values.length; i++) {
      assertEquals(3 * mask[i], back[i], 1e-6, "gradient " + i);
    }
    assertSame(gradient, Dropout.backward(gradient, null));
    // prediction, or rate 0: nothing changes and there is no mask
    float[] y = values.clone();
    assertNull(Dropout.of(0.5, new SplittableRandom(1), false).apply(y));
    assertArrayEquals(values, y);
    assertNull(Dropout.of(0, new SplittableRandom(1), true).apply(y));
    assertArrayEquals(values, y);
  }

  @Test
  void invertedDropoutKeepsTheMeanAndDropsAboutTheRate() {
    float[] ones = new float[20000];
    java.util.Arrays.fill(ones, 1f);
    Dropout.of(0.4, new SplittableRandom(3), true).apply(ones);
    double sum = 0;
    int zeros = 0;
    for (float v : ones) {
      sum += v;
      zeros += v == 0f ? 1 : 0;
    }
    assertEquals(1, sum / ones.length, 0.03);
    assertEquals(0.4, zeros / (double) ones.length, 0.02);
  }
}
