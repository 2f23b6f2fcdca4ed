package fundamentos.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.trees.J48;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.core.converters.ArffLoader;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.PCA;

/**
 * The jobs' three input formats on local[2], each split over several partitions: ARFF (two of
 * Weka's example files, nominal attributes, quoted values and missing values; and a file of every
 * ARFF form Weka reads) gives the rows Weka's ArffLoader gives, the header statistics of Weka's
 * AttributeStats, the single-machine PCA filter's eigenvalues and the model's scores, as the
 * CSV-with-ARFF-header route does; Parquet written by Spark from the same data gives the rows,
 * header, eigenvalues and scores the CSV route gives; the score job's Parquet output reads back as
 * its CSV output.
 */
class InputFormatsTest {

  @TempDir
  File folder;

  private static Instances example(String name) throws Exception {
    try (InputStream in = InputFormatsTest.class.getResourceAsStream("/weka-examples/" + name)) {
      ArffLoader loader = new ArffLoader();
      loader.setSource(in);
      return loader.getDataSet();
    }
  }

  private File copy(String name) throws Exception {
    File file = new File(folder, name);
    try (InputStream in = InputFormatsTest.class.getResourceAsStream("/weka-examples/" + name)) {
      Files.copy(in, file.toPath());
    }
    return file;
  }

  /** The input's rows under a header, collected in input order. */
  private static List<double[]> rows(String path, Instances header, String... options) {
    List<String> all = new ArrayList<>(List.of("-i", path));
    all.addAll(List.of(options));
    DataInput input = new JobOptions(all.toArray(new String[0])).open(LocalSpark.context());
    Instances under = header != null ? header : input.declaredHeader();
    var rdd = input.rows(LocalSpark.context(), under, rows -> {
      List<double[]> list = new ArrayList<>();
      rows.forEachRemaining(list::add);
      return list.iterator();
    });
    if (all.contains("-partitions")) {
      assertTrue(rdd.getNumPartitions() >= Integer.parseInt(all.get(all.indexOf("-partitions")
          + 1)), "partitions: " + rdd.getNumPartitions());
      // the rows come from several of them
      assertTrue(rdd.glom().collect().stream().filter(part -> !part.isEmpty()).count() > 1);
    }
    return input.run(LocalSpark.context(), rdd::collect);
  }

  private static void assertSameRows(Instances expected, List<double[]> rows, String what) {
    assertEquals(expected.numInstances(), rows.size(), what + ": rows");
    for (int i = 0; i < rows.size(); i++) {
      // bit for bit, NaN (missing) included
      assertArrayEquals(expected.instance(i).toDoubleArray(), rows.get(i), 0, what + ": row " + i);
    }
  }

