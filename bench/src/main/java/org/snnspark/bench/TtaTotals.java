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
  /** Per run name ({@code tta/SETUP/wN}): epochs to the target on each dataset so far, 0 = not reached. */
  private final Map<String, List<Integer>> epochs = new LinkedHashMap<>();

  TtaTotals(int maxEpochs) {
    this.maxEpochs = maxEpochs;
  }

  /** Records one dataset's run; {@code epochsToTarget} 0 when it did not reach the target. */
  void add(String run, int epochsToTarget) {
    epochs.computeIfAbsent(run, k -> new ArrayList<>()).add(epochsToTarget);
  }

  /** Datasets recorded for {@code run}. */
  int datasets(String run) {
    return epochs.getOrDefault(run, List.of()).size();
  }

  /** The total over the datasets, a run that missed counted as {@code maxEpochs}. */
  int total(String run) {
    int sum = 0;
    for (int e : epochs.getOrDefault(run, List.of())) {
      sum += e == 0 ? maxEpochs : e;
    }
    return sum;
  }

  /** Datasets on which {@code run} did not reach the target. */
  int notReached(String run) {
    return (int) epochs.getOrDefault(run, List.of()).stream().filter(e -> e == 0).count();
  }

  /**
   * The summary line {@code run + "/total"}: epochs per dataset, their total and, when {@code
   * oneWorkerRun} covers the same datasets, the total against one worker's.
   */
  ResultLine line(String run, String oneWorkerRun, List<Long> seeds) {
    List<Object> perDataset = new ArrayList<>();
    for (int e : epochs.getOrDefault(run, List.of())) {
      perDataset.add(e == 0 ? "not reached in " + maxEpochs : e);
    }
    ResultLine line = new ResultLine(run + "/total", "tta").param("datasets", datasets(run))
        .param("dataset_seeds", seeds).param("max_epochs", maxEpochs)
        .put("epochs_to_target_by_dataset", perDataset)
        .put("epochs_to_target_total", (Object) total(run))
        .put("datasets_not_reached", (Object) notReached(run));
    if (oneWorkerRun != null && datasets(oneWorkerRun) == datasets(run) && total(oneWorkerRun) > 0
        && notReached(oneWorkerRun) == 0) {
      line.put("epochs_vs_1_worker", total(run) / (double) total(oneWorkerRun));
    }
    return line;
  }
}
