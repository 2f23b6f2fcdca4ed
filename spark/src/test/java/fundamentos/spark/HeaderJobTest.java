package fundamentos.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.AttributeStats;
import weka.core.Instances;
import weka.core.converters.CSVLoader;

/**
 * The header job on local[2] against Weka's own reading of the same CSV: CSVLoader's attribute
 * types and nominal value order, and AttributeStats's count, missing, mean, standard deviation,
 * minimum, maximum and value counts.
 */
class HeaderJobTest {

  @TempDir
  File folder;

  /**
   * Weka's header and statistics of the CSV file, its types decided on all rows (CSVLoader's
   * default decides them on the first 100; the job reads every row).
   */
  static Instances weka(File csv) throws Exception {
    CSVLoader loader = new CSVLoader();
    loader.setBufferSize(1_000_000);
    loader.setSource(csv);
    return loader.getDataSet();
  }

  private void assertSameAsWeka(File csv, HeaderStatistics job) throws Exception {
    assertSameStatistics(weka(csv), job);
  }

  /** The job's header and statistics are Weka's of {@code expected}. */
  static void assertSameStatistics(Instances expected, HeaderStatistics job) {
    assertNull(expected.equalHeadersMsg(job.header), "header");
    assertEquals(expected.relationName(), job.header.relationName());
    for (int a = 0; a < expected.numAttributes(); a++) {
      AttributeStats stats = expected.attributeStats(a);
      String name = expected.attribute(a).name();
      assertEquals(stats.missingCount, job.missing[a], name + " missing");
      if (expected.attribute(a).isNumeric()) {
        assertEquals(stats.numericStats.count, job.count[a], name + " count");
        assertEquals(stats.numericStats.mean, job.mean[a], 1e-12 * Math.abs(stats.numericStats.mean),
            name + " mean");
        assertEquals(stats.numericStats.stdDev, job.stdDev[a], 1e-12 * stats.numericStats.stdDev,
            name + " stddev");
        assertEquals(stats.numericStats.min, job.min[a], 0, name + " min");
        assertEquals(stats.numericStats.max, job.max[a], 0, name + " max");
      } else {
        long[] counts = new long[stats.nominalCounts.length];
        for (int v = 0; v < counts.length; v++) {
          counts[v] = stats.nominalCounts[v];
        }
        assertArrayEquals(counts, job.valueCounts[a], name + " value counts");
      }
    }
  }

  @Test
  void digitsOnSeveralPartitionsMatchWeka() throws Exception {
    File csv = LocalSpark.csv(LocalSpark.bundled("digits8x8-train.arff"),
        new File(folder, "digits.csv"));
    File out = new File(folder, "digits-header.arff");
    HeaderStatistics job = (HeaderStatistics) LocalSpark.run("header", "-i", csv.getPath(), "-o",
        out.getPath(), "-partitions", "4");
    assertSameAsWeka(csv, job);
    // the file written reads back to the same header and statistics
    HeaderStatistics back = HeaderStatistics.parse(LocalSpark.read(out), out.getName());
    assertNull(job.header.equalHeadersMsg(back.header));
    assertArrayEquals(job.mean, back.mean, 0);
    assertArrayEquals(job.stdDev, back.stdDev, 0);
    assertArrayEquals(job.valueCounts[64], back.valueCounts[64]);
  }

  @Test
  void missingValuesQuotesAndLateNominalValuesMatchWeka() throws Exception {
    // nominal values listed in order of first appearance, including those first met in later
    // partitions; '?' and empty fields are missing; quoted fields hold the separator
    StringBuilder text = new StringBuilder("x,kind,code,'y z'\n");
    for (int i = 0; i < 400; i++) {
      String x = i % 37 == 0 ? "?" : Double.toString(Math.sin(i) * 1e3 + 1e6);
      String kind = i % 11 == 0 ? "" : i < 300 ? (i % 2 == 0 ? "a" : "\"b, quoted\"") : "late";
      String code = i < 350 ? "c" + (i * 7 % 5) : "late" + (i % 3);
      text.append(x).append(',').append(kind).append(',').append(code).append(',')
          .append(i * 0.25 - 7).append('\n');
    }
    File csv = new File(folder, "mixed.csv");
    Files.writeString(csv.toPath(), text, StandardCharsets.UTF_8);
    HeaderStatistics job = (HeaderStatistics) LocalSpark.run("header", "-i", csv.getPath(), "-o",
        new File(folder, "mixed.arff").getPath(), "-partitions", "5");
    assertEquals(List.of("c0", "c2", "c4", "c1", "c3", "late2", "late0", "late1"),
        java.util.Collections.list(job.header.attribute(2).enumerateValues()));
    assertSameAsWeka(csv, job);
  }

  @Test
  void aColumnOfNumbersAndTextsIsNominalWithItsNumbersAmongItsValues() throws Exception {
    // the numbers come first, the texts only in the last partitions: the first pass keeps no
    // number texts, the second pass over this column lists them in order of first appearance;
    // a continuous column of more distinct values than a nominal attribute may have stays numeric
    StringBuilder text = new StringBuilder("grade,x\n");
    int rows = 12_000;
    long[] expected = new long[5];
    for (int i = 0; i < rows; i++) {
      String grade = i % 97 == 0 ? "?" : i < 9_000 ? Integer.toString(3 - i % 3)
          : i % 2 == 0 ? "A" : "B";
      text.append(grade).append(',').append(Math.sqrt(i)).append('\n');
      int v = switch (grade) {
        case "2" -> 0;
        case "1" -> 1;
        case "3" -> 2;
        case "A" -> 3;
        case "B" -> 4;
        default -> -1;
      };
      if (v >= 0) {
        expected[v]++;
      }
    }
    File csv = new File(folder, "grades.csv");
    Files.writeString(csv.toPath(), text, StandardCharsets.UTF_8);
    HeaderStatistics job = (HeaderStatistics) LocalSpark.run("header", "-i", csv.getPath(), "-o",
        new File(folder, "grades.arff").getPath(), "-partitions", "5");
    // row 0 is missing (0 % 97), so the numbers appear as 2, 1, 3
    assertEquals(List.of("2", "1", "3", "A", "B"),
        java.util.Collections.list(job.header.attribute(0).enumerateValues()));
    assertArrayEquals(expected, job.valueCounts[0]);
    assertEquals(rows / 97 + 1, job.missing[0]);
    assertEquals(true, job.header.attribute(1).isNumeric());
    assertEquals(rows, job.count[1]);
  }
}
