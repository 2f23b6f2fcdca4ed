package fundamentos.weka;

import fundamentos.deep.Shape;
import java.io.Serializable;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.WekaException;

/**
 * How the pixel attributes of an ordinary ARFF form an image: height x width x channels numeric
 * attributes (the class excluded), either planar (all of channel 0, then channel 1, ...: CIFAR's
 * binary layout) or interleaved (the channels of each pixel together: RGBRGB...). A square grey
 * image is inferred when the sizes are not given and the count is a perfect square. A missing pixel
 * becomes 0.
 */
public final class ImageLayout implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Shape shape;
  private final boolean interleaved;
  private final int[] pixelAttributes;

  private ImageLayout(Shape shape, boolean interleaved, int[] pixelAttributes) {
    this.shape = shape;
    this.interleaved = interleaved;
    this.pixelAttributes = pixelAttributes;
  }

  /**
   * Checks the header against the requested sizes (0 = infer).
   *
   * @throws WekaException when an attribute is not numeric or the count does not fit the sizes
   */
  public static ImageLayout of(Instances header, int height, int width, int channels,
      boolean interleaved) throws WekaException {
    int count = 0;
    int[] pixels = new int[header.numAttributes()];
    for (int a = 0; a < header.numAttributes(); a++) {
      if (a == header.classIndex()) {
        continue;
      }
      Attribute attribute = header.attribute(a);
      if (!attribute.isNumeric()) {
        throw new WekaException("Attribute '" + attribute.name() + "' is " 
            + Attribute.typeToString(attribute) + ", but an image needs numeric pixel attributes only:"
            + " remove it, or use dense layers only (the MLP) for mixed data.");
      }
      pixels[count++] = a;
    }
    if (count == 0) {
      // else the size check below reports "0 pixel attributes do not match 0 x 0 x 1 = 0"
      throw new WekaException("The data has no input attribute besides the class: an image needs "
          + "numeric pixel attributes (or a string attribute of image file names). Load data that "
          + "has them, e.g. with IDXLoader or ImageDirectoryLoader.");
    }
    int c = channels > 0 ? channels : 1;
    int h = height;
    int w = width;
    if (h <= 0 && w <= 0) {
      int side = (int) Math.round(Math.sqrt(count / (double) c));
      if (side * side * c != count) {
        throw new WekaException(count + " pixel attributes do not form a square image of " + c
            + " channel(s): set the image height, width and channels.");
      }
      h = side;
      w = side;
    } else if (h <= 0) {
      h = count / (w * c);
    } else if (w <= 0) {
      w = count / (h * c);
    }
    if ((long) h * w * c != count || h < 1 || w < 1) {
      throw new WekaException(count + " pixel attributes do not match height x width x channels = "
          + height + " x " + width + " x " + c + " = " + (long) height * width * c + ".");
    }
    return new ImageLayout(Shape.image(c, h, w), interleaved, java.util.Arrays.copyOf(pixels, count));
  }

  public Shape shape() {
    return shape;
  }

  /**
   * The pixels of every instance as planar (channels-first) rows.
   *
   * @throws WekaException when a pixel is infinite or beyond single precision
   */
  public float[] rows(Instances data) throws WekaException {
    int size = (int) shape.size();
    float[] rows = new float[data.numInstances() * size];
    for (int i = 0; i < data.numInstances(); i++) {
      row(data.instance(i), rows, i * size);
    }
    return rows;
  }

  /**
   * The pixels of one instance, planar, as doubles (engines that compute in double precision, such
   * as HOG); a missing pixel stays NaN.
   */
  public double[] pixels(Instance instance) {
    int c = (int) shape.channels();
    int plane = (int) (shape.height() * shape.width());
    double[] target = new double[pixelAttributes.length];
    for (int j = 0; j < pixelAttributes.length; j++) {
      target[interleaved ? (j % c) * plane + j / c : j] = instance.value(pixelAttributes[j]);
    }
    return target;
  }

  /**
   * The pixels of one instance, planar, written at {@code offset}.
   *
   * @throws WekaException when a pixel is infinite or beyond single precision: the network computes
   *     in 32-bit floats, where it would become infinity and the loss NaN
   */
  public void row(Instance instance, float[] target, int offset) throws WekaException {
    int c = (int) shape.channels();
    int plane = (int) (shape.height() * shape.width());
    for (int j = 0; j < pixelAttributes.length; j++) {
      double v = instance.value(pixelAttributes[j]);
      // interleaved: attribute j is channel j % c of pixel j / c
      int position = interleaved ? (j % c) * plane + j / c : j;
      float pixel = Double.isNaN(v) ? 0f : (float) v;
      if (Float.isInfinite(pixel)) {
        throw new WekaException("Attribute '" + instance.attribute(pixelAttributes[j]).name()
            + "' has the value " + v + ", beyond the 32-bit floats the network computes in (|x| <= "
            + Float.MAX_VALUE + "): rescale the data (e.g. with Normalize or Standardize) or mark "
            + "the value missing.");
      }
      target[offset + position] = pixel;
    }
  }
}
