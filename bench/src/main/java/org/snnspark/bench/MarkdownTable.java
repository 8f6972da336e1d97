package org.snnspark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders bench results (JSON Lines) as docs/performance.md's tables: a header naming the
 * machine, the command and the load average when the run started, then one row per measurement —
 * median with min..max and n, throughput, GFLOP/s and fraction of the roofline where they apply,
 * and notes (firing rate, speedups and ratios, skips and errors).
 */
public final class MarkdownTable {
  private MarkdownTable() {}

  public static String render(List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no measurements to render");
    }
    StringBuilder md = new StringBuilder();
    header(md, rows);
    md.append("\n| Measurement | Median | Min .. max | n | Throughput | GFLOP/s | Of roofline | Load | Notes |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Map<String, Object> r : rows) {
      md.append("| ").append(r.get("name"))
          .append(" | ").append(value(r.get("median"), r.get("unit")))
          .append(" | ").append(r.get("min") == null ? "" : value(r.get("min"), r.get("unit")) + " .. "
              + value(r.get("max"), r.get("unit")))
          .append(" | ").append(r.get("n") == null ? "" : r.get("n"))
          .append(" | ").append(throughput(r))
          .append(" | ").append(fixed(r.get("gflops"), "%.1f"))
          .append(" | ").append(percent(r.get("roofline_fraction")))
          .append(" | ").append(fixed(r.get("load_1m"), "%.1f"))
          .append(" | ").append(notes(r))
          .append(" |\n");
    }
    return md.toString();
  }

  private static Object orUnset(Object value) {
    return value == null ? "unset" : value;
  }

  private static void header(StringBuilder md, List<Map<String, Object>> rows) {
    Object e = rows.get(0).get("env");
    if (e instanceof Map<?, ?> env) {
      md.append(String.format(Locale.ROOT, "Machine: %s, %s cores; %s; ND4J backend `%s` (BLAS %s), %s ND4J threads,"
              + " OMP_NUM_THREADS=%s, OMP_WAIT_POLICY=%s, OPENBLAS_THREAD_TIMEOUT=%s; heap %s GB.%n",
          env.get("cpu"), env.get("cores"), env.get("jvm"), env.get("backend"), env.get("blas_vendor"),
          env.get("nd4j_threads"), orUnset(env.get("omp_num_threads")), orUnset(env.get("omp_wait_policy")),
          orUnset(env.get("openblas_thread_timeout")), env.get("max_heap_gb")));
      md.append(String.format(Locale.ROOT, "Command: `submit/%s`, started %s; load average at start %s.%n",
          env.get("command"), env.get("started"), load(env.get("load_avg_start"))));
    }
    double roofline = Double.NaN;
    for (Map<String, Object> r : rows) {
      if ("roofline".equals(r.get("group")) && r.get("gflops") instanceof Number g) {
        roofline = Double.isNaN(roofline) ? g.doubleValue() : Math.max(roofline, g.doubleValue());
      }
    }
    if (!Double.isNaN(roofline)) {
      md.append(String.format(Locale.ROOT, "Roofline: %.0f GFLOP/s (the best median of the float32 sgemm rows,"
          + " through ND4J, in the same run).%n", roofline));
    }
  }

  private static String load(Object l) {
    if (l instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(v -> parts.add(String.valueOf(v)));
      return String.join(" ", parts);
    }
    return "unknown";
  }

  /** A measured value in its unit: times scaled to s / ms / µs, audio as a real-time factor. */
  static String value(Object v, Object unit) {
    if (!(v instanceof Number n)) {
      return "";
    }
    double x = n.doubleValue();
    if ("s".equals(unit)) {
      if (x >= 1) {
        return String.format(Locale.ROOT, "%.2f s", x);
      }
      if (x >= 1e-3) {
        return String.format(Locale.ROOT, "%.1f ms", x * 1e3);
      }
      return String.format(Locale.ROOT, "%.0f µs", x * 1e6);
    }
    if ("audio_s_per_cpu_s".equals(unit)) {
      return String.format(Locale.ROOT, "%.0fx", x);
    }
    return String.format(Locale.ROOT, "%.4g %s", x, unit == null ? "" : unit).trim();
  }

  private static String throughput(Map<String, Object> r) {
    if (r.get("samples_per_s") instanceof Number n) {
      return String.format(Locale.ROOT, "%.0f samples/s", n.doubleValue());
    }
    if (r.get("realtime_per_core") instanceof Number n) {
      return String.format(Locale.ROOT, "%.0fx real time / core", n.doubleValue());
    }
    return "";
  }

  private static String fixed(Object v, String format) {
    return v instanceof Number n ? String.format(Locale.ROOT, format, n.doubleValue()) : "";
  }

  private static String percent(Object v) {
    return v instanceof Number n ? String.format(Locale.ROOT, "%.0f%%", 100 * n.doubleValue()) : "";
  }

  private static String notes(Map<String, Object> r) {
    List<String> notes = new ArrayList<>();
    if (r.get("firing_rate") instanceof Number n) {
      notes.add(String.format(Locale.ROOT, "firing rate %.3f", n.doubleValue()));
    }
    if (r.get("firing_rates") instanceof List<?> l) {
      List<String> rates = new ArrayList<>();
      l.forEach(v -> rates.add(v instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "?"));
      notes.add("firing rates " + String.join(", ", rates));
    }
    if (r.get("roofline_nearby_fraction") instanceof Number n && r.get("roofline_nearby_gflops") instanceof Number g) {
      notes.add(String.format(Locale.ROOT, "%.0f%% of an sgemm timed in turn with it (%.0f GFLOP/s)",
          100 * n.doubleValue(), g.doubleValue()));
    }
    if (r.get("speedup_vs_lif") instanceof Number n) {
      notes.add(String.format(Locale.ROOT, "%.2fx LIF's speed", n.doubleValue()));
    }
    if (r.get("note") != null) {
      notes.add(String.valueOf(r.get("note")));
    }
    if (r.get("vs_multilayernetwork") instanceof Number n) {
      notes.add(String.format(Locale.ROOT, "%.2fx one network's samples/s", n.doubleValue()));
    }
    if (r.get("epochs_to_target") != null || r.get("epochs_to_target_total") != null) {
      notes.add(timeToAccuracy(r));
    }
    if (r.get("epoch_s_f5") instanceof Number f5) {
      notes.add(predictedEpoch(r, f5.doubleValue()));
    }
    if (r.get("vs_bare_read") instanceof Number n) {
      notes.add(String.format(Locale.ROOT, "%.2fx the bare jhdf read", n.doubleValue()));
    }
    if (r.get("session_start_s") instanceof Number n && !Double.isNaN(n.doubleValue())) {
      notes.add(String.format(Locale.ROOT, "Spark session already running (starting it took %.1f s)", n.doubleValue()));
    }
    if (r.get("skipped") != null) {
      notes.add("skipped: " + r.get("skipped"));
    }
    if (r.get("error") != null) {
      notes.add("FAILED: " + r.get("error"));
    }
    return String.join("; ", notes).replace("|", "\\|");
  }

  /** A {@code tta/} line: epochs, updates and training time to the target, against one worker. */
  private static String timeToAccuracy(Map<String, Object> r) {
    Object target = r.get("params") instanceof Map<?, ?> p ? p.get("target") : null;
    String to = target instanceof Number t ? String.format(Locale.ROOT, " to %.0f%%", 100 * t.doubleValue()) : "";
    if (r.get("epochs_to_target_total") instanceof Number total) {
      return totalToAccuracy(r, total.intValue(), to);
    }
    if (!(r.get("epochs_to_target") instanceof Number epochs)) {
      return r.get("epochs_to_target") + to;
    }
    StringBuilder note = new StringBuilder(String.format(Locale.ROOT, "%d epochs%s", epochs.intValue(), to));
    if (r.get("epochs_vs_1_worker") instanceof Number x) {
      note.append(String.format(Locale.ROOT, " (%.2fx one worker's", x.doubleValue()));
      if (r.get("predicted_epochs_vs_1_worker") instanceof Number p) {
        note.append(String.format(Locale.ROOT, "; predicted %.2fx", p.doubleValue()));
      }
      note.append(')');
    }
    if (r.get("averaged_updates_to_target") instanceof Number u) {
      note.append(String.format(Locale.ROOT, ", %d averaged updates", u.intValue()));
    }
    if (r.get("train_s_to_target") instanceof Number t) {
      note.append(String.format(Locale.ROOT, ", %.1f s of training", t.doubleValue()));
      if (r.get("train_time_vs_1_worker") instanceof Number x) {
        note.append(String.format(Locale.ROOT, " (%.2fx one worker's)", x.doubleValue()));
      }
    }
    return note.toString();
  }

  /** A {@code tta/.../total} line: epochs summed over the datasets, against one worker's total. */
  private static String totalToAccuracy(Map<String, Object> r, int total, String to) {
    Map<?, ?> params = r.get("params") instanceof Map<?, ?> p ? p : Map.of();
    StringBuilder note = new StringBuilder(String.format(Locale.ROOT, "%s%d epochs over %s datasets%s",
        r.get("datasets_not_reached") instanceof Number n && n.intValue() > 0 ? "at least " : "", total,
        params.get("datasets"), to));
    if (r.get("epochs_vs_1_worker") instanceof Number x) {
      note.append(String.format(Locale.ROOT, " (%.2fx one worker's)", x.doubleValue()));
    }
    if (r.get("epochs_to_target_by_dataset") instanceof List<?> each) {
      note.append(": ").append(each.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
    return note.toString();
  }

  /** A {@code scaling/predicted/} line: a recipe's predicted epoch on N executors. */
  private static String predictedEpoch(Map<String, Object> r, double epochF5) {
    StringBuilder note = new StringBuilder(String.format(Locale.ROOT, "epoch %.1f s at frequency 5", epochF5));
    if (r.get("speedup_f5") instanceof Number x && r.get("communication_share_f5") instanceof Number c) {
      note.append(String.format(Locale.ROOT, " (%.1fx, communication %.0f%%)", x.doubleValue(), 100 * c.doubleValue()));
    }
    if (r.get("auto_frequency") instanceof Number f && r.get("epoch_s_auto") instanceof Number e
        && r.get("speedup_auto") instanceof Number x) {
      note.append(String.format(Locale.ROOT, "; auto frequency %d: %.1f s (%.1fx)", f.intValue(),
          e.doubleValue(), x.doubleValue()));
    }
    return note.toString();
  }
}
