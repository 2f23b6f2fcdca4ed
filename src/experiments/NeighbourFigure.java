import fundamentos.neighbours.ExactKnn;
import fundamentos.neighbours.KnnGraph;
import fundamentos.neighbours.LpPoints;
import fundamentos.plot.ImageGrid;
import java.io.File;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * The course's Figure 4.11 for any space: some query images and their 9 nearest training images,
 * one row per query (the query first, then its neighbours nearest first, each captioned with its
 * class, a neighbour of another class marked "x"). The neighbours are searched in the given space
 * (learned features written by NetworkFeatures, or the pixels themselves) with the package's exact
 * k-nearest-neighbour search (fundamentos.neighbours.ExactKnn, Euclidean); the tiles are drawn
 * from the pixel files, 28 x 28 grey images, by fundamentos.plot.ImageGrid.
 *
 * <p>usage: java -cp weka.jar:fundamentos.jar NeighbourFigure.java pixels-train.arff
 * pixels-test.arff space-train.arff space-test.arff queriesPerClass out.png
 */
public class NeighbourFigure {

  static final int K = 9;

  public static void main(String[] args) throws Exception {
    Instances pixelsTrain = load(args[0]);
    Instances pixelsTest = load(args[1]);
    Instances spaceTrain = load(args[2]);
    Instances spaceTest = load(args[3]);
    int perClass = Integer.parseInt(args[4]);
    File out = new File(args[5]);
    if (pixelsTrain.numInstances() != spaceTrain.numInstances()
        || pixelsTest.numInstances() != spaceTest.numInstances()) {
      throw new IllegalArgumentException("the pixel and space files must hold the same instances");
    }
    // queries: the first perClass test images of each class
    int classes = pixelsTest.numClasses();
    int[] queries = new int[classes * perClass];
    int[] taken = new int[classes];
    int found = 0;
    for (int i = 0; i < pixelsTest.numInstances() && found < queries.length; i++) {
      int c = (int) pixelsTest.instance(i).classValue();
      if (taken[c] < perClass) {
        queries[c * perClass + taken[c]++] = i;
        found++;
      }
    }
    LpPoints points = new LpPoints(rows(spaceTrain), 2);
    float[][] all = rows(spaceTest);
    float[][] query = new float[queries.length][];
    for (int q = 0; q < queries.length; q++) {
      query[q] = all[queries[q]];
    }
    KnnGraph graph = ExactKnn.ofQueries(points, query, K, 2);
    ImageGrid grid = new ImageGrid(28, 28);
    int agreeing = 0;
    for (int q = 0; q < queries.length; q++) {
      int label = (int) pixelsTest.instance(queries[q]).classValue();
      grid.add(pixels(pixelsTest, queries[q]), "query: " + name(pixelsTest, label),
          ImageGrid.Style.GRAY);
      for (int neighbour : graph.indices(q)) {
        int other = (int) pixelsTrain.instance(neighbour).classValue();
        agreeing += other == label ? 1 : 0;
        grid.add(pixels(pixelsTrain, neighbour), (other == label ? "" : "x ")
            + name(pixelsTrain, other), ImageGrid.Style.GRAY);
      }
    }
    grid.write(out, K + 1);
    System.out.printf(java.util.Locale.ROOT, "%s: %d of %d neighbours share the query's class%n",
        out, agreeing, queries.length * K);
  }

  private static Instances load(String file) throws Exception {
    Instances data = DataSource.read(file);
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  /** The attributes but the class of every instance, as single-precision rows. */
  private static float[][] rows(Instances data) {
    float[][] rows = new float[data.numInstances()][data.numAttributes() - 1];
    for (int i = 0; i < rows.length; i++) {
      for (int a = 0, j = 0; a < data.numAttributes(); a++) {
        if (a != data.classIndex()) {
          rows[i][j++] = (float) data.instance(i).value(a);
        }
      }
    }
    return rows;
  }

  private static double[] pixels(Instances data, int i) {
    double[] values = new double[28 * 28];
    for (int a = 0; a < values.length; a++) {
      values[a] = data.instance(i).value(a);
    }
    return values;
  }

  /** A short class name that fits under a tile ("Ankle boot" -> "Ankle boot", "T-shirt/top" -> "T-shirt"). */
  private static String name(Instances data, int label) {
    String value = data.classAttribute().value(label);
    int slash = value.indexOf('/');
    return slash > 0 ? value.substring(0, slash) : value;
  }
}
