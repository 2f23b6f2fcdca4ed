package fundamentos.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The start of every picture that is not a chart (image grids, HOG cells): a white background,
 * anti-aliased lines and text, and the captions' sans-serif font, so that the pictures of the
 * package look alike.
 */
final class PictureCanvas {

  private PictureCanvas() {
  }

  /** Clears {@code image} to white and returns its graphics, ready for lines and captions. */
  static Graphics2D open(BufferedImage image, int fontSize) {
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
    return g;
  }
}
