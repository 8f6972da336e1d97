package org.snnspark.pipeline.distributed;

/**
 * How the inner learning rate grows with the number of workers N. Averaging N workers' steps
 * every minibatch is one step on an N times larger batch, whose gradient has N times less
 * variance: a larger step keeps the progress per sample (Goyal et al. 2017 scale SGD linearly;
 * for Adam, whose step is normalised by the gradient's scale, the square root is the usual rule,
 * Malladi et al. NeurIPS 2022).
 */
public enum LrScaling {
  NONE,
  SQRT,
  LINEAR;

  /** The factor applied to the base learning rate with {@code workers} workers. */
  public double factor(int workers) {
    return switch (this) {
      case NONE -> 1;
      case SQRT -> Math.sqrt(workers);
      case LINEAR -> workers;
    };
  }
}
