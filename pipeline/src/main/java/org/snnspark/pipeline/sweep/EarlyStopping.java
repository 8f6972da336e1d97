package org.snnspark.pipeline.sweep;

import java.util.List;

/**
 * The spec's {@code [early-stopping]}: asynchronous successive halving (ASHA, Li et al., MLSys 2020)
 * in its stopping form. A trial reaching a rung's epoch budget goes on only if its metric is among
 * the best {@code keep} fraction of all trials that have reached that rung so far; otherwise it
 * stops there, its checkpoints kept. No trial waits for another, so every core stays busy.
 *
 * @param rungs epoch budgets, ascending
 * @param keep fraction of the trials at a rung that continue (1/eta in the paper)
 */
public record EarlyStopping(List<Integer> rungs, double keep) {

  public EarlyStopping {
    if (rungs.isEmpty()) {
      throw new IllegalArgumentException("rungs needs at least one epoch budget");
    }
    for (int i = 0; i < rungs.size(); i++) {
      if (rungs.get(i) < 1 || (i > 0 && rungs.get(i) <= rungs.get(i - 1))) {
        throw new IllegalArgumentException("rungs must be ascending epoch counts >= 1, got " + rungs);
      }
    }
    if (!(keep > 0 && keep < 1)) {
      throw new IllegalArgumentException("keep must be in (0, 1), got " + keep);
    }
    rungs = List.copyOf(rungs);
  }
}
