package org.snnspark.preprocess.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text forms of the jobs' {@link Option}s: how a key name is matched, how values are parsed from and
 * printed to text — one convention for every job, so CLI flags, presets and manifests read alike.
 */
public final class OptionValues {
  private OptionValues() {}

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
