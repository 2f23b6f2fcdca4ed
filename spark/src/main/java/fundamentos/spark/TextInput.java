package fundamentos.spark;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Text files read line by line as Hadoop splits them (CSV, ARFF): each split's lines with the file
 * and byte offset they come from, the lines before a file's data (CSV's names row, ARFF's header)
 * left out. A header read on the driver reaches every split this way: the split that holds the
 * header lines skips them by their offset, the others start in the data.
 */
abstract class TextInput extends DataInput {

  private static final long serialVersionUID = 1L;

  private final long splitBytes;
  /** A file's path (without scheme) -> the byte offset of its first data line. */
  private final Map<String, Long> dataStart = new HashMap<>();

  /** @param partitions the number of partitions wanted at least (0: Hadoop's split size) */
  TextInput(JavaSparkContext sc, String path, int partitions) {
    super(sc, path);
    splitBytes = partitions > 0 ? Math.max(1, (bytes + partitions - 1) / partitions) : 0;
  }

  /** Says where a file's data lines start (lines before that offset are skipped). */
  void setDataStart(String file, long offset) {
    dataStart.put(key(file), offset);
  }

  private static String key(String file) {
    return new Path(file).toUri().getPath();
  }

  /** What a task does with the data lines of one split of one file. */
  interface Lines<T> extends java.io.Serializable {
    /**
     * @param file the file
     * @param lines its data lines in this split: byte offset and text, blank lines left out
     */
    Iterator<T> apply(String file, Iterator<Tuple2<Long, String>> lines) throws Exception;
  }

  /** Runs {@code task} on every split of the input. */
  <T> JavaRDD<T> map(JavaSparkContext sc, Lines<T> task) {
    Configuration conf = new Configuration(sc.hadoopConfiguration());
    if (splitBytes > 0) {
      conf.setLong("mapreduce.input.fileinputformat.split.maxsize", splitBytes);
    }
    @SuppressWarnings("unchecked")
    JavaNewHadoopRDD<LongWritable, Text> raw = (JavaNewHadoopRDD<LongWritable, Text>)
        sc.newAPIHadoopFile(String.join(",", escaped(files)), TextInputFormat.class,
            LongWritable.class, Text.class, conf);
    Map<String, Long> starts = dataStart;
    return raw.mapPartitionsWithInputSplit((split, records) -> {
      String file = ((FileSplit) split).getPath().toString();
      long start = starts.getOrDefault(key(file), 0L);
      Iterator<Tuple2<Long, String>> lines = new Iterator<>() {
        private Tuple2<Long, String> next = advance();

        private Tuple2<Long, String> advance() {
          while (records.hasNext()) {
            Tuple2<LongWritable, Text> record = records.next();
            long offset = record._1().get();
            String text = record._2().toString();
            if (offset < start || text.isBlank()) {
              continue;
            }
            return new Tuple2<>(offset, text.endsWith("\r") ? text.substring(0, text.length() - 1)
                : text);
          }
          return null;
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public Tuple2<Long, String> next() {
          Tuple2<Long, String> result = next;
          next = advance();
          return result;
        }
      };
      return task.apply(file, lines);
    }, false);
  }

  private static String[] escaped(String[] files) {
    String[] result = new String[files.length];
    for (int i = 0; i < files.length; i++) {
      // a comma separates paths for Hadoop; glob characters are taken literally
      result[i] = files[i].replaceAll("([,{}\\[\\]*?\\\\])", "\\\\$1");
    }
    return result;
  }
}
