import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Why the package runs its own UMAP and PCA rather than Smile 3.1.1's (README, "Libraries"): a
 * check of two behaviours, not a benchmark. Reads numeric ARFF files (last attribute the class,
 * dropped), then
 * <ul>
 *   <li>embeds all rows with {@code smile.manifold.UMAP.of(x, 15)} and prints how many rows come
 *       back: Smile keeps only the largest connected component of the neighbour graph (on the
 *       1,797 digits of src/data, 1,786);</li>
 *   <li>fits {@code smile.feature.extraction.PCA.cor(x)}, the correlation PCA that Weka's default
 *       standardisation corresponds to, which fails on a constant column (the digits' border
 *       pixels).</li>
 * </ul>
 * Run after {@code mvn -B -DskipTests package}, whose lib/ holds smile-core and its natives:
 * {@code java -cp 'lib/*' src/bench/SmileLimits.java src/data/digits8x8-train.arff
 * src/data/digits8x8-test.arff}
 */
public class SmileLimits {

  public static void main(String[] args) throws Exception {
    List<double[]> rows = new ArrayList<>();
    for (String file : args) {
      boolean inData = false;
      for (String line : Files.readAllLines(Path.of(file))) {
        String trimmed = line.trim();
        if (trimmed.equalsIgnoreCase("@data")) {
          inData = true;
        } else if (inData && !trimmed.isEmpty() && !trimmed.startsWith("%")) {
          String[] fields = trimmed.split(",");
          double[] x = new double[fields.length - 1];
          for (int j = 0; j < x.length; j++) {
            x[j] = Double.parseDouble(fields[j]);
          }
          rows.add(x);
        }
      }
    }
    double[][] x = rows.toArray(new double[0][]);
    smile.math.MathEx.setSeed(1);
    double[][] embedding = smile.manifold.UMAP.of(x, 15).coordinates;
    System.out.println("Smile UMAP: " + x.length + " rows in, " + embedding.length + " rows out");
    try {
      smile.feature.extraction.PCA.cor(x);
      System.out.println("Smile PCA.cor: fitted");
    } catch (RuntimeException e) {
      System.out.println("Smile PCA.cor: failed: " + e);
    }
  }
}
