package fundamentos.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.PCA;

/**
 * A real Spark cluster on this machine: a standalone master and two workers, each a JVM of its
 * own started from Spark's jars (org.apache.spark.deploy.master.Master and ...worker.Worker), and
 * the jobs' driver a third JVM started by Spark's own spark-submit ({@code SparkSubmit --master
 * spark://... --class fundamentos.spark.SparkJobs jobs.jar <job> <options>}, client mode), the
 * module's classes the application jar it ships to the executors. The PCA job's
 * eigenvalues equal the single-machine filter's, and the score job's rows the model's on one
 * machine. Then, while the train job runs, one worker and its executor are killed: the lost
 * shard is rebuilt from its rows on the other worker, the lost round runs again, and the model is
 * the one trained without the failure (worker 1 is started again afterwards). Last, the same while
 * the score job runs: the rows are still the model's on one machine (this test goes last, as it
 * leaves one worker). What Spark needs for this from Maven's jars alone
 * (stack-notes): a SPARK_HOME with a jars/ folder and a RELEASE file, SPARK_SCALA_VERSION in the
 * workers' environment, and the add-opens for the executors.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {

  @TempDir
  static Path dir;

  private static final List<Process> daemons = new ArrayList<>();
  private static String master;
  private static String classpath;
  private static List<String> opens;

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Process start(String name, List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  private static List<String> jvm(String mainClass, String... args) {
    // the daemons log at INFO (the test's own log4j2-test.properties says warn): their start lines
    // are what awaitLog waits for
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m",
        "-Dlog4j2.configurationFile=" + dir.resolve("log4j2-daemons.properties")));
    command.addAll(opens);
    command.addAll(List.of("-cp", classpath, mainClass));
    command.addAll(List.of(args));
    return command;
  }

  /** Waits until a daemon's log says it is up. */
  private static void awaitLog(String name, String text) throws Exception {
    Path log = dir.resolve(name + ".log");
    for (int i = 0; i < 600; i++) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " did not start:\n" + Files.readString(log));
  }

  @BeforeAll
  static void startCluster() throws Exception {
    classpath = System.getProperty("java.class.path");
    opens = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect"))
        .collect(Collectors.toList());
    Path jars = Files.createDirectories(dir.resolve("spark-home/jars"));
    Files.createFile(dir.resolve("spark-home/RELEASE"));
    for (String entry : classpath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (entry.endsWith(".jar") && Files.exists(jar) && !Files.exists(jars.resolve(jar.getFileName()))) {
        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
      }
    }
    // the slow model of the worker-loss test on the executors' class path, where Weka, which reads
    // the model, finds it (the tests' log4j2-test.properties stays out: the executors log at INFO)
    jar(Path.of("target/test-classes"), "spark-home/jars/fundamentos-spark-tests.jar",
        "SlowLogistic");
    Files.writeString(dir.resolve("log4j2-daemons.properties"), String.join("\n",
        "rootLogger.level = info", "rootLogger.appenderRef.out.ref = console",
        "appender.console.type = Console", "appender.console.name = console",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n", ""));
    int port = freePort();
    master = "spark://127.0.0.1:" + port;
    daemons.add(start("master", jvm("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()))));
    awaitLog("master", "I have been elected leader");
    for (int w = 0; w < 2; w++) {
      daemons.add(startWorker(w, "worker" + w));
    }
  }

  /** Worker w (1 core, its work folder work<w>), registered with the master. */
  private static Process startWorker(int w, String name) throws Exception {
    Process worker = start(name, jvm("org.apache.spark.deploy.worker.Worker", "--cores", "1",
        "--memory", "1g", "--webui-port", Integer.toString(freePort()), "--work-dir",
        dir.resolve("work" + w).toString(), master));
    awaitLog(name, "Successfully registered with master");
    return worker;
  }

  @AfterAll
  static void stopCluster() {
    for (Process daemon : daemons) {
      daemon.destroy();
    }
    for (Process daemon : daemons) {
      try {
        if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
          daemon.destroyForcibly();
        }
      } catch (InterruptedException e) {
        daemon.destroyForcibly();
      }
    }
  }

  /** The module's own classes as a jar, for the executors (spark.jars). */
  private static File jobsJar() throws IOException {
    return jar(Path.of("target/classes"), "jobs.jar", "");
  }

  /** The files in a folder whose names contain {@code names} as a jar. */
  private static File jar(Path classes, String name, String names) throws IOException {
    File jar = dir.resolve(name).toFile();
    try (JarOutputStream out = new JarOutputStream(new FileOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(file -> Files.isRegularFile(file)
          && file.getFileName().toString().contains(names))::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  /** Runs a job in a driver JVM of its own against the cluster. */
  private static String submit(String... job) throws Exception {
    return new Driver(jobsJar().getPath(), job).finish();
  }

  /** A job's driver, a JVM of its own started by Spark's spark-submit. */
  private static final class Driver {
    final Process process;
    final Path log;

    /** @param jars the application jar, then any more for the executors (comma-separated) */
    Driver(String jars, String... job) throws IOException {
      String executorOptions = String.join(" ", opens);
      // Spark's own spark-submit (the class its bin/spark-submit script runs), in client mode:
      // the application jar is the module's classes, its main class the jobs' launcher
      String[] appJars = jars.split(",");
      List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g"));
      command.addAll(opens);
      command.addAll(List.of(
          "-Dcom.github.fommil.netlib.ARPACK=com.github.fommil.netlib.F2jARPACK",
          "-cp", classpath, "org.apache.spark.deploy.SparkSubmit", "--master", master,
          "--deploy-mode", "client", "--class", SparkJobs.class.getName(),
          "--conf", "spark.executor.memory=512m", "--conf", "spark.ui.enabled=false",
          "--conf", "spark.executor.extraJavaOptions=" + executorOptions));
      if (appJars.length > 1) {
        command.addAll(List.of("--jars", String.join(",",
            java.util.Arrays.copyOfRange(appJars, 1, appJars.length))));
      }
      command.add(appJars[0]);
      command.addAll(List.of(job));
      log = Files.createTempFile(dir, "driver", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      process = builder.start();
    }

    /** Waits for the job to end (4 minutes at most); its output. */
    String finish() throws Exception {
      if (!process.waitFor(4, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("the driver did not finish:\n" + Files.readString(log));
      }
      String output = Files.readString(log, StandardCharsets.ISO_8859_1);
      assertEquals(0, process.exitValue(), output);
      return output;
    }
  }

  @Test
  @Order(1)
  void pcaAndScoreJobsOnTwoWorkersGiveTheSingleMachineResults() throws Exception {
    Instances digits = LocalSpark.bundled("digits8x8-train.arff");
    File csv = LocalSpark.csv(digits, dir.resolve("digits.csv").toFile());
    Instances data = HeaderJobTest.weka(csv);
    data.setClassIndex(data.numAttributes() - 1);
    PCA single = new PCA();
    single.setOptions(Utils.splitOptions("-R 0.95"));
    single.setInputFormat(data);
    Filter.useFilter(data, single);

    File model = dir.resolve("pca.model").toFile();
    String report = submit("pca", "-i", csv.getPath(), "-c", "last", "-R", "0.95", "-model",
        model.getPath(), "-partitions", "4");
    assertTrue(report.contains("Fitted PCA filter written"), report);
    PCA fitted;
    try (InputStream in = new FileInputStream(model)) {
      fitted = (PCA) SerializationHelper.read(in);
    }
    double[] a = single.getModel().eigenvalues();
    double[] b = fitted.getModel().eigenvalues();
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-9 * Math.abs(a[i]) + 1e-13 * a[0], "eigenvalue " + i);
    }

    // the work ran on the workers: each started an executor for the application
    for (int w = 0; w < 2; w++) {
      File[] apps = dir.resolve("work" + w).toFile().listFiles((d, name) -> name.startsWith("app-"));
      assertTrue(apps != null && apps.length > 0, "worker " + w + " ran no executor");
    }

    // the score job on the cluster applies that model file: each row as on one machine
    File scores = dir.resolve("scores").toFile();
    submit("score", "-i", csv.getPath(), "-model", model.getPath(), "-o", scores.getPath(),
        "-partitions", "4");
    Instances expected = Filter.useFilter(data, fitted);
    List<String[]> rows = LocalSpark.parts(scores);
    assertEquals(expected.numInstances(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      for (int c = 0; c < expected.numAttributes(); c++) {
        // an executor's BLAS may add in another order than this JVM's (its own thread count):
        // the last bit may differ (1 ulp measured), nothing more
        double e = expected.instance(i).value(c);
        assertEquals(e, Double.parseDouble(rows.get(i)[c]), 1e-12 * Math.max(1, Math.abs(e)),
            "row " + i + ", column " + c);
      }
    }
  }

  @Test
  @Order(1)
  void dbscanJobOnTwoWorkersGivesIndexedDBSCANsLabels() throws Exception {
    File csv = LocalSpark.csv(DbscanJobTest.blobs(20000, 1), dir.resolve("blobs.csv").toFile());
    Instances data = DbscanJobTest.readCsv(csv);
    weka.clusterers.IndexedDBSCAN single = new weka.clusterers.IndexedDBSCAN();
    single.setOptions(Utils.splitOptions("-E 0.012 -M 8"));
    single.buildClusterer(data);
    File labels = dir.resolve("dbscan-labels").toFile();
    File model = dir.resolve("dbscan.model").toFile();
    String report = submit("dbscan", "-i", csv.getPath(), "-E", "0.012", "-M", "8", "-o",
        labels.getPath(), "-model", model.getPath(), "-partitions", "4");
    assertTrue(report.contains("4 partitions"), report);
    List<String[]> rows = LocalSpark.parts(labels);
    assertEquals(data.numInstances(), rows.size());
    int[] expected = DbscanJobTest.labels(single, data);
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(expected[i] < 0 ? "?" : "cluster" + expected[i], rows.get(i)[0], "row " + i);
    }
    assertEquals(single.toString(), SerializationHelper.readAll(model.getPath())[0].toString());
  }

  /** Worker w's executor log (stderr) of an application not in {@code before}, or null. */
  private static Path executorLog(int w, Set<Path> before) throws IOException {
    try (Stream<Path> apps = Files.list(dir.resolve("work" + w))) {
      for (Path app : (Iterable<Path>) apps.filter(app -> !before.contains(app))::iterator) {
        try (Stream<Path> logs = Files.walk(app)) {
          var stderr = logs.filter(file -> file.getFileName().toString().equals("stderr"))
              .findFirst();
          if (stderr.isPresent()) {
            return stderr.get();
          }
        }
      }
    }
    return null;
  }

  private static Set<Path> apps(int w) throws IOException {
    try (Stream<Path> apps = Files.list(dir.resolve("work" + w))) {
      return apps.collect(Collectors.toSet());
    }
  }

  private static long count(String text, String what) {
    return text.lines().filter(line -> line.contains(what)).count();
  }

  /**
   * Waits until worker 1's executor (of an application not in {@code before}) has finished at least
   * {@code finished} tasks and runs another, then kills the worker and its executor (a child of
   * the worker's JVM).
   */
  private static void killWorkerOneWhileItRuns(Driver driver, Set<Path> before, long finished)
      throws Exception {
    String executorLog = "";
    for (int i = 0; i < 2400; i++) {
      Path log = executorLog(1, before);
      executorLog = log == null ? "" : Files.readString(log, StandardCharsets.ISO_8859_1);
      long done = count(executorLog, "Finished task");
      if (done >= finished && count(executorLog, "Running task") > done) {
        break;
      }
      assertTrue(driver.process.isAlive(), "the job ended before the worker could be killed:\n"
          + Files.readString(driver.log) + "\nworker 1's executor:\n" + executorLog);
      Thread.sleep(50);
    }
    assertTrue(count(executorLog, "Finished task") >= finished, "worker 1 ran too few tasks:\n"
        + executorLog);
    ProcessHandle worker = daemons.get(2).toHandle();
    List<ProcessHandle> executors = worker.descendants().filter(child -> child.info()
        .commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
        .collect(Collectors.toList());
    assertEquals(1, executors.size(), "worker 1's executor");
    worker.destroyForcibly();
    executors.forEach(ProcessHandle::destroyForcibly);
    assertTrue(worker.onExit().get(20, TimeUnit.SECONDS) != null);
  }

  @Test
  @Order(2)
  void aWorkerKilledDuringTrainingIsSurvivedWithTheSameModel() throws Exception {
    // SoftmaxRegression on the digits, 2 workers averaging after every mini-batch: 22 rounds an
    // epoch, each a Spark stage; worker 1 dies after 30 finished tasks, its cached shard with it
    File csv = TrainJobTest.labelled(LocalSpark.csv(LocalSpark.bundled("digits8x8-train.arff"),
        dir.resolve("digits-labelled.csv").toFile()));
    String[] job = {"-i", csv.getPath(), "-c", "last", "-partitions", "2", "-workers", "2",
        "-averaging", "1", "-epochs", "8", "-S", "4"};
    List<String> local = new ArrayList<>(List.of(job));
    local.addAll(List.of("-model", dir.resolve("train-local.model").toString()));
    TrainJob.Result expected = (TrainJob.Result) LocalSpark.run("train", local.toArray(
        new String[0]));

    Set<Path> before0 = apps(0);
    Set<Path> before = apps(1);
    File model = dir.resolve("train-killed.model").toFile();
    List<String> submitted = new ArrayList<>(List.of("train"));
    submitted.addAll(List.of(job));
    submitted.addAll(List.of("-model", model.getPath()));
    Driver driver = new Driver(jobsJar().getPath(), submitted.toArray(new String[0]));
    killWorkerOneWhileItRuns(driver, before, 30);
    String output = driver.finish();
    assertTrue(output.contains("Lost executor"), output);
    // the surviving worker rebuilt the lost shard from its rows and ran the lost round again
    String survivor = Files.readString(executorLog(0, before0), StandardCharsets.ISO_8859_1);
    assertTrue(survivor.matches("(?s).*Running task \\d+\\.1 in stage.*"), survivor);
    weka.classifiers.functions.SoftmaxRegression trained =
        (weka.classifiers.functions.SoftmaxRegression) SerializationHelper.readAll(
            model.getPath())[0];
    double[][] a = expected.softmax().coefficients();
    double[][] b = trained.coefficients();
    for (int j = 0; j < a.length; j++) {
      for (int c = 0; c < a[j].length; c++) {
        assertEquals(a[j][c], b[j][c], 1e-12 * Math.max(1, Math.abs(a[j][c])), "column " + j
            + ", class " + c);
      }
    }

    // worker 1 again, for the next test
    daemons.set(2, startWorker(1, "worker1-again"));
  }

  @Test
  @Order(3)
  void aWorkerKilledDuringTheScoreJobIsSurvived() throws Exception {
    // iris 107 times over (16,050 rows in 16 partitions), scored by a Logistic that takes 1 ms a
    // row: tasks of about a second, so that one is running when its worker is killed
    Instances iris = LocalSpark.bundled("iris.arff");
    Instances data = new Instances(iris, iris.numInstances() * 107);
    for (int copy = 0; copy < 107; copy++) {
      for (Instance row : iris) {
        data.add(row);
      }
    }
    File csv = LocalSpark.csv(data, dir.resolve("many-iris.csv").toFile());
    SlowLogistic model = new SlowLogistic();
    model.buildClassifier(iris);
    model.delayMillis = 1;
    File modelFile = dir.resolve("slow.model").toFile();
    SerializationHelper.writeAll(modelFile.getPath(), new Object[] {model, new Instances(iris, 0)});
    model.delayMillis = 0;

    Set<Path> before0 = apps(0);
    Set<Path> before = apps(1);
    File scores = dir.resolve("slow-scores").toFile();
    Driver driver = new Driver(jobsJar().getPath(), "score", "-i", csv.getPath(), "-model",
        modelFile.getPath(), "-o", scores.getPath(), "-partitions", "16");
    killWorkerOneWhileItRuns(driver, before, 1);

    String output = driver.finish();
    // the driver lost the executor, and the surviving worker ran the lost task again (attempt 1)
    assertTrue(output.contains("Lost executor"), output);
    String survivor = Files.readString(executorLog(0, before0), StandardCharsets.ISO_8859_1);
    assertTrue(survivor.matches("(?s).*Running task \\d+\\.1 in stage.*"), survivor);
    ScoreJobTest.sameAsOneMachine(LocalSpark.parts(scores), data, model);
  }
}
