package fundamentos.spark;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** One local[2] Spark for every test class of the run (starting one takes seconds), and test data. */
final class LocalSpark {

  private static JavaSparkContext context;

  private LocalSpark() {
  }

  static synchronized JavaSparkContext context() {
    if (context == null) {
      SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("fundamentos-spark tests")
          .set("spark.ui.enabled", "false").set("spark.sql.shuffle.partitions", "2");
      context = JavaSparkContext.fromSparkContext(SparkSession.builder().config(conf)
          .getOrCreate().sparkContext());
    }
    return context;
  }

  /** Runs a job, its report swallowed. */
  static Object run(String job, String... options) {
    return SparkJobs.run(context(), job, options, new PrintStream(
        java.io.OutputStream.nullOutputStream()));
  }

  /** A data set the package bundles (src/data). */
  static Instances bundled(String name) throws Exception {
    Instances data = DataSource.read(new File(System.getProperty("fundamentos.data"), name)
        .getPath());
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  /** Writes instances as CSV with a line of names (numbers as Java writes them, '?' missing). */
  static File csv(Instances data, File file) throws IOException {
    try (PrintWriter out = new PrintWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder names = new StringBuilder();
      for (int a = 0; a < data.numAttributes(); a++) {
        names.append(a > 0 ? "," : "").append(data.attribute(a).name());
      }
      out.println(names);
      for (Instance row : data) {
        StringBuilder line = new StringBuilder();
        for (int a = 0; a < data.numAttributes(); a++) {
          line.append(a > 0 ? "," : "");
          if (row.isMissing(a)) {
            line.append('?');
          } else if (data.attribute(a).isNominal()) {
            line.append(row.stringValue(a));
          } else {
            line.append(row.value(a));
          }
        }
        out.println(line);
      }
    }
    return file;
  }

  /** A job's output part files, in order, as rows of fields. */
  static java.util.List<String[]> parts(File dir) throws IOException {
    File[] parts = dir.listFiles((d, name) -> name.startsWith("part-"));
    java.util.Arrays.sort(parts);
    java.util.List<String[]> rows = new java.util.ArrayList<>();
    for (File part : parts) {
      for (String line : Files.readAllLines(part.toPath())) {
        rows.add(line.split(","));
      }
    }
    return rows;
  }

  static String read(File file) throws IOException {
    return Files.readString(file.toPath());
  }
}
