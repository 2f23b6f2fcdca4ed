package fundamentos.weka;

import java.util.ArrayList;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * The instances an embedding filter (t-SNE; UMAP writes the same shape) outputs: the coordinates as
 * numeric attributes prefix1, prefix2, ..., then the input's class attribute passed through
 * (renamed with "_class" where it would clash with a coordinate's name), each row with its input
 * instance's weight.
 */
public final class EmbeddingInstances {

  private EmbeddingInstances() {
  }

  /** The output header for {@code data} (its relation name gets {@code suffix}). */
  public static Instances header(Instances data, String prefix, int components, String suffix) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int c = 1; c <= components; c++) {
      attributes.add(new Attribute(prefix + c));
    }
    boolean hasClass = data.classIndex() >= 0;
    if (hasClass) {
      String name = data.classAttribute().name();
      while (clashes(name, prefix, components)) {
        name = name + "_class";
      }
      attributes.add(data.classAttribute().copy(name));
    }
    Instances header = new Instances(data.relationName() + suffix, attributes, 0);
    header.setClassIndex(hasClass ? header.numAttributes() - 1 : -1);
    return header;
  }

  private static boolean clashes(String name, String prefix, int components) {
    for (int c = 1; c <= components; c++) {
      if (name.equals(prefix + c)) {
        return true;
      }
    }
    return false;
  }

  /** The batch's rows as {@code format}'s instances: row i's coordinates y[i], then its class. */
  public static Instances of(Instances format, Instances batch, double[][] y) {
    boolean hasClass = batch.classIndex() >= 0;
    int components = format.numAttributes() - (hasClass ? 1 : 0);
    Instances output = new Instances(format, batch.numInstances());
    for (int i = 0; i < batch.numInstances(); i++) {
      double[] row = java.util.Arrays.copyOf(y[i], format.numAttributes());
      if (hasClass) {
        row[components] = batch.instance(i).classValue();
      }
      output.add(new DenseInstance(batch.instance(i).weight(), row));
    }
    return output;
  }
}
