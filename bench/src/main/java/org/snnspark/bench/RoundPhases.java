package org.snnspark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.snnspark.pipeline.distributed.RoundTimes;

/**
 * Where the timed rounds of a Spark measurement spent their time: the median of each phase of
 * {@link RoundTimes} over the last rounds (those the timer kept; warm-up rounds come first),
 * written into the measurement's line as {@code round_ms_*}.
 */
final class RoundPhases {
  private final List<RoundTimes> rounds = new ArrayList<>();

  void add(RoundTimes times) {
    rounds.add(times);
  }

  /** Puts the medians of the last {@code n} rounds into {@code line}. */
  void putInto(ResultLine line, int n) {
    List<RoundTimes> timed = rounds.subList(Math.max(0, rounds.size() - n), rounds.size());
    if (timed.isEmpty()) {
      return;
    }
    line.put("round_ms_driver_prepare", medianMs(timed, RoundTimes::driverPrepare))
        .put("round_ms_job", medianMs(timed, RoundTimes::job))
        .put("round_ms_driver_combine", medianMs(timed, RoundTimes::driverCombine))
        .put("round_ms_worker_load", medianMs(timed, RoundTimes::slowestLoad))
        .put("round_ms_worker_fit", medianMs(timed, RoundTimes::slowestFit))
        .put("round_ms_spark", medianMs(timed, RoundTimes::sparkOverhead));
  }

  private static double medianMs(List<RoundTimes> rounds, ToLongFunction<RoundTimes> phase) {
    return Stats.of(rounds.stream().mapToDouble(r -> phase.applyAsLong(r) / 1e6).toArray()).median();
  }
}
