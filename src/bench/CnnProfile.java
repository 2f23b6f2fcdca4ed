import fundamentos.deep.Examples;
import fundamentos.deep.LayerSpec;
import fundamentos.deep.Network;
import fundamentos.deep.NetworkTrainer;
import fundamentos.deep.Shape;
import fundamentos.nd4j.Nd4jRuntime;
import fundamentos.optim.AdamRule;
import fundamentos.training.LearningRateSchedule;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import weka.classifiers.functions.CNN;
import weka.classifiers.functions.layers.NetworkLayer;

/**
 * Where a training step of CNN's default network (the course's convnet) goes, on Fashion-MNIST
 * mini-batches of 64: each DL4J layer's forward (activate) and backward (backpropGradient) timed on
 * its own, layer by layer, then the whole step as NetworkTrainer runs it (DL4J's
 * computeGradientAndScore, the gradient loop, the Adam update), so that the table's sum can be set
 * against the real step. The per-layer pass runs without DL4J's workspaces (each layer called
 * directly); the whole-step figures are the package's own training path.
 *
 * <pre>
 *   java -cp target/classes:$(cat target/cp.txt) src/bench/CnnProfile.java [batches] [threads]
 * </pre>
 * (defaults 300 mini-batches after 30 of warm-up, 2 threads; prints a Markdown table). The
 * companion for PyTorch is cnn_torch_profile.py.
 */
public class CnnProfile {

  static final int BATCH = 64;

