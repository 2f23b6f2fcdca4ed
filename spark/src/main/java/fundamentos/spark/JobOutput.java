package fundamentos.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The rows a job writes (Weka values under an output header) into a folder of part files, in the
 * input's order: CSV lines (numbers as Java writes doubles, so that they read back exactly; labels
 * quoted as Weka quotes them; '?' missing) or Parquet (numeric attributes as double columns,
 * nominal ones as string columns, missing as null). The output's ARFF header goes beside them as
 * _header.arff (Hadoop and Spark skip files starting with '_' when reading the folder back).
 */
final class JobOutput {

  /** The formats, as -output-format names them. */
  static final List<String> FORMATS = List.of("csv", "parquet");

  private JobOutput() {
  }

  /** The -output-format option's value, checked (empty: csv). */
  static String format(String option) {
    String format = option.isEmpty() ? "csv" : option.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new JobException("-output-format must be one of " + FORMATS + ", not '" + option
          + "'");
    }
    return format;
  }

  /** Writes the rows into {@code folder}, running the job's pass (its bad rows named by input). */
  static void write(JavaSparkContext sc, DataInput input, JavaRDD<double[]> rows,
      Instances header, String folder, String format) {
    Instances outputHeader = new Instances(header, 0);
    if (format.equals("parquet")) {
      List<StructField> fields = new ArrayList<>();
      for (int a = 0; a < outputHeader.numAttributes(); a++) {
        Attribute attribute = outputHeader.attribute(a);
        fields.add(DataTypes.createStructField(attribute.name(), attribute.isNominal()
            ? DataTypes.StringType : DataTypes.DoubleType, true));
      }
      StructType schema = DataTypes.createStructType(fields);
      JavaRDD<Row> table = rows.map(values -> row(values, outputHeader));
      SparkSession spark = DataInput.session(sc);
      input.run(sc, () -> {
        spark.createDataFrame(table, schema).write().parquet(folder);
        return null;
      });
    } else {
      JavaRDD<String> lines = rows.map(values -> csv(values, outputHeader));
      input.run(sc, () -> {
        lines.saveAsTextFile(folder);
        return null;
      });
    }
    HadoopFiles.write(sc, folder + "/_header.arff", "output header",
        outputHeader.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** One output row as a CSV line. */
  static String csv(double[] values, Instances header) {
    StringBuilder line = new StringBuilder();
    for (int a = 0; a < values.length; a++) {
      if (a > 0) {
        line.append(',');
      }
      if (Utils.isMissingValue(values[a])) {
        line.append('?');
      } else if (header.attribute(a).isNominal()) {
        line.append(Utils.quote(header.attribute(a).value((int) values[a])));
      } else {
        line.append(values[a]);
      }
    }
    return line.toString();
  }

  private static Row row(double[] values, Instances header) {
    Object[] fields = new Object[values.length];
    for (int a = 0; a < values.length; a++) {
      if (!Utils.isMissingValue(values[a])) {
        fields[a] = header.attribute(a).isNominal()
            ? header.attribute(a).value((int) values[a]) : (Object) values[a];
      }
    }
    return RowFactory.create(fields);
  }
}
