package org.snnspark.pipeline.distributed;

/**
 * The workers' learning-rate factor over the first rounds: from 1 (one worker's rate) linearly to
 * the scaled factor over {@code rounds} rounds, then constant. A larger rate from the first step
 * can throw freshly initialised weights far off (Goyal et al. 2017's gradual warm-up).
 */
public final class LrWarmup {
  private final double target;
  private final long rounds;

  public LrWarmup(double target, long rounds) {
    if (!(target > 0) || rounds < 0) {
      throw new IllegalArgumentException("warm-up to " + target + " over " + rounds + " rounds");
    }
    this.target = target;
    this.rounds = rounds;
  }

  /** The factor in round {@code round} (0-based, counted over the whole run). */
  public double at(long round) {
    if (round >= rounds) {
      return target;
    }
    return 1 + (target - 1) * (round + 1) / (double) rounds;
  }
}