  public static void main(String[] args) throws Exception {
    int batches = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int warmup = 30;
    // as NetworkClassifier does for a convnet: libnd4j's loops on the threads, BLAS on one
    Nd4jRuntime.setThreads(threads, 1);
    int n = (batches + warmup) * BATCH;
    float[] x = images("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz", n);
    int[] y = labels("/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz", n);
    List<LayerSpec> specs = new ArrayList<>();
    for (NetworkLayer layer : CNN.defaultLayers()) {
      specs.add(layer.toSpec());
    }
    Shape shape = Shape.image(1, 28, 28);
    MultiLayerNetwork network = Network.build(specs, shape, 10, 1);

    // 1. layer by layer, inside DL4J's own training pass (its workspaces, its order): each hidden
    // layer behind a proxy that times activate and backpropGradient
    network.initGradientsView();
    int layers = network.getnLayers();
    long[] forward = new long[layers];
    long[] backward = new long[layers];
    boolean[] timing = {false};
    java.lang.reflect.Field field = MultiLayerNetwork.class.getDeclaredField("layers");
    field.setAccessible(true);
    Layer[] wrapped = ((Layer[]) field.get(network)).clone();
    for (int i = 0; i < layers - 1; i++) {
      Layer layer = wrapped[i];
      int at = i;
      java.util.Set<Class<?>> interfaces = new java.util.LinkedHashSet<>();
      for (Class<?> c = layer.getClass(); c != null; c = c.getSuperclass()) {
        collect(c, interfaces);
      }
      wrapped[i] = (Layer) java.lang.reflect.Proxy.newProxyInstance(CnnProfile.class.getClassLoader(),
          interfaces.toArray(new Class<?>[0]), (proxy, method, arguments) -> {
            long t = System.nanoTime();
            try {
              return method.invoke(layer, arguments);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            } finally {
              if (timing[0] && method.getName().equals("activate")) {
                forward[at] += System.nanoTime() - t;
              } else if (timing[0] && method.getName().equals("backpropGradient")) {
                backward[at] += System.nanoTime() - t;
              }
            }
          });
    }
    field.set(network, wrapped);
    long stepNs = 0;
    long outputNs = 0;
    for (int b = 0; b < batches + warmup; b++) {
      timing[0] = b >= warmup;
      INDArray in = inputs(x, b);
      INDArray labels = oneHot(y, b);
      long s0 = System.nanoTime();
      network.setInput(in);
      network.setLabels(labels);
      network.computeGradientAndScore();
      long s1 = System.nanoTime();
      network.clearLayersStates();
      if (timing[0]) {
        stepNs += s1 - s0;
      }
    }

    // 2. the package's own step, as CNN trains: NetworkTrainer's epoch over the same batches
    Examples examples = new Examples(java.util.Arrays.copyOf(x, batches * BATCH * 784), shape,
        java.util.Arrays.copyOf(y, batches * BATCH), ones(batches * BATCH));
    NetworkTrainer trainer = new NetworkTrainer(Network.build(specs, shape, 10, 1), examples, null,
        10, new AdamRule(0.001, 0.9, 0.999, 1e-8), new NetworkTrainer.Settings(BATCH, 0,
            LearningRateSchedule.constant(), 2, 0, null), 1);
    trainer.runEpoch(); // warm-up epoch
    long t0 = System.nanoTime();
    trainer.runEpoch();
    double epochMs = (System.nanoTime() - t0) / 1e6;
    long t1 = System.nanoTime();
    trainer.evaluate(examples.subset(range(Math.min(2000, examples.size()))));
    double evalMs = (System.nanoTime() - t1) / 1e6;
    // the Adam update alone
    AdamRule adam = new AdamRule(0.001, 0.9, 0.999, 1e-8);
    long adamNs = 0;
    for (int b = 0; b < batches + warmup; b++) {
      long s1 = System.nanoTime();
      adam.step(network.params(), network.getGradientsViewArray().reshape(network.params().shape()));
      if (b >= warmup) {
        adamNs += System.nanoTime() - s1;
      }
    }
    long gradNs = stepNs;

    // variants (args[2], comma separated, e.g. "conv0-dl4j,convs-dl4j"): layers whose helper is
    // removed (DL4J's own code), each timed over the same batches as the whole pass
    List<String> variants = new ArrayList<>(List.of("default"));
    if (args.length > 2) {
      variants.addAll(List.of(args[2].split(",")));
    }
    List<String> variantLines = new ArrayList<>();
    for (String variant : variants) {
      MultiLayerNetwork v = Network.build(specs, shape, 10, 1);
      for (int i = 0; i < v.getnLayers(); i++) {
        Layer layer = v.getLayer(i);
        boolean conv = layer instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer
            && !(layer instanceof org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer);
        boolean bn = layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization;
        if ((variant.equals("conv0-dl4j") && conv && i == 0) || (variant.equals("convs-dl4j") && conv)
            || (variant.equals("bn-dl4j") && bn)) {
          java.lang.reflect.Field helper = findField(layer.getClass(), "helper");
          helper.setAccessible(true);
          helper.set(layer, null);
        }
      }
      long ns = 0;
      for (int b = 0; b < batches + warmup; b++) {
        INDArray in = inputs(x, b);
        INDArray labels = oneHot(y, b);
        long s0 = System.nanoTime();
        v.setInput(in);
        v.setLabels(labels);
        v.computeGradientAndScore();
        if (b >= warmup) {
          ns += System.nanoTime() - s0;
        }
        v.clearLayersStates();
      }
      variantLines.add(String.format("variant %s: computeGradientAndScore %.2f ms / batch", variant,
          ns / 1e6 / batches));
    }

    System.out.printf("CNN default network, %d mini-batches of %d (after %d of warm-up), %d threads%n%n",
        batches, BATCH, warmup, threads);
    System.out.println("| layer (as DL4J runs them) | forward (ms / batch) | backward (ms / batch) | share |");
    System.out.println("|---|---:|---:|---:|");
    double total = 0;
    for (int i = 0; i < layers; i++) {
      total += forward[i] + backward[i];
    }
    // the output layer (loss and its gradient) and DL4J's bookkeeping: the rest of the pass
    forward[layers - 1] = 0;
    backward[layers - 1] = stepNs - (long) total;
    total = stepNs;
    for (int i = 0; i < layers; i++) {
      double f = forward[i] / 1e6 / batches;
      double bw = backward[i] / 1e6 / batches;
      double share = (forward[i] + backward[i]) / total;
      String name = i == layers - 1 ? "output layer (softmax, loss, gradient) and DL4J's code between"
          + " layers (input reshapes, workspaces)" : describe(network.getLayer(i));
      System.out.printf("| %d %s | %s | %.2f | %.0f%% |%n", i, name,
          i == layers - 1 ? "(both)" : String.format("%.2f", f), bw, 100 * share);
    }
    System.out.printf("| whole forward + backward pass (computeGradientAndScore) | | | %.2f ms |%n",
        total / 1e6 / batches);
    System.out.printf("%nDL4J computeGradientAndScore (workspaces): %.2f ms / batch%n", gradNs / 1e6 / batches);
    System.out.printf("Adam update (620,746 parameters): %.2f ms / batch%n", adamNs / 1e6 / batches);
    System.out.printf("NetworkTrainer step (all of it, as CNN trains): %.2f ms / batch%n", epochMs / batches);
    System.out.printf("epoch's accuracy on 2,000 training images: %.0f ms%n", evalMs);
    variantLines.forEach(System.out::println);
    System.out.printf("=> a 60,000-image epoch (938 batches) at this pace: %.1f s%n",
        epochMs / batches * 938 / 1000 + evalMs / 1000);
  }

