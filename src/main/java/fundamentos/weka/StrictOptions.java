package fundamentos.weka;

import java.beans.BeanInfo;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.File;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.Utils;
import weka.core.WekaException;

/**
 * Parses and sets every {@link OptionMetadata} option of a scheme before Weka's own reflective
 * parsing ({@code Option.setOptionsForHierarchy}) runs. Weka's parser prints a number-format error
 * or a setter's exception and carries on with the default, so {@code -epochs abc} trained with the
 * default number of epochs; here an unparsable value, an unknown name or a value its setter refuses
 * (see {@link OptionChecks}) is an {@link Exception} that names the scheme, the option, the value
 * and what is allowed. The options it sets are removed from the array, as Weka's parser does, so
 * the scheme's inherited {@code setOptions} still handles flags and its own options afterwards and
 * still reports leftovers. Flags (boolean options) are left to Weka: they cannot be mistyped.
 */
public final class StrictOptions {

  private StrictOptions() {
  }

  /**
   * Sets the non-flag {@link OptionMetadata} options of {@code target}'s class and its ancestors up
   * to and including {@code oldestAncestor} (the classes Weka's {@code setOptionsForHierarchy}
   * covers) that appear in {@code options}; options not given keep their current values.
   */
  public static void parse(String[] options, Object target, Class<?> oldestAncestor)
      throws Exception {
    if (options == null || options.length == 0) {
      return;
    }
    String scheme = target.getClass().getSimpleName();
    for (PropertyDescriptor property : properties(target.getClass(), oldestAncestor)) {
      Method getter = property.getReadMethod();
      Method setter = property.getWriteMethod();
      OptionMetadata meta = metadata(getter, setter);
      if (meta == null || meta.commandLineParamIsFlag()) {
        continue;
      }
      String name = meta.commandLineParamName();
      List<String> given = new ArrayList<>();
      Class<?> type = property.getPropertyType();
      for (String value = Utils.getOption(name, options); !value.isEmpty();
          value = Utils.getOption(name, options)) {
        given.add(value);
        if (!type.isArray()) {
          break;
        }
      }
      if (given.isEmpty()) {
        continue;
      }
      Object current = getter.invoke(target);
      Object value;
      if (type.isArray()) {
        Class<?> element = type.getComponentType();
        value = Array.newInstance(element, given.size());
        Object currentElement = current != null && Array.getLength(current) > 0
            ? Array.get(current, 0) : null;
        for (int i = 0; i < given.size(); i++) {
          Array.set(value, i, convert(scheme, meta, element, currentElement, given.get(i)));
        }
      } else {
        value = convert(scheme, meta, type, current, given.get(0));
      }
      set(scheme, name, setter, target, value, String.join(" ", given));
    }
  }

