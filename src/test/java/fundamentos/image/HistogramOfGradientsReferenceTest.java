package fundamentos.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine against scikit-image 0.19.3's {@code hog} (numbers made by
 * src/test/resources/reference/skimage_hog.py, committed beside it as skimage_hog.csv): three
 * Fashion-MNIST images (also one scaled to 0..1 and one with the square-root compression), three
 * 8 x 8 digits, a 20 x 30 synthetic picture and a 3-channel one, under 5 to 6 parameter sets each
 * (every block normalisation, square and oblong cells and blocks, 4 to 16 bins, pixels left over
 * beyond the last whole cell). Every feature agrees to 1e-6.
 */
class HistogramOfGradientsReferenceTest {

  /** The agreement asked for (issue 22). */
  static final double TOLERANCE = 1e-6;

  private record Image(int channels, int height, int width, double[] pixels) {
  }

  @Test
  void everyCaseAgreesWithScikitImage() throws IOException {
    Map<String, Image> images = new HashMap<>();
    List<String[]> cases = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/reference/skimage_hog.csv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] p = line.trim().split(",");
        if (p[0].equals("image")) {
          images.put(p[1], new Image(Integer.parseInt(p[2]), Integer.parseInt(p[3]),
              Integer.parseInt(p[4]), numbers(p, 5)));
        } else {
          cases.add(p);
        }
      }
    }
    assertEquals(9, images.size());
    assertEquals(36, cases.size());
    double worst = 0;
    for (String[] p : cases) {
      Image image = images.get(p[1]);
      HistogramOfGradients hog = new HistogramOfGradients(Integer.parseInt(p[2]),
          Integer.parseInt(p[3]), Integer.parseInt(p[4]), Integer.parseInt(p[5]),
          Integer.parseInt(p[6]), HistogramOfGradients.BlockNorm.of(p[7]), p[8].equals("1"));
      double[] expected = numbers(p, 9);
      double[] actual = hog.features(image.pixels(), image.channels(), image.height(),
          image.width());
      String name = String.join(",", Arrays.copyOf(p, 9));
      assertEquals(expected.length, actual.length, name);
      assertEquals(expected.length, hog.numFeatures(image.height(), image.width()), name);
      for (int i = 0; i < expected.length; i++) {
        double error = Math.abs(expected[i] - actual[i]);
        worst = Math.max(worst, error);
        assertEquals(expected[i], actual[i], TOLERANCE, name + " feature " + i);
      }
    }
    System.out.println("HOG against scikit-image: " + cases.size() + " cases, largest difference "
        + worst);
    assertTrue(worst < TOLERANCE);
  }

  private static double[] numbers(String[] p, int from) {
    double[] v = new double[p.length - from];
    for (int i = from; i < p.length; i++) {
      v[i - from] = Double.parseDouble(p[i]);
    }
    return v;
  }
}
