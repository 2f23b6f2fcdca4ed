import fundamentos.neighbours.KnnGraph;
import fundamentos.neighbours.LpPoints;
import fundamentos.umap.IndexedNeighbours;
import fundamentos.umap.Umap;
import fundamentos.weka.DistanceCoordinates;
import weka.core.EuclideanDistance;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Where the UMAP filter's fit (-S 1, defaults) spends its time, stage by stage, on a training ARFF
 * (class = last attribute), through the engine the filter calls: the points in the filter's
 * coordinates (Weka's EuclideanDistance, attributes scaled to [0, 1] by their ranges, as the
 * filter's default distance), then
 *
 * <ol>
 *   <li>neighbours: the 15-neighbour graph, {@link IndexedNeighbours#trainingGraph} (exact below
 *   4,096 points, NN-descent from there on, with its search graph), and its NN-descent rounds;</li>
 *   <li>fuzzy set and start: {@link Umap#fit(KnnGraph, int[], java.util.function.Supplier)} with
 *   one epoch (the fuzzy simplicial set, the spectral start and one epoch of the layout);</li>
 *   <li>layout: the same fit with the default epochs, less the one-epoch fit (the other epochs).</li>
 * </ol>
 *
 * <p>Loading the file and converting it are not timed. Prints one line: points, neighbour seconds,
 * rounds, fuzzy-set-and-start seconds, layout seconds, epochs. A third argument "neighbours" stops
 * after the first stage (to profile it: doc/benchmarks.md, "How the costs grow"). Run by src/bench/cost_curves.sh
 * (UMAP_STAGES) with the installed package's jars on the class path: java -cp <weka class path>:
 * <package>/fundamentos.jar:<package>/lib/* src/bench/UmapStages.java train.arff threads
 */
public class UmapStages {
  public static void main(String[] args) throws Exception {
    Instances train = DataSource.read(args[0]);
    train.setClassIndex(train.numAttributes() - 1);
    int threads = Integer.parseInt(args[1]);
    EuclideanDistance distance = new EuclideanDistance();
    distance.setInstances(train);
    DistanceCoordinates coordinates = DistanceCoordinates.of(distance, train);
    float[][] rows = new float[train.numInstances()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = LpPoints.toFloat(coordinates.point(train.instance(i)));
    }
    int n = rows.length;
    train = null;
    LpPoints points = new LpPoints(rows, 2);
    long start = System.nanoTime();
    IndexedNeighbours space = new IndexedNeighbours(points, coordinates.space(), 4096);
    int k = Umap.neighboursUsed(15, n);
    KnnGraph knn = space.trainingGraph(k, 1, threads);
    double neighbours = (System.nanoTime() - start) / 1e9;
    String method = space.method();
    String rounds = method.replaceAll("[^0-9]", "");
    if (args.length > 2 && args[2].equals("neighbours")) {
      // only the first stage (for a profiler: -XX:StartFlightRecording)
      System.out.printf("%d %.2f %s%n", n, neighbours, rounds.isEmpty() ? "0" : rounds);
      return;
    }
    start = System.nanoTime();
    new Umap().seed(1).threads(threads).epochs(1).fit(knn, null, null);
    double setAndStart = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    new Umap().seed(1).threads(threads).fit(knn, null, null);
    double layout = (System.nanoTime() - start) / 1e9 - setAndStart;
    System.err.println(method);
    System.out.printf("%d %.2f %s %.2f %.2f %d%n", n, neighbours, rounds.isEmpty() ? "0" : rounds,
        setAndStart, layout, Umap.defaultEpochs(n) - 1);
  }
}
