package org.snnspark.pipeline.distributed;

import org.snnspark.models.engine.InputProjection;

/**
 * The driver's side of a round: from the parameters every worker started with and the mean of
 * the parameters they returned, the parameters of the next round (see {@link Averaging} for the
 * equations). Holds the outer momentum, which a checkpoint must keep for a resumed run to equal
 * an uninterrupted one.
 */
public final class OuterOptimizer {
  private final Averaging rule;
  private final double learningRate;
  private final double momentum;
  private final StatisticsDecay statistics;
  private float[] velocity;

  public OuterOptimizer(Averaging rule, double learningRate, double momentum, StatisticsDecay statistics) {
    this.rule = rule;
    this.learningRate = learningRate;
    this.momentum = momentum;
    this.statistics = statistics;
  }

  /** DL4J's parameter averaging: the workers' mean, statistics included. */
  public static OuterOptimizer plain() {
    return new OuterOptimizer(Averaging.PLAIN, 1, 0, StatisticsDecay.PER_ROUND);
  }

  /**
   * Replaces {@code params[0 .. roles.length())} (the round's start) with the next round's
   * parameters, given the mean {@code mean} (same layout) of {@code workers} workers that each
   * took {@code steps} minibatch steps.
   */
  void step(float[] params, double[] mean, ParamRoles roles, int workers, int steps) {
    double gain = statistics.gain(InputProjection.BN_MOMENTUM, workers, steps);
    ParamRoles.RangeAction statistic = (from, to) -> {
      for (int j = from; j < to; j++) {
        params[j] = gain == 1 ? (float) mean[j] : (float) (params[j] + gain * (mean[j] - params[j]));
      }
    };
    if (rule == Averaging.PLAIN) {
      roles.forEachRange((from, to) -> {
        for (int j = from; j < to; j++) {
          params[j] = (float) mean[j];
        }
      }, statistic);
      return;
    }
    if (velocity == null) {
      velocity = new float[(int) roles.length()];
    }
    float[] u = velocity;
    roles.forEachRange((from, to) -> {
      for (int j = from; j < to; j++) {
        double d = mean[j] - params[j];
        double v = momentum * u[j] + d;
        u[j] = (float) v;
        params[j] = (float) (params[j] + learningRate * (d + momentum * v));
      }
    }, statistic);
  }

  /** The outer momentum (null before the first step, and always for PLAIN). */
  public float[] velocity() {
    return velocity == null ? null : velocity.clone();
  }

  public void restoreVelocity(float[] v) {
    velocity = v == null ? null : v.clone();
  }

  public Averaging rule() {
    return rule;
  }
}
