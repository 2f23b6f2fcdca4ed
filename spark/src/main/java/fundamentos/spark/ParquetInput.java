package fundamentos.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * Parquet files, read by Spark's own Parquet reader: numeric columns (byte, short, int, long,
 * float, double, decimal) are numeric attributes, string and boolean columns nominal ones (their
 * values in order of first appearance, as the header job lists a CSV column's), nulls missing;
 * other types are refused by name. The schema is the first file's. Each file is read on its own and
 * the files follow each other in name order (Spark's reader would put the largest file's splits
 * first), so the rows come in the order of the files and of the rows in them, as from CSV, and
 * a bad value is named by its file and row number (Spark's {@code _metadata.row_index}). Partitions
 * follow the files' row groups; -partitions n makes Spark's splits at most 1/n of the data
 * ({@code spark.sql.files.maxPartitionBytes}).
 */
final class ParquetInput extends DataInput {

  private static final long serialVersionUID = 1L;

  private final StructType schema;
  private final List<String> names = new ArrayList<>();
  /** Per column: a number (true), or a text (strings; booleans as "true", "false"). */
  private final boolean[] numbers;
  private final int partitions;

  ParquetInput(JavaSparkContext sc, String path, int partitions) {
    super(sc, path);
    this.partitions = partitions;
    try {
      schema = session(sc).read().parquet(files[0]).schema();
    } catch (RuntimeException e) {
      throw new JobException("The Parquet file " + files[0] + " cannot be read: "
          + e.getMessage(), e);
    }
    numbers = new boolean[schema.fields().length];
    for (int c = 0; c < numbers.length; c++) {
      StructField field = schema.fields()[c];
      DataType type = field.dataType();
      if (type instanceof StringType || type instanceof BooleanType) {
        numbers[c] = false;
      } else if (type instanceof ByteType || type instanceof ShortType
          || type instanceof IntegerType || type instanceof LongType || type instanceof FloatType
          || type instanceof DoubleType || type instanceof DecimalType) {
        numbers[c] = true;
      } else {
        throw new JobException("Column '" + field.name() + "' of " + files[0] + " has the type "
            + type.simpleString() + ", which the jobs cannot read: give numeric, string or "
            + "boolean columns (cast it or drop it, e.g. with Spark's select)");
      }
      names.add(field.name());
    }
  }

  @Override
  List<String> names() {
    return names;
  }

  /** What a task does with the rows of one partition, which reads the file of that index. */
  private interface FileTask<T> extends java.io.Serializable {
    Iterator<T> apply(int file, Iterator<Row> rows) throws Exception;
  }

  /**
   * Runs a task on every partition: each file's rows (the columns, then the row's index in its
   * file), one file after another.
   */
  private <T> JavaRDD<T> map(JavaSparkContext sc, FileTask<T> task) {
    SparkSession spark = session(sc);
    RuntimeConfig conf = spark.conf();
    String key = "spark.sql.files.maxPartitionBytes";
    String before = conf.contains(key) ? conf.get(key) : null;
    List<JavaRDD<Row>> parts = new ArrayList<>();
    try {
      if (partitions > 0) {
        conf.set(key, Math.max(1, (bytes + partitions - 1) / partitions));
      }
      Column[] columns = new Column[names.size() + 1];
      for (int c = 0; c < names.size(); c++) {
        columns[c] = functions.col("`" + names.get(c).replace("`", "``") + "`");
      }
      columns[names.size()] = functions.col("_metadata.row_index");
      for (String file : files) {
        // the RDD's splits are planned here, under the conf set above
        parts.add(spark.read().schema(schema).parquet(file).select(columns).javaRDD());
      }
    } finally {
      if (partitions > 0) {
        if (before == null) {
          conf.unset(key);
        } else {
          conf.set(key, before);
        }
      }
    }
    int[] fileOf = new int[parts.stream().mapToInt(JavaRDD::getNumPartitions).sum()];
    for (int f = 0, p = 0; f < parts.size(); f++) {
      for (int i = 0; i < parts.get(f).getNumPartitions(); i++) {
        fileOf[p++] = f;
      }
    }
    @SuppressWarnings("unchecked")
    JavaRDD<Row> all = parts.size() == 1 ? parts.get(0)
        : sc.union(parts.toArray(new JavaRDD[0]));
    return all.mapPartitionsWithIndex((p, rows) -> task.apply(fileOf[p], rows), false);
  }

  private static Object value(Row row, int c) {
    return row.isNullAt(c) ? null : row.get(c);
  }

  private static double number(Object value) {
    return value instanceof java.math.BigDecimal decimal ? decimal.doubleValue()
        : ((Number) value).doubleValue();
  }

  @Override
  ColumnSummary[] summarise(JavaSparkContext sc) {
    boolean[] kinds = numbers;
    int width = kinds.length;
    String[] fileNames = files;
    FileTask<ColumnSummary[]> task = (file, rows) -> {
      ColumnSummary[] columns = ColumnSummary.empty(width);
      for (int c = 0; c < width; c++) {
        if (!kinds[c]) {
          columns[c].nominal();
        }
      }
      while (rows.hasNext()) {
        Row row = rows.next();
        long index = row.getLong(width);
        for (int c = 0; c < width; c++) {
          Object value = value(row, c);
          if (value == null) {
            columns[c].addMissing();
          } else if (kinds[c]) {
            columns[c].addNumber(number(value));
          } else {
            columns[c].addText(value.toString(), fileNames[file], index);
          }
        }
      }
      return Collections.singletonList(columns).iterator();
    };
    JavaRDD<ColumnSummary[]> parts = map(sc, task);
    return run(sc, () -> PartitionOrder.reduce(parts, ColumnSummary::merge));
  }

  @Override
  <T> JavaRDD<T> rows(JavaSparkContext sc, Instances header, RowCheck check, Rows<T> task) {
    requireNames(header, "The header has");
    int width = numbers.length;
    for (int c = 0; c < width; c++) {
      Attribute attribute = header.attribute(c);
      if (numbers[c] != attribute.isNumeric() || !(attribute.isNumeric()
          || attribute.isNominal())) {
        throw new JobException("Column '" + names.get(c) + "' of " + files[0] + " is "
            + (numbers[c] ? "numeric" : "text (" + schema.fields()[c].dataType().simpleString()
            + ")") + ", but attribute '" + attribute.name() + "' is " + typeName(attribute)
            + " in the header the job reads it with: give data of the same types");
      }
    }
    boolean[] kinds = numbers;
    String[] fileNames = files;
    return map(sc, (file, part) -> task.apply(new Iterator<double[]>() {
      @Override
      public boolean hasNext() {
        return part.hasNext();
      }

      @Override
      public double[] next() {
        Row row = part.next();
        double[] values = new double[width];
        for (int c = 0; c < width; c++) {
          Object value = value(row, c);
          if (value == null) {
            values[c] = Double.NaN;
          } else if (kinds[c]) {
            values[c] = number(value);
          } else {
            int index = header.attribute(c).indexOfValue(value.toString());
            if (index < 0) {
              throw BadRowException.atRow(fileNames[file], row.getLong(width), "'"
                  + abbreviated(value.toString()) + "' is not a value of the nominal attribute '"
                  + header.attribute(c).name() + "' in the header; add it there (or rerun the "
                  + "header job on all of the data)");
            }
            values[c] = index;
          }
        }
        String problem = check == null ? null : check.problem(values);
        if (problem != null) {
          throw BadRowException.atRow(fileNames[file], row.getLong(width), problem);
        }
        return values;
      }
    }));
  }
}
