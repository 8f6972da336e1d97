package org.snnspark.pipeline.sweep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hands the sweep's driver threads their jobs: ASHA's get_job (Li et al., MLSys 2020, Algorithm 2)
 * over the sweep's fixed list of trials. From the highest rung down, a trial in the top
 * floor(n / eta) of the n trials that completed rung k, and not yet promoted from it, goes on to
 * rung k + 1; if none can, the next trial not yet started trains to the first rung. The paper draws
 * a new configuration whenever nothing is promotable; a sweep's trials are a fixed list, so once
 * all have started a free thread waits for the running jobs, since each may make a trial
 * promotable, and the sweep ends when none is running and none is promotable. Without early
 * stopping there is one rung, the trial's {@code epochs}: a plain grid.
 *
 * <p>Ranking is by metric, then by trial order, so the promotions depend on the results and not on
 * which job happened to end first; a NaN metric ranks last.
 */
final class AshaScheduler {
  /** Train {@code trial} until {@code epochs}, the budget of {@code rung}. */
  record Job(Trial trial, int rung, int epochs, boolean last) {}

  private final List<Trial> trials;
  private final List<Integer> budgets;
  private final EarlyStopping rule;
  private final boolean maximise;
  private final Map<String, Integer> order = new HashMap<>();
  /** Per rung: the trials that completed it, with their metric. */
  private final List<Map<String, Double>> completed = new ArrayList<>();
  /** Per rung: the trials promoted from it. */
  private final List<Set<String>> promoted = new ArrayList<>();
  private final Deque<Trial> notStarted = new ArrayDeque<>();
  private final Map<String, List<RungResult>> results = new LinkedHashMap<>();
  private final Map<String, String> errors = new LinkedHashMap<>();
  private int running;

  /**
   * @param rule the early-stopping rule, null for a plain grid
   * @param journal the results a killed sweep had recorded: those jobs are not handed out again
   */
  AshaScheduler(List<Trial> trials, EarlyStopping rule, boolean maximise, List<RungResult> journal) {
    this.trials = trials;
    this.rule = rule;
    this.maximise = maximise;
    this.budgets = rule == null ? List.of() : rule.rungs();
    for (int k = 0; k <= budgets.size(); k++) {
      completed.add(new LinkedHashMap<>());
      promoted.add(new HashSet<>());
    }
    for (int i = 0; i < trials.size(); i++) {
      order.put(trials.get(i).id(), i);
    }
    journal.forEach(this::restore);
    trials.stream().filter(t -> !results.containsKey(t.id())).forEach(notStarted::add);
  }

  /** The final rung's index: a trial that reached it has run all its epochs. */
  int lastRung() {
    return budgets.size();
  }

  /**
   * The next job, waiting while none can be given but some are running; empty once the sweep has
   * nothing left to train.
   */
  synchronized Optional<Job> next() throws InterruptedException {
    while (true) {
      Job job = promotion();
      if (job == null && !notStarted.isEmpty()) {
        job = job(notStarted.poll(), 0);
      }
      if (job != null) {
        running++;
        return Optional.of(job);
      }
      if (running == 0) {
        return Optional.empty();
      }
      wait();
    }
  }

  synchronized void reached(RungResult r) {
    restore(r);
    running--;
    notifyAll();
  }

  synchronized void failed(Trial trial, String error) {
    errors.put(trial.id(), error);
    running--;
    notifyAll();
  }

  /** How each trial ended, in trial order: finished, stopped at its last rung, or failed. */
  synchronized List<TrialOutcome> outcomes() {
    List<TrialOutcome> out = new ArrayList<>();
    for (Trial t : trials) {
      List<RungResult> rs = results.get(t.id());
      if (errors.containsKey(t.id()) || rs == null) {
        out.add(new TrialOutcome(t, TrialStatus.FAILED, Double.NaN, 0, null, List.of(), List.of(),
            rs == null ? 0 : seconds(rs), errors.getOrDefault(t.id(), "never trained")));
        continue;
      }
      RungResult last = rs.get(rs.size() - 1);
      out.add(new TrialOutcome(t, last.rung() == lastRung() ? TrialStatus.SUCCEEDED : TrialStatus.STOPPED,
          last.metric(), last.bestEpoch(), last.testAccuracy(), last.validAccuracy(), last.trainLoss(),
          seconds(rs), null));
    }
    return out;
  }

  private void restore(RungResult r) {
    completed.get(r.rung()).put(r.trial(), r.metric());
    if (r.rung() > 0) {
      promoted.get(r.rung() - 1).add(r.trial());
    }
    List<RungResult> rs = results.computeIfAbsent(r.trial(), k -> new ArrayList<>());
    rs.add(r);
    rs.sort(Comparator.comparingInt(RungResult::rung));
  }

  private Job promotion() {
    for (int k = budgets.size() - 1; k >= 0; k--) {
      Map<String, Double> done = completed.get(k);
      List<String> ranked = new ArrayList<>(done.keySet());
      ranked.sort(Comparator.comparingDouble((String id) -> rankKey(done.get(id))).thenComparingInt(order::get));
      for (String id : ranked.subList(0, rule.promoted(done.size()))) {
        if (promoted.get(k).add(id)) {
          return job(trials.get(order.get(id)), k + 1);
        }
      }
    }
    return null;
  }

  private double rankKey(double metric) {
    if (Double.isNaN(metric)) {
      return Double.POSITIVE_INFINITY;
    }
    return maximise ? -metric : metric;
  }

  private Job job(Trial trial, int rung) {
    boolean last = rung == lastRung();
    return new Job(trial, rung, last ? trial.config().epochs : budgets.get(rung), last);
  }

  private static double seconds(List<RungResult> rs) {
    return rs.stream().mapToDouble(RungResult::seconds).sum();
  }
}
