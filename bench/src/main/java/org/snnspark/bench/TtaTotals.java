package org.snnspark.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Epochs to the target summed over several generated datasets, per setup and worker count. One
 * dataset's epochs move by a couple of epochs with the data and the initialisation alone, so a
 * setup is judged by its total over datasets, each worker count against one worker's total on the
 * same datasets. A run that misses the target counts as its epoch limit, and the total then says
 * it is a lower bound.
 */
final class TtaTotals {
  private final int maxEpochs;
  /** Per run name ({@code tta/SETUP/wN}): epochs to the target per dataset seed, 0 = not reached. */
  private final Map<String, Map<Long, Integer>> epochs = new LinkedHashMap<>();

  TtaTotals(int maxEpochs) {
    this.maxEpochs = maxEpochs;
  }

  /** Records the run on the dataset of {@code seed}; {@code epochsToTarget} 0 when it did not reach the target. */
  void add(String run, long seed, int epochsToTarget) {
    epochs.computeIfAbsent(run, k -> new LinkedHashMap<>()).put(seed, epochsToTarget);
  }

  /** Datasets recorded for {@code run}. */
  int datasets(String run) {
    return of(run).size();
  }

  /** The total over the datasets, a run that missed counted as {@code maxEpochs}. */
  int total(String run) {
    int sum = 0;
    for (int e : of(run).values()) {
      sum += e == 0 ? maxEpochs : e;
    }
    return sum;
  }

  /** Datasets on which {@code run} did not reach the target. */
  int notReached(String run) {
    return (int) of(run).values().stream().filter(e -> e == 0).count();
  }

  /**
   * The summary line {@code run + "/total"}: epochs per dataset, their total and, when {@code
   * oneWorkerRun} reached the target on the same datasets, the total against one worker's.
   */
  ResultLine line(String run, String oneWorkerRun) {
    List<Object> perDataset = new ArrayList<>();
    for (int e : of(run).values()) {
      perDataset.add(e == 0 ? "not reached in " + maxEpochs : e);
    }
    ResultLine line = new ResultLine(run + "/total", "tta").param("datasets", datasets(run))
        .param("dataset_seeds", List.copyOf(of(run).keySet())).param("max_epochs", maxEpochs)
        .put("epochs_to_target_by_dataset", perDataset)
        .put("epochs_to_target_total", (Object) total(run))
        .put("datasets_not_reached", (Object) notReached(run));
    if (oneWorkerRun != null && of(oneWorkerRun).keySet().equals(of(run).keySet()) && notReached(oneWorkerRun) == 0) {
      line.put("epochs_vs_1_worker", total(run) / (double) total(oneWorkerRun));
    }
    return line;
  }

  private Map<Long, Integer> of(String run) {
    return epochs.getOrDefault(run, Map.of());
  }
}
