package fundamentos.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file (LeCun and Cortes, the MNIST format, also Fashion-MNIST and EMNIST): a magic number
 * 0x0000 | type | number of dimensions, then each dimension as a big-endian 32-bit integer, then the
 * values in row-major order. Only unsigned bytes (type 0x08), the type of every MNIST-style image
 * and label file, are read. Gzipped files (magic 0x1f8b) are decompressed on the fly.
 */
public final class IdxFile {

  private static final int UNSIGNED_BYTE = 0x08;

  private final int[] dimensions;
  private final byte[] values;
  /** Values per item, the product of the dimensions after the first: kept for {@link #value}. */
  private final int itemSize;

  private IdxFile(int[] dimensions, byte[] values) {
    this.dimensions = dimensions;
    this.values = values;
    int size = 1;
    for (int d = 1; d < dimensions.length; d++) {
      size *= dimensions[d];
    }
    this.itemSize = size;
  }

  /**
   * Reads an IDX file, at most {@code maxItems} items along the first dimension (0 for all).
   *
   * @throws IOException when the file is missing, not IDX, or shorter than its header says
   */
  public static IdxFile read(File file, int maxItems) throws IOException {
    if (!file.isFile()) {
      throw new IOException("IDX file " + file + " does not exist.");
    }
    try (DataInputStream in = new DataInputStream(open(file))) {
      int magic = in.readInt();
      int type = (magic >>> 8) & 0xff;
      int rank = magic & 0xff;
      if ((magic >>> 16) != 0 || rank < 1 || rank > 4) {
        throw new IOException(file + " is not an IDX file (magic number 0x"
            + Integer.toHexString(magic) + ").");
      }
      if (type != UNSIGNED_BYTE) {
        throw new IOException(file + " holds IDX type 0x" + Integer.toHexString(type)
            + "; only unsigned bytes (0x08), as in MNIST-style data, are supported.");
      }
      int[] dimensions = new int[rank];
      long size = 1;
      for (int d = 0; d < rank; d++) {
        dimensions[d] = in.readInt();
        if (dimensions[d] < 0) {
          throw new IOException(file + ": negative dimension " + dimensions[d] + " in the header.");
        }
        if (d == 0 && maxItems > 0) {
          dimensions[0] = Math.min(dimensions[0], maxItems);
        }
        size *= dimensions[d];
      }
      if (size > Integer.MAX_VALUE - 8) {
        throw new IOException(file + " is too large to read at once (" + size + " values).");
      }
      byte[] values = new byte[(int) size];
      try {
        in.readFully(values);
      } catch (EOFException e) {
        throw new IOException(file + " ends before the " + size + " values its header announces.");
      }
      return new IdxFile(dimensions, values);
    }
  }

  private static InputStream open(File file) throws IOException {
    InputStream in = new BufferedInputStream(new FileInputStream(file), 1 << 16);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == 0x1f && second == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16))
        : in;
  }

  /** The size of each dimension; the first counts the items. */
  public int[] dimensions() {
    return dimensions.clone();
  }

  /** Number of items (the first dimension). */
  public int items() {
    return dimensions[0];
  }

  /** Values per item (the product of the other dimensions). */
  public int itemSize() {
    return itemSize;
  }

  /** Value j of item i, 0..255. */
  public int value(int item, int j) {
    return values[item * itemSize + j] & 0xff;
  }
}
