package fundamentos.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/** Whole small files (headers, models) read and written wherever Spark reads: local, hdfs://, s3a://. */
final class HadoopFiles {

  private HadoopFiles() {
  }

  static byte[] read(JavaSparkContext sc, String file, String what) {
    Path p = new Path(file);
    try {
      FileSystem fs = p.getFileSystem(sc.hadoopConfiguration());
      if (!fs.exists(p)) {
        throw new JobException("The " + what + " " + file + " does not exist");
      }
      try (InputStream in = fs.open(p)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new JobException("The " + what + " " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Refuses an output folder that exists already (Spark would fail on it after the work). */
  static void requireAbsent(JavaSparkContext sc, String folder) {
    Path p = new Path(folder);
    try {
      if (p.getFileSystem(sc.hadoopConfiguration()).exists(p)) {
        throw new JobException("The output folder " + folder + " exists already: remove it or "
            + "name another with -o");
      }
    } catch (IOException e) {
      throw new JobException("The output folder " + folder + " cannot be checked: "
          + e.getMessage(), e);
    }
  }

  interface Writer {
    void write(OutputStream out) throws Exception;
  }

  static void write(JavaSparkContext sc, String file, String what, Writer writer) {
    Path p = new Path(file);
    try (OutputStream out = p.getFileSystem(sc.hadoopConfiguration()).create(p, true)) {
      writer.write(out);
    } catch (Exception e) {
      throw new JobException("The " + what + " " + file + " cannot be written: " + e.getMessage(),
          e);
    }
  }

  static void write(JavaSparkContext sc, String file, String what, byte[] bytes) {
    write(sc, file, what, out -> out.write(bytes));
  }

  static byte[] bytes(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      writer.write(bytes);
    } catch (Exception e) {
      throw new JobException("Could not serialize: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }
}