  private static void assertSameEigenvalues(PCA expected, PCA job, String what) {
    double[] a = expected.getModel().eigenvalues();
    double[] b = job.getModel().eigenvalues();
    assertEquals(a.length, b.length, what);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-9 * Math.abs(a[i]) + 1e-13 * a[0], what + ": eigenvalue " + i);
    }
  }

  private static PCA singleMachine(Instances data) throws Exception {
    PCA pca = new PCA();
    pca.setOptions(Utils.splitOptions("-R 0.95"));
    pca.setInputFormat(data);
    Filter.useFilter(data, pca);
    return pca;
  }

  @ParameterizedTest
  @ValueSource(strings = {"breast-cancer.arff", "labor.arff"})
  void arffGivesWekasRowsStatisticsEigenvaluesAndScores(String name) throws Exception {
    Instances weka = example(name);
    File arff = copy(name);
    // rows: what ArffLoader gives, from 4 partitions (the header lies in the first one or two)
    assertSameRows(weka, rows(arff.getPath(), null, "-partitions", "4"), name);

    // header job: the ARFF's own header, Weka's statistics
    File header = new File(folder, "header.arff");
    HeaderStatistics statistics = (HeaderStatistics) LocalSpark.run("header", "-i",
        arff.getPath(), "-o", header.getPath(), "-partitions", "4");
    HeaderJobTest.assertSameStatistics(weka, statistics);

    // PCA: the single-machine filter's eigenvalues, from ARFF and from CSV with the ARFF header
    weka.setClassIndex(weka.numAttributes() - 1);
    PCA single = singleMachine(weka);
    File csv = LocalSpark.csv(weka, new File(folder, "data.csv"));
    PcaJob.Result fromArff = (PcaJob.Result) LocalSpark.run("pca", "-i", arff.getPath(), "-c",
        "last", "-R", "0.95", "-partitions", "4");
    PcaJob.Result fromCsv = (PcaJob.Result) LocalSpark.run("pca", "-i", csv.getPath(), "-header",
        header.getPath(), "-c", "last", "-R", "0.95", "-partitions", "3");
    assertEquals(weka.numInstances(), fromArff.rows());
    assertSameEigenvalues(single, fromArff.filter(), name + " from ARFF");
    assertSameEigenvalues(single, fromCsv.filter(), name + " from CSV");

    // score: a J48 saved as weka.Run -d saves it, the same lines from ARFF as from CSV, and each
    // the model's on one machine
    J48 tree = new J48();
    File model = saved(tree, weka);
    File arffScores = new File(folder, "arff-scores");
    File csvScores = new File(folder, "csv-scores");
    LocalSpark.run("score", "-i", arff.getPath(), "-model", model.getPath(), "-o",
        arffScores.getPath(), "-partitions", "4");
    LocalSpark.run("score", "-i", csv.getPath(), "-model", model.getPath(), "-o",
        csvScores.getPath(), "-partitions", "3");
    List<String[]> lines = LocalSpark.parts(arffScores);
    ScoreJobTest.sameAsOneMachine(lines, weka, tree);
    assertEquals(text(LocalSpark.parts(csvScores)), text(lines));
  }

  @Test
  void arffIsReadUnderAnotherHeadersValueOrderAndRefusedUnderOtherTypes() throws Exception {
    // labor's header job on CSV lists nominal values in order of first appearance, not the
    // ARFF's declared order: read under it, the ARFF gives the CSV route's rows
    Instances labor = example("labor.arff");
    File csv = LocalSpark.csv(labor, new File(folder, "labor.csv"));
    HeaderStatistics fromCsv = (HeaderStatistics) LocalSpark.run("header", "-i", csv.getPath(),
        "-o", new File(folder, "labor-header.arff").getPath());
    assertTrue(fromCsv.header.attribute("class").value(0).equals("good"), "first seen: good");
    assertEquals("bad", labor.attribute("class").value(0));
    List<double[]> csvRows = rows(csv.getPath(), fromCsv.header);
    List<double[]> arffRows = rows(copy("labor.arff").getPath(), fromCsv.header, "-partitions",
        "3");
    assertEquals(csvRows.size(), arffRows.size());
    for (int i = 0; i < csvRows.size(); i++) {
      assertArrayEquals(csvRows.get(i), arffRows.get(i), 0, "row " + i);
    }
    // breast-cancer's deg-malig {'1','2','3'} is numeric to the CSV route: refused by name
    Instances cancer = example("breast-cancer.arff");
    File cancerCsv = LocalSpark.csv(cancer, new File(folder, "cancer.csv"));
    HeaderStatistics numeric = (HeaderStatistics) LocalSpark.run("header", "-i",
        cancerCsv.getPath(), "-o", new File(folder, "cancer-header.arff").getPath());
    JobException e = org.junit.jupiter.api.Assertions.assertThrows(JobException.class,
        () -> rows(copy("breast-cancer.arff").getPath(), numeric.header));
    assertTrue(e.getMessage().startsWith("Attribute 'deg-malig' is nominal in the ARFF header of ")
        && e.getMessage().endsWith(", but numeric in the header the job reads it with: give data "
        + "of the same types"), e.getMessage());
  }

  /** Trains a J48 and saves it as weka.Run -d does (the model, then its training header). */
  private File saved(J48 tree, Instances data) throws Exception {
    tree.buildClassifier(data);
    File model = new File(folder, "j48.model");
    SerializationHelper.writeAll(model.getPath(), new Object[] {tree, new Instances(data, 0)});
    return model;
  }

  private static List<String> text(List<String[]> rows) {
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      lines.add(String.join(",", row));
    }
    return lines;
  }

  @Test
  void everyArffFormWekaReadsGivesWekasValues() throws Exception {
    // quoted values (spaces, commas, escaped quotes), '?' missing and a quoted '?' value, comments
    // after values and on lines of their own, blank lines, tabs and spaces as separators, sparse
    // rows and instance weights, over 6 partitions
    StringBuilder text = new StringBuilder("% a comment before the header\n@relation 'odd forms'\n"
        + "@attribute x numeric\n@attribute 'the kind' {a,'b c','d,e','it\\'s','?'}\n"
        + "@attribute y real\n\n@data\n");
    for (int i = 0; i < 300; i++) {
      double x = Math.sin(i) * 1e3;
      switch (i % 8) {
        case 0 -> text.append(x).append(",a,").append(i).append('\n');
        case 1 -> text.append(x).append(", 'b c' ,?\n");
        case 2 -> text.append("?,\"d,e\",").append(-i).append(" % a comment\n");
        case 3 -> text.append(x).append("\t'it\\'s'\t1e-3\n\n");
        case 4 -> text.append("{0 ").append(x).append(", 2 7}\n");
        case 5 -> text.append("{1 'b c'}\n% a line of comment\n");
        case 6 -> text.append(x).append(",'?',2.5,{3}\n");
        default -> text.append("  ").append(i).append(" , ? , .5\n");
      }
    }
    File arff = new File(folder, "odd.arff");
    Files.writeString(arff.toPath(), text);
    ArffLoader loader = new ArffLoader();
    loader.setFile(arff);
    Instances weka = loader.getDataSet();
    assertEquals(300, weka.numInstances());
    assertEquals("?", weka.instance(6).stringValue(1), "a quoted '?' is a value");
    assertTrue(weka.instance(7).isMissing(1), "a bare ? is missing");
    assertEquals(3, weka.instance(6).weight(), "an instance weight");
    assertSameRows(weka, rows(arff.getPath(), null, "-partitions", "6"), "odd.arff");
  }

  /** Labor's data with an int and a boolean column, as a Spark table (nominal as strings). */
  private static List<Row> table(Instances data) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < data.numInstances(); i++) {
      Instance row = data.instance(i);
      Object[] fields = new Object[data.numAttributes() + 2];
      fields[0] = i;
      fields[1] = row.isMissing(0) ? null : row.value(0) > 2;
      for (int a = 0; a < data.numAttributes(); a++) {
        fields[a + 2] = row.isMissing(a) ? null : data.attribute(a).isNominal()
            ? row.stringValue(a) : (Object) row.value(a);
      }
      rows.add(RowFactory.create(fields));
    }
    return rows;
  }

  @Test
  void parquetGivesTheCsvRoutesRowsHeaderEigenvaluesAndScores() throws Exception {
    Instances labor = example("labor.arff");
    // the same data as CSV, with the int and boolean columns as text
    ArrayList<Attribute> attributes = new ArrayList<>(List.of(new Attribute("id"),
        new Attribute("long", List.of("false", "true"))));
    for (int a = 0; a < labor.numAttributes(); a++) {
      attributes.add(labor.attribute(a).copy(labor.attribute(a).name()));
    }
    Instances wide = new Instances("labor", attributes, labor.numInstances());
    List<Row> table = table(labor);
    for (Row row : table) {
      double[] values = new double[attributes.size()];
      for (int a = 0; a < values.length; a++) {
        Object field = row.get(a);
        values[a] = field == null ? Utils.missingValue() : field instanceof Number n
            ? n.doubleValue() : attributes.get(a).indexOfValue(field.toString());
      }
      wide.add(new weka.core.DenseInstance(1, values));
    }
    File csv = LocalSpark.csv(wide, new File(folder, "labor.csv"));

    // Parquet written by Spark in 3 files, in order
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField("id", DataTypes.IntegerType, false),
        DataTypes.createStructField("long", DataTypes.BooleanType, true)));
    for (int a = 0; a < labor.numAttributes(); a++) {
      fields.add(DataTypes.createStructField(labor.attribute(a).name(),
          labor.attribute(a).isNominal() ? DataTypes.StringType : DataTypes.DoubleType, true));
    }
    File parquet = new File(folder, "labor.parquet");
    DataInput.session(LocalSpark.context()).createDataFrame(
        LocalSpark.context().parallelize(table, 3), DataTypes.createStructType(fields)).write()
        .parquet(parquet.getPath());

    // header job: the CSV route's header (booleans and strings nominal in order of first
    // appearance) and statistics
    File csvHeader = new File(folder, "csv-header.arff");
    HeaderStatistics fromCsv = (HeaderStatistics) LocalSpark.run("header", "-i", csv.getPath(),
        "-o", csvHeader.getPath(), "-partitions", "2");
    HeaderStatistics fromParquet = (HeaderStatistics) LocalSpark.run("header", "-i",
        parquet.getPath(), "-o", new File(folder, "parquet-header.arff").getPath(), "-relation",
        "labor");
    assertNull(fromCsv.header.equalHeadersMsg(fromParquet.header), "header");
    assertEquals(Collections.list(fromCsv.header.attribute(1).enumerateValues()),
        Collections.list(fromParquet.header.attribute(1).enumerateValues()));
    HeaderJobTest.assertSameStatistics(HeaderJobTest.weka(csv), fromParquet);

    // rows: the CSV route's, bit for bit
    List<double[]> csvRows = rows(csv.getPath(), fromCsv.header);
    List<double[]> parquetRows = rows(parquet.getPath(), fromCsv.header, "-partitions", "7");
    assertEquals(csvRows.size(), parquetRows.size());
    for (int i = 0; i < csvRows.size(); i++) {
      assertArrayEquals(csvRows.get(i), parquetRows.get(i), 0, "row " + i);
    }

    // PCA: the same eigenvalues; its scores written as Parquet read back as those written as CSV
    // by the same fit (two fits may differ in an eigenvector's sign)
    File pcaCsvOut = new File(folder, "pca-csv");
    File pcaParquetOut = new File(folder, "pca-parquet");
    PcaJob.Result pcaCsv = (PcaJob.Result) LocalSpark.run("pca", "-i", csv.getPath(), "-header",
        csvHeader.getPath(), "-c", "last", "-R", "0.95", "-o", pcaCsvOut.getPath());
    PcaJob.Result pcaParquet = (PcaJob.Result) LocalSpark.run("pca", "-i", parquet.getPath(),
        "-header", csvHeader.getPath(), "-c", "last", "-R", "0.95");
    assertSameEigenvalues(pcaCsv.filter(), pcaParquet.filter(), "labor from Parquet");
    LocalSpark.run("pca", "-i", csv.getPath(), "-header", csvHeader.getPath(), "-c", "last", "-R",
        "0.95", "-o", pcaParquetOut.getPath(), "-output-format", "parquet");
    assertSameOutput(LocalSpark.parts(pcaCsvOut), pcaParquetOut);

    // score: a J48 on the CSV route's header, the same lines from Parquet as from CSV; written as
    // Parquet, the same rows as written as CSV
    Instances data = HeaderJobTest.weka(csv);
    Instances train = new Instances(fromCsv.header, 0);
    for (double[] row : csvRows) {
      train.add(new weka.core.DenseInstance(1, row));
    }
    train.setClassIndex(train.numAttributes() - 1);
    J48 tree = new J48();
    File model = saved(tree, train);
    File csvScores = new File(folder, "csv-scores");
    File parquetScores = new File(folder, "parquet-scores");
    File parquetOut = new File(folder, "parquet-out");
    LocalSpark.run("score", "-i", csv.getPath(), "-model", model.getPath(), "-o",
        csvScores.getPath());
    LocalSpark.run("score", "-i", parquet.getPath(), "-model", model.getPath(), "-o",
        parquetScores.getPath());
    LocalSpark.run("score", "-i", parquet.getPath(), "-model", model.getPath(), "-o",
        parquetOut.getPath(), "-output-format", "parquet");
    List<String[]> lines = LocalSpark.parts(csvScores);
    ScoreJobTest.sameAsOneMachine(lines, train, tree);
    assertEquals(text(lines), text(LocalSpark.parts(parquetScores)));
    assertSameOutput(lines, parquetOut);
    assertEquals(data.numInstances(), lines.size());
  }

  /** A job's Parquet output, read back under its _header.arff, is its CSV output, exactly. */
  private static void assertSameOutput(List<String[]> csv, File parquet) throws Exception {
    Instances header = new Instances(new java.io.StringReader(Files.readString(
        new File(parquet, "_header.arff").toPath())));
    List<double[]> written = rows(parquet.getPath(), header);
    assertEquals(csv.size(), written.size());
    for (int i = 0; i < csv.size(); i++) {
      assertEquals(String.join(",", csv.get(i)), JobOutput.csv(written.get(i), header),
          "row " + i);
    }
  }
}
