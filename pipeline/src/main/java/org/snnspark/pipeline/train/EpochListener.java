package org.snnspark.pipeline.train;

import org.snnspark.pipeline.report.EpochStats;

/** Told about every finished epoch of a {@link SparkTrainer} run, after its checkpoint is written. */
@FunctionalInterface
public interface EpochListener {
  void epochEnded(EpochStats stats);
}
