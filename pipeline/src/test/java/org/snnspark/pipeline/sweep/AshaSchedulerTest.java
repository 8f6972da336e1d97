package org.snnspark.pipeline.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snnspark.pipeline.train.TrainConfig;

/**
 * ASHA's get_job (Li et al., MLSys 2020, Algorithm 2) on four trials, one job at a time: a trial at
 * a rung goes on once it is in the top floor(n / eta) of the n trials that completed the rung.
 */
class AshaSchedulerTest {
  private static final List<Trial> TRIALS = List.of(trial("000"), trial("001"), trial("002"), trial("003"));
  private static final Map<String, Double> RUNG_0 = Map.of("000", 0.5, "001", 0.7, "002", 0.9, "003", 0.1);

  @Test
  void promotesTheTopFractionOfARungAsItFillsAndStopsTheRest() throws Exception {
    AshaScheduler asha = new AshaScheduler(TRIALS, new EarlyStopping(List.of(1), 2), true, List.of());
    List<String> jobs = runAll(asha, new ArrayList<>());
    assertEquals(List.of(
        "000 to 1",  // alone at rung 0: floor(1/2) = 0 go on
        "001 to 1",
        "001 to 3",  // top 1 of {0.5, 0.7}
        "002 to 1",  // top 1 of 3 is 001, already promoted: start the next trial
        "002 to 3",  // 0.9 is the new top 1 of 3
        "003 to 1"), // top 2 of 4 are 002 and 001: both promoted, nothing left
        jobs);
    assertEquals(List.of(TrialStatus.STOPPED, TrialStatus.SUCCEEDED, TrialStatus.SUCCEEDED, TrialStatus.STOPPED),
        asha.outcomes().stream().map(TrialOutcome::status).toList());
  }

  @Test
  void aSchedulerRebuiltFromTheJournalHandsOutTheJobsThatWereLeft() throws Exception {
    List<RungResult> journal = new ArrayList<>();
    List<String> uninterrupted = runAll(new AshaScheduler(TRIALS, new EarlyStopping(List.of(1), 2), true,
        List.of()), journal);
    AshaScheduler resumed = new AshaScheduler(TRIALS, new EarlyStopping(List.of(1), 2), true, journal.subList(0, 3));
    assertEquals(uninterrupted.subList(3, uninterrupted.size()), runAll(resumed, new ArrayList<>()));
  }

  @Test
  void withoutEarlyStoppingEveryTrialRunsOnceToItsEpochs() throws Exception {
    AshaScheduler grid = new AshaScheduler(TRIALS, null, true, List.of());
    assertEquals(List.of("000 to 3", "001 to 3", "002 to 3", "003 to 3"), runAll(grid, new ArrayList<>()));
  }

  /** Runs every job the scheduler gives, each trial scoring its RUNG_0 value (+0.05 a rung); the jobs as text. */
  private static List<String> runAll(AshaScheduler asha, List<RungResult> journal) throws Exception {
    List<String> jobs = new ArrayList<>();
    for (AshaScheduler.Job job = asha.next().orElse(null); job != null; job = asha.next().orElse(null)) {
      jobs.add(job.trial().id() + " to " + job.epochs());
      RungResult r = new RungResult(job.trial().id(), job.rung(), job.epochs(),
          RUNG_0.get(job.trial().id()) + 0.05 * job.rung(), 1, 0, 1, null, List.of(), List.of());
      journal.add(r);
      asha.reached(r);
    }
    return jobs;
  }

  private static Trial trial(String id) {
    TrainConfig cfg = new TrainConfig();
    cfg.epochs = 3;
    return new Trial(id, Integer.parseInt(id), 1, Map.of(), cfg);
  }
}