  /**
   * A whole number typed for an option that a scheme parses by hand (Weka's -S seed, a loader's
   * option), or an exception that names the scheme, the option, the value and what is allowed.
   */
  public static int wholeNumber(String scheme, String option, String text, String allowed)
      throws WekaException {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new WekaException(scheme + ": option -" + option + " '" + text
          + "' is not a whole number; allowed: " + allowed + ".");
    }
  }

  /**
   * A classifier's setOptions: its seed and every annotated option checked before Weka's own parser
   * ({@code wekaParser}, the inherited setOptions) runs, and a refusal remembered so that the
   * classifier will not build after a caller that went on ({@link OptionsRefusal}).
   */
  public static void setClassifierOptions(String[] options, Object classifier,
      OptionsRefusal.Setting wekaParser) throws Exception {
    OptionsRefusal.set(classifier, () -> {
      checkSeed(options, classifier);
      parse(options, classifier, weka.classifiers.AbstractClassifier.class);
      wekaParser.apply();
    });
  }

  /**
   * Checks, without removing it, that Weka's -S seed option (parsed by RandomizableClassifier with
   * Integer.parseInt, whose error names neither the option nor the scheme) is a whole number.
   */
  public static void checkSeed(String[] options, Object target) throws Exception {
    String seed = Utils.getOption('S', options.clone());
    if (!seed.isEmpty()) {
      wholeNumber(target.getClass().getSimpleName(), "S", seed, "any whole number");
    }
  }

  /** Every property of the hierarchy with its getter and setter, as Weka's introspection sees it. */
  private static List<PropertyDescriptor> properties(Class<?> clazz, Class<?> oldestAncestor)
      throws Exception {
    List<PropertyDescriptor> result = new ArrayList<>();
    Class<?> stop = oldestAncestor.getSuperclass();
    BeanInfo info = Introspector.getBeanInfo(clazz, stop);
    for (PropertyDescriptor p : info.getPropertyDescriptors()) {
      if (p.getReadMethod() != null && p.getWriteMethod() != null) {
        result.add(p);
      }
    }
    return result;
  }

  /** The option's metadata, on the getter or the setter as Weka allows; null when it has none. */
  public static OptionMetadata metadata(Method getter, Method setter) {
    OptionMetadata meta = getter == null ? null : getter.getAnnotation(OptionMetadata.class);
    if (meta == null && setter != null) {
      meta = setter.getAnnotation(OptionMetadata.class);
    }
    return meta == null || meta.commandLineParamName().isEmpty() ? null : meta;
  }

  private static Object convert(String scheme, OptionMetadata meta, Class<?> type, Object current,
      String text) throws Exception {
    String name = meta.commandLineParamName();
    String trimmed = text.trim();
    try {
      if (type == int.class || type == Integer.class) {
        return Integer.valueOf(trimmed);
      }
      if (type == long.class || type == Long.class) {
        return Long.valueOf(trimmed);
      }
      if (type == double.class || type == Double.class) {
        return Double.valueOf(trimmed);
      }
      if (type == float.class || type == Float.class) {
        return Float.valueOf(trimmed);
      }
    } catch (NumberFormatException e) {
      throw new WekaException(scheme + ": option -" + name + " '" + text + "' is not "
          + (type == double.class || type == Double.class || type == float.class
              || type == Float.class ? "a number" : "a whole number")
          + "; allowed: " + meta.description());
    }
    if (type == String.class) {
      return text;
    }
    if (type == File.class) {
      return new File(text);
    }
    if (type == boolean.class || type == Boolean.class) {
      if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
        return Boolean.valueOf(trimmed);
      }
      throw new WekaException(scheme + ": option -" + name + " '" + text
          + "' is not a truth value; allowed: true or false.");
    }
    if (type == SelectedTag.class) {
      return tag(scheme, name, (SelectedTag) current, text);
    }
    if (type.isEnum()) {
      return constant(scheme, name, type, text);
    }
    return optionHandler(scheme, name, type, text);
  }

  /** A tag chosen by its name (as Weka writes it) or its ID. */
  private static SelectedTag tag(String scheme, String name, SelectedTag current, String text)
      throws Exception {
    Tag[] tags = current.getTags();
    String trimmed = text.trim();
    for (Tag t : tags) {
      if (t.getReadable().equals(trimmed) || t.getIDStr().equals(trimmed)) {
        return new SelectedTag(t.getID(), tags);
      }
    }
    for (Tag t : tags) {
      if (Integer.toString(t.getID()).equals(trimmed)) {
        return new SelectedTag(t.getID(), tags);
      }
    }
    StringJoiner allowed = new StringJoiner(", ");
    for (Tag t : tags) {
      allowed.add(t.getReadable());
    }
    throw new WekaException(scheme + ": option -" + name + " '" + text + "' is not a known name; allowed: "
        + allowed + ".");
  }

  private static Object constant(String scheme, String name, Class<?> type, String text)
      throws Exception {
    StringJoiner allowed = new StringJoiner(", ");
    for (Object c : type.getEnumConstants()) {
      if (c.toString().equals(text.trim()) || ((Enum<?>) c).name().equals(text.trim())) {
        return c;
      }
      allowed.add(c.toString());
    }
    throw new WekaException(scheme + ": option -" + name + " '" + text + "' is not a known name; allowed: "
        + allowed + ".");
  }

  /** A nested object given as "class name and its options", whose own setOptions checks them. */
  private static Object optionHandler(String scheme, String name, Class<?> type, String text)
      throws Exception {
    String[] spec = Utils.splitOptions(text);
    if (spec.length == 0 || spec[0].isEmpty()) {
      throw new WekaException(scheme + ": option -" + name + " '" + text + "' names no class; allowed: a "
          + type.getSimpleName() + " class name followed by its options.");
    }
    String className = spec[0];
    spec[0] = "";
    Object handler;
    try {
      handler = Utils.forName(type, className, spec);
    } catch (Exception e) {
      throw new WekaException(scheme + ": option -" + name + " '" + text + "': " + e.getMessage(), e);
    }
    return handler;
  }

  private static void set(String scheme, String name, Method setter, Object target, Object value,
      String text) throws Exception {
    try {
      setter.invoke(target, value);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      if (!message.contains("-" + name)) {
        message = scheme + ": option -" + name + " '" + text + "': " + message;
      } else if (!message.contains(text)) {
        message = message + " (given: '" + text + "')";
      }
      throw new WekaException(message, cause);
    }
  }
}
