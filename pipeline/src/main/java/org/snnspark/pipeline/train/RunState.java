package org.snnspark.pipeline.train;

import java.util.ArrayList;
import java.util.List;
import org.snnspark.pipeline.report.EpochStats;

/**
 * Everything a run needs besides the network to continue after its last finished epoch; written
 * as state.json next to that epoch's checkpoint. Public fields: it is a JSON record, not a model.
 */
public final class RunState {
  public int epoch;
  /** The data-parallel workers the run trains with, resolved (0 in checkpoints from before it was recorded). */
  public int workers;
  public String checkpoint;
  public String bestCheckpoint;
  /** The outer optimizer's momentum after this epoch (raw float32), null when it has none. */
  public String outerVelocity;
  public int bestEpoch;
  public double bestValidAccuracy = Double.NaN;
  public double learningRate;
  /** ReduceLROnPlateau's memory: the best metric so far and epochs since it improved. */
  public double plateauBest = Double.NEGATIVE_INFINITY;
  public int plateauBadEpochs;
  public List<EpochStats> history = new ArrayList<>();

  /** Applies the schedule after an epoch that scored {@code metric}; returns the next rate. */
  double nextLearningRate(TrainConfig cfg, double metric) {
    if (cfg.lrSchedule != LrSchedule.PLATEAU || Double.isNaN(metric)) {
      return learningRate;
    }
    // PyTorch's default threshold: 1e-4 relative improvement counts as better
    if (metric > plateauBest * (1 + 1e-4)) {
      plateauBest = metric;
      plateauBadEpochs = 0;
    } else if (++plateauBadEpochs > cfg.lrPatience) {
      learningRate = Math.max(learningRate * cfg.lrFactor, cfg.lrMin);
      plateauBadEpochs = 0;
    }
    return learningRate;
  }
}
