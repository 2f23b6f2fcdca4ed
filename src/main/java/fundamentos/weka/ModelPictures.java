package fundamentos.weka;

import java.io.File;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The one rule for the pictures a scheme writes to a file option (loss curve, k-distance plot,
 * embedding, attention map, eigen-images): a build whose training instances are a strict part of
 * those an earlier build in this JVM drew into the same file leaves the file alone.
 *
 * <p>Why this rule: Weka 3.8.6's Explorer (ClassifierPanel: the model on the whole training set,
 * then a fold or percentage-split copy), its command line (Evaluation.evaluateModel: the full
 * model, then crossValidateModel with -x) and the Experimenter all train copies that
 * AbstractClassifier.makeCopy serialised from the configured, not yet built scheme, so a copy
 * cannot tell from its own state whether it is a fold or the model the user is shown. Its training
 * data can: every cross-validation fold and split is a subset of the whole training set, whichever
 * of them is built first. A new data set, or the same one again, is drawn as before.
 */
public final class ModelPictures {

  /** Per file (absolute, normalised path): the training instances of the build that drew it. */
  private static final Map<String, Training> DRAWN = new HashMap<>();

  private ModelPictures() {
  }

  /**
   * What the rule remembers of a training set: its header (relation and attributes) and a sorted
   * 64-bit hash of each instance (values and weight), so that memory stays 8 bytes per instance.
   */
  public static final class Training {
    private final String header;
    private final long[] rows;

    private Training(String header, long[] rows) {
      this.header = header;
      this.rows = rows;
    }

    /** Whether these instances are a strict sub-multiset of {@code whole}'s, with its header. */
    boolean strictPartOf(Training whole) {
      if (!header.equals(whole.header) || rows.length >= whole.rows.length) {
        return false;
      }
      int j = 0;
      for (long row : rows) {
        while (j < whole.rows.length && whole.rows[j] < row) {
          j++;
        }
        if (j == whole.rows.length || whole.rows[j] != row) {
          return false;
        }
        j++;
      }
      return true;
    }
  }

  /** The training set as the rule sees it; computed once per build (O(n d)). */
  public static Training training(Instances data) {
    long[] rows = new long[data.numInstances()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = hash(data.instance(i));
    }
    Arrays.sort(rows);
    return new Training(new Instances(data, 0).toString(), rows);
  }

  /**
   * Whether a build on {@code training} may write {@code file}: false when an earlier build drew it
   * from a strict superset of these instances; otherwise the file is now this build's. A null
   * training set (a model that no longer knows its data) may always write.
   */
  public static synchronized boolean claim(File file, Training training) {
    String key = file.getAbsoluteFile().toPath().normalize().toString();
    if (training == null) {
      DRAWN.remove(key);
      return true;
    }
    Training drawn = DRAWN.get(key);
    if (drawn != null && training.strictPartOf(drawn)) {
      return false;
    }
    DRAWN.put(key, training);
    return true;
  }

  /** A 64-bit hash of an instance's values and weight (splitmix64 steps over the bits). */
  private static long hash(Instance instance) {
    long h = 0x9E3779B97F4A7C15L;
    int n = instance.numAttributes();
    for (int j = 0; j < n; j++) {
      h = mix(h ^ Double.doubleToLongBits(instance.value(j)));
    }
    return mix(h ^ Double.doubleToLongBits(instance.weight()));
  }

  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
