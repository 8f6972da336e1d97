package org.snnspark.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measurement as it is printed: a JSON object on one line,
 * <pre>
 *   {"name": "layer/RADLIF/h128/t100/b32/fwd+bwd", "group": "layer", "unit": "s",
 *    "n": 5, "median": 0.0123, "min": 0.0120, "max": 0.0131, "calls_per_run": 8,
 *    "params": {...}, &lt;derived figures&gt;, "load_1m": 1.2, "env": {...}}
 * </pre>
 * {@code median/min/max} are of the measured quantity in {@code unit} (seconds per call for timed
 * work); derived figures (samples/s, GFLOP/s, fractions) are computed from the median. Numbers are
 * rounded to 5 significant digits; a figure that cannot be computed is null.
 */
public final class ResultLine {
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final Map<String, Object> params = new LinkedHashMap<>();
  private final Map<String, Object> derived = new LinkedHashMap<>();
  private Stats stats;

  public ResultLine(String name, String group) {
    fields.put("name", name);
    fields.put("group", group);
  }

  public String name() {
    return (String) fields.get("name");
  }

  /** The measured quantity: its unit and summary. */
  public ResultLine stats(Stats s, String unit) {
    this.stats = s;
    fields.put("unit", unit);
    fields.put("n", s.n());
    fields.put("median", round(s.median()));
    fields.put("min", round(s.min()));
    fields.put("max", round(s.max()));
    return this;
  }

  /** A timing in seconds per call. */
  public ResultLine timing(Timer.Timing t) {
    stats(t.seconds(), "s");
    fields.put("calls_per_run", t.callsPerRun());
    return this;
  }

  /** The unit of the measured quantity (null before {@link #stats}). */
  public String unit() {
    return (String) fields.get("unit");
  }

  public Stats stats() {
    return stats;
  }

  /** A parameter of the configuration measured (sizes, neuron type, ...). */
  public ResultLine param(String key, Object value) {
    params.put(key, value instanceof Double d ? round(d) : value);
    return this;
  }

  /** A figure derived from the median. */
  public ResultLine put(String key, double value) {
    derived.put(key, round(value));
    return this;
  }

  /** Derived figures (one per layer, ...). */
  public ResultLine put(String key, double[] values) {
    java.util.List<Object> rounded = new java.util.ArrayList<>();
    for (double v : values) {
      rounded.add(round(v));
    }
    derived.put(key, rounded);
    return this;
  }

  /** A non-numeric derived field (a note, a reason for skipping). */
  public ResultLine put(String key, Object value) {
    derived.put(key, value);
    return this;
  }

  /** The object as printed, with the environment attached. */
  public Map<String, Object> toMap(Map<String, Object> env) {
    Map<String, Object> m = new LinkedHashMap<>(fields);
    if (!params.isEmpty()) {
      m.put("params", params);
    }
    m.putAll(derived);
    m.put("load_1m", round(BenchEnvironment.loadNow()));
    m.put("env", env);
    return m;
  }

  /** 5 significant digits, null for NaN and infinities (not representable in JSON). */
  static Object round(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    if (v == 0) {
      return 0.0;
    }
    return new BigDecimal(v).round(new MathContext(5)).doubleValue();
  }
}
