package fundamentos.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.CNN;
import weka.classifiers.functions.Perceptron;
import weka.classifiers.functions.SoftmaxRegression;
import weka.classifiers.functions.Transformer;
import weka.classifiers.functions.layers.ActivationLayer;
import weka.classifiers.functions.layers.BatchNormLayer;
import weka.classifiers.functions.layers.ConvolutionLayer;
import weka.classifiers.functions.layers.DenseLayer;
import weka.classifiers.functions.layers.DropoutLayer;
import weka.classifiers.functions.layers.GlobalPoolingLayer;
import weka.classifiers.functions.layers.LayerNormLayer;
import weka.classifiers.functions.layers.PoolingLayer;
import weka.classifiers.functions.optimizers.AdaGrad;
import weka.classifiers.functions.optimizers.Adam;
import weka.classifiers.functions.optimizers.Momentum;
import weka.classifiers.functions.optimizers.Nesterov;
import weka.classifiers.functions.optimizers.RMSProp;
import weka.classifiers.functions.optimizers.SGD;
import weka.clusterers.IndexedDBSCAN;
import weka.core.OptionHandler;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;
import weka.core.Utils;
import weka.filters.unsupervised.attribute.NetworkFeatures;
import weka.filters.unsupervised.attribute.PCA;
import weka.filters.unsupervised.attribute.HOG;
import weka.filters.unsupervised.attribute.TSNE;
import weka.filters.unsupervised.attribute.UMAP;

/**
 * Every numeric option of every scheme, found through its {@link OptionMetadata} (so that a new
 * option is covered without touching this test): an unparsable value, NaN, an infinity and a value
 * out of range are refused with a message that names the option and the value, both through
 * {@code setOptions} (weka.Run, the Experimenter) and through the setter (the GenericObjectEditor),
 * and a refused setter leaves the old value. Every option round-trips through getOptions.
 */
class OptionValidationTest {

  /** The schemes whose options are {@link OptionMetadata} properties. */
  static final List<Class<? extends OptionHandler>> SCHEMES = List.of(SoftmaxRegression.class,
      Perceptron.class, CNN.class, Transformer.class, PCA.class, UMAP.class, TSNE.class, HOG.class,
      NetworkFeatures.class, IndexedDBSCAN.class, SGD.class,
      Momentum.class, Nesterov.class, AdaGrad.class, RMSProp.class, Adam.class, DenseLayer.class,
      ConvolutionLayer.class, PoolingLayer.class, DropoutLayer.class, BatchNormLayer.class,
      LayerNormLayer.class, ActivationLayer.class, GlobalPoolingLayer.class);

  /** Options that take any whole number (seeds): nothing is out of range for them. */
  static final Set<String> ANY_INTEGER = Set.of("PCA -S", "UMAP -S", "TSNE -S");

  /**
   * Values above the allowed range, for the options that have an upper bound; every other option
   * is tested below its range (-1e300 or Integer.MIN_VALUE).
   */
  static final Map<String, String> ABOVE_RANGE = Map.ofEntries(
      Map.entry("UMAP -negative-sample-rate", "1e12"),
      Map.entry("UMAP -learning-rate", "1e300"),
      Map.entry("UMAP -set-op-mix-ratio", "1.5"),
      Map.entry("UMAP -target-weight", "2"),
      Map.entry("UMAP -num-threads", "1000000"),
      Map.entry("TSNE -learning-rate", "1e300"),
      Map.entry("TSNE -theta", "1.5"),
      Map.entry("TSNE -num-threads", "1000000"),
      Map.entry("HOG -orientations", "361"),
      Map.entry("HOG -num-threads", "1000000"),
      Map.entry("PCA -R", "1.5"),
      Map.entry("PCA -power-iterations", "1000000"),
      Map.entry("PCA -num-threads", "1000000"),
      Map.entry("SoftmaxRegression -validation-fraction", "1"),
      Map.entry("SoftmaxRegression -num-threads", "1000000"),
      Map.entry("CNN -validation-fraction", "1"),
      Map.entry("CNN -num-threads", "1000000"),
      Map.entry("Transformer -validation-fraction", "1"),
      Map.entry("Transformer -dropout", "1"),
      Map.entry("Momentum -momentum", "1"),
      Map.entry("Nesterov -momentum", "1"),
      Map.entry("Adam -beta1", "1"),
      Map.entry("Adam -beta2", "1"),
      Map.entry("RMSProp -rho", "1"),
      Map.entry("DropoutLayer -rate", "1"),
      Map.entry("BatchNormLayer -decay", "1"));

  /** One numeric option of one scheme. */
  record NumericOption(Class<? extends OptionHandler> scheme, String name, Method getter,
      Method setter) {
    boolean isInteger() {
      Class<?> t = getter.getReturnType();
      return t == int.class || t == long.class;
    }

    String key() {
      return scheme.getSimpleName() + " -" + name;
    }

    @Override
    public String toString() {
      return key();
    }
  }

