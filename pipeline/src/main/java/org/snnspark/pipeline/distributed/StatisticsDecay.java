package org.snnspark.pipeline.distributed;

/**
 * How a round moves the parameters that are running statistics rather than trained weights (the
 * batch-norm running mean and variance: exponential averages with momentum m per minibatch).
 * <ul>
 *   <li>{@link #PER_ROUND}: they take the workers' mean, as DL4J's averaging does. Each worker's
 *       average has then decayed over its own s minibatches of the round, so over an epoch the
 *       statistics decay N times fewer times than one worker's would, and lag the weights: the
 *       accuracy scored with them (inference mode) falls behind the training loss.</li>
 *   <li>{@link #PER_MINIBATCH}: they move as one worker's average would over all N s minibatches
 *       of the round: from r0 by (1 - (1-m)^(N s)) / (1 - (1-m)^s) times the mean change, a
 *       convex combination of r0 and the workers' batch statistics (a variance stays positive).</li>
 * </ul>
 */
public enum StatisticsDecay {
  PER_ROUND,
  PER_MINIBATCH;

  /** How far the statistics move towards the workers' mean: 1 is the mean itself. */
  double gain(double momentum, int workers, int steps) {
    if (this == PER_ROUND) {
      return 1;
    }
    double keep = 1 - momentum;
    return (1 - Math.pow(keep, (double) workers * steps)) / (1 - Math.pow(keep, steps));
  }
}
