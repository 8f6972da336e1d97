package org.snnspark.preprocess.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Text forms of the jobs' typed options (the {@code Key} registries of the job configs): how a
 * key name is matched, how values are parsed from and printed to text — one convention for every
 * job, so CLI flags, presets and manifests read alike.
 */
public final class OptionValues {
  private OptionValues() {}

  /**
   * One typed option of a job config {@code C}: its name, one-line documentation, and how to set it
   * from text and read it back (the jobs' {@code Key} records implement this).
   */
  public interface OptionKey<C> {
    String name();

    String doc();

    BiConsumer<C, String> setter();

    Function<C, Object> getter();
  }

  /**
   * The key matching {@code key} (by {@link #normaliseKey}).
   *
   * @param what the job, for the message: "unknown spike preprocessing option ..."
   * @throws IllegalArgumentException listing the known keys
   */
  public static <K extends OptionKey<?>> K find(List<K> keys, String key, String what) {
    String norm = normaliseKey(key);
    for (K k : keys) {
      if (normaliseKey(k.name()).equals(norm)) {
        return k;
      }
    }
    List<String> names = new ArrayList<>();
    keys.forEach(k -> names.add(k.name()));
    throw new IllegalArgumentException("unknown " + what + " option '" + key + "' (known: " + String.join(", ", names) + ")");
  }

  /**
   * Sets {@code k} on {@code config} from text.
   *
   * @throws IllegalArgumentException naming the key, the value and the key's documentation
   */
  public static <C> void apply(C config, OptionKey<C> k, String value) {
    try {
      k.setter().accept(config, value);
    } catch (NumberFormatException e) {
      throw new OptionException("bad value '" + value + "' for {" + k.name() + "}: not a number (" + k.doc() + ")", e);
    } catch (RuntimeException e) {
      throw new OptionException("bad value '" + value + "' for {" + k.name() + "}: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }

  /**
   * The constant of {@code type} named {@code v} (any case, surrounding blanks ignored).
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static <E extends Enum<E>> E parseEnum(Class<E> type, String v) {
    String name = v.trim().toUpperCase(Locale.ROOT);
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return e;
      }
      names.add(e.name());
    }
    throw new IllegalArgumentException("expected one of " + String.join(", ", names));
  }

  /** Every option of {@code config} and its value as text, in key order. */
  public static <C> Map<String, String> toMap(C config, List<? extends OptionKey<C>> keys) {
    Map<String, String> m = new LinkedHashMap<>();
    for (OptionKey<C> k : keys) {
      m.put(k.name(), format(k.getter().apply(config)));
    }
    return m;
  }

  /** A key as matched: case-insensitive, '-' and '_' ignored ({@code n-steps} = {@code nSteps}). */
  public static String normaliseKey(String key) {
    return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** A value as text: maps as {@code k=v,k=v}, lists as {@code a,b}, anything else by toString. */
  public static String format(Object v) {
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, val) -> parts.add(k + "=" + val));
      return String.join(",", parts);
    }
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      l.forEach(x -> parts.add(String.valueOf(x)));
      return String.join(",", parts);
    }
    return String.valueOf(v);
  }

  /** {@code true} or {@code false} (any case); anything else is refused. */
  public static boolean parseBoolean(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new IllegalArgumentException("expected true or false");
  }

  /** Comma-separated items, trimmed, blanks dropped. */
  public static List<String> parseList(String v) {
    List<String> out = new ArrayList<>();
    for (String part : v.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }
}
