package fundamentos.weka;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import weka.core.WekaException;

/**
 * Remembers which scheme objects refused the options they were last given, until they accept a set.
 * Every caller of {@code setOptions} in Weka stops on the refusal except one: Weka's
 * {@code XMLSerialization}, which loads an Experimenter configuration saved as .xml, prints
 * "Warning: error invoking method: options" and runs the scheme with whatever values it kept. The
 * scheme then refuses to build, with the refusal's message, instead of training with values nobody
 * asked for. The record is kept beside the objects (weakly, so it never keeps one alive) rather than
 * in a field: model files saved before it existed still load, and a copy is a fresh start.
 */
public final class OptionsRefusal {

  /** The work of a setOptions method, which may refuse. */
  @FunctionalInterface
  public interface Setting {
    void apply() throws Exception;
  }

  /** Scheme objects (by identity: Weka's schemes do not override equals) and their refusals. */
  private static final Map<Object, String> REFUSED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private OptionsRefusal() {
  }

  /** Applies options to a scheme, remembering a refusal (rethrown unchanged) or forgetting one. */
  public static void set(Object scheme, Setting setting) throws Exception {
    try {
      setting.apply();
      REFUSED.remove(scheme);
    } catch (Exception e) {
      REFUSED.put(scheme, String.valueOf(e.getMessage()));
      throw e;
    }
  }

  /** Refuses to build a scheme whose caller went on after its options were refused. */
  public static void check(Object scheme, String name) throws WekaException {
    String refusal = REFUSED.get(scheme);
    if (refusal != null) {
      throw new WekaException(name + " will not build: the options it was given last were "
          + "refused (" + refusal + "), and building with the values it kept would run something "
          + "nobody asked for. Set valid options again (a saved Experimenter .xml configuration is "
          + "loaded past such a refusal with only a warning).");
    }
  }
}
