package fundamentos.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaException;

class InstancesEncoderTest {

  /** x numeric, colour {red, green, blue}, class {a, b}. */
  private static Instances data(double[][] rows) {
    List<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("colour", List.of("red", "green", "blue")));
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances data = new Instances("t", new ArrayList<>(attributes), rows.length);
    data.setClassIndex(2);
    for (double[] row : rows) {
      data.add(new DenseInstance(1.0, row.clone()));
    }
    return data;
  }

  @Test
  void standardisesWithTrainingStatisticsAndOneHotEncodesNominals() throws Exception {
    Instances training = data(new double[][] {{1, 0, 0}, {3, 1, 1}, {5, 2, 0}, {7, 1, 1}});
    InstancesEncoder encoder = InstancesEncoder.fit(training, true);
    assertEquals(4, encoder.numColumns());
    assertEquals("colour=green", encoder.columnName(2));
    double sd = Math.sqrt(5); // population deviation of 1, 3, 5, 7
    assertArrayEquals(new double[] {(1 - 4) / sd, 1, 0, 0}, encoder.encode(training)[0], 1e-12);
    // test data is encoded with the training statistics, not its own
    Instances test = data(new double[][] {{4, 2, 0}});
    assertArrayEquals(new double[] {0, 0, 0, 1}, encoder.encode(test)[0], 1e-12);
  }

  @Test
  void standardisedFromStatisticsIsTheFittedEncoding() throws Exception {
    // statistics gathered elsewhere (the Spark train job's header pass): mean 4, deviation sqrt(5)
    Instances training = data(new double[][] {{1, 0, 0}, {3, 1, 1}, {5, 2, 0}, {7, 1, 1},
        {Utils.missingValue(), Utils.missingValue(), 0}});
    InstancesEncoder fitted = InstancesEncoder.fit(training, true);
    InstancesEncoder given = InstancesEncoder.fromStatistics(training, false, new double[] {4, 0, 0},
        new double[] {Math.sqrt(5), 0, 0}, new double[][] {null, {1, 2, 1}, null});
    assertTrue(given.standardises());
    for (int i = 0; i < training.numInstances(); i++) {
      assertArrayEquals(fitted.encode(training)[i], given.encode(training)[i], 1e-15, "row " + i);
    }
    // a constant column (deviation 0) is centred, not divided
    InstancesEncoder constant = InstancesEncoder.fromStatistics(training, false,
        new double[] {2, 0, 0}, new double[] {0, 0, 0}, new double[][] {null, {1, 1, 1}, null});
    assertEquals(1.0, constant.encode(training)[1][0], 0.0);
  }

  @Test
  void missingValuesBecomeTrainingMeans() throws Exception {
    Instances training = data(new double[][] {{1, 0, 0}, {3, 1, 1}, {5, 1, 0}, {Utils.missingValue(), 1, 1}});
    InstancesEncoder encoder = InstancesEncoder.fit(training, true);
    Instances test = data(new double[][] {{Utils.missingValue(), Utils.missingValue(), 0}});
    assertArrayEquals(new double[] {0, 0.25, 0.75, 0}, encoder.encode(test)[0], 1e-12);
    InstancesEncoder raw = InstancesEncoder.fit(training, false);
    assertEquals(3, raw.encode(test)[0][0], 1e-12);
  }

  @Test
  void instanceWeightsWeighTheStatistics() throws Exception {
    Instances training = data(new double[][] {{0, 0, 0}, {10, 0, 0}});
    training.instance(1).setWeight(3);
    InstancesEncoder encoder = InstancesEncoder.fit(training, false);
    Instances test = data(new double[][] {{Utils.missingValue(), 0, 0}});
    assertEquals(7.5, encoder.encode(test)[0][0], 1e-12);
  }

  @Test
  void constantAndAllMissingColumnsBecomeZero() throws Exception {
    InstancesEncoder constant = InstancesEncoder.fit(data(new double[][] {{2, 0, 0}, {2, 1, 1}}), true);
    assertEquals(0, constant.encode(data(new double[][] {{2, 0, 0}}))[0][0], 0);
    double m = Utils.missingValue();
    InstancesEncoder missing = InstancesEncoder.fit(data(new double[][] {{m, 0, 0}, {m, 1, 1}}), true);
    assertEquals(0, missing.encode(data(new double[][] {{m, 0, 0}}))[0][0], 0);
  }

  @Test
  void hugeValuesStayFinite() throws Exception {
    Instances training = data(new double[][] {{1e300, 0, 0}, {-1e300, 1, 1}, {1e300, 2, 0}});
    InstancesEncoder encoder = InstancesEncoder.fit(training, true);
    for (double[] row : encoder.encode(training)) {
      for (double v : row) {
        assertTrue(Double.isFinite(v));
      }
    }
    // a test value far outside the training range is clipped, never infinite
    InstancesEncoder small = InstancesEncoder.fit(data(new double[][] {{0, 0, 0}, {1e-200, 1, 1}}), true);
    assertEquals(InstancesEncoder.CLIP, small.encode(data(new double[][] {{1e300, 0, 0}}))[0][0], 0);
  }

  @Test
  void infiniteValuesAreRejectedWithTheAttributeName() {
    WekaException e = assertThrows(WekaException.class,
        () -> InstancesEncoder.fit(data(new double[][] {{Double.POSITIVE_INFINITY, 0, 0}}), true));
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
  }

  @Test
  void aDifferentHeaderIsRejected() throws Exception {
    InstancesEncoder encoder = InstancesEncoder.fit(data(new double[][] {{1, 0, 0}}), true);
    List<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("y"));
    attributes.add(new Attribute("colour", List.of("red", "green", "blue")));
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances other = new Instances("o", new ArrayList<>(attributes), 0);
    other.setClassIndex(2);
    WekaException e = assertThrows(WekaException.class, () -> encoder.encode(other));
    assertTrue(e.getMessage().contains("differ"), e.getMessage());
  }

  @Test
  void stringAttributesAreRejected() {
    List<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("text", (List<String>) null));
    attributes.add(new Attribute("class", List.of("a", "b")));
    Instances data = new Instances("s", new ArrayList<>(attributes), 0);
    data.setClassIndex(1);
    WekaException e = assertThrows(WekaException.class, () -> InstancesEncoder.fit(data, true));
    assertTrue(e.getMessage().contains("'text'") && e.getMessage().contains("string"), e.getMessage());
  }
}