  static java.lang.reflect.Field findField(Class<?> c, String name) throws NoSuchFieldException {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      try {
        return k.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // the superclass then
      }
    }
    throw new NoSuchFieldException(name);
  }

  static void collect(Class<?> c, java.util.Set<Class<?>> into) {
    for (Class<?> i : c.getInterfaces()) {
      if (into.add(i)) {
        collect(i, into);
      }
    }
  }

  static String describe(Layer layer) {
    var c = layer.conf().getLayer();
    String name = c.getClass().getSimpleName();
    if (c instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer conv
        && !(c instanceof org.deeplearning4j.nn.conf.layers.SubsamplingLayer)) {
      return name + " " + conv.getKernelSize()[0] + "x" + conv.getKernelSize()[1] + "x" + conv.getNOut();
    }
    if (c instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff && ff.getNOut() > 0) {
      return name + " " + ff.getNOut();
    }
    return name;
  }

  /** Mini-batch b's images, BATCH x 784. */
  static INDArray inputs(float[] x, int b) {
    return Nd4j.create(java.util.Arrays.copyOfRange(x, b * BATCH * 784, (b + 1) * BATCH * 784),
        new long[] {BATCH, 784}, 'c');
  }

  /** Mini-batch b's labels, one-hot, BATCH x 10. */
  static INDArray oneHot(int[] y, int b) {
    INDArray labels = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, BATCH, 10);
    for (int r = 0; r < BATCH; r++) {
      labels.putScalar(r, y[b * BATCH + r], 1f);
    }
    return labels;
  }

  static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  static double[] ones(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1);
    return w;
  }

  /** The first n images of an IDX file, standardised with their mean and deviation. */
  static float[] images(String file, int n) throws Exception {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(new FileInputStream(file)))) {
      in.readInt();
      int count = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (n > count) {
        throw new IllegalArgumentException("only " + count + " images");
      }
      byte[] bytes = new byte[n * rows * cols];
      in.readFully(bytes);
      float[] x = new float[bytes.length];
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < x.length; i++) {
        x[i] = bytes[i] & 0xff;
        sum += x[i];
        squares += x[i] * x[i];
      }
      double mean = sum / x.length;
      double sd = Math.sqrt(squares / x.length - mean * mean);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) ((x[i] - mean) / sd);
      }
      return x;
    }
  }

  static int[] labels(String file, int n) throws Exception {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(new FileInputStream(file)))) {
      in.readInt();
      in.readInt();
      byte[] bytes = new byte[n];
      in.readFully(bytes);
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = bytes[i];
      }
      return y;
    }
  }
}
