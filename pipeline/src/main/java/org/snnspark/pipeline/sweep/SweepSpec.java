package org.snnspark.pipeline.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.snnspark.pipeline.io.TomlText;

/**
 * A sweep spec: {@code train} options by their preset keys, fixed at the top level, gridded in
 * {@code [grid]} (every combination of the listed values) or drawn in {@code [random]} ({@code
 * trials} draws of {@link ParameterRange}s), each configuration repeated for every one of {@code
 * seeds}. The tables keep a list-valued option ({@code hidden = [128, 128]}) apart from a grid over
 * it ({@code hidden = [[64], [128, 128]]}).
 *
 * @param fixed option text by key, applied to every trial
 * @param grid the values of each gridded key, as option text
 * @param random the range of each drawn key
 * @param trials random draws (1 without {@code [random]})
 * @param drawSeed seed of the draws, so that a spec always gives the same trials
 * @param earlyStopping the {@code [early-stopping]} rule, or null to run every trial to its end
 */
public record SweepSpec(String source, Map<String, String> fixed, Map<String, List<Object>> grid,
    Map<String, ParameterRange> random, int trials, List<Long> seeds, SweepMetric metric,
    boolean maximise, long drawSeed, EarlyStopping earlyStopping) {

  static final List<String> SWEEP_KEYS = List.of("trials", "seeds", "metric", "direction", "draw-seed");
  static final List<String> TABLES = List.of("grid", "random", "early-stopping");

  /**
   * Reads and checks {@code file}; {@code isOption} says which keys name options a trial may set.
   * Every error is one line naming the file and the key.
   */
  public static SweepSpec read(Path file, Predicate<String> isOption) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read sweep spec " + file + ": " + e.getMessage(), e);
    }
    return parse(file.toString(), text, isOption);
  }

  static SweepSpec parse(String source, String toml, Predicate<String> isOption) {
    JsonNode root = TomlText.read("sweep spec " + source, toml);
    Parser p = new Parser(source, isOption);
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      p.top(e.getKey(), e.getValue());
    }
    return p.spec();
  }

  /**
   * Every configuration: the grid's combinations (last key fastest), each with {@code trials}
   * draws of the random keys. Values are option text for grid keys, doubles for drawn ones.
   */
  public List<Map<String, Object>> configurations() {
    List<Map<String, Object>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Object>> axis : grid.entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> c : combos) {
        for (Object v : axis.getValue()) {
          Map<String, Object> m = new LinkedHashMap<>(c);
          m.put(axis.getKey(), v);
          next.add(m);
        }
      }
      combos = next;
    }
    Random draws = new Random(drawSeed);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> c : combos) {
      for (int t = 0; t < trials; t++) {
        Map<String, Object> m = new LinkedHashMap<>(c);
        random.forEach((k, r) -> m.put(k, r.draw(draws)));
        out.add(m);
      }
    }
    return out;
  }

  /** The keys that vary between configurations, grid first. */
  public List<String> axes() {
    List<String> axes = new ArrayList<>(grid.keySet());
    axes.addAll(random.keySet());
    return axes;
  }

  /** Collects the fields of a spec from its TOML, failing on the first bad key. */
  private static final class Parser {
    private final String source;
    private final Predicate<String> isOption;
    private final Map<String, String> fixed = new LinkedHashMap<>();
    private final Map<String, List<Object>> grid = new LinkedHashMap<>();
    private final Map<String, ParameterRange> random = new LinkedHashMap<>();
    private Integer trials;
    private List<Long> seeds = List.of(42L);
    private SweepMetric metric = SweepMetric.VALID_ACCURACY;
    private boolean maximise = true;
    private long drawSeed = 1;
    private EarlyStopping earlyStopping;

    Parser(String source, Predicate<String> isOption) {
      this.source = source;
      this.isOption = isOption;
    }

    void top(String key, JsonNode v) {
      switch (key) {
        case "grid" -> table(key, v).fields().forEachRemaining(e -> gridKey(e.getKey(), e.getValue()));
        case "random" -> table(key, v).fields().forEachRemaining(e -> randomKey(e.getKey(), e.getValue()));
        case "early-stopping" -> earlyStopping = earlyStopping(table(key, v));
        case "trials" -> trials = positive(key, v);
        case "draw-seed" -> drawSeed = integer(key, v);
        case "seeds" -> seeds = seeds(v);
        case "metric" -> metric = wrap(key, () -> SweepMetric.of(v.asText()));
        case "direction" -> maximise = direction(v.asText());
        default -> {
          requireOption(key);
          if (v.isObject()) {
            throw error(key, "a table; a train option takes a value or a list (grid it under [grid])");
          }
          fixed.put(key, TomlText.optionValue(v));
        }
      }
    }

    SweepSpec spec() {
      if (trials != null && random.isEmpty()) {
        throw error("trials", "counts random draws, and the spec has no [random] table");
      }
      for (String k : grid.keySet()) {
        if (fixed.containsKey(k) || random.containsKey(k)) {
          throw error(k, "is set more than once (top level, [grid], [random])");
        }
      }
      for (String k : random.keySet()) {
        if (fixed.containsKey(k)) {
          throw error(k, "is set more than once (top level, [grid], [random])");
        }
      }
      if (earlyStopping != null && metric == SweepMetric.TEST_ACCURACY) {
        throw error("early-stopping", "needs a metric known after every epoch, not test_accuracy");
      }
      return new SweepSpec(source, fixed, grid, random, trials == null ? 1 : trials, seeds, metric,
          maximise, drawSeed, earlyStopping);
    }

    private void gridKey(String key, JsonNode v) {
      requireOption(key);
      if (!v.isArray() || v.isEmpty()) {
        throw error("grid." + key, "must be a non-empty list of the values to try, got " + v);
      }
      List<Object> values = new ArrayList<>();
      v.forEach(item -> values.add(item.isNumber() ? item.numberValue()
          : TomlText.optionValue(item)));
      grid.put(key, values);
    }

    private void randomKey(String key, JsonNode v) {
      requireOption(key);
      if (!v.isObject() || !v.path("min").isNumber() || !v.path("max").isNumber()
          || !(v.path("log").isMissingNode() || v.path("log").isBoolean()) || v.size() != (v.has("log") ? 3 : 2)) {
        throw error("random." + key, "must be {min = NUMBER, max = NUMBER} with an optional log = true|false, got " + v);
      }
      random.put(key, wrap("random." + key,
          () -> new ParameterRange(v.get("min").doubleValue(), v.get("max").doubleValue(), v.path("log").asBoolean(false))));
    }

    private EarlyStopping earlyStopping(JsonNode v) {
      JsonNode rungs = v.path("rungs");
      if (!rungs.isArray() || !v.path("eta").isNumber() || v.size() != 2) {
        throw error("early-stopping", "must be {rungs = [EPOCHS, ...], eta = REDUCTION_FACTOR}, got " + v);
      }
      List<Integer> epochs = new ArrayList<>();
      rungs.forEach(r -> epochs.add(r.isIntegralNumber() ? r.asInt() : -1));
      return wrap("early-stopping", () -> new EarlyStopping(epochs, v.get("eta").doubleValue()));
    }

    private List<Long> seeds(JsonNode v) {
      List<Long> out = new ArrayList<>();
      if (v.isIntegralNumber() && v.asLong() >= 1) {
        for (long s = 1; s <= v.asLong(); s++) {
          out.add(s);
        }
        return out;
      }
      if (v.isArray() && !v.isEmpty()) {
        for (JsonNode s : v) {
          if (!s.isIntegralNumber() || out.contains(s.asLong())) {
            throw error("seeds", "must be distinct integers, got " + v);
          }
          out.add(s.asLong());
        }
        return out;
      }
      throw error("seeds", "must be a count N >= 1 (seeds 1..N) or a list of integers, got " + v);
    }

    private boolean direction(String d) {
      return switch (d) {
        case "max" -> true;
        case "min" -> false;
        default -> throw error("direction", "must be max or min, got '" + d + "'");
      };
    }

    private void requireOption(String key) {
      if (!isOption.test(key)) {
        throw error(key, "is not a train option a trial may set, nor a sweep key " + SWEEP_KEYS
            + " or table " + TABLES + " (options: see train --help)");
      }
    }

    private JsonNode table(String key, JsonNode v) {
      if (!v.isObject()) {
        throw error(key, "must be a table [" + key + "]");
      }
      return v;
    }

    private int positive(String key, JsonNode v) {
      if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > Integer.MAX_VALUE) {
        throw error(key, "must be an integer >= 1, got " + v);
      }
      return v.asInt();
    }

    private long integer(String key, JsonNode v) {
      if (!v.isIntegralNumber()) {
        throw error(key, "must be an integer, got " + v);
      }
      return v.asLong();
    }

    private <T> T wrap(String key, Supplier<T> make) {
      try {
        return make.get();
      } catch (IllegalArgumentException e) {
        throw error(key, e.getMessage());
      }
    }

    private IllegalArgumentException error(String key, String what) {
      return new IllegalArgumentException("sweep spec " + source + ": '" + key + "' " + what);
    }
  }
}
