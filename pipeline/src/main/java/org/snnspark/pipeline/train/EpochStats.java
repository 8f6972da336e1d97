package org.snnspark.pipeline.train;

/** What one epoch of training measured; one line of metrics.csv and the per-epoch log line. */
public record EpochStats(int epoch, double trainLoss, double validAccuracy, double[] firingRates,
    long samples, double seconds) {

  public double samplesPerSecond() {
    return samples / Math.max(seconds, 1e-9);
  }
}
