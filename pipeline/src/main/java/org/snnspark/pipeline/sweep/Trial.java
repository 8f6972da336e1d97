package org.snnspark.pipeline.sweep;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.snnspark.pipeline.train.TrainConfig;

/**
 * One training of a sweep: configuration {@code configuration} (its varying values by key) with
 * one seed, as the complete train config it runs.
 */
public record Trial(String id, int configuration, long seed, Map<String, Object> values, TrainConfig config) {

  /** Where the trial's run directory sits in the sweep directory. */
  public String runDir() {
    return "trials/" + id;
  }

  /** Where a trial stopped early leaves its resumable run ({@code train --resume} continues it). */
  public String stoppedRunDir() {
    return "trials/." + id + ".inprogress";
  }

  /** {@code neuron=LIF lr=0.003}: the configuration for log lines and the leaderboard. */
  public String describe() {
    StringJoiner j = new StringJoiner(" ");
    values.forEach((k, v) -> j.add(k + "=" + format(v)));
    return j.toString();
  }

  static String format(Object v) {
    return v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(v);
  }
}
