import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Smile 3.1.1's DBSCAN (k-d tree range search for double[][]) on a CSV of points, timed like the
 * others (fit only). Prints: seconds, clusters, noise points, peak resident memory (MB); writes the
 * labels (-1 for noise) to a file. Run by src/bench/dbscan_blobs.sh:
 * java -cp <smile jars> src/bench/SmileDbscan.java points.csv eps minPts labels.txt
 */
public class SmileDbscan {
  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    double[][] x = new double[lines.size()][];
    for (int i = 0; i < x.length; i++) {
      String[] parts = lines.get(i).split(",");
      x[i] = new double[parts.length];
      for (int j = 0; j < parts.length; j++) {
        x[i][j] = Double.parseDouble(parts[j]);
      }
    }
    long start = System.nanoTime();
    smile.clustering.DBSCAN<double[]> model = smile.clustering.DBSCAN.fit(x,
        Integer.parseInt(args[2]), Double.parseDouble(args[1]));
    double seconds = (System.nanoTime() - start) / 1e9;
    int noise = 0;
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3])))) {
      for (int label : model.y) {
        boolean outlier = label == smile.clustering.PartitionClustering.OUTLIER;
        noise += outlier ? 1 : 0;
        out.println(outlier ? -1 : label);
      }
    }
    long peak = -1;
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        peak = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    System.out.printf("%.2f %d %d %d%n", seconds, model.k, noise, peak);
  }
}
