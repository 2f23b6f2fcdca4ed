package weka.filters.unsupervised.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ImageDirectoryLoader;
import weka.filters.Filter;

/**
 * Eigenfaces (course section 5.1.5) from an image folder: ImageDirectoryLoader's grey pixels of the
 * committed synthetic faces (src/test/resources/images/faces, written by src/scripts/make_faces.py),
 * PCA's eigen-images, and the reconstruction error falling as components are added.
 */
class EigenfacesTest {

  private static final File FACES = new File("src/test/resources/images/faces");

  private static Instances faces(int width, int height) throws Exception {
    ImageDirectoryLoader loader = new ImageDirectoryLoader();
    loader.setOptions(Utils.splitOptions("-dir " + FACES.getPath() + " -width " + width
        + " -height " + height));
    return loader.getDataSet();
  }

  @Test
  void theFolderGivesGreyPixelsAtTheGivenSize() throws Exception {
    Instances full = faces(40, 40);
    assertEquals(32, full.numInstances());
    assertEquals(40 * 40 + 1, full.numAttributes());
    assertEquals(full.numAttributes() - 1, full.classIndex());
    assertEquals("frown", full.classAttribute().value(0));
    assertEquals("smile", full.classAttribute().value(1));
    assertEquals("p0_0", full.attribute(0).name());
    assertEquals("p39_39", full.attribute(40 * 40 - 1).name());
    // at its own size, pixel (r, c) is the PNG's grey sample; frown/00.png is the first image
    Raster raster = ImageIO.read(new File(FACES, "frown/00.png")).getRaster();
    for (int r = 0; r < 40; r += 7) {
      for (int c = 0; c < 40; c += 3) {
        assertEquals(raster.getSample(c, r, 0), full.instance(0).value(r * 40 + c), 1e-9);
      }
    }
    // resized to 20 x 20: the same picture, so about the same mean grey level
    Instances half = faces(20, 20);
    assertEquals(20 * 20 + 1, half.numAttributes());
    double meanFull = 0;
    double meanHalf = 0;
    for (int j = 0; j < 1600; j++) {
      meanFull += full.instance(5).value(j) / 1600;
    }
    for (int j = 0; j < 400; j++) {
      meanHalf += half.instance(5).value(j) / 400;
    }
    assertEquals(meanFull, meanHalf, 3.0);
    // default: file names, as before
    ImageDirectoryLoader names = new ImageDirectoryLoader();
    names.setDirectory(FACES);
    assertTrue(names.getDataSet().attribute(0).isString());
    // one of the two sizes alone is refused
    ImageDirectoryLoader widthOnly = new ImageDirectoryLoader();
    widthOnly.setDirectory(FACES);
    widthOnly.setWidth(20);
    IOException e = assertThrows(IOException.class, widthOnly::getDataSet);
    assertTrue(e.getMessage().contains("-width and -height"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> widthOnly.setHeight(-3));
  }

  @Test
  void eigenfacesAndReconstructionOfTheFolder(@TempDir Path dir) throws Exception {
    Instances faces = faces(20, 20);
    File png = dir.resolve("eigenfaces.png").toFile();
    double previous = Double.POSITIVE_INFINITY;
    for (int k : new int[] {1, 2, 4, 8, 16, 31}) {
      PCA pca = new PCA();
      pca.setOptions(Utils.splitOptions("-C -R 1 -M " + k + " -reconstruction-error"
          + (k == 8 ? " -eigen-images " + png.getPath() + " -eigen-image-count 8" : "")));
      pca.setInputFormat(faces);
      Instances scores = Filter.useFilter(faces, pca);
      int error = scores.attribute("reconstruction_error").index();
      double mean = scores.attributeStats(error).numericStats.mean;
      assertTrue(mean < previous, k + " components: mean squared error " + mean
          + ", not below " + previous);
      previous = mean;
    }
    // 32 images span at most 31 directions around their mean: all of them rebuild every face
    assertEquals(0.0, previous, 1e-6);
    BufferedImage picture = ImageIO.read(png);
    assertTrue(picture.getWidth() > 200 && picture.getHeight() > 50,
        picture.getWidth() + "x" + picture.getHeight());
  }
}
