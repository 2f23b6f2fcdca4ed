package fundamentos.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.PCA;

/**
 * The PCA job on local[2], its rows split over several partitions, against the single-machine PCA
 * filter fitted on the same CSV as Weka loads it: the same eigenvalues (1e-9 relative), and the
 * model file it writes, applied by Weka to the data, gives the scores the job wrote.
 */
class PcaJobTest {

  @org.junit.jupiter.api.io.TempDir
  File folder;

  @ParameterizedTest
  @ValueSource(strings = {"-R 0.95", "-C -M 5 -reconstruction-error", "-C -reconstruct -M 3"})
  void sameEigenvaluesAndScoresAsTheSingleMachineFilter(String pcaOptions) throws Exception {
    Instances digits = LocalSpark.bundled("digits8x8-train.arff");
    File csv = LocalSpark.csv(digits, new File(folder, "digits.csv"));
    Instances data = HeaderJobTest.weka(csv);
    data.setClassIndex(data.numAttributes() - 1);
    PCA single = new PCA();
    single.setOptions(Utils.splitOptions(pcaOptions));
    single.setInputFormat(data);
    Instances expected = Filter.useFilter(data, single);

    File model = new File(folder, "pca.model");
    File out = new File(folder, "scores");
    List<String> options = new ArrayList<>(List.of("-i", csv.getPath(), "-c", "last", "-model",
        model.getPath(), "-o", out.getPath(), "-partitions", "3"));
    options.addAll(Arrays.asList(Utils.splitOptions(pcaOptions)));
    PcaJob.Result job = (PcaJob.Result) LocalSpark.run("pca", options.toArray(new String[0]));
    assertEquals(data.numInstances(), job.rows());

    double[] a = single.getModel().eigenvalues();
    double[] b = job.filter().getModel().eigenvalues();
    assertEquals(single.getModel().numComponents(), job.filter().getModel().numComponents());
    for (int i = 0; i < a.length; i++) {
      // 1e-9 relative; the eigenvalues of constant pixels are 0 up to rounding
      assertEquals(a[i], b[i], 1e-9 * Math.abs(a[i]) + 1e-13 * a[0], pcaOptions + ": eigenvalue "
          + i);
    }

    // the model file is a fitted PCA filter: Weka applies it to the data as loaded by CSVLoader
    PCA saved;
    try (InputStream in = new FileInputStream(model)) {
      saved = (PCA) SerializationHelper.read(in);
    }
    for (Instance row : data) {
      saved.input(row);
    }
    saved.batchFinished();
    Instances rowByRow = new Instances(saved.getOutputFormat(), data.numInstances());
    Instance next;
    while ((next = saved.output()) != null) {
      rowByRow.add(next);
    }
    // the job hands each partition's rows to the model in batches, as transformBatch does
    Instances applied = saved.transformBatch(data);
    assertNull(expected.equalHeadersMsg(applied), "the saved filter's output header");
    Instances writtenHeader = new Instances(new java.io.StringReader(Files.readString(
        new File(out, "_header.arff").toPath())));
    writtenHeader.setClassIndex(writtenHeader.numAttributes() - 1);
    assertNull(expected.equalHeadersMsg(writtenHeader), "the job's output header");
    List<String[]> rows = LocalSpark.parts(out);
    assertEquals(data.numInstances(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      for (int c = 0; c < applied.numAttributes() - 1; c++) {
        double written = Double.parseDouble(rows.get(i)[c]);
        // the job's scores are what the saved model gives, in batches (as the job gives them)
        // or row by row (Weka's input()), up to the rounding of products over other batches
        double batched = applied.instance(i).value(c);
        assertEquals(batched, written, 1e-12 * Math.max(1, Math.abs(batched)), "row " + i
            + ", column " + c);
        double oneByOne = rowByRow.instance(i).value(c);
        assertEquals(oneByOne, written, 1e-12 * Math.max(1, Math.abs(oneByOne)), "row " + i
            + ", column " + c + " row by row");
        double e = expected.instance(i).value(c);
        assertEquals(e, written, 1e-8 * Math.max(1, Math.abs(e)), pcaOptions + ": row " + i
            + " against the filter fitted on one machine");
      }
      // the class (the digit, numeric as CSVLoader reads it) passed through
      assertEquals(data.instance(i).classValue(),
          Double.parseDouble(rows.get(i)[applied.numAttributes() - 1]), 0, "class of row " + i);
    }
    assertTrue(job.filter().toString().contains("Eigenvalue"), job.filter().toString());
  }
}
