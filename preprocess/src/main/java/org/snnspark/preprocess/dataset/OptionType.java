package org.snnspark.preprocess.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How the values of one kind of {@link Option} are read from text, written as text and kept: one
 * convention for every job, so CLI flags, presets and manifests read alike. {@link #shape()} tells a
 * command line how the option is given (a bare flag, a value, or values that may repeat).
 *
 * @param parse text to value; throws IllegalArgumentException (NumberFormatException included) on bad text
 * @param format value to text, the inverse of {@code parse}
 * @param store what is kept when a value is set: an immutable copy of a collection, never null
 */
public record OptionType<T>(Function<String, T> parse, Function<T, String> format, UnaryOperator<T> store,
    Shape shape) {

  /** How a command line gives the option. */
  public enum Shape {
    /** {@code --flag VALUE}. */
    VALUE,
    /** {@code --flag} alone means true; {@code --flag false} is allowed. */
    FLAG,
    /** {@code --flag a,b} or {@code --flag a --flag b}. */
    LIST
  }

  /** Text as given; null is kept as "" (unset). */
  public static final OptionType<String> STRING =
      new OptionType<>(v -> v, v -> v, v -> v == null ? "" : v, Shape.VALUE);
  public static final OptionType<Integer> INT = scalar(v -> Integer.parseInt(v.trim()));
  public static final OptionType<Long> LONG = scalar(v -> Long.parseLong(v.trim()));
  public static final OptionType<Double> DOUBLE = scalar(v -> Double.parseDouble(v.trim()));
  /** {@code true} or {@code false} in any case; anything else is refused. */
  public static final OptionType<Boolean> BOOLEAN =
      new OptionType<>(OptionValues::parseBoolean, String::valueOf, Objects::requireNonNull, Shape.FLAG);
  /** Comma-separated words, trimmed, blanks dropped. */
  public static final OptionType<List<String>> STRINGS =
      new OptionType<>(OptionValues::parseList, OptionValues::format, List::copyOf, Shape.LIST);
  /** Comma-separated integers, blanks dropped. */
  public static final OptionType<List<Integer>> INTS =
      new OptionType<>(OptionType::parseInts, OptionValues::format, List::copyOf, Shape.LIST);
  /**
   * Comma-separated {@code key=value} pairs, in the order given (which a manifest records: an
   * unordered map would make re-runs write different manifests).
   */
  public static final OptionType<Map<String, String>> PAIRS =
      new OptionType<>(OptionType::parsePairs, OptionValues::format,
          m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)), Shape.LIST);

  /** A value written by {@code toString}, never null. */
  public static <T> OptionType<T> scalar(Function<String, T> parse) {
    return new OptionType<>(parse, String::valueOf, Objects::requireNonNull, Shape.VALUE);
  }

  /** The constants of {@code type}, by name in any case. */
  public static <E extends Enum<E>> OptionType<E> enumOf(Class<E> type) {
    return scalar(v -> OptionValues.parseEnum(type, v));
  }

  /** The same values with other text forms (a special word for a special value, say). */
  public OptionType<T> withText(Function<String, T> parse, Function<T, String> format) {
    return new OptionType<>(parse, format, store, shape);
  }

  private static List<Integer> parseInts(String v) {
    List<Integer> out = new ArrayList<>();
    for (String part : v.split(",")) {
      if (!part.isBlank()) {
        out.add(Integer.parseInt(part.trim()));
      }
    }
    return out;
  }

  private static Map<String, String> parsePairs(String v) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : v.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new IllegalArgumentException("expected split=path, got '" + part.trim() + "'");
      }
      m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
    }
    return m;
  }
}