  static List<NumericOption> numericOptions() throws Exception {
    List<NumericOption> result = new ArrayList<>();
    for (Class<? extends OptionHandler> scheme : SCHEMES) {
      for (PropertyDescriptor p : Introspector.getBeanInfo(scheme, Object.class)
          .getPropertyDescriptors()) {
        OptionMetadata meta = StrictOptions.metadata(p.getReadMethod(), p.getWriteMethod());
        if (meta == null || p.getWriteMethod() == null) {
          continue;
        }
        Class<?> t = p.getReadMethod().getReturnType();
        if (t == int.class || t == long.class || t == double.class || t == float.class) {
          result.add(new NumericOption(scheme, meta.commandLineParamName(), p.getReadMethod(),
              p.getWriteMethod()));
        }
      }
    }
    return result;
  }

  /** Each option with each bad value, as typed on the command line. */
  static Stream<Arguments> badValues() throws Exception {
    List<Arguments> cases = new ArrayList<>();
    for (NumericOption option : numericOptions()) {
      for (String value : new String[] {"abc", "NaN", "Infinity", "-Infinity", "1,5"}) {
        cases.add(Arguments.of(option, value));
      }
      String below = option.isInteger() ? Integer.toString(Integer.MIN_VALUE) : "-1e300";
      if (!ANY_INTEGER.contains(option.key())) {
        cases.add(Arguments.of(option, below));
      }
      if (ABOVE_RANGE.containsKey(option.key())) {
        cases.add(Arguments.of(option, ABOVE_RANGE.get(option.key())));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badValues")
  void setOptionsRefusesTheValueNamingOptionAndValue(NumericOption option, String value)
      throws Exception {
    OptionHandler scheme = option.scheme().getDeclaredConstructor().newInstance();
    Object before = option.getter().invoke(scheme);
    Exception e = assertThrows(Exception.class,
        () -> scheme.setOptions(new String[] {"-" + option.name(), value}));
    assertTrue(e.getMessage().contains(option.scheme().getSimpleName()), e.getMessage());
    assertTrue(e.getMessage().contains("-" + option.name()), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
    assertEquals(before, option.getter().invoke(scheme), "the old value stays");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badValues")
  void theSetterRefusesTheValueNamingOptionAndValue(NumericOption option, String value)
      throws Exception {
    Object number = parse(option, value);
    if (number == null) {
      return; // not a number of the setter's type: only the command line can carry it
    }
    OptionHandler scheme = option.scheme().getDeclaredConstructor().newInstance();
    Object before = option.getter().invoke(scheme);
    InvocationTargetException e = assertThrows(InvocationTargetException.class,
        () -> option.setter().invoke(scheme, number));
    IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertTrue(cause.getMessage().contains("-" + option.name()), cause.getMessage());
    assertTrue(cause.getMessage().contains(String.valueOf(number)), cause.getMessage());
    assertEquals(before, option.getter().invoke(scheme), "the GenericObjectEditor keeps the old value");
  }

  private static Object parse(NumericOption option, String value) {
    try {
      Class<?> t = option.getter().getReturnType();
      if (t == int.class) {
        return Integer.valueOf(value);
      }
      if (t == long.class) {
        return Long.valueOf(value);
      }
      return t == float.class ? (Object) Float.valueOf(value) : (Object) Double.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Test
  void everySchemeHasNumericOptionsAndEveryUpperBoundNamesARealOption() throws Exception {
    List<String> keys = numericOptions().stream().map(NumericOption::key).toList();
    for (String key : ABOVE_RANGE.keySet()) {
      assertTrue(keys.contains(key), key);
    }
    for (String key : ANY_INTEGER) {
      assertTrue(keys.contains(key), key);
    }
    assertTrue(keys.contains("UMAP -negative-sample-rate"));
    assertTrue(keys.contains("SoftmaxRegression -epochs"));
    assertTrue(keys.contains("CNN -epochs") && keys.contains("Transformer -heads"));
  }

  @Test
  void unknownNamesAndClassesAreRefusedWithWhatIsAllowed() throws Exception {
    Exception activation = assertThrows(Exception.class,
        () -> new DenseLayer().setOptions(new String[] {"-activation", "sigmoidal"}));
    assertTrue(activation.getMessage().contains("-activation"), activation.getMessage());
    assertTrue(activation.getMessage().contains("sigmoidal"), activation.getMessage());
    assertTrue(activation.getMessage().contains("relu"), activation.getMessage());

    Exception schedule = assertThrows(Exception.class,
        () -> new CNN().setOptions(new String[] {"-schedule", "linear"}));
    assertTrue(schedule.getMessage().contains("-schedule")
        && schedule.getMessage().contains("linear") && schedule.getMessage().contains("cosine"),
        schedule.getMessage());

    Exception init = assertThrows(Exception.class,
        () -> new UMAP().setOptions(new String[] {"-init", "tsne"}));
    assertTrue(init.getMessage().contains("-init") && init.getMessage().contains("tsne")
        && init.getMessage().contains("spectral"), init.getMessage());

    Exception optimizer = assertThrows(Exception.class, () -> new SoftmaxRegression()
        .setOptions(new String[] {"-optimizer", "weka.classifiers.functions.optimizers.Adamm"}));
    assertTrue(optimizer.getMessage().contains("-optimizer")
        && optimizer.getMessage().contains("Adamm"), optimizer.getMessage());
  }

  @Test
  void nestedOptionsAreCheckedAndNamedInsideTheOuterOption() throws Exception {
    Exception lr = assertThrows(Exception.class, () -> new SoftmaxRegression().setOptions(
        Utils.splitOptions("-optimizer \"weka.classifiers.functions.optimizers.Adam -lr abc\"")));
    assertTrue(lr.getMessage().contains("-lr") && lr.getMessage().contains("abc")
        && lr.getMessage().contains("-optimizer"), lr.getMessage());

    Exception units = assertThrows(Exception.class, () -> new CNN().setOptions(Utils.splitOptions(
        "-layer \"weka.classifiers.functions.layers.DenseLayer -units 0\"")));
    assertTrue(units.getMessage().contains("-units") && units.getMessage().contains("0")
        && units.getMessage().contains("-layer"), units.getMessage());
  }

  @Test
  void mistypedEpochsNoLongerTrainWithTheDefault() throws Exception {
    SoftmaxRegression classifier = new SoftmaxRegression();
    Exception e = assertThrows(Exception.class,
        () -> classifier.setOptions(new String[] {"-epochs", "abc"}));
    assertEquals("SoftmaxRegression: option -epochs 'abc' is not a whole number; allowed: "
        + "The most epochs (mini-batch passes), one per iteration; at least 1.",
        e.getMessage());
  }

  @Test
  void leftoverOptionsAreStillReported() {
    assertThrows(Exception.class,
        () -> new SoftmaxRegression().setOptions(new String[] {"-no-such-option", "1"}));
    assertThrows(Exception.class,
        () -> new IndexedDBSCAN().setOptions(new String[] {"-no-such-option", "1"}));
    assertThrows(Exception.class,
        () -> new Adam().setOptions(new String[] {"-no-such-option", "1"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void defaultOptionsRoundTrip(Class<? extends OptionHandler> type) throws Exception {
    OptionHandler original = type.getDeclaredConstructor().newInstance();
    String[] options = original.getOptions();
    OptionHandler copy = type.getDeclaredConstructor().newInstance();
    copy.setOptions(options.clone());
    assertArrayEquals(options, copy.getOptions(), Arrays.toString(options));
  }

  /**
   * Every option set to a value other than its default, then written by getOptions and read back
   * by setOptions into a fresh object: every property comes back equal.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void everyOptionGivenRoundTrips(Class<? extends OptionHandler> type) throws Exception {
    OptionHandler original = type.getDeclaredConstructor().newInstance();
    List<PropertyDescriptor> changed = new ArrayList<>();
    for (PropertyDescriptor p : Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
      OptionMetadata meta = StrictOptions.metadata(p.getReadMethod(), p.getWriteMethod());
      if (meta == null || p.getWriteMethod() == null) {
        continue;
      }
      Object other = otherValue(p.getReadMethod().invoke(original));
      if (other != null) {
        p.getWriteMethod().invoke(original, other);
        changed.add(p);
      }
    }
    assertFalse(changed.isEmpty(), type.getSimpleName());
    String[] options = original.getOptions();
    OptionHandler copy = type.getDeclaredConstructor().newInstance();
    copy.setOptions(options.clone());
    for (PropertyDescriptor p : changed) {
      Object expected = p.getReadMethod().invoke(original);
      Object actual = p.getReadMethod().invoke(copy);
      if (expected instanceof SelectedTag tag) {
        assertEquals(tag.getSelectedTag().getID(), ((SelectedTag) actual).getSelectedTag().getID(),
            p.getName() + " in " + Arrays.toString(options));
      } else {
        assertEquals(expected, actual, p.getName() + " in " + Arrays.toString(options));
      }
    }
    assertArrayEquals(options, copy.getOptions());
  }

  static Stream<Class<? extends OptionHandler>> schemes() {
    return SCHEMES.stream();
  }

  /** An allowed value different from {@code value}, or null to leave the option as it is. */
  private static Object otherValue(Object value) {
    if (value instanceof Integer i) {
      return i + 1;
    }
    if (value instanceof Long l) {
      return l + 1;
    }
    if (value instanceof Double d) {
      return d > 0 ? d / 2 : 0.25;
    }
    if (value instanceof Boolean b) {
      return !b;
    }
    if (value instanceof SelectedTag tag) {
      return new SelectedTag(tag.getTags()[tag.getTags().length - 1].getID(), tag.getTags());
    }
    if (value instanceof File) {
      return new File("option-round-trip.png");
    }
    return null;
  }
}
