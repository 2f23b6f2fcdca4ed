package fundamentos.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the jobs say about bad input: the file, the line, the option, never a bare stack trace. */
class BadInputTest {

  @TempDir
  File folder;

  private File file(String name, String text) throws Exception {
    File file = new File(folder, name);
    Files.writeString(file.toPath(), text);
    return file;
  }

  /** 30 good rows, then the given line as line 32 (the names are line 1). */
  private File withLine32(String bad) throws Exception {
    StringBuilder text = new StringBuilder("a,b,c\n");
    for (int i = 0; i < 30; i++) {
      text.append(i).append(',').append(i * i).append(",").append(i % 2 == 0 ? "x" : "y")
          .append('\n');
    }
    return file("bad.csv", text.append(bad).append('\n').append("1,2,x\n").toString());
  }

  @Test
  void aMissingInputIsNamed() {
    String path = new File(folder, "nowhere.csv").getPath();
    JobException e = assertThrows(JobException.class,
        () -> LocalSpark.run("header", "-i", path, "-o", new File(folder, "h.arff").getPath()));
    assertEquals("The input " + path + " does not exist (or is a folder without data files): give"
        + " an existing CSV, ARFF or Parquet file, folder or glob with -i", e.getMessage());
  }

  @Test
  void aMissingHeaderFileIsNamed() throws Exception {
    File csv = withLine32("3,4,x");
    String header = new File(folder, "none.arff").getPath();
    JobException e = assertThrows(JobException.class,
        () -> LocalSpark.run("pca", "-i", csv.getPath(), "-header", header));
    assertEquals("The header " + header + " does not exist", e.getMessage());
  }

  @Test
  void aRowWithTooManyFieldsIsNamedByItsLine() throws Exception {
    File csv = withLine32("3,4,x,5");
    for (String job : new String[] {"header", "pca"}) {
      JobException e = assertThrows(JobException.class, () -> LocalSpark.run(job, "-i",
          csv.getPath(), "-o", new File(folder, job + "-out").getPath(), "-partitions", "3"));
      assertTrue(e.getMessage().endsWith("bad.csv, line 32: the line has 4 fields, but the header"
          + " has 3 attributes: \"3,4,x,5\""), job + ": " + e.getMessage());
    }
  }

  @Test
  void aValueOutsideTheHeaderIsNamed() throws Exception {
    File good = withLine32("3,4,x");
    File header = new File(folder, "h.arff");
    LocalSpark.run("header", "-i", good.getPath(), "-o", header.getPath());
    File other = file("other.csv", "a,b,c\n1,2,x\n3,4,z\n5,six,y\n");
    JobException e = assertThrows(JobException.class, () -> LocalSpark.run("pca", "-i",
        other.getPath(), "-header", header.getPath()));
    assertTrue(e.getMessage().endsWith("other.csv, line 3: 'z' is not a value of the nominal "
        + "attribute 'c' in the header; add it there (or rerun the header job on all of the data)"),
        e.getMessage());
    File numbers = file("numbers.csv", "a,b,c\n1,2,x\n5,six,y\n");
    e = assertThrows(JobException.class, () -> LocalSpark.run("pca", "-i", numbers.getPath(),
        "-header", header.getPath()));
    assertTrue(e.getMessage().endsWith("numbers.csv, line 3: 'six' is not a number, but attribute"
        + " 'b' is numeric in the header"), e.getMessage());
  }

  @Test
  void unknownJobsAndOptionsAreNamed() throws Exception {
    File csv = withLine32("3,4,x");
    JobException e = assertThrows(JobException.class, () -> LocalSpark.run("kmeans"));
    assertTrue(e.getMessage().startsWith("Unknown job 'kmeans'"), e.getMessage());
    e = assertThrows(JobException.class, () -> LocalSpark.run("header", "-i", csv.getPath(),
        "-o", new File(folder, "h.arff").getPath(), "-bogus"));
    assertTrue(e.getMessage().startsWith("The header job does not know the option(s) [-bogus]"),
        e.getMessage());
    e = assertThrows(JobException.class, () -> LocalSpark.run("pca", "-i", csv.getPath(),
        "-R", "2"));
    assertTrue(e.getMessage().startsWith("PCA's options:") && e.getMessage().contains("-R"),
        e.getMessage());
    e = assertThrows(JobException.class, () -> LocalSpark.run("pca", "-i", csv.getPath(),
        "-c", "7"));
    assertEquals("-c must be first, last or an attribute number from 1 to 3, not '7'",
        e.getMessage());
  }

