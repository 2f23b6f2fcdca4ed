import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import weka.clusterers.AbstractClusterer;
import weka.clusterers.Clusterer;
import weka.core.AdditionalMeasureProducer;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Times IndexedDBSCAN (from the installed package) on an ARFF of points with the given options
 * (buildClusterer only; loading not timed), writes each point's cluster (-1 for noise) to a file and
 * prints: seconds, clusters, noise points, peak resident memory (MB, VmHWM), the index used. Run by
 * src/bench/dbscan_blobs.sh: java -cp <weka class path> src/bench/DbscanBenchmark.java data.arff
 * "<options>" labels.txt
 */
public class DbscanBenchmark {
  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false);
    Instances data = DataSource.read(args[0]);
    // by name: the class lives in the installed package, not on this program's class path
    Clusterer clusterer = AbstractClusterer.forName("weka.clusterers.IndexedDBSCAN",
        Utils.splitOptions(args[1]));
    AdditionalMeasureProducer measures = (AdditionalMeasureProducer) clusterer;
    long start = System.nanoTime();
    clusterer.buildClusterer(data);
    double seconds = (System.nanoTime() - start) / 1e9;
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[2])))) {
      for (int i = 0; i < data.numInstances(); i++) {
        int label;
        try {
          label = clusterer.clusterInstance(data.instance(i));
        } catch (Exception noise) {
          label = -1;
        }
        out.println(label);
      }
    }
    long peak = -1;
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        peak = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    String index = clusterer.toString().lines().filter(l -> l.startsWith("Neighbourhoods: "))
        .findFirst().orElse("Neighbourhoods: ?").substring("Neighbourhoods: ".length());
    System.out.printf("%.2f %.0f %.0f %d %s%n", seconds, measures.getMeasure("measureNumClusters"),
        measures.getMeasure("measureNumNoisePoints"), peak, index);
  }
}
