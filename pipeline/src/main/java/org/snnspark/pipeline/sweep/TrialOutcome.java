package org.snnspark.pipeline.sweep;

import java.util.List;

/**
 * How a trial ended: its metric (NaN if it failed or has no such score; a stopped one's at its rung), the best epoch's test
 * accuracy, the per-epoch validation accuracy and training loss, and the error of a failed one.
 */
public record TrialOutcome(Trial trial, TrialStatus status, double metric, int bestEpoch, Double testAccuracy,
    List<Double> validAccuracy, List<Double> trainLoss, double seconds, String error) {

  /** Ran all its epochs: the trials a leaderboard averages. */
  public boolean succeeded() {
    return status == TrialStatus.SUCCEEDED;
  }
}
