package org.snnspark.pipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The parameter averaging rounds of a {@code train} application, read from the scheduler events
 * {@link TaskEventRecorder} wrote down: which executors trained, how many results each round
 * averaged, which task attempts failed.
 */
final class TrainingRounds {
  /**
   * The stage name of an averaging round: each round is one job, whose workers' results the
   * driver collects (up to the aggregation fan-in, straight from the training stage).
   */
  static final String TRAINING_STAGE = "collect at TreeSum";

  private TrainingRounds() {}

  /** One parameter averaging round: its job and what its tasks did. */
  static final class Round {
    final String job;
    /** The job group: {@code sweep-trial-<id>} for a sweep's trial. */
    String group;
    String result = "running";
    final Set<String> successPartitions = new TreeSet<>();
    final Set<String> successExecutors = new TreeSet<>();
    final List<String> failures = new ArrayList<>();
    int attempts;

    Round(String job) {
      this.job = job;
    }

    /** Results the round combined: Spark delivers one per partition. */
    int averaged() {
      return successPartitions.size();
    }

    @Override
    public String toString() {
      return "job " + job + " " + result + ": " + attempts + " task attempts, partitions "
          + successPartitions + " succeeded on executors " + successExecutors
          + (failures.isEmpty() ? "" : ", failed: " + failures);
    }
  }

  /** The training rounds among an application's events, by job id. */
  static Map<String, Round> of(List<Map<String, String>> ev) {
    Map<String, Round> rounds = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
    for (Map<String, String> e : ev) {
      if (!e.getOrDefault("name", "").startsWith(TRAINING_STAGE)) {
        continue;
      }
      if ("jobStart".equals(e.get("event"))) {
        rounds.computeIfAbsent(e.get("job"), Round::new).group = e.get("group");
      } else if ("taskEnd".equals(e.get("event")) && "ResultTask".equals(e.get("type"))) {
        Round r = rounds.computeIfAbsent(e.get("job"), Round::new);
        r.attempts++;
        if ("true".equals(e.get("successful"))) {
          r.successPartitions.add(e.get("partition"));
          r.successExecutors.add(e.get("executor"));
        } else {
          r.failures.add("partition " + e.get("partition") + " on executor " + e.get("executor")
              + ": " + e.get("reason") + " (" + e.get("detail") + ")");
        }
      }
    }
    for (Map<String, String> e : ev) {
      if ("jobEnd".equals(e.get("event")) && rounds.containsKey(e.get("job"))) {
        rounds.get(e.get("job")).result = e.get("result");
      }
    }
    return rounds;
  }

  /**
   * Asserts {@code count} rounds, each of which succeeded and averaged the results of
   * {@code workers} workers; returns the executors whose results the rounds averaged.
   */
  static Set<String> assertAllAveraged(Map<String, Round> rounds, int count, int workers) {
    assertEquals(count, rounds.size(), "parameter averaging rounds: " + rounds.keySet());
    Set<String> executors = new TreeSet<>();
    for (Round r : rounds.values()) {
      assertEquals("JobSucceeded$", r.result, "round " + r);
      assertEquals(workers, r.averaged(), "results averaged in round " + r);
      executors.addAll(r.successExecutors);
    }
    return executors;
  }

  /** One line per round, indented. */
  static String describe(Map<String, Round> rounds) {
    return rounds.values().stream().map(r -> "  " + r).collect(Collectors.joining("\n"));
  }
}
