package fundamentos.weka;

import weka.core.Attribute;
import weka.core.Instances;
import weka.core.WekaException;

/**
 * Data for a trained model whose input attributes must be the training data's, while the class may
 * differ (new classes, as when learned features of one task serve another, course section 4.3.3):
 * the comparison names the first attribute that differs, and the conversion gives the data the
 * training class attribute (values missing), so the model's own conversion reads it.
 */
public final class TrainingHeader {

  private TrainingHeader() {
  }

  /**
   * Checks that {@code data} has the training attributes apart from the class: as many attributes,
   * the same name, type and (nominal) values at every position but the training class's, and, when
   * {@code data} has a class, the class at the training class's position.
   *
   * @throws WekaException naming the first difference and how to fix it
   */
  public static void check(String scheme, Instances training, Instances data) throws WekaException {
    int c = training.classIndex();
    if (data.numAttributes() != training.numAttributes()) {
      throw new WekaException(scheme + ": the data has " + data.numAttributes() + " attributes, "
          + "the model was trained on " + training.numAttributes() + " (relation '"
          + training.relationName() + "'): give it data with the training attributes, in the same "
          + "order.");
    }
    if (data.classIndex() >= 0 && data.classIndex() != c) {
      throw new WekaException(scheme + ": the data's class is attribute " + (data.classIndex() + 1)
          + " ('" + data.classAttribute().name() + "'), the model's was attribute " + (c + 1) + " ('"
          + training.attribute(c).name() + "'): set the class to attribute " + (c + 1) + ".");
    }
    for (int a = 0; a < training.numAttributes(); a++) {
      if (a == c) {
        continue;
      }
      Attribute expected = training.attribute(a);
      Attribute given = data.attribute(a);
      String difference = null;
      if (!expected.name().equals(given.name())) {
        difference = "is named '" + given.name() + "', the model's is '" + expected.name() + "'";
      } else if (expected.type() != given.type()) {
        difference = "is " + Attribute.typeToString(given) + ", the model's is "
            + Attribute.typeToString(expected);
      } else if (expected.isNominal() || expected.isRelationValued()) {
        String message = expected.equalsMsg(given);
        if (message != null) {
          difference = "differs from the model's: " + message;
        }
      }
      if (difference != null) {
        throw new WekaException(scheme + ": attribute " + (a + 1) + " of the data " + difference
            + "; give it data with the model's training attributes (apart from the class).");
      }
    }
  }

  /**
   * {@code data} as the training header sees it: a copy whose class attribute is the training
   * one's, its values missing, so that a model that compares headers takes it.
   */
  public static Instances asTraining(String scheme, Instances training, Instances data)
      throws WekaException {
    check(scheme, training, data);
    int c = training.classIndex();
    Instances copy = new Instances(data);
    copy.setClassIndex(-1);
    copy.replaceAttributeAt(training.attribute(c), c);
    copy.setClassIndex(c);
    copy.setRelationName(training.relationName());
    return copy;
  }
}
