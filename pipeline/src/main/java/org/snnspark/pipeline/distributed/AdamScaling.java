package org.snnspark.pipeline.distributed;

/**
 * How the workers' Adam follows the number of workers N. Averaging N workers' steps is one step
 * on N times as many samples, so an epoch holds N times fewer steps. To keep the progress per
 * sample, the step grows with N (Goyal et al. 2017 scale SGD's rate linearly; for Adam the square
 * root keeps its stochastic dynamics, Malladi et al. NeurIPS 2022), and Adam's moment averages
 * must span as many samples as one worker's do: with N times fewer steps their decays become
 * beta' = 1 - N (1 - beta) (Malladi et al.'s rule; at least 0). Here the workers' moments are
 * averaged, so the second moment keeps one worker's noise level and does not shrink as a large
 * batch's would: the rate needs the larger of the two factors.
 * <ul>
 *   <li>{@link #NONE}: one worker's rate and decays;</li>
 *   <li>{@link #SQRT}: rate x sqrt(N), decays scaled;</li>
 *   <li>{@link #LINEAR}: rate x N, decays scaled.</li>
 * </ul>
 */
public enum AdamScaling {
  NONE,
  SQRT,
  LINEAR;

  /** The factor applied to the base learning rate with {@code workers} workers. */
  public double rateFactor(int workers) {
    return switch (this) {
      case NONE -> 1;
      case SQRT -> Math.sqrt(workers);
      case LINEAR -> workers;
    };
  }

  /** A moment decay ({@code beta1} or {@code beta2}) for {@code workers} workers. */
  public double decay(double beta, int workers) {
    return this == NONE ? beta : Math.max(0, 1 - workers * (1 - beta));
  }
}
