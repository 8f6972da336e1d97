package org.snnspark.pipeline.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What trials scored at each rung so far, shared by the trials running at once. */
final class RungBoard {
  private final EarlyStopping rule;
  private final boolean maximise;
  private final Map<Integer, List<Double>> seen = new HashMap<>();

  RungBoard(EarlyStopping rule, boolean maximise) {
    this.rule = rule;
    this.maximise = maximise;
  }

  boolean isRung(int epoch) {
    return rule.rungs().contains(epoch);
  }

  /**
   * Records {@code value} at the rung of {@code epoch}; true if it is at least as good as the k-th
   * best recorded there, k = ceil(keep x recorded), so the first trial at a rung always continues.
   */
  synchronized boolean continues(int epoch, double value) {
    List<Double> values = seen.computeIfAbsent(epoch, e -> new ArrayList<>());
    values.add(value);
    List<Double> best = new ArrayList<>(values);
    best.sort(maximise ? (a, b) -> Double.compare(b, a) : Double::compare);
    int k = (int) Math.ceil(rule.keep() * best.size());
    double cutoff = best.get(k - 1);
    return maximise ? value >= cutoff : value <= cutoff;
  }
}
