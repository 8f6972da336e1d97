package org.snnspark.pipeline.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The leaderboard: mean and spread over seeds, best first in the spec's direction. */
class SweepLeaderboardTest {
  private static TrialOutcome outcome(int configuration, String neuron, double metric) {
    Trial t = new Trial("x", configuration, 1, Map.of("neuron", neuron), null);
    boolean ok = !Double.isNaN(metric);
    return new TrialOutcome(t, ok ? TrialStatus.SUCCEEDED : TrialStatus.FAILED, metric, 1, null, List.of(), List.of(), 1,
        ok ? null : "boom");
  }

  private static List<TrialOutcome> outcomes() {
    List<TrialOutcome> os = new ArrayList<>();
    os.add(outcome(0, "LIF", 0.5));
    os.add(outcome(0, "LIF", 0.7));
    os.add(outcome(1, "RLIF", 0.8));
    os.add(outcome(1, "RLIF", 0.9));
    os.add(outcome(2, "ADLIF", Double.NaN));
    return os;
  }

  @Test
  void maxRanksTheHighestMeanFirstAndFailuresLast() {
    Leaderboard b = new Leaderboard(outcomes(), SweepMetric.VALID_ACCURACY, true);
    assertEquals(List.of(1, 0, 2), b.entries().stream().map(Leaderboard.Entry::configuration).toList());
    assertEquals(0.85, b.entries().get(0).mean(), 1e-12);
    assertEquals(Math.sqrt(0.005), b.entries().get(0).std(), 1e-12);
    assertEquals(0.9, b.best().orElseThrow().metric());
    assertEquals("""
        rank  valid_accuracy (max)  seeds  configuration
           1  0.8500 ± 0.0707         2/2  neuron=RLIF
           2  0.6000 ± 0.1414         2/2  neuron=LIF
           3  failed                  0/1  neuron=ADLIF
        """, b.render());
  }

  @Test
  void minRanksTheLowestMeanFirst() {
    Leaderboard b = new Leaderboard(outcomes(), SweepMetric.TRAIN_LOSS, false);
    assertEquals(List.of(0, 1, 2), b.entries().stream().map(Leaderboard.Entry::configuration).toList());
    assertEquals(0.5, b.best().orElseThrow().metric());
  }
}
