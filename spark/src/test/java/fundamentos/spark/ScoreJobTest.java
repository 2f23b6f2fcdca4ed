package fundamentos.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Classifier;
import weka.classifiers.functions.Logistic;
import weka.classifiers.trees.J48;
import weka.clusterers.Clusterer;
import weka.clusterers.IndexedDBSCAN;
import weka.clusterers.SimpleKMeans;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Standardize;

/**
 * The score job on local[2], iris split over three partitions: each row gets what the saved model
 * gives that row on one machine, to the last bit, for Weka's own classifiers, clusterers and
 * filters and the package's IndexedDBSCAN, saved the way weka.Run -d saves them (the model, then
 * its training header).
 */
class ScoreJobTest {

  @TempDir
  File folder;

  private int runs;

  private Instances iris() throws Exception {
    return LocalSpark.bundled("iris.arff");
  }

  /** Saves a model as weka.Run -d does and scores the iris CSV with it. */
  private List<String[]> score(Object model, Instances header) throws Exception {
    File file = new File(folder, "m.model");
    SerializationHelper.writeAll(file.getPath(), header == null ? new Object[] {model}
        : new Object[] {model, new Instances(header, 0)});
    File csv = LocalSpark.csv(iris(), new File(folder, "iris.csv"));
    File out = new File(folder, "out" + runs++);
    LocalSpark.run("score", "-i", csv.getPath(), "-model", file.getPath(), "-o", out.getPath(),
        "-partitions", "3");
    assertTrue(Files.readString(new File(out, "_header.arff").toPath()).contains("@attribute"));
    return LocalSpark.parts(out);
  }

  static void sameAsOneMachine(List<String[]> rows, Instances data, Object model)
      throws Exception {
    assertEquals(data.numInstances(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      double[] expected;
      try {
        expected = model instanceof Classifier c ? c.distributionForInstance(data.instance(i))
            : ((Clusterer) model).distributionForInstance(data.instance(i));
      } catch (Exception unclustered) {
        // a clusterer's refusal (DBSCAN's noise): '?' throughout
        assertTrue(model instanceof Clusterer, unclustered.getMessage());
        assertTrue(Arrays.stream(row).allMatch("?"::equals), "row " + i);
        continue;
      }
      assertEquals(expected.length + 1, row.length, "row " + i);
      for (int k = 0; k < expected.length; k++) {
        assertEquals(expected[k], Double.parseDouble(row[k + 1]), 0, "row " + i + ", column " + k);
      }
      String label = Utils.sum(expected) == 0 ? "?" : model instanceof Classifier
          ? data.classAttribute().value(Utils.maxIndex(expected)) : "cluster" + Utils.maxIndex(expected);
      assertEquals(label, row[0].replace("'", ""), "row " + i);
    }
  }

  @Test
  void classifiersPredictAsOnOneMachine() throws Exception {
    Instances data = iris();
    for (Classifier classifier : new Classifier[] {new J48(), new Logistic()}) {
      classifier.buildClassifier(data);
      sameAsOneMachine(score(classifier, data), data, classifier);
    }
  }

  @Test
  void clusterersAssignAsOnOneMachine() throws Exception {
    Instances data = iris();
    data.setClassIndex(-1);
    SimpleKMeans kMeans = new SimpleKMeans();
    kMeans.setNumClusters(3);
    IndexedDBSCAN dbscan = new IndexedDBSCAN();
    dbscan.setOptions(Utils.splitOptions("-E 0.1 -M 8"));
    int noise = 0;
    for (Clusterer clusterer : new Clusterer[] {kMeans, dbscan}) {
      clusterer.buildClusterer(data);
      List<String[]> rows = score(clusterer, data);
      sameAsOneMachine(rows, data, clusterer);
      noise += (int) rows.stream().filter(row -> row[0].equals("?")).count();
    }
    assertTrue(noise > 0 && noise < data.numInstances(), "DBSCAN's noise rows are written as "
        + "'?', the others as clusters: " + noise);
  }

  @Test
  void aFittedFilterTransformsAsOnOneMachine() throws Exception {
    Instances data = iris();
    Standardize standardize = new Standardize();
    standardize.setInputFormat(data);
    Instances expected = Filter.useFilter(data, standardize);
    List<String[]> rows = score(standardize, null);
    assertEquals(expected.numInstances(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      for (int a = 0; a < expected.numAttributes() - 1; a++) {
        assertEquals(expected.instance(i).value(a), Double.parseDouble(rows.get(i)[a]), 0,
            "row " + i + ", attribute " + a);
      }
      assertEquals(expected.instance(i).stringValue(4), rows.get(i)[4].replace("'", ""));
    }
  }

  @Test
  void badModelsAndDataAreRefusedByName() throws Exception {
    Instances data = iris();
    JobException notAModel = assertThrows(JobException.class, () -> score(data, null));
    assertTrue(notAModel.getMessage().contains("not a Weka classifier, clusterer or filter"),
        notAModel.getMessage());
    J48 tree = new J48();
    tree.buildClassifier(data);
    Instances renamed = new Instances(data, 0);
    renamed.renameAttribute(0, "length");
    JobException names = assertThrows(JobException.class, () -> score(tree, renamed));
    assertTrue(names.getMessage().contains("trained on the attributes"), names.getMessage());
    JobException noHeader = assertThrows(JobException.class, () -> score(tree, null));
    assertTrue(noHeader.getMessage().contains("-header"), noHeader.getMessage());
    File taken = new File(folder, "taken");
    assertTrue(taken.mkdir());
    JobException exists = assertThrows(JobException.class, () -> LocalSpark.run("score", "-i",
        LocalSpark.csv(data, new File(folder, "iris.csv")).getPath(), "-model", "m.model", "-o",
        taken.getPath()));
    assertTrue(exists.getMessage().contains("exists already"), exists.getMessage());
    JobException missing = assertThrows(JobException.class, () -> LocalSpark.run("score", "-i",
        new File(folder, "none.csv").getPath(), "-model", new File(folder, "none.model").getPath(),
        "-o", new File(folder, "o").getPath()));
    assertTrue(missing.getMessage().contains("none.model"), missing.getMessage());
  }
}
