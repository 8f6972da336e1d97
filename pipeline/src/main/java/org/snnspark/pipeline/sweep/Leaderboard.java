package org.snnspark.pipeline.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configurations of a sweep ranked by their metric's mean over seeds, best first; the spread
 * is the sample standard deviation (0 for a single seed). Only trials that ran all their epochs
 * count (an early-stopped trial's metric is of fewer epochs); a configuration without one ranks last.
 */
public final class Leaderboard {
  /** One configuration's line. */
  public record Entry(int configuration, String describe, double mean, double std, int scored, int trials,
      boolean stopped) {}

  private final SweepMetric metric;
  private final boolean maximise;
  private final List<Entry> entries;
  private final Optional<TrialOutcome> best;

  public Leaderboard(List<TrialOutcome> outcomes, SweepMetric metric, boolean maximise) {
    this.metric = metric;
    this.maximise = maximise;
    Map<Integer, List<TrialOutcome>> byConfig = new LinkedHashMap<>();
    outcomes.forEach(o -> byConfig.computeIfAbsent(o.trial().configuration(), k -> new ArrayList<>()).add(o));
    List<Entry> list = new ArrayList<>();
    byConfig.forEach((c, os) -> list.add(entry(c, os)));
    list.sort(Comparator.comparingDouble(this::rankKey));
    entries = List.copyOf(list);
    best = outcomes.stream().filter(Leaderboard::scored)
        .min(Comparator.comparingDouble(o -> maximise ? -o.metric() : o.metric()));
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The single best-scoring trial, whose model the sweep keeps as {@code best/}. */
  public Optional<TrialOutcome> best() {
    return best;
  }

  private double rankKey(Entry e) {
    if (e.scored() == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return maximise ? -e.mean() : e.mean();
  }

  private static boolean scored(TrialOutcome o) {
    return o.succeeded() && !Double.isNaN(o.metric());
  }

  private static Entry entry(int configuration, List<TrialOutcome> outcomes) {
    double[] xs = outcomes.stream().filter(Leaderboard::scored).mapToDouble(TrialOutcome::metric).toArray();
    double mean = 0;
    for (double x : xs) {
      mean += x / xs.length;
    }
    double ss = 0;
    for (double x : xs) {
      ss += (x - mean) * (x - mean);
    }
    return new Entry(configuration, outcomes.get(0).trial().describe(), xs.length == 0 ? Double.NaN : mean,
        xs.length < 2 ? 0 : Math.sqrt(ss / (xs.length - 1)), xs.length, outcomes.size(),
        outcomes.stream().anyMatch(o -> o.status() == TrialStatus.STOPPED));
  }

  /** The table as printed at the end of a sweep and kept as {@code leaderboard.txt}. */
  public String render() {
    String label = metric.key() + " (" + (maximise ? "max" : "min") + ")";
    String row = "%4s  %-" + Math.max(label.length(), 15) + "s  %5s  %s%n";
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, row, "rank", label, "seeds", "configuration"));
    int rank = 1;
    for (Entry e : entries) {
      String score = e.scored() > 0 ? String.format(Locale.ROOT, "%.4f ± %.4f", e.mean(), e.std())
          : e.stopped() ? "stopped" : "failed";
      b.append(String.format(Locale.ROOT, row, rank++, score, e.scored() + "/" + e.trials(),
          e.describe().isEmpty() ? "(fixed options only)" : e.describe()));
    }
    return b.toString();
  }
}
