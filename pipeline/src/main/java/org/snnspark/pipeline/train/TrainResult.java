package org.snnspark.pipeline.train;

import java.util.List;
import org.snnspark.pipeline.report.EpochStats;

/**
 * The outcome of a training run: where it is, its epochs and the held-out scores.
 *
 * @param workers data-parallel workers it trained with
 * @param roundsPerEpoch averaging rounds (averaged updates of the parameters) in each epoch
 * @param noiseScales with --noise-scale-samples: the gradient noise scale before this run's first
 *     epoch, then after each of its epochs; else empty
 */
public record TrainResult(String runDir, List<EpochStats> epochs, int bestEpoch,
    double bestValidAccuracy, Double testAccuracy, long[][] testConfusion, int workers, int roundsPerEpoch,
    List<GradientNoiseScale> noiseScales) {
}
