package fundamentos.spark;

import java.io.PrintStream;
import java.util.Arrays;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The launcher of the package's Spark jobs: {@code SparkJobs <job> <options>}, in-process on
 * Spark's local[*] master (src/scripts/spark.sh) or on a cluster through {@code spark-submit
 * --class fundamentos.spark.SparkJobs fundamentos-spark-<version>.jar <job> <options>}. A job's
 * refusal ({@link JobException}) is printed as one "Error:" line, exit status 1.
 */
public final class SparkJobs {

  static final String USAGE = "usage: <job> <options>, jobs: header (-i data.csv -o header.arff),"
      + " pca (-i data.csv [-header header.arff] [-c last] [-model pca.model] [-o folder] and the"
      + " PCA filter's options), score (-i data.csv -model m.model -o folder [-header header.arff]"
      + " [-c last]), dbscan (-i data.csv [-header header.arff] -E eps [-M minPoints]"
      + " [-model dbscan.model] [-o folder] [-partitions n]), umap (-i data.csv [-header"
      + " header.arff] [-c last] [-sample rows] [-exact-knn [-knn-block rows]]"
      + " [-model umap.model] [-o folder] and the UMAP"
      + " filter's options), train (-i data.csv [-header header.arff] [-c last] -model m.model"
      + " [-workers 2] [-averaging 1] [-W scheme] and the scheme's options: SoftmaxRegression,"
      + " CNN or Transformer); every job reads CSV, ARFF or Parquet"
      + " (-format csv|arff|parquet, else by the extension), pca and score write CSV or Parquet"
      + " (-output-format csv|parquet); see doc/Spark.md";

  private SparkJobs() {
  }

  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      System.out.println(USAGE);
      System.exit(args.length == 0 ? 1 : 0);
    }
    SparkConf conf = new SparkConf().setAppName("fundamentos " + args[0]);
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    int status = 0;
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
      run(sc, args[0], Arrays.copyOfRange(args, 1, args.length), System.out);
    } catch (JobException e) {
      System.err.println("Error: " + e.getMessage());
      status = 1;
    } finally {
      session.stop();
    }
    System.exit(status);
  }

  /** Runs one job on a running Spark context. */
  public static Object run(JavaSparkContext sc, String job, String[] options, PrintStream out) {
    return switch (job) {
      case "header" -> HeaderJob.run(sc, options, out);
      case "pca" -> PcaJob.run(sc, options, out);
      case "score" -> ScoreJob.run(sc, options, out);
      case "umap" -> UmapJob.run(sc, options, out);
      case "dbscan" -> DbscanJob.run(sc, options, out);
      case "train" -> TrainJob.run(sc, options, out);
      default -> throw new JobException("Unknown job '" + job + "': " + USAGE);
    };
  }
}
