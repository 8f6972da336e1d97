package org.snnspark.pipeline.report;

/**
 * What one epoch of training measured: one row of metrics.csv, one log line, and part of the
 * checkpointed run state.
 *
 * @param trainLoss mean of the averaging rounds' losses (workers' last minibatch, averaged)
 * @param trainAccuracy accuracy on a fixed, seeded subset of the training split after the epoch
 * @param validAccuracy NaN when the dataset has no validation split
 * @param firingRates mean spike probability per spiking layer on a fixed probe batch
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validAccuracy,
    double learningRate, double[] firingRates, long samples, double seconds) {

  public double samplesPerSecond() {
    return samples / Math.max(seconds, 1e-9);
  }
}
