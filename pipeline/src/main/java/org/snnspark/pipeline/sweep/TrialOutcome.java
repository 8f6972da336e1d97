package org.snnspark.pipeline.sweep;

import java.util.List;

/**
 * How a trial ended: its metric (NaN if it failed or has no such score), the best epoch's test
 * accuracy, the per-epoch validation accuracy and training loss, and the error of a failed one.
 */
public record TrialOutcome(Trial trial, boolean succeeded, double metric, int bestEpoch, Double testAccuracy,
    List<Double> validAccuracy, List<Double> trainLoss, double seconds, String error) {

  public String status() {
    return succeeded ? "SUCCEEDED" : "FAILED";
  }
}
