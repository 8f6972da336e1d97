package org.snnspark.pipeline.sweep;

import java.util.List;

/**
 * The spec's {@code [early-stopping]}: asynchronous successive halving (ASHA, Li et al., "A System
 * for Massively Parallel Hyperparameter Tuning", MLSys 2020). Every trial first trains to the
 * lowest rung's epoch budget; a trial at rung k is promoted, continuing from its checkpoint to rung
 * k + 1 (after the last rung: to its {@code epochs}), once it is in the top 1/eta of the trials
 * that have completed rung k. Trials never promoted end as stopped.
 *
 * @param rungs epoch budgets, ascending, each below the trials' {@code epochs}
 * @param eta reduction factor: 1/eta of the trials at a rung go on to the next
 */
public record EarlyStopping(List<Integer> rungs, double eta) {

  public EarlyStopping {
    if (rungs.isEmpty()) {
      throw new IllegalArgumentException("rungs needs at least one epoch budget");
    }
    for (int i = 0; i < rungs.size(); i++) {
      if (rungs.get(i) < 1 || (i > 0 && rungs.get(i) <= rungs.get(i - 1))) {
        throw new IllegalArgumentException("rungs must be ascending epoch counts >= 1, got " + rungs);
      }
    }
    if (!(eta > 1)) {
      throw new IllegalArgumentException("eta must be > 1, got " + eta);
    }
    rungs = List.copyOf(rungs);
  }

  /** How many of {@code completed} trials at a rung are promoted: floor(completed / eta). */
  int promoted(int completed) {
    // the epsilon keeps eta = 3 with 3 trials at 1 rather than 0.9999...
    return (int) Math.floor(completed / eta + 1e-9);
  }
}
