package fundamentos.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.UMAP;

/**
 * The UMAP job on local[2], the digits over 3 partitions: the filter fitted on the job's sample
 * is the single-machine filter fitted on the same rows (the same embedding, bit for bit), the same
 * seed draws the same sample, and every row the job wrote is what the saved model gives for all
 * rows at once on one machine.
 */
class UmapJobTest {

  @TempDir
  File folder;

  private static final String UMAP_OPTIONS = "-N 2 -S 3";

  @Test
  void sampleFittedAsOnOneMachineAndEveryRowTransformedByTheModel() throws Exception {
    Instances digits = LocalSpark.bundled("digits8x8-train.arff");
    File csv = LocalSpark.csv(digits, new File(folder, "digits.csv"));
    File model = new File(folder, "umap.model");
    File out = new File(folder, "embedded");
    List<String> options = new ArrayList<>(List.of("-i", csv.getPath(), "-c", "last", "-sample",
        "400", "-model", model.getPath(), "-o", out.getPath(), "-partitions", "3"));
    options.addAll(List.of(Utils.splitOptions(UMAP_OPTIONS)));
    UmapJob.Result job = (UmapJob.Result) LocalSpark.run("umap", options.toArray(new String[0]));
    assertEquals(400, job.sample().numInstances());

    // the single-machine filter on the job's sample: the same embedding
    UMAP single = new UMAP();
    single.setOptions(Utils.splitOptions(UMAP_OPTIONS));
    single.setInputFormat(job.sample());
    Filter.useFilter(job.sample(), single);
    double[][] expected = single.getModel().embedding();
    double[][] actual = job.filter().getModel().embedding();
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0, "sample row " + i);
    }

    // the same seed draws the same sample
    UmapJob.Result again = (UmapJob.Result) LocalSpark.run("umap", "-i", csv.getPath(), "-c",
        "last", "-sample", "400", "-partitions", "3", "-N", "2", "-S", "3");
    for (int i = 0; i < 400; i++) {
      assertArrayEquals(job.sample().instance(i).toDoubleArray(),
          again.sample().instance(i).toDoubleArray(), 0, "sampled row " + i);
    }

    // every row: what the saved model gives for all rows at once on one machine
    UMAP saved = (UMAP) SerializationHelper.read(model.getPath());
    Instances rows = HeaderJobTest.weka(csv);
    rows.setClassIndex(rows.numAttributes() - 1);
    Instances transformed = saved.transformBatch(rows);
    File[] parts = out.listFiles((d, name) -> name.startsWith("part-"));
    java.util.Arrays.sort(parts);
    assertEquals(3, parts.length);
    int from = 0;
    for (File part : parts) {
      for (String line : Files.readAllLines(part.toPath())) {
        String[] fields = line.split(",");
        for (int c = 0; c < transformed.numAttributes() - 1; c++) {
          assertEquals(transformed.instance(from).value(c), Double.parseDouble(fields[c]), 0,
              part.getName() + ", row " + from + ", column " + c);
        }
        from++;
      }
    }
    assertEquals(digits.numInstances(), from);
    Instances writtenHeader = new Instances(new java.io.StringReader(Files.readString(
        new File(out, "_header.arff").toPath())));
    writtenHeader.setClassIndex(writtenHeader.numAttributes() - 1);
    assertNull(saved.getOutputFormat().equalHeadersMsg(writtenHeader));
  }

  @Test
  void theExactGraphComputedOnTheExecutorsGivesTheSameEmbedding() throws Exception {
    // 500 digits in blocks of 64 rows: 8 x 8 tasks, the candidates merged per query block; the
    // driver's own search would be exact too (under 4,096 rows), so the fit must be the same bits
    Instances digits = LocalSpark.bundled("digits8x8-train.arff");
    File csv = LocalSpark.csv(digits, new File(folder, "digits-exact.csv"));
    UmapJob.Result job = (UmapJob.Result) LocalSpark.run("umap", "-i", csv.getPath(), "-c", "last",
        "-sample", "500", "-exact-knn", "-knn-block", "64", "-N", "2", "-S", "5");
    UMAP single = new UMAP();
    single.setOptions(Utils.splitOptions("-N 2 -S 5"));
    single.setInputFormat(job.sample());
    Filter.useFilter(job.sample(), single);
    double[][] expected = single.getModel().embedding();
    double[][] actual = job.filter().getModel().embedding();
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0, "sample row " + i);
    }
    JobException e = assertThrows(JobException.class, () -> LocalSpark.run("umap", "-i",
        csv.getPath(), "-exact-knn", "-knn-block", "0"));
    assertTrue(e.getMessage().startsWith("-knn-block must be a number of rows"), e.getMessage());
  }

  @Test
  void aSampleOfFewerThanTwoRowsIsRefused() throws Exception {
    File csv = LocalSpark.csv(LocalSpark.bundled("iris.arff"), new File(folder, "iris.csv"));
    JobException e = assertThrows(JobException.class, () -> LocalSpark.run("umap", "-i",
        csv.getPath(), "-sample", "1"));
    assertEquals("-sample must be a number of rows, at least 2, not '1'", e.getMessage());
    e = assertThrows(JobException.class, () -> LocalSpark.run("umap", "-i", csv.getPath(),
        "-sample", "many"));
    assertTrue(e.getMessage().startsWith("-sample must be a number of rows"), e.getMessage());
  }
}
