package org.snnspark.pipeline.nir;

/**
 * NIR's neurons are continuous, tau dv/dt = (v_leak - v) + r I; the tools that export and import it
 * (snnTorch, Norse) step them with forward Euler: v_t = (1 - dt/tau) v_{t-1} + (dt/tau) r I_t. A
 * per-step decay d therefore stands for tau = dt / (1 - d). Each conversion here is chosen so that
 * the way back gives the same double, which keeps export -> import exact in discrete time.
 */
final class EulerDecay {
  private static final int NUDGES = 64;

  private EulerDecay() {}

  /** The decay per step of time constant tau. */
  static double decay(double tau, double dt) {
    return 1.0 - dt / tau;
  }

  /** A time constant tau with {@code decay(tau, dt) == d} exactly (d in [0, 1)). */
  static double tau(double d, double dt) {
    double tau = dt / (1.0 - d);
    return nudge(tau, t -> decay(t, dt), d);
  }

  /** A time constant tau in units of one step with {@code exp(-1 / tau) == d} as exactly as doubles allow. */
  static double exponentialTau(double d) {
    double tau = -1.0 / Math.log(d);
    return nudge(tau, t -> Math.exp(-1.0 / t), d);
  }

  /** tau moved by a few ulps until {@code f(tau) == target}; the first guess when none hits it. */
  private static double nudge(double tau, java.util.function.DoubleUnaryOperator f, double target) {
    if (!(tau > 0) || Double.isInfinite(tau) || f.applyAsDouble(tau) == target) {
      return tau;
    }
    double up = tau;
    double down = tau;
    for (int i = 0; i < NUDGES; i++) {
      up = Math.nextUp(up);
      down = Math.nextDown(down);
      if (f.applyAsDouble(up) == target) {
        return up;
      }
      if (f.applyAsDouble(down) == target) {
        return down;
      }
    }
    return tau;
  }
}
