package org.snnspark.pipeline.distributed;

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
  private float[] velocity;

  public OuterOptimizer(Averaging rule, double learningRate, double momentum) {
    this.rule = rule;
    this.learningRate = learningRate;
    this.momentum = momentum;
  }

  /**
   * Replaces {@code params[0 .. roles.length())} (the round's start) with the next round's
   * parameters, given the workers' mean {@code mean} (same layout).
   */
  void step(float[] params, double[] mean, ParamRoles roles) {
    if (rule == Averaging.PLAIN) {
      for (int j = 0; j < roles.length(); j++) {
        params[j] = (float) mean[j];
      }
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
    }, (from, to) -> {
      for (int j = from; j < to; j++) {
        params[j] = (float) mean[j];
      }
    });
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
