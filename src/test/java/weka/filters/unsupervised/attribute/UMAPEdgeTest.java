package weka.filters.unsupervised.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import fundamentos.testing.ScaledData;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaException;
import weka.filters.Filter;

/** UMAP on numbers at the edges: extreme magnitudes, all-missing and constant columns, headers. */
class UMAPEdgeTest {

  private static Instances iris;

  @BeforeAll
  static void load() throws Exception {
    iris = BundledData.load("iris.arff");
  }

  private static Instances embed(String options, Instances data) throws Exception {
    UMAP filter = new UMAP();
    filter.setOptions(Utils.splitOptions(options));
    filter.setInputFormat(data);
    return Filter.useFilter(data, filter);
  }

  /** Iris with every numeric value multiplied by factor. */
  private static Instances times(double factor) {
    return ScaledData.times(iris, factor);
  }

  private static double maxDifference(Instances a, Instances b) {
    double worst = 0;
    for (int i = 0; i < a.numInstances(); i++) {
      for (int c = 0; c < 2; c++) {
        worst = Math.max(worst, Math.abs(a.instance(i).value(c) - b.instance(i).value(c)));
      }
    }
    return worst;
  }

  /**
   * Iris (largest value 7.9) times 2^k far from 1 is scaled back to iris / 4, whose largest value is
   * in [1, 4): exactly the same data, so exactly the same embedding, also for the square-root
   * distance (even exponents) and for normalised distances.
   */
  @Test
  void powerOfTwoMagnitudesGiveExactlyTheEmbeddingOfTheDataNearOne() throws Exception {
    String[] settings = {"-E 30 -S 4", "-E 30 -S 4 -init random",
        "-E 30 -S 4 -A \"weka.core.BurstingEuclideanDistance -R first-last\"",
        "-E 30 -S 4 -A \"weka.core.EuclideanDistance -R first-last\""};
    for (String options : settings) {
      Instances reference = embed(options, times(0.25));
      for (double factor : new double[] {0x1p-1000, 0x1p-60, 0x1p60, 0x1p1000}) {
        Instances other = embed(options, times(factor));
        assertEquals(0.0, maxDifference(reference, other), "factor " + factor + " " + options);
      }
    }
  }

  @Test
  void decimalMagnitudesGiveTheEmbeddingOfTheSameDataScaledNearOne() throws Exception {
    // 7.9e-300 = 1.58 2^-994 and 7.9e300 = 1.20 2^999: scaled by 2^994 and 2^-998 into [1, 4)
    int[] exponents = {-994, 998};
    double[] factors = {1e-300, 1e300};
    for (int f = 0; f < 2; f++) {
      int e = Math.getExponent(7.9 * factors[f]);
      assertEquals(exponents[f], e - Math.floorMod(e, 2));
      Instances near = times(factors[f]);
      for (Instance row : near) {
        for (int a = 0; a < 4; a++) {
          row.setValue(a, Math.scalb(row.value(a), -exponents[f]));
        }
      }
      double largest = near.attributeStats(0).numericStats.max;
      assertTrue(largest >= 1 && largest < 4, "largest " + largest);
      assertEquals(0.0, maxDifference(embed("-E 30 -S 4", near),
          embed("-E 30 -S 4", times(factors[f]))), "factor " + factors[f]);
    }
  }

  @Test
  void laterBatchesAreScaledLikeTheFirst() throws Exception {
    Instances small = times(0x1p-1000);
    UMAP filter = new UMAP();
    filter.setOptions(Utils.splitOptions("-E 30 -S 4"));
    filter.setInputFormat(small);
    Filter.useFilter(small, filter);
    Instances again = Filter.useFilter(small, filter);
    Instances near = times(0.25);
    UMAP plain = new UMAP();
    plain.setOptions(Utils.splitOptions("-E 30 -S 4"));
    plain.setInputFormat(near);
    Filter.useFilter(near, plain);
    assertEquals(0.0, maxDifference(Filter.useFilter(near, plain), again));
  }

  @Test
  void anAllMissingColumnIsIgnoredAndAConstantOneChangesNothing() throws Exception {
    Instances reference = embed("-E 30 -S 4", iris);
    for (boolean missing : new boolean[] {true, false}) {
      Instances data = new Instances(iris);
      data.insertAttributeAt(new Attribute("extra"), 0);
      for (Instance row : data) {
        if (missing) {
          row.setMissing(0);
        } else {
          row.setValue(0, 7.5);
        }
      }
      UMAP filter = new UMAP();
      filter.setOptions(Utils.splitOptions("-E 30 -S 4"));
      filter.setInputFormat(data);
      Instances out = Filter.useFilter(data, filter);
      for (Instance row : out) {
        assertTrue(Double.isFinite(row.value(0)) && Double.isFinite(row.value(1)));
      }
      if (missing) {
        assertTrue(filter.toString().contains("extra"), filter.toString());
      }
      if (missing) {
        // the column is left out: exactly the data without it
        assertEquals(0.0, maxDifference(reference, out));
      } else {
        // adds nothing to any raw distance (up to the index's rounding): the classes stay apart
        assertTrue(nearestNeighbourAgreement(out) >= 0.9, "" + nearestNeighbourAgreement(out));
      }
    }
  }

  /** Fraction of rows whose nearest other row in the embedding has the same class. */
  private static double nearestNeighbourAgreement(Instances y) {
    int same = 0;
    for (int i = 0; i < y.numInstances(); i++) {
      double best = Double.POSITIVE_INFINITY;
      double label = -1;
      for (int j = 0; j < y.numInstances(); j++) {
        double dx = y.instance(i).value(0) - y.instance(j).value(0);
        double dy = y.instance(i).value(1) - y.instance(j).value(1);
        if (j != i && dx * dx + dy * dy < best) {
          best = dx * dx + dy * dy;
          label = y.instance(j).classValue();
        }
      }
      same += label == y.instance(i).classValue() ? 1 : 0;
    }
    return same / (double) y.numInstances();
  }

  @Test
  void onlyMissingValuesIsAClearError() throws Exception {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    Instances holes = new Instances("holes", attributes, 10);
    for (int i = 0; i < 10; i++) {
      holes.add(new DenseInstance(1, new double[] {Double.NaN}));
    }
    WekaException e = assertThrows(WekaException.class, () -> embed("-E 10", holes));
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
  }

  @Test
  void aBatchWithAnotherHeaderIsRefusedWithTheAttributeNamed() throws Exception {
    UMAP filter = new UMAP();
    filter.setOptions(Utils.splitOptions("-E 10"));
    filter.setInputFormat(iris);
    Filter.useFilter(iris, filter);
    Instances renamed = new Instances(iris);
    renamed.renameAttribute(2, "petallength_cm");
    WekaException batch = assertThrows(WekaException.class, () -> Filter.useFilter(renamed, filter));
    assertTrue(batch.getMessage().contains("petallength_cm"), batch.getMessage());
    WekaException single = assertThrows(WekaException.class, () -> filter.input(renamed.instance(0)));
    assertTrue(single.getMessage().contains("petallength_cm"), single.getMessage());
  }
}