  /** Numeric rows x, y on a 0.01 lattice, 40 x 40, with the given line as line 32. */
  private File numbers(String name, String line32) throws Exception {
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < 1600; i++) {
      text.append(i % 40 / 100.0).append(',').append(i / 40 / 100.0).append('\n');
      if (i == 29 && line32 != null) {
        text.append(line32).append('\n');
      }
    }
    return file(name, text.toString());
  }

  @Test
  void theDbscanJobNamesWhatItCannotCluster() throws Exception {
    File csv = numbers("lattice.csv", null);
    String out = new File(folder, "labels").getPath();
    // an eps whose halo holds all the data
    JobException e = assertThrows(JobException.class, () -> LocalSpark.run("dbscan", "-i",
        csv.getPath(), "-E", "0.6", "-partitions", "4", "-o", out));
    assertTrue(e.getMessage().startsWith("epsilon (-E 0.6) is so large that") && e.getMessage()
        .contains("lower -E, or give -partitions 1"), e.getMessage());
    e = assertThrows(JobException.class, () -> LocalSpark.run("dbscan", "-i", csv.getPath(),
        "-E", "3", "-partitions", "2"));
    assertTrue(e.getMessage().startsWith("epsilon (-E 3.0) is so large that the data cannot be "
        + "cut into 2 partitions (-partitions)"), e.getMessage());
    // the same eps on one partition is one machine's DBSCAN, and allowed
    DbscanJob.Result one = (DbscanJob.Result) LocalSpark.run("dbscan", "-i", csv.getPath(),
        "-E", "0.6", "-partitions", "1");
    assertEquals(1, one.clusterer().numberOfClusters());
    // eps 0 (IndexedDBSCAN's knee), another distance, the k-distance plot
    e = assertThrows(JobException.class, () -> LocalSpark.run("dbscan", "-i", csv.getPath()));
    assertTrue(e.getMessage().startsWith("Give epsilon with -E"), e.getMessage());
    e = assertThrows(JobException.class, () -> LocalSpark.run("dbscan", "-i", csv.getPath(),
        "-E", "0.1", "-A", "weka.core.ManhattanDistance"));
    assertTrue(e.getMessage().startsWith("The DBSCAN job clusters with IndexedDBSCAN's default "
        + "distance only"), e.getMessage());
    e = assertThrows(JobException.class, () -> LocalSpark.run("dbscan", "-i", csv.getPath(),
        "-E", "-1"));
    assertTrue(e.getMessage().startsWith("IndexedDBSCAN's options:")
        && e.getMessage().contains("-E"), e.getMessage());
    // a nominal attribute, too many attributes, a missing value
    File nominal = withLine32("3,4,x");
    e = assertThrows(JobException.class, () -> LocalSpark.run("dbscan", "-i", nominal.getPath(),
        "-E", "0.1"));
    assertTrue(e.getMessage().startsWith("Attribute 'c' is nominal: the DBSCAN job clusters "
        + "numeric attributes only"), e.getMessage());
    StringBuilder wide = new StringBuilder("a1");
    for (int a = 2; a <= 11; a++) {
      wide.append(",a").append(a);
    }
    wide.append('\n').append("1,2,3,4,5,6,7,8,9,10,11\n").append("2,3,4,5,6,7,8,9,10,11,12\n");
    File elevens = file("wide.csv", wide.toString());
    e = assertThrows(JobException.class, () -> LocalSpark.run("dbscan", "-i", elevens.getPath(),
        "-E", "0.1"));
    assertTrue(e.getMessage().startsWith("The data has 11 attributes: the DBSCAN job clusters at "
        + "most 10"), e.getMessage());
    File missing = numbers("missing.csv", "0.5,?");
    e = assertThrows(JobException.class, () -> LocalSpark.run("dbscan", "-i", missing.getPath(),
        "-E", "0.1"));
    assertTrue(e.getMessage().startsWith("Attribute 'y' has 1 missing values"), e.getMessage());
    // rows that do not fit the header: a field too many, a value outside the header's range
    File tooMany = numbers("many.csv", "0.5,0.5,0.5");
    e = assertThrows(JobException.class, () -> LocalSpark.run("dbscan", "-i", tooMany.getPath(),
        "-E", "0.1", "-partitions", "3"));
    assertTrue(e.getMessage().endsWith("many.csv, line 32: the line has 3 fields, but the header "
        + "has 2 attributes: \"0.5,0.5,0.5\""), e.getMessage());
    File header = new File(folder, "lattice.arff");
    LocalSpark.run("header", "-i", csv.getPath(), "-o", header.getPath());
    File wider = numbers("wider.csv", "0.2,7");
    e = assertThrows(JobException.class, () -> LocalSpark.run("dbscan", "-i", wider.getPath(),
        "-header", header.getPath(), "-E", "0.1", "-partitions", "2"));
    assertTrue(e.getMessage().endsWith("wider.csv, line 32: the value 7.0 of attribute 'y' lies "
        + "outside the header's range [0.0, 0.39], which normalises the distances: give the header "
        + "of this data (the header job on all of it)"), e.getMessage());
  }

  /** An ARFF file of 30 good rows after its header, then the given line (its line number). */
  private int arffWithBadLine(String bad) throws Exception {
    StringBuilder text = new StringBuilder("@relation r\n@attribute a numeric\n"
        + "@attribute b numeric\n@attribute c {x,y}\n@data\n");
    for (int i = 0; i < 30; i++) {
      text.append(i).append(',').append(i * i).append(",").append(i % 2 == 0 ? "x" : "y")
          .append('\n');
    }
    file("bad.arff", text.append(bad).append('\n').append("1,2,x\n").toString());
    return 5 + 30 + 1;
  }

  @Test
  void anArffRowNotMatchingItsHeaderIsNamedByItsLine() throws Exception {
    String[][] cases = {
        {"3,4,z", "'z' is not a value of the nominal attribute 'c' in the ARFF header"},
        {"3,six,x", "'six' is not a number, but attribute 'b' is numeric in the ARFF header"},
        {"3,4,x,5", "the row has more values than the ARFF header's 3 attributes"},
        {"3,4", "the row has fewer values than the ARFF header's 3 attributes"},
        {"{1 4, 7 x}", "the row does not match the ARFF header (Weka's ArffReader: index out of "
            + "bounds)"}};
    for (String[] bad : cases) {
      int line = arffWithBadLine(bad[0]);
      for (String job : new String[] {"header", "pca"}) {
        JobException e = assertThrows(JobException.class, () -> LocalSpark.run(job, "-i",
            new File(folder, "bad.arff").getPath(), "-o", new File(folder, job + "-out")
            .getPath(), "-partitions", "3"));
        assertTrue(e.getMessage().endsWith("bad.arff, line " + line + ": " + bad[1] + ": \""
            + bad[0] + "\""), job + ": " + e.getMessage());
      }
      Files.delete(new File(folder, "bad.arff").toPath());
    }
    arffWithBadLine("3,4,x");
    String arff = new File(folder, "bad.arff").getPath();
    JobException options = assertThrows(JobException.class, () -> LocalSpark.run("header", "-i",
        arff, "-o", new File(folder, "h.arff").getPath(), "-no-names"));
    assertEquals("-F, -missing and -no-names are options of CSV input, but " + arff + " is read "
        + "as arff (by its extension): leave them out, or give -format csv", options.getMessage());
    options = assertThrows(JobException.class, () -> LocalSpark.run("header", "-i", arff, "-o",
        new File(folder, "h.arff").getPath(), "-format", "json"));
    assertEquals("-format must be one of [csv, arff, parquet], not 'json'", options.getMessage());
    file("string.arff", "@relation r\n@attribute s string\n@data\n'a'\n");
    JobException e = assertThrows(JobException.class, () -> LocalSpark.run("header", "-i",
        new File(folder, "string.arff").getPath(), "-o", new File(folder, "h.arff").getPath()));
    assertTrue(e.getMessage().startsWith("Attribute 's' of ") && e.getMessage().contains(
        "is a string attribute: the jobs read numeric and nominal attributes"), e.getMessage());
  }

  @Test
  void parquetColumnsAndValuesTheJobsCannotReadAreNamed() throws Exception {
    org.apache.spark.sql.SparkSession spark = DataInput.session(LocalSpark.context());
    File times = new File(folder, "times.parquet");
    spark.sql("SELECT 1.5 AS x, current_timestamp() AS `when`").write().parquet(times.getPath());
    JobException e = assertThrows(JobException.class, () -> LocalSpark.run("header", "-i",
        times.getPath(), "-o", new File(folder, "h.arff").getPath()));
    assertTrue(e.getMessage().startsWith("Column 'when' of ") && e.getMessage().contains(
        "has the type timestamp, which the jobs cannot read"), e.getMessage());

    // a value outside the header the job reads with: named by file and row
    File header = new File(folder, "h.arff");
    Files.writeString(header.toPath(), "@relation r\n@attribute x numeric\n@attribute c {a,b}\n"
        + "@data\n% summary 1 count=2 missing=0 mean=1 stddev=1 min=0 max=2\n"
        + "% summary 2 count=2 missing=0 counts=1,1\n");
    File values = new File(folder, "values.parquet");
    spark.sql("SELECT * FROM VALUES (1.0D, 'a'), (2.0D, 'b'), (3.0D, 'z') AS t(x, c)").coalesce(1)
        .write().parquet(values.getPath());
    e = assertThrows(JobException.class, () -> LocalSpark.run("pca", "-i", values.getPath(),
        "-header", header.getPath()));
    assertTrue(e.getMessage().matches(".*values\\.parquet/part-00000-.*\\.parquet, row 3: 'z' is "
        + "not a value of the nominal attribute 'c' in the header; add it there \\(or rerun the "
        + "header job on all of the data\\)"), e.getMessage());
  }

  /**
   * The DBSCAN job's own row checks name the row in every format: a value outside the range of
   * the header it normalises with, in an ARFF file (by line) and in Parquet (by row).
   */
  @Test
  void theDbscanJobNamesARowOutsideItsHeaderInArffAndParquet() throws Exception {
    StringBuilder text = new StringBuilder("@relation p\n@attribute x numeric\n"
        + "@attribute y numeric\n@data\n");
    for (int i = 0; i < 40; i++) {
      text.append(i % 8 / 10.0).append(',').append(i / 8 / 10.0).append('\n');
    }
    File clean = file("clean.arff", text.toString());
    File header = new File(folder, "clean-header.arff");
    LocalSpark.run("header", "-i", clean.getPath(), "-o", header.getPath());
    // line 5 + 20 is the 21st data row
    String[] lines = text.toString().split("\n");
    lines[4 + 20] = "0.3,9";
    File wide = file("wide.arff", String.join("\n", lines) + "\n");
    JobException e = assertThrows(JobException.class, () -> LocalSpark.run("dbscan", "-i",
        wide.getPath(), "-header", header.getPath(), "-E", "0.2", "-partitions", "2"));
    assertTrue(e.getMessage().endsWith("wide.arff, line 25: the value 9.0 of attribute 'y' lies "
        + "outside the header's range [0.0, 0.4], which normalises the distances: give the header "
        + "of this data (the header job on all of it)"), e.getMessage());

    org.apache.spark.sql.SparkSession spark = DataInput.session(LocalSpark.context());
    File parquet = new File(folder, "wide.parquet");
    spark.sql("SELECT * FROM VALUES (0.1D, 0.1D), (0.2D, 0.3D), (0.3D, 9.0D) AS t(x, y)")
        .coalesce(1).write().parquet(parquet.getPath());
    e = assertThrows(JobException.class, () -> LocalSpark.run("dbscan", "-i", parquet.getPath(),
        "-header", header.getPath(), "-E", "0.2"));
    assertTrue(e.getMessage().matches(".*wide\\.parquet/part-00000-.*\\.parquet, row 3: the value "
        + "9\\.0 of attribute 'y' lies outside the header's range.*"), e.getMessage());
  }
}
