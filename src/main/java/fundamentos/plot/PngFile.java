package fundamentos.plot;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Where every picture of the package ends: a PNG file, its folder created when missing. */
final class PngFile {

  private PngFile() {
  }

  /** Writes the image as a PNG, creating the file's folder if needed. */
  static void write(BufferedImage image, File file) throws IOException {
    File parent = file.getAbsoluteFile().getParentFile();
    if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
      throw new IOException("cannot create folder " + parent);
    }
    if (!ImageIO.write(image, "png", file)) {
      throw new IOException("no PNG writer available for " + file);
    }
  }
}
