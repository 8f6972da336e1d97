package org.snnspark.pipeline.train;

import java.util.List;

/** The outcome of a training run: where it is, its epochs and the held-out scores. */
public record TrainResult(String runDir, List<EpochStats> epochs, int bestEpoch,
    double bestValidAccuracy, Double testAccuracy, long[][] testConfusion) {
}
