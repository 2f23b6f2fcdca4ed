package fundamentos.weka;

import fundamentos.deep.Shape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;
import weka.core.WekaException;

/**
 * Reads image files (whatever Java's ImageIO reads: PNG, JPEG, GIF, BMP) into planar rows of a fixed
 * shape: grey (the luminance) for one channel, RGB for three; resized with bilinear interpolation
 * when a size is given. Without a size every image must have the size of the first.
 */
public final class ImageFiles {

  private ImageFiles() {
  }

  /** Reads a file; a clear error when it is missing or not an image. */
  public static BufferedImage read(File file) throws WekaException {
    if (!file.isFile()) {
      throw new WekaException("Image file " + file + " does not exist: check the image directory.");
    }
    try {
      BufferedImage image = ImageIO.read(file);
      if (image == null) {
        throw new WekaException("Cannot read " + file + " as an image (Java reads PNG, JPEG, GIF and BMP).");
      }
      return image;
    } catch (IOException e) {
      throw new WekaException("Cannot read image " + file + ": " + e.getMessage());
    }
  }

  /**
   * The shape images will have: the given size, or the first image's; 1 or 3 channels (0 = 3 for a
   * colour first image, else 1).
   */
  public static Shape shapeOf(BufferedImage first, int height, int width, int channels) {
    int c = channels > 0 ? channels : first.getColorModel().getNumColorComponents() >= 3 ? 3 : 1;
    int h = height > 0 ? height : first.getHeight();
    int w = width > 0 ? width : first.getWidth();
    return Shape.image(c, h, w);
  }

  /**
   * Writes an image as a planar row of {@code shape}, values 0-255.
   *
   * @param resize whether a size was requested; otherwise the image must already have that size
   */
  public static void row(BufferedImage image, File file, Shape shape, boolean resize, float[] target,
      int offset) throws WekaException {
    int h = (int) shape.height();
    int w = (int) shape.width();
    if (image.getHeight() != h || image.getWidth() != w) {
      if (!resize) {
        throw new WekaException("Image " + file + " is " + image.getHeight() + "x" + image.getWidth()
            + " but the first image is " + h + "x" + w + ": images of mixed sizes need the image "
            + "height and width options set, to which every image is resized.");
      }
      BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = scaled.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, w, h, null);
      g.dispose();
      image = scaled;
    }
    int plane = h * w;
    boolean grey = shape.channels() == 1;
    java.awt.image.Raster raster = image.getRaster();
    if (grey && raster.getNumBands() == 1) {
      // a grey image's own samples: getRGB would pass them through a colour-space conversion
      double scale = 255.0 / ((1L << image.getColorModel().getComponentSize(0)) - 1);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          target[offset + y * w + x] = (float) (raster.getSample(x, y, 0) * scale);
        }
      }
      return;
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int gr = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        int p = offset + y * w + x;
        if (grey) {
          target[p] = (float) (0.299 * r + 0.587 * gr + 0.114 * b);
        } else {
          target[p] = r;
          target[p + plane] = gr;
          target[p + 2 * plane] = b;
        }
      }
    }
  }
}
