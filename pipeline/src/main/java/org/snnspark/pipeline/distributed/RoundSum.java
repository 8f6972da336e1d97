package org.snnspark.pipeline.distributed;

import java.io.Serializable;
import java.util.List;

/**
 * The sum of some workers' results, accumulated in double precision in ascending worker order,
 * so that a round's average does not depend on which task finished first.
 */
final class RoundSum implements Serializable {
  private double[] state;
  private int workers;
  private double scoreSum;
  private long minibatches;
  private long samples;
  private long networksBuilt;
  private long slowestLoadNanos;
  private long slowestFitNanos;

  static RoundSum of(List<WorkerResult> ascending) {
    RoundSum s = new RoundSum();
    ascending.forEach(s::add);
    return s;
  }

  void add(WorkerResult r) {
    scoreSum += r.scoreSum();
    minibatches += r.minibatches();
    samples += r.samples();
    networksBuilt += r.networkBuilt() ? 1 : 0;
    slowestLoadNanos = Math.max(slowestLoadNanos, r.loadNanos());
    slowestFitNanos = Math.max(slowestFitNanos, r.fitNanos());
    if (r.state() == null) {
      return;
    }
    float[] x = r.state();
    if (state == null) {
      state = new double[x.length];
    }
    for (int j = 0; j < x.length; j++) {
      state[j] += x[j];
    }
    workers++;
  }

  void add(RoundSum other) {
    scoreSum += other.scoreSum;
    minibatches += other.minibatches;
    samples += other.samples;
    networksBuilt += other.networksBuilt;
    slowestLoadNanos = Math.max(slowestLoadNanos, other.slowestLoadNanos);
    slowestFitNanos = Math.max(slowestFitNanos, other.slowestFitNanos);
    if (other.state == null) {
      return;
    }
    if (state == null) {
      state = other.state.clone();
    } else {
      for (int j = 0; j < state.length; j++) {
        state[j] += other.state[j];
      }
    }
    workers += other.workers;
  }

  /** The workers' mean state; null when no worker had data. */
  double[] mean() {
    if (state == null) {
      return null;
    }
    double[] m = new double[state.length];
    for (int j = 0; j < m.length; j++) {
      m[j] = state[j] / workers;
    }
    return m;
  }

  int workers() {
    return workers;
  }

  double meanScore() {
    return minibatches == 0 ? Double.NaN : scoreSum / minibatches;
  }

  long minibatches() {
    return minibatches;
  }

  long samples() {
    return samples;
  }

  long networksBuilt() {
    return networksBuilt;
  }

  /** The longest any worker took to fetch and load the round's start state. */
  long slowestLoadNanos() {
    return slowestLoadNanos;
  }

  /** The longest any worker took to fit its minibatches and read its state. */
  long slowestFitNanos() {
    return slowestFitNanos;
  }
}
