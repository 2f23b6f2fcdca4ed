package fundamentos.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.filters.unsupervised.attribute.PCA;

/**
 * The jobs read and write hdfs:// paths as on a cluster: an HDFS (name node and data node) runs in
 * the test's JVM, the CSV is put there, and the header and PCA jobs read it and write the header,
 * the model and the scores there. What they write equals what the same jobs write for the same
 * file on the local file system, byte for byte.
 */
class HdfsTest {

  @TempDir
  static File folder;

  private static MiniDFSCluster hdfs;
  private static FileSystem fs;
  private static String root;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(folder, "hdfs").getAbsolutePath());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    root = fs.getUri().toString(); // hdfs://localhost:<port>
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  private static byte[] readHdfs(String path) throws Exception {
    try (InputStream in = fs.open(new Path(path))) {
      return in.readAllBytes();
    }
  }

  private static List<String> partLines(String dir) throws Exception {
    List<String> lines = new ArrayList<>();
    FileStatus[] parts = fs.globStatus(new Path(dir, "part-*"));
    java.util.Arrays.sort(parts);
    for (FileStatus part : parts) {
      String text = new String(readHdfs(part.getPath().toString()), StandardCharsets.UTF_8);
      lines.addAll(text.lines().toList());
    }
    return lines;
  }

  @Test
  void headerAndPcaJobsReadAndWriteHdfsAsTheyDoLocalFiles() throws Exception {
    Instances digits = LocalSpark.bundled("digits8x8-train.arff");
    File local = LocalSpark.csv(digits, new File(folder, "digits.csv"));
    fs.copyFromLocalFile(new Path(local.getAbsolutePath()), new Path("/data/digits.csv"));
    String input = root + "/data/digits.csv";

    // the header job, on HDFS and locally
    LocalSpark.run("header", "-i", input, "-o", root + "/data/digits-header.arff",
        "-partitions", "3");
    File localHeader = new File(folder, "digits-header.arff");
    LocalSpark.run("header", "-i", local.getPath(), "-o", localHeader.getPath(),
        "-partitions", "3");
    assertEquals(LocalSpark.read(localHeader),
        new String(readHdfs("/data/digits-header.arff"), StandardCharsets.UTF_8));

    // the PCA job with the header, model and scores on HDFS, and the same locally
    PcaJob.Result onHdfs = (PcaJob.Result) LocalSpark.run("pca", "-i", input, "-header",
        root + "/data/digits-header.arff", "-c", "last", "-R", "0.95", "-model",
        root + "/models/pca.model", "-o", root + "/scores", "-partitions", "3");
    File localModel = new File(folder, "pca.model");
    File localScores = new File(folder, "scores");
    PcaJob.Result here = (PcaJob.Result) LocalSpark.run("pca", "-i", local.getPath(), "-header",
        localHeader.getPath(), "-c", "last", "-R", "0.95", "-model", localModel.getPath(), "-o",
        localScores.getPath(), "-partitions", "3");
    assertEquals(digits.numInstances(), onHdfs.rows());
    assertArrayEquals(here.filter().getModel().eigenvalues(),
        onHdfs.filter().getModel().eigenvalues(), 0);

    // the model written to HDFS is a fitted PCA filter Weka reads, with the same components
    PCA fromHdfs = (PCA) SerializationHelper.read(new ByteArrayInputStream(
        readHdfs("/models/pca.model")));
    PCA fromDisk = (PCA) SerializationHelper.read(localModel.getPath());
    assertArrayEquals(fromDisk.getModel().eigenvalues(), fromHdfs.getModel().eigenvalues(), 0);
    assertNull(fromDisk.getOutputFormat().equalHeadersMsg(fromHdfs.getOutputFormat()));

    // the scores: the same lines, in the same order, with the same output header
    List<String> hdfsLines = partLines("/scores");
    List<String> localLines = new ArrayList<>();
    for (String[] row : LocalSpark.parts(localScores)) {
      localLines.add(String.join(",", row));
    }
    assertEquals(digits.numInstances(), hdfsLines.size());
    assertEquals(localLines, hdfsLines);
    assertEquals(LocalSpark.read(new File(localScores, "_header.arff")),
        new String(readHdfs("/scores/_header.arff"), StandardCharsets.UTF_8));
  }
}
